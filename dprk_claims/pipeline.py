"""Chains the stages: read seeds → parse → annotate → validate → write → card.

Each stage is a plain function over an iterator of records; this module only connects them.
"""

from __future__ import annotations

import filecmp
import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import annotations as curated
from . import assemble, cache, card, document, engine, manifest, passes, seeds, textfree, validate, verdicts, versions, write
from .errors import AnnotationError, CheckFailed, DatasetError, Problem
from .records import Document
from .schemas import CONFIGS, row_key


@dataclass
class Inputs:
    seeds: Path
    annotations: Path
    kb: Path
    last_release: Path | None = None  # what the last release held (versions.py); None: nothing released
    keep_going: bool = False
    engine: str = "local"  # local worker processes, or dask
    workers: int | None = None  # local workers; None: one per core for large builds, none for small ones
    scheduler: str | None = None  # the Dask scheduler's address
    cache: Path | None = None  # incremental builds: where per-article results are kept (None: no cache)
    progress: Callable[[int, int], None] | None = None  # called with (articles done, articles in all)

    @property
    def passes(self) -> Path:
        return self.annotations / "passes"

    @property
    def verdicts(self) -> Path:
        return self.annotations / "verdicts"

    @property
    def links(self) -> Path:
        return self.annotations / curated.LINKS_FILE


@dataclass
class BuildReport:
    articles: int = 0
    claims: int = 0
    curated: list[str] = field(default_factory=list)
    unannotated: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    version: str = ""


def tasks(inputs: Inputs, sink: list[Problem] | None) -> list[document.Task]:
    """One task per seed file: the seed, its curated annotation file if any, and the knowledge base.
    An annotation file without a seed is a problem (raised, or added to the sink)."""
    curated.load_kb(inputs.kb)  # a missing or broken knowledge base stops the build before any work
    paths = seeds.seed_paths(inputs.seeds, sink)
    files = {p.stem: p for p in sorted(inputs.annotations.glob("[0-9][0-9][0-9]_*.json"))} if inputs.annotations.is_dir() else {}
    stems = {p.stem for p in paths}
    orphans = [Problem(str(files[stem]), None, "article_id", "orphan_annotation", "no seed file for this annotation file",
                       repr(stem), f"add seeds/{stem}.txt, or move the annotation file out of the annotations folder")
               for stem in sorted(set(files) - stems)]
    if orphans and sink is None:
        raise AnnotationError(orphans)
    if sink is not None:
        sink.extend(orphans)
    return [(str(p), str(files[p.stem]) if p.stem in files else None, str(inputs.kb)) for p in paths]


def documents(inputs: Inputs, sink: list[Problem] | None = None) -> Iterator[Document]:
    """Every article through read → parse → annotate → per-article checks, run by the chosen engine, in
    seed order. Without a sink, any problem raises one DatasetError with all of them at the end; with a
    sink (``--keep-going``) the problems go to it and the good documents go on."""
    problems: list[Problem] = []
    work = tasks(inputs, sink)

    def run(todo: Sequence[document.Task]) -> Iterator[tuple[Document | None, list[Problem]]]:
        return engine.run(document.process, todo, inputs.engine, inputs.workers, inputs.scheduler)

    for done, (doc, found) in enumerate(cache.run(run, work, inputs.cache), 1):
        if inputs.progress is not None:
            inputs.progress(done, len(work))
        problems += found
        if doc is not None and not found:
            yield doc
    if problems and sink is None:
        raise DatasetError(problems)
    if sink is not None:
        sink.extend(problems)


def collect(inputs: Inputs) -> tuple[dict[str, list[dict[str, Any]]], BuildReport]:
    """Every validated row of every config, sorted canonically, and what the build saw."""
    report = BuildReport()
    tables: dict[str, list[dict[str, Any]]] = {c: [] for c in CONFIGS}
    sink: list[Problem] | None = [] if inputs.keep_going else None
    for doc in documents(inputs, sink):
        tables["articles"].append(doc["article"])
        tables["claims"].extend(doc["claims"])
        tables["sentences"].extend(doc["sentences"])
        aid = doc["article"]["article_id"]
        (report.curated if doc["article"]["annotation"]["origin"] == "curated" else report.unannotated).append(aid)
    tables["articles"].sort(key=lambda a: a["article_id"])
    tables["claims"].sort(key=lambda c: (c["article_id"], c["char_start"], c["char_end"], c["claim_id"]))
    tables["sentences"].sort(key=lambda r: (r["article_id"], r["index"]))
    curated_claims: dict[str, list[dict[str, Any]]] = {a: [] for a in report.curated}
    for claim in tables["claims"]:
        if claim["article_id"] in curated_claims:
            curated_claims[claim["article_id"]].append(claim)
    tables["annotator_labels"] = passes.label_rows(inputs.passes, curated_claims)
    tables["claim_links"] = sorted(curated.load_links(inputs.links), key=lambda r: (r.get("claim_id_a"), r.get("claim_id_b")))
    claims = {c["claim_id"]: c for c in tables["claims"]}
    articles = {a["article_id"]: a for a in tables["articles"]}
    tables["verdicts"], found = verdicts.rows(inputs.verdicts, claims, articles)
    if tables["verdicts"] or found:
        found += verdicts.missing(tables["claims"], tables["verdicts"], str(inputs.verdicts / "V1.json"))
    try:
        if found:
            raise DatasetError(found)
        validate.cross_check(tables, {"claim_links": str(inputs.links), "annotator_labels": str(inputs.passes),
                                      "verdicts": str(inputs.verdicts)})
    except DatasetError as err:
        if sink is None:
            raise
        sink.extend(err.problems)
    if sink:
        raise DatasetError(sink)
    report.articles, report.claims = len(tables["articles"]), len(tables["claims"])
    return tables, report


def stamp_of(inputs: Inputs, tables: dict[str, list[dict[str, Any]]], jsonl: dict[str, bytes] | None = None) -> versions.Stamp:
    """The version these rows carry: the last release's when they are what it held, else <last>+dev.
    jsonl: the rows already serialised (write.jsonl_bytes), when the caller has them."""
    data = jsonl if jsonl is not None else {c: write.jsonl_bytes(tables[c]) for c in CONFIGS}
    return versions.stamp(versions.read_last(inputs.last_release), data)


Collected = tuple[dict[str, list[dict[str, Any]]], BuildReport]


def build(inputs: Inputs, out: Path, text_free: bool = False, collected: Collected | None = None) -> BuildReport:
    """Build the dataset into out (the text-free variant with text_free), replacing it only when everything
    succeeded. collected: what ``collect(inputs)`` returned, when the caller already has it."""
    write.clean_stale(out)
    tables, report = collected or collect(inputs)
    jsonl = {c: write.jsonl_bytes(tables[c]) for c in CONFIGS}  # serialised once: for the stamp and the files
    stamp = stamp_of(inputs, tables, jsonl)
    hashes = manifest.input_hashes(inputs.seeds, inputs.annotations, inputs.kb)
    if text_free:
        written = assemble.write_dataset(textfree.strip(tables), out, stamp, hashes, textfree.SHORT_QUOTE)
    else:
        written = assemble.write_dataset(tables, out, stamp, hashes, jsonl=jsonl)
    report.files, report.version = written.files, stamp.version
    return report


def refresh_docs(inputs: Inputs, paths: list[Path], collected: Collected | None = None) -> list[Path]:
    """Rewrite the generated blocks of hand-written documents; returns the files that changed."""
    from .agreement import markdown

    tables, _ = collected or collect(inputs)
    blocks = card.generated_blocks(tables, stamp_of(inputs, tables))
    stored = inputs.passes / "agreement.json"
    if stored.is_file():
        blocks["agreement"] = markdown(json.loads(stored.read_text(encoding="utf-8")))
    changed = []
    for path in paths:
        old = path.read_text(encoding="utf-8")
        new = card.refresh(old, blocks)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def differences(expected: Path, actual: Path) -> list[str]:
    """Readable lines naming every file that is missing, extra or different."""
    def listing(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()

    want, have = listing(expected), listing(actual)
    lines = [f"missing from {actual}: {p}" for p in sorted(want - have)]
    lines += [f"not made by the build, but in {actual}: {p}" for p in sorted(have - want)]
    for rel in sorted(want & have):
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False):
            lines.append(f"differs: {rel}" + _jsonl_detail(expected / rel, actual / rel))
    return lines


def _jsonl_detail(new: Path, old: Path) -> str:
    if new.suffix != ".jsonl":
        return ""

    config = new.stem if new.stem in CONFIGS else None

    def ids(path: Path) -> dict[str, str]:
        return {row_key(config, r) if config else str(r.get("claim_id") or r.get("article_id")): json.dumps(r, sort_keys=True)
                for r in write.jsonl_rows(path.read_bytes())}

    a, b = ids(new), ids(old)
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    parts = [f"{len(set(a) - set(b))} added", f"{len(set(b) - set(a))} removed", f"{len(changed)} changed"]
    if changed:
        parts.append("e.g. " + ", ".join(changed[:3]))
    return " (" + ", ".join(parts) + ")"


def check(inputs: Inputs, out: Path, text_free: bool = False, collected: Collected | None = None) -> BuildReport:
    """Rebuild into a temporary folder and raise CheckFailed if ``out`` is not byte-identical to it."""
    with tempfile.TemporaryDirectory(prefix="dprk-claims-check-") as tmp:
        fresh = Path(tmp) / "dataset"
        report = build(inputs, fresh, text_free, collected)
        lines = differences(fresh, out)
    if lines:
        command = "python build_dataset.py --text-free" if text_free else "python build_dataset.py"
        raise CheckFailed([Problem(str(out), None, None, "stale_dataset", line, None,
                                   f"run `{command}` and commit {out.name}/") for line in lines])
    return report
