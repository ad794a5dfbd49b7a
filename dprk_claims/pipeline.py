"""Chains the stages: read seeds → parse → annotate → validate → write → card.

Each stage is a plain function over an iterator of records; this module only connects them.
"""

from __future__ import annotations

import filecmp
import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import annotations as curated
from . import assemble, card, manifest, parse, passes, seeds, sentences, textfree, validate, verdicts, versions, write
from .annotate import annotate_article
from .annotate import annotation as auto_annotation
from .errors import AnnotationError, CheckFailed, DatasetError, Problem
from .records import Annotation, Article, Document, Seed
from .schemas import CONFIGS, row_key

GUIDELINE_VERSION = "1.0.0"
NO_OUTLET = "the text names no publishing outlet and none is curated in annotations/"


@dataclass
class Inputs:
    seeds: Path
    annotations: Path
    kb: Path
    last_release: Path | None = None  # what the last release held (versions.py); None: nothing released
    keep_going: bool = False

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


def parse_article(seed: Seed) -> Document:
    """Stage 2: an article record from the seed's layout alone (no curated values yet)."""
    text = seed["text"]
    paras = parse.paragraphs(text)
    stamps = parse.timestamps(text, paras)
    article: Article = {
        "article_id": seed["article_id"], "seed_file": seed["seed_file"], "text": text,
        "text_sha256": seed["text_sha256"], "url": None, "headline": None, "standfirst": None,
        "published": stamps.get("published", parse.unknown("the text prints no publication date and none is curated")),
        "updated": stamps.get("updated", parse.unknown("the text prints no update time and none is curated")),
        "outlet": None, "language": "en",
        "provenance": [
            {"field": "language", "source": "inferred", "evidence": "default: the package reads English articles; not detected"},
            {"field": "outlet", "source": None, "evidence": NO_OUTLET},
            {"field": "url", "source": None, "evidence": "the seed file carries no URL and none is curated"},
        ],
        "paragraphs": paras, "annotation": None,
    }
    return Document(article=article, claims=[], sentences=[], source_files=[seed["path"]])


def _finish_layout(article: Article) -> None:
    """Headline and standfirst follow the (possibly curated) paragraph roles."""
    text, paras = article["text"], article["paragraphs"]
    article["headline"] = parse.first_of(text, paras, "headline")
    article["standfirst"] = parse.first_of(text, paras, "standfirst")
    prov = {p["field"]: p for p in article["provenance"]}
    for key in ("headline", "standfirst"):
        roles = [p for p in paras if p["role"] == key]
        source = ("curated" if roles[0]["role_source"] == "curated" else "inferred") if roles else None
        evidence = f"paragraph {roles[0]['index']} has the role {key}" if roles else f"no paragraph has the role {key}"
        prov[key] = {"field": key, "source": source, "evidence": evidence}
    article["provenance"] = [prov[k] for k in sorted(prov)]


def annotate(docs: Iterable[Document], annotations_dir: Path, kb_path: Path,
             sink: list[Problem] | None = None) -> Iterator[Document]:
    """Stage 3: curated annotations where a file exists; the automatic annotator's otherwise."""
    kb = curated.load_kb(kb_path)
    files = {p.stem: p for p in sorted(annotations_dir.glob("[0-9][0-9][0-9]_*.json"))} if annotations_dir.is_dir() else {}
    used: set[str] = set()
    problems: list[Problem] = []
    for doc in docs:
        article = doc["article"]
        path = files.get(article["article_id"])
        spans: list[tuple[int, int]] | None = None
        if path is None:
            doc["claims"], spans = annotate_article(article, kb)
            article["annotation"] = auto_annotation()
        else:
            used.add(path.stem)
            try:
                meta, claims, spans = curated.curate(_seed_of(article), path, kb)
            except AnnotationError as err:
                problems.extend(err.problems)
                continue
            problems.extend(curated.apply_metadata(article, meta, path))
            doc["claims"] = claims
            doc["source_files"] = [*doc["source_files"], str(path)]
            article["annotation"] = dict(claims[0]["annotation"]) if claims else Annotation(
                origin="curated", annotators=[], guideline_version=GUIDELINE_VERSION)
        _finish_layout(article)
        _place_claims(doc)
        source = "curated" if path is not None and spans is not None else "automatic"
        if spans is None:
            spans = sentences.split(article["text"], article["paragraphs"])
        doc["sentences"] = sentences.rows(article, doc["claims"], spans, source)
        yield doc
    for stem in sorted(set(files) - used):
        problems.append(Problem(str(files[stem]), None, "article_id", "orphan_annotation",
                                "no seed file for this annotation file", repr(stem),
                                f"add seeds/{stem}.txt, or move the annotation file out of the annotations folder"))
    if problems and sink is None:
        raise AnnotationError(problems)
    if sink is not None:
        sink.extend(problems)


def _seed_of(article: Article) -> Seed:
    return Seed(article_id=article["article_id"], seed_file=article["seed_file"], path="",
                text=article["text"], text_sha256=article["text_sha256"])


def _place_claims(doc: Document) -> None:
    """paragraph_index of each claim: the paragraph where its span starts. Claims in text order."""
    paras = doc["article"]["paragraphs"]
    for claim in doc["claims"]:
        claim["paragraph_index"] = next((p["index"] for p in paras if p["char_start"] <= claim["char_start"] < p["char_end"]), -1)
    doc["claims"].sort(key=lambda c: (c["char_start"], c["char_end"], c["claim_id"]))


def documents(inputs: Inputs, sink: list[Problem] | None = None) -> Iterator[Document]:
    """The whole chain up to validation: every document checked, or a DatasetError. With a sink
    (``--keep-going``) every stage adds its problems to it and goes on with the good records."""
    parsed = (parse_article(s) for s in seeds.read_seeds(inputs.seeds, sink))
    return validate.validate(annotate(parsed, inputs.annotations, inputs.kb, sink), sink)


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


def stamp_of(inputs: Inputs, tables: dict[str, list[dict[str, Any]]]) -> versions.Stamp:
    """The version these rows carry: the last release's when they are what it held, else <last>+dev."""
    return versions.stamp(versions.read_last(inputs.last_release), {c: write.jsonl_bytes(tables[c]) for c in CONFIGS})


Collected = tuple[dict[str, list[dict[str, Any]]], BuildReport]


def build(inputs: Inputs, out: Path, text_free: bool = False, collected: Collected | None = None) -> BuildReport:
    """Build the dataset into out (the text-free variant with text_free), replacing it only when everything
    succeeded. collected: what ``collect(inputs)`` returned, when the caller already has it."""
    write.clean_stale(out)
    tables, report = collected or collect(inputs)
    stamp = stamp_of(inputs, tables)
    hashes = manifest.input_hashes(inputs.seeds, inputs.annotations, inputs.kb)
    if text_free:
        written = assemble.write_dataset(textfree.strip(tables), out, stamp, hashes, textfree.SHORT_QUOTE)
    else:
        written = assemble.write_dataset(tables, out, stamp, hashes)
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
