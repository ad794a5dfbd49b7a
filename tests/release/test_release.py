"""`release VERSION`: refuses a dirty build, a version that does not go up, a version too low for the
changes and a breaking schema change without a MAJOR version; otherwise writes the version everywhere it
belongs, the CHANGELOG entry computed from the data, CITATION.cff and the manifest."""

from __future__ import annotations

import json
from typing import Any

import yaml
from conftest import ARTICLE, ARTICLE_ID, Project, annotation_file, claim_item, commit, release, run

from dprk_claims.core import versions
from dprk_claims.core.schemas import CONFIGS, schema_version

_VERSIONS = {c: schema_version(c) for c in CONFIGS}
# The changelog's schema line for the schemas as they are in schema/ now.
SCHEMA_LINE = (f"Schema version {_VERSIONS['claims']} (every config)." if len(set(_VERSIONS.values())) == 1
               else "Schema versions: " + ", ".join(f"{c} {v}" for c, v in _VERSIONS.items()) + ".")
CLAIMS_SCHEMA = _VERSIONS["claims"]

FIRST_ENTRY = """## 1.0.0 — 2026-01-02

First release: every article, claim and row is added. @SCHEMA_LINE@

### Articles

- Added (1): `100_abcd`

### Claims

- Added (1):
  - `100_abcd` (1): c001

### Other configs

| config | rows | added | removed | changed |
|---|---|---|---|---|
| `sentences` | 4 | 4 | 0 | 0 |
| `claim_links` | 0 | 0 | 0 | 0 |
| `annotator_labels` | 0 | 0 | 0 | 0 |
| `verdicts` | 0 | 0 | 0 | 0 |
"""
FIRST_ENTRY = FIRST_ENTRY.replace("@SCHEMA_LINE@", SCHEMA_LINE)



def released_files(project: Project) -> dict[str, Any]:
    out = project.out
    return {"manifest": json.loads((out / "MANIFEST.json").read_text(encoding="utf-8")),
            "croissant": json.loads((out / "croissant.json").read_text(encoding="utf-8")),
            "card": (out / "README.md").read_text(encoding="utf-8"),
            "citation": yaml.safe_load((project.root / "CITATION.cff").read_text(encoding="utf-8")),
            "changelog": (project.root / "CHANGELOG.md").read_text(encoding="utf-8")}


def test_first_release_writes_the_version_everywhere(small: Project) -> None:
    assert small.run().returncode == 0
    before = {p.name: p.read_bytes() for p in (small.out / "data").rglob("*.parquet")}
    assert json.loads((small.out / "MANIFEST.json").read_text(encoding="utf-8"))["version"] == "0.0.0+dev"
    result = release(small, "1.0.0", "--date", "2026-01-02")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("released 1.0.0 (2026-01-02, first): wrote last-release, dataset, CHANGELOG.md, CITATION.cff\n")
    assert FIRST_ENTRY in result.stdout
    assert ("Commit the release and tag it:\n  git add -A last-release dataset CHANGELOG.md CITATION.cff\n"
            '  git commit -m "Release 1.0.0"\n  git tag -a v1.0.0 -m "dprk-unsc-claims 1.0.0"\n') in result.stdout
    files = released_files(small)
    assert files["manifest"]["version"] == files["croissant"]["version"] == files["citation"]["version"] == "1.0.0"
    assert files["manifest"]["released"] == files["croissant"]["datePublished"] == files["citation"]["date-released"] == "2026-01-02"
    from dprk_claims.core.about import schema_versions_text

    assert f"Version **1.0.0**, released 2026-01-02; {schema_versions_text()}." in files["card"]
    assert "  version = {1.0.0},\n" in files["card"] and 'revision="v1.0.0"' in files["card"]
    assert files["changelog"].endswith("\n\n" + FIRST_ENTRY)
    assert json.loads((small.root / "last-release" / "release.json").read_text(encoding="utf-8"))["version"] == "1.0.0"
    assert {p.name: p.read_bytes() for p in (small.out / "data").rglob("*.parquet")} == before  # the data is not touched
    check = run(small, "--check")
    assert check.returncode == 0 and "version 1.0.0" in check.stdout, check.stderr
    assert run(small, "verify").returncode == 0


def test_a_dirty_build_is_refused(small: Project) -> None:
    assert small.run().returncode == 0
    data = annotation_file(ARTICLE)
    data["claims"][0]["checkworthiness"] = "UFS"
    small.annotate(ARTICLE_ID, data)
    result = release(small, "1.0.0", "--date", "2026-01-02")
    assert result.returncode == 1
    assert result.stderr.startswith("release refused, nothing was written:\n")
    assert ("error: dataset: differs: jsonl/claims.jsonl (0 added, 0 removed, 1 changed, e.g. 100_abcd:c001). "
            "Fix: run `python build_dataset.py`, commit dataset/, then release again\n") in result.stderr
    assert not (small.root / "last-release").exists() and not (small.root / "CHANGELOG.md").exists()


def test_a_version_that_does_not_go_up_is_refused(released: Project) -> None:
    for version in ("1.0.0", "0.9.9"):
        result = release(released, version, "--date", "2026-01-03")
        assert result.returncode == 1
        assert result.stderr == (
            "release refused, nothing was written:\n"
            f"error: last-release/release.json: field 'version': release {version} does not go up from the last release 1.0.0 "
            f"(value: {version}). Fix: use a higher version: 1.0.1 (corrections), 1.1.0 (new articles, claims or fields) "
            "or 2.0.0 (a change that breaks readers)\n")


def test_a_malformed_version_or_date_is_a_usage_error(small: Project) -> None:
    result = run(small, "release", "1.0", "--date", "2026-01-02")
    assert (result.returncode, result.stderr) == (2, "usage error: '1.0' is not a version: write MAJOR.MINOR.PATCH, for example 1.0.0\n")
    result = release(small, "1.0.0", "--date", "2026-13-02")
    assert (result.returncode, result.stderr) == (2, "usage error: '2026-13-02' is not a date: write YYYY-MM-DD\n")


def test_new_claims_need_a_minor_release_and_the_changelog_names_them(released: Project) -> None:
    data = annotation_file(ARTICLE)
    data["claims"][0]["checkworthiness"] = "UFS"
    data["claims"].append(claim_item(ARTICLE, "North Korea fires missile", cid="c002"))
    released.annotate(ARTICLE_ID, data)
    assert released.run().returncode == 0
    assert json.loads((released.out / "MANIFEST.json").read_text(encoding="utf-8"))["version"] == "1.0.0+dev"
    result = release(released, "1.0.1", "--date", "2026-02-03")
    assert (result.returncode, result.stderr) == (1, (
        "release refused, nothing was written:\n"
        "error: dataset: field 'version': release 1.0.1 is a PATCH release, but it adds 1 claim, which needs a MINOR release "
        "(value: 1.0.1). Fix: release 1.1.0 instead\n"))
    result = release(released, "1.1.0", "--date", "2026-02-03")
    assert result.returncode == 0, result.stderr
    changelog = (released.root / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = changelog.split("## 1.1.0 — 2026-02-03\n", 1)[1].split("\n## ", 1)[0]
    assert entry.startswith(f"\nMINOR release after 1.0.0. {SCHEMA_LINE}\n\n### Articles\n\nNo change.\n")
    assert "### Claims\n\n- Added (1):\n  - `100_abcd` (1): c002\n- Changed (1):\n  - `100_abcd:c001`: `checkworthiness`\n" in entry
    assert "| `sentences` | 4 | 0 | 0 | 2 |" in entry
    assert changelog.index("## 1.1.0") < changelog.index("## 1.0.0")
    assert released_files(released)["citation"]["version"] == "1.1.0"


def test_a_breaking_schema_change_needs_a_major_release(released: Project) -> None:
    # The last release had a field the current schema no longer has: for readers, the field was removed.
    stored = released.root / "last-release" / "schema" / "claims.schema.json"
    schema = json.loads(stored.read_text(encoding="utf-8"))
    schema["properties"]["old_field"] = {"type": "string", "description": "gone since"}
    stored.write_text(json.dumps(schema), encoding="utf-8")
    assert released.run().returncode == 0  # the build is now 1.0.0+dev
    result = release(released, "1.1.0", "--date", "2026-03-04")
    assert (result.returncode, result.stderr) == (1, (
        "release refused, nothing was written:\n"
        "error: schema/claims.schema.json: field 'old_field': removed since release 1.0.0, which breaks readers and needs a "
        "MAJOR release; 1.1.0 is a MINOR release (value: 1.1.0). Fix: release 2.0.0, or undo the schema change\n"))
    result = release(released, "2.0.0", "--date", "2026-03-04")
    assert (result.returncode, result.stderr) == (1, (
        "release refused, nothing was written:\n"
        "error: schema/claims.schema.json: field 'x-schema-version': the schema changed since release 1.0.0, but "
        f"x-schema-version went from {CLAIMS_SCHEMA} to {CLAIMS_SCHEMA} (value: {CLAIMS_SCHEMA}). "
        "Fix: raise x-schema-version to at least 2.0.0 (MAJOR)\n"))
    schema["x-schema-version"] = "0.9.0"
    stored.write_text(json.dumps(schema), encoding="utf-8")
    result = release(released, "2.0.0", "--date", "2026-03-04")
    assert result.returncode == 0, result.stderr
    assert "### Schema\n\n- `claims.old_field`: removed (breaks readers)\n" in result.stdout


def test_schema_changes_are_classified() -> None:
    old: dict[str, Any] = {"properties": {
        "a": {"type": "string"}, "b": {"type": "integer"}, "c": {"type": "string", "enum": ["x", "y"]},
        "d": {"type": "array", "items": {"type": "object", "properties": {"e": {"type": "string"}}}}}}
    new: dict[str, Any] = {"properties": {
        "a": {"type": ["string", "null"]}, "b": {"type": "number"}, "c": {"type": "string", "enum": ["x", "y", "z"]},
        "d": {"type": "array", "items": {"type": "object", "properties": {"f": {"type": "string"}}}}, "g": {"type": "boolean"}}}
    found = {(c.field, c.what, c.breaking) for c in versions.schema_changes("t", old, new)}
    assert found == {("a", "may now be null", True), ("b", "type changed from integer to number", True),
                     ("c", "values added: z", False), ("d[].e", "removed", True), ("d[].f", "added", False), ("g", "added", False)}
    assert versions.schema_changes("t", None, new) == []
    assert [versions.level("1.2.3", v) for v in ("1.2.4", "1.3.0", "2.0.0", "1.2.3", "1.2.2")] == ["PATCH", "MINOR", "MAJOR", None, None]


def test_a_corrected_description_is_a_patch_release(released: Project) -> None:
    stored = released.root / "last-release" / "schema" / "claims.schema.json"
    schema = json.loads(stored.read_text(encoding="utf-8"))
    schema["properties"]["text"]["description"] = "an older wording"
    schema["x-schema-version"] = "0.9.9"  # the current schema is one PATCH above what the last release stored
    stored.write_text(json.dumps(schema), encoding="utf-8")
    assert released.run().returncode == 0
    result = release(released, "1.0.1", "--date", "2026-03-04")
    assert result.returncode == 0, result.stderr
    assert "PATCH release after 1.0.0" in result.stdout
    assert "### Schema\n\n- `claims.text`: description corrected\n" in result.stdout


def test_description_changes_are_found() -> None:
    old: dict[str, Any] = {"properties": {"a": {"type": "string", "description": "old"}}}
    new: dict[str, Any] = {"properties": {"a": {"type": "string", "description": "new"}}}
    changes = versions.schema_changes("t", old, new)
    assert [(c.field, c.what, c.breaking, versions.is_doc_change(c)) for c in changes] == [("a", "description corrected", False, True)]


AUTO_ID = "204_cafe"
AUTO = "Council meets\n\nNorth Korea fired two ballistic missiles into the sea on Monday, South Korea's military said.\n"


def test_automatic_annotations_are_refused_unless_allowed_then_warned_of(small: Project) -> None:
    small.seed(AUTO_ID, AUTO)  # no annotation file: annotated automatically
    assert small.run().returncode == 0
    claims = [json.loads(line) for line in (small.out / "jsonl" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    auto = [c for c in claims if c["article_id"] == AUTO_ID]
    cfs = sum(c["checkworthiness"] == "CFS" for c in auto)
    what = (f"1 of 2 articles ({len(auto)} of {len(claims)} claims; {cfs} check-worthy claims among them have no verdict) have "
            "no curated annotation file and were annotated automatically, and no one has reviewed those labels")
    result = release(small, "1.0.0", "--date", "2026-01-02")
    assert (result.returncode, result.stderr) == (1, (
        f"release refused, nothing was written:\nerror: annotations: field 'annotation.origin': {what} (value: {AUTO_ID}). "
        "Fix: add curated annotations/<article_id>.json files for them, or pass --allow-automatic to release them marked "
        "annotation.origin: automatic (the card counts them)\n"))
    assert not (small.root / "last-release").exists()
    result = release(small, "1.0.0", "--date", "2026-01-02", "--allow-automatic")
    assert (result.returncode, result.stderr) == (0, f"warning: {what} ({AUTO_ID})\n")
    assert "| `automatic` | 1 |" in (small.out / "README.md").read_text(encoding="utf-8")


def test_uncommitted_changes_are_refused_unless_allowed(small: Project) -> None:
    assert small.run().returncode == 0
    refused = ("release refused, nothing was written:\nerror: seeds: the inputs are not in a git checkout, so no commit holds "
               "what the release is made from. Fix: release from a git clone of the project (or git init and commit), "
               "or pass --allow-dirty to release anyway\n")
    assert (run(small, "release", "1.0.0").returncode, run(small, "release", "1.0.0").stderr) == (1, refused)
    commit(small)
    (small.root / "draft.txt").write_text("not committed\n", encoding="utf-8")
    what = ("the git checkout holding the inputs has 1 uncommitted change(s), so the release would not be the commit it is "
            "tagged on")
    result = run(small, "release", "1.0.0", "--date", "2026-01-02")
    assert (result.returncode, result.stderr) == (1, (
        f"release refused, nothing was written:\nerror: seeds: {what} (value: ?? draft.txt). Fix: commit them "
        "(git add -A && git commit) and release again, or pass --allow-dirty to release anyway\n"))
    assert not (small.root / "last-release").exists()
    result = run(small, "release", "1.0.0", "--date", "2026-01-02", "--allow-dirty")
    assert (result.returncode, result.stderr) == (0, f"warning: {what} (?? draft.txt)\n")


def test_every_config_has_the_words_a_changelog_counts_it_with() -> None:
    from dprk_claims.core import schemas
    from dprk_claims.release import release

    assert set(release._NOUNS) == set(schemas.CONFIGS)
