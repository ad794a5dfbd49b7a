"""``release VERSION``: cut a data release under the version policy of docs/versioning.md.

It refuses, with nothing written, unless the build is clean (``--check`` passes), the version goes up
from the last release, a breaking schema change comes with a MAJOR version (and a new schema version),
and the version is at least as high as the changes need (new articles, claims, rows or fields: MINOR).
Then it stores the release in ``last-release/``, rebuilds the dataset (which now carries the version in
its card, ``croissant.json`` and ``MANIFEST.json``), writes the ``CHANGELOG.md`` entry and
``CITATION.cff``, and refreshes the generated blocks of ``DATASHEET.md``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dprk_claims.build.pipeline import build, stale, tables_of
from dprk_claims.build.tasks import BuildReport, Inputs
from dprk_claims.core import about, versions
from dprk_claims.core.errors import CheckFailed, FileSystemError, Problem, ReleaseRefused, UsageError, os_problem
from dprk_claims.core.schemas import CONFIGS, load, schema_version
from dprk_claims.release import changelog, gitstate, transaction
from dprk_claims.release.docs import refresh
from dprk_claims.write import atomic, canonical

_NOUNS = {"articles": ("article", "articles"), "claims": ("claim", "claims"), "sentences": ("sentence", "sentences"),
          "claim_links": ("claim link", "claim links"), "annotator_labels": ("annotator label", "annotator labels"),
          "verdicts": ("verdict", "verdicts")}


@dataclass
class Documents:
    changelog: Path = Path("CHANGELOG.md")
    citation: Path = Path("CITATION.cff")
    datasheet: Path = Path("DATASHEET.md")


@dataclass
class ReleaseReport:
    version: str
    date: str
    level: str
    entry: str
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what was allowed (--allow-dirty, --allow-automatic)
    finished: bool = False  # an interrupted release was completed, no new one made


def _refuse(file: str, field: str | None, code: str, message: str, value: str | None, hint: str) -> ReleaseRefused:
    return ReleaseRefused([Problem(file, None, field, code, message, value, hint)])


def _clean(fresh: Path, out: Path) -> None:
    try:
        stale(fresh, out)
    except CheckFailed as err:
        raise ReleaseRefused([Problem(p.file, p.record, p.field, "dirty_build", p.message, p.value,
                                      "run `python build_dataset.py`, commit dataset/, then release again")
                              for p in err.problems]) from err


def _breaking(last: versions.LastRelease, version: str, got: str, schema: list[versions.SchemaChange]) -> None:
    major = versions.next_versions(last.version)["MAJOR"]
    problems = [Problem(f"schema/{c.config}.schema.json", None, c.field, "breaking_schema_change",
                        f"{c.what} since release {last.version}, which breaks readers and needs a MAJOR release; "
                        f"{version} is a {got} release", version, f"release {major}, or undo the schema change")
                for c in schema if c.breaking]
    if problems and got != "MAJOR":
        raise ReleaseRefused(problems)


def _required(diffs: dict[str, changelog.TableDiff], schema: list[versions.SchemaChange]) -> tuple[str, str]:
    """The lowest level the data changes need (breaking schema changes are checked first), and why."""
    added = {c: len(d.added) for c, d in diffs.items() if d.added}
    grown = [c for c in schema if not c.breaking and not versions.is_doc_change(c)]
    if added or grown:
        parts = [f"{n} {_NOUNS[c][n != 1]}" for c, n in added.items()]
        parts += [f"{c.config}.{c.field} ({c.what})" for c in grown]
        return "MINOR", "adds " + ", ".join(parts)
    return "PATCH", "only corrects existing rows"


def _check_schema_versions(last: versions.LastRelease, schema: list[versions.SchemaChange]) -> None:
    for config in sorted({c.config for c in schema}):
        old = last.schema(config) or {}
        before, now = str(old.get("x-schema-version", "0.0.0")), schema_version(config)
        mine = [c for c in schema if c.config == config]
        need = "MAJOR" if any(c.breaking for c in mine) else "PATCH" if all(versions.is_doc_change(c) for c in mine) else "MINOR"
        got = versions.level(before, now)
        if got is None or versions.LEVELS.index(got) < versions.LEVELS.index(need):
            raise _refuse(f"schema/{config}.schema.json", "x-schema-version", "schema_version_not_raised",
                          f"the schema changed since release {last.version}, but x-schema-version went from {before} to {now}",
                          now, f"raise x-schema-version to at least {versions.next_versions(before)[need]} ({need})")


def citation_cff(version: str, date: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0), written by PyYAML."""
    import yaml

    meta = about.HUB_METADATA
    doc = {"cff-version": "1.2.0",
           "message": "If you use this dataset, please cite it as below. The annotations are released under CC BY 4.0; "
                      "the article texts remain the copyright of their publishers.",
           "type": "dataset", "title": meta["pretty_name"], "version": version, "date-released": date,
           "authors": [{"name": about.CREATOR}], "abstract": about.SUMMARY, "keywords": list(meta["tags"])}
    return str(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100))


def tag_commands(version: str, written: list[str]) -> list[str]:
    return [f"git add -A {' '.join(written)}",
            f'git commit -m "Release {version}"', f'git tag -a v{version} -m "dprk-unsc-claims {version}"']


def release(inputs: Inputs, out: Path, version: str, date: str, docs: Documents | None = None,
            allow_dirty: bool = False, allow_automatic: bool = False) -> ReleaseReport:
    docs = docs or Documents()
    versions.parse(version)
    versions.check_date(date)
    inputs = dataclasses.replace(inputs, cache=None)  # a release is made from the inputs, never from the cache
    if inputs.last_release is None:
        raise UsageError("release needs --last-release DIR, the folder that keeps the last release")
    pending = transaction.recover(out.parent)  # a release killed while its files moved is finished first
    if pending is not None:
        return ReleaseReport(pending["version"], pending["date"], "finished", pending["entry"], pending["written"], finished=True)
    warnings = _allowed(gitstate.uncommitted(inputs.seeds), allow_dirty)
    stage = transaction.begin(out.parent)
    try:
        report = build(inputs, stage / "dataset")  # the one build, carrying the last release's version for the check
        tables = tables_of(stage / "dataset")
        warnings += _allowed(_automatic(inputs, tables, report), allow_automatic)
        _clean(stage / "dataset", out)
        done = _release(inputs, out, docs, stage, tables, report, version, date)
    except BaseException:
        transaction.abort(out.parent)  # refused or failed before the journal: the previous files stay whole
        raise
    done.warnings = warnings
    done.written += _figures(docs.datasheet.parent, out)
    return done


def _release(inputs: Inputs, out: Path, docs: Documents, stage: Path, tables: dict[str, list[dict[str, Any]]],
             report: BuildReport, version: str, date: str) -> ReleaseReport:
    """Refuse a release the version policy does not allow; else write its files and move them into place."""
    last = versions.read_last(inputs.last_release)
    jsonl = {c: (stage / "dataset" / canonical.jsonl_path(c)).read_bytes() for c in CONFIGS}
    old_rows = {c: canonical.jsonl_rows(last.jsonl(c)) if last else [] for c in CONFIGS}
    diffs = {c: changelog.diff(c, old_rows[c], tables[c]) for c in CONFIGS}
    schema = [ch for c in CONFIGS for ch in versions.schema_changes(c, last.schema(c) if last else None, load(c))]
    level = "first"
    if last is not None:
        got = versions.level(last.version, version)
        if got is None:
            ups = versions.next_versions(last.version)
            raise _refuse(str(last.folder / versions.RELEASE_FILE), "version", "version_not_up",
                          f"release {version} does not go up from the last release {last.version}", version,
                          f"use a higher version: {ups['PATCH']} (corrections), {ups['MINOR']} (new articles, claims or fields) "
                          f"or {ups['MAJOR']} (a change that breaks readers)")
        _breaking(last, version, got, schema)
        need, why = _required(diffs, schema)
        if versions.LEVELS.index(got) < versions.LEVELS.index(need):
            raise _refuse(str(out), "version", "version_too_low",
                          f"release {version} is a {got} release, but it {why}, which needs a {need} release",
                          version, f"release {versions.next_versions(last.version)[need]} instead")
        _check_schema_versions(last, schema)
        _changes_something(last, version, date, diffs, schema)
        level = got
    entry = changelog.entry(version, date, last.version if last else None, diffs, schema, level,
                            {c: schema_version(c) for c in CONFIGS})
    written = _commit(inputs, out, docs, stage, tables, report, jsonl, version, date, entry)
    return ReleaseReport(version, date, level, entry, written)


def _allowed(problems: list[Problem], allow: bool) -> list[str]:
    """Refuse the problems, or, when they are allowed, keep them as warnings."""
    if problems and not allow:
        raise ReleaseRefused(problems)
    return [p.message + (f" ({p.value})" if p.value else "") for p in problems]


def _automatic(inputs: Inputs, tables: dict[str, list[dict[str, Any]]], report: BuildReport) -> list[Problem]:
    """A problem when the release would hold automatically annotated articles (no one reviewed their labels)."""
    ids = report.unannotated
    if not ids:
        return []
    auto = set(ids)
    claims = [c for c in tables["claims"] if c["article_id"] in auto]
    judged = {v["claim_id"] for v in tables["verdicts"] if v["aspect"] == "content"}
    unjudged = sum(c["checkworthiness"] == "CFS" and c["claim_id"] not in judged for c in claims)
    shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
    return [Problem(str(inputs.annotations), None, "annotation.origin", "automatic_annotations",
                    f"{len(ids)} of {report.articles} articles ({len(claims)} of {report.claims} claims; {unjudged} check-worthy "
                    "claims among them have no verdict) have no curated annotation file and were annotated automatically, "
                    "and no one has reviewed those labels", shown,
                    "add curated annotations/<article_id>.json files for them, or pass --allow-automatic to release them "
                    "marked annotation.origin: automatic (the card counts them)")]


def _commit(inputs: Inputs, out: Path, docs: Documents, stage: Path, tables: dict[str, list[dict[str, Any]]],
            report: BuildReport, jsonl: dict[str, bytes], version: str, date: str, entry: str) -> list[str]:
    """Stage the last release, stamp the built dataset with the new version, stage the changelog,
    CITATION.cff and DATASHEET.md, then move them into place together (``transaction``); returns what was written."""
    if inputs.last_release is None or report.restamp is None:
        raise UsageError("release needs --last-release DIR, the folder that keeps the last release")
    _store(stage / "last-release", version, date, jsonl)
    stamp = versions.stamp(versions.read_last(stage / "last-release"), {c: hashlib.sha256(jsonl[c]).hexdigest() for c in CONFIGS})
    report.restamp(stamp)
    moves = [(stage / "last-release", inputs.last_release), (stage / "dataset", out)]
    try:
        if docs.changelog.is_file():
            shutil.copyfile(docs.changelog, stage / "CHANGELOG.md")
        changelog.prepend(stage / "CHANGELOG.md", entry)
        (stage / "CITATION.cff").write_text(citation_cff(version, date), encoding="utf-8")
        moves += [(stage / "CHANGELOG.md", docs.changelog), (stage / "CITATION.cff", docs.citation)]
        if docs.datasheet.is_file():
            shutil.copyfile(docs.datasheet, stage / "DATASHEET.md")
            refresh([stage / "DATASHEET.md"], tables, stamp, inputs.passes)
            moves.append((stage / "DATASHEET.md", docs.datasheet))
    except OSError as err:
        raise FileSystemError([os_problem(stage, err, "written")]) from None
    written = [str(target) for _, target in moves]
    transaction.commit(out.parent, moves, {"version": version, "date": date, "entry": entry, "written": written})
    return written


def _changes_something(last: versions.LastRelease, version: str, date: str, diffs: dict[str, changelog.TableDiff],
                       schema: list[versions.SchemaChange]) -> None:
    if date < last.date:
        raise _refuse(str(last.folder / versions.RELEASE_FILE), "date", "dated_before_last",
                      f"release {version} is dated {date}, before the last release {last.version} ({last.date})", date,
                      f"date it {last.date} or later (--date YYYY-MM-DD; the default is today)")
    if all(d.empty for d in diffs.values()) and not schema:
        raise _refuse(str(last.folder / versions.RELEASE_FILE), "version", "nothing_to_release",
                      f"release {version} would hold exactly what release {last.version} holds", version,
                      "change the data or the schemas first; a release that changes nothing is not made")


def _figures(root: Path, out: Path) -> list[str]:
    """Redraw docs/figures from the released data with examples/plots.py, when the project has it and
    matplotlib is installed (it is in the test extra)."""
    script = root / "examples" / "plots.py"
    if not script.is_file():
        return []
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return []
    import importlib.util

    spec = importlib.util.spec_from_file_location("dprk_claims_plots", script)
    if spec is None or spec.loader is None:
        return []
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [str(p) for p in module.main(out, root / "docs" / "figures")]


def _store(folder: Path, version: str, date: str, jsonl: dict[str, bytes]) -> None:
    """Keep what this release holds in folder (replaced in one step), for the next release to compare with."""
    from dprk_claims.core.schemas import SCHEMA_DIR

    atomic.clean_stale(folder)
    tmp = atomic.temp_dir_for(folder)
    try:
        (tmp / "jsonl").mkdir()
        (tmp / "schema").mkdir()
        for config in CONFIGS:
            (tmp / "jsonl" / f"{config}.jsonl").write_bytes(jsonl[config])
            shutil.copyfile(SCHEMA_DIR / f"{config}.schema.json", tmp / "schema" / f"{config}.schema.json")
        (tmp / versions.RELEASE_FILE).write_text(versions.release_json(version, date), encoding="utf-8")
        atomic.replace_dir(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
