"""Lineage and quote fidelity (annotations/lineage.json, dprk_claims/read/lineage.py): the rules on the real gold,
and a one-line message for each way a lineage file can be wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTICLE, ARTICLE_ID, ROOT, Project, annotation_file, claim_item

from dprk_claims import cli
from dprk_claims.core.schemas import load
from dprk_claims.read import lineage

GOLD = ROOT / "annotations"
QUOTE = "We condemn the launch"


def _gold() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The curated lineage entries and the gold annotation files, by article id."""
    entries = json.loads((GOLD / lineage.FILE).read_text(encoding="utf-8"))["articles"]
    files = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("[0-9]*.json"))}
    return entries, files


def test_the_relation_and_fidelity_values_are_the_issue_s() -> None:
    relation = load("articles")["properties"]["lineage"]["properties"]["relation"]["enum"]
    fidelity = load("claims")["properties"]["fidelity"]["properties"]["value"]["enum"]
    assert set(relation) == {"original", "syndicated", "edited", "rewritten", "unknown"}
    assert set(fidelity) == {"verbatim", "altered", "unverified", None}  # null: not a quote, or not assessed


def test_every_gold_article_has_a_lineage_with_evidence() -> None:
    entries, files = _gold()
    assert set(entries) == set(files)
    for aid, entry in entries.items():
        assert entry["evidence"].strip(), aid
        pages = entry["originals"] + entry["copies"]
        assert pages and all(p["url"].startswith("http") for p in pages), aid
        if entry["relation"] in lineage.NEEDS_ORIGINAL:
            assert all(len(o["published"]) == 10 for o in entry["originals"]) and entry["originals"], aid


def test_every_gold_direct_or_mixed_quote_has_a_fidelity_with_its_source() -> None:
    entries, files = _gold()
    for aid, data in files.items():
        fidelity = entries[aid]["fidelity"]
        quotes = {c["id"] for c in data["claims"] if c["attribution"]["quote_type"] in lineage.QUOTES}
        assert quotes == set(fidelity), aid
        for cid in quotes:
            item = fidelity[cid]
            assert item["evidence"].strip()
            if item["value"] != "unverified":
                source = item["earliest_source"]
                assert source["url"].startswith("http") and source["published"], (aid, cid)
                assert item["source_passage"], (aid, cid)
            if item["value"] == "altered":
                assert any(d["op"] != "equal" for d in lineage.diff(item["source_passage"], item["quoted"])), (aid, cid)


def test_the_built_rows_carry_lineage_and_fidelity() -> None:
    rows = [json.loads(line) for line in (ROOT / "dataset" / "jsonl" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    for row in rows:
        quote = row["attribution"]["quote_type"] in lineage.QUOTES
        assert (row["fidelity"]["value"] is not None) == quote, row["claim_id"]
        if quote and row["fidelity"]["value"] == "altered":
            assert row["fidelity"]["diff"] and row["fidelity"]["source_passage"]
    articles = [json.loads(line) for line in (ROOT / "dataset" / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(a["lineage"]["source"] == "curated" and a["lineage"]["relation"] != "unknown" for a in articles)


@pytest.mark.parametrize(("passage", "quoted", "same"), [
    ("join us in this room", "join us in this chamber", False),
    ("the 10 other launches", "the ten other launches", True),
    ("yielding to the U.S.’s hostile policy.", "yielding to the US's hostile policy", True),
    ("push through the meeting on 'human rights issue' of the DPRK ... the situation", "push through the meeting… the situation", True),
    ("push through the meeting on it ... the situation", "push through… the meeting the situation", False),
    ("Like the others, this act violated", "This act, like the others, violated", False),
])
def test_verbatim_ignores_only_spelling_and_marked_cuts(passage: str, quoted: str, same: bool) -> None:
    assert lineage.verbatim(passage, quoted) is same


def test_the_diff_names_the_changed_words() -> None:
    assert [d for d in lineage.diff("join us in this room", "join us in this chamber") if d["op"] != "equal"] == [
        {"op": "replace", "source": "room", "text": "chamber"}]


# --- a bad lineage file: one line naming file, record, field, value and a fix ---

def _quoted_project(project: Project) -> Project:
    """The one-article project whose second sentence is a curated direct quote (c002)."""
    start = ARTICLE.index(QUOTE)
    quote = claim_item(ARTICLE, QUOTE, "c002", checkworthiness="NFS", attribution={
        "speaker": None, "speaker_start": None, "speaker_end": None, "speaker_normalized": "the ambassador",
        "speaker_kb_id": None, "speaker_kind": "person", "cue": "said", "cue_start": ARTICLE.index("said.", start),
        "cue_end": ARTICLE.index("said.", start) + 4, "quote_type": "direct", "chain": []},
        factuality={"author": "CTu", "source": "CT+"})
    data = annotation_file(ARTICLE)
    data["claims"].append(quote)
    project.seed(ARTICLE_ID, ARTICLE)
    project.annotate(ARTICLE_ID, data)
    return project


SOURCE = {"agency": "AFP", "outlet": "Test Wire", "headline": None, "url": "https://example.invalid/a", "published": "2022-03-07",
          "evidence": "test", "source_kind": "agency"}


def _entry(**fidelity: Any) -> dict[str, Any]:
    item = {"value": "verbatim", "evidence": "test", "quoted": QUOTE, "earliest_source": SOURCE, "source_passage": QUOTE, **fidelity}
    return {"relation": "syndicated", "evidence": "test", "originals": [{k: v for k, v in SOURCE.items() if k != "source_kind"}],
            "copies": [], "fidelity": {"c002": item}}


def _errors(project: Project, capsys: pytest.CaptureFixture[str], entries: dict[str, Any] | str) -> list[str]:
    path = project.annotations / lineage.FILE
    path.write_text(entries if isinstance(entries, str) else json.dumps({"articles": entries}), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(project.args("--no-cache")) == 1
    return [line for line in capsys.readouterr().err.replace(str(project.root) + "/", "").splitlines() if line.startswith("error")]


def test_a_good_lineage_file_builds(project: Project) -> None:
    _quoted_project(project)
    (project.annotations / lineage.FILE).write_text(json.dumps({"articles": {ARTICLE_ID: _entry()}}), encoding="utf-8")
    result = project.run("--no-cache")
    assert result.returncode == 0, result.stderr
    claim = [json.loads(x) for x in (project.out / "jsonl" / "claims.jsonl").read_text().splitlines()][1]
    assert claim["fidelity"]["value"] == "verbatim" and claim["fidelity"]["earliest_source"]["url"] == SOURCE["url"]


def test_an_unknown_relation(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    errors = _errors(_quoted_project(project), capsys, {ARTICLE_ID: {**_entry(), "relation": "copied"}})
    assert errors == [f"error: annotations/lineage.json: article {ARTICLE_ID}: field 'relation': must be one of "
                      "['original', 'syndicated', 'edited', 'rewritten', 'unknown'] (value: 'copied'). Fix: use one of "
                      "'original', 'syndicated', 'edited', 'rewritten', 'unknown'"]


def test_a_fidelity_without_its_source(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    errors = _errors(_quoted_project(project), capsys, {ARTICLE_ID: _entry(earliest_source=None)})
    assert errors == [f"error: annotations/lineage.json: fidelity {ARTICLE_ID}:c002: field 'earliest_source': a verbatim quote "
                      "needs the earliest source and its passage. Fix: give the source (URL, date) and the passage as it gives it, "
                      "or set value to unverified"]


@pytest.mark.parametrize(("entry", "code"), [
    ({"relation": "rewritten", "originals": []}, "a rewritten text needs the report it derives from"),
    ({"fidelity": {}}, "this direct quote has no fidelity"),
    ({"fidelity": {"c009": _entry()["fidelity"]["c002"]}}, "the article has no claim with this id"),
])
def test_lineage_rules(project: Project, capsys: pytest.CaptureFixture[str], entry: dict[str, Any], code: str) -> None:
    errors = _errors(_quoted_project(project), capsys, {ARTICLE_ID: {**_entry(), **entry}})
    assert any(code in e for e in errors), errors
    assert all(e.startswith("error: annotations/lineage.json: ") for e in errors)


@pytest.mark.parametrize(("fidelity", "message"), [
    ({"quoted": "We condemn it", "source_passage": "We condemn it"},
     "field 'quoted': the quoted words are not in the claim's text (value: 'We condemn it')"),
    ({"source_passage": "We condemn this launch"}, "field 'value': the quoted words differ from the source passage"),
    ({"value": "altered", "source_passage": "We condemn this launch"},
     "field 'value': an altered quote is a check-worthy claim about what was said (value: NFS, event_property)"),
    ({"value": "unverified"}, "field 'source_passage': an unverified quote has no source passage"),
])
def test_a_fidelity_that_does_not_fit_its_quote(project: Project, capsys: pytest.CaptureFixture[str], fidelity: dict[str, Any],
                                                message: str) -> None:
    errors = _errors(_quoted_project(project), capsys, {ARTICLE_ID: _entry(**fidelity)})
    assert len(errors) == 1 and f"fidelity {ARTICLE_ID}:c002: {message}" in errors[0], errors


def test_an_altered_quote_that_is_not_a_quote_claim_as_well_as_verbatim(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    errors = _errors(_quoted_project(project), capsys, {ARTICLE_ID: _entry(value="altered")})
    assert sorted(e.split(": field ")[1].split(" (value")[0] for e in errors) == [
        "'value': an altered quote is a check-worthy claim about what was said", "'value': the quoted words are the source passage's"]


def test_every_gold_altered_quote_is_checkworthy_with_an_attribution_verdict() -> None:
    entries, files = _gold()
    verdicts = [json.loads(x) for x in (ROOT / "dataset" / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8").splitlines()]
    judged = {v["claim_id"]: v for v in verdicts if v["aspect"] == "attribution"}
    altered = [(aid, cid) for aid, e in entries.items() for cid, f in e["fidelity"].items() if f["value"] == "altered"]
    assert altered
    for aid, cid in altered:
        claim = next(c for c in files[aid]["claims"] if c["id"] == cid)
        assert claim["checkworthiness"] == "CFS" and "quote_verification" in claim["claim_types"]
        verdict, claim_date = judged[f"{aid}:{cid}"], files[aid]["metadata"]["published"]["value"]
        assert all(e["published"] <= claim_date for e in verdict["evidence"])
        later = entries[aid]["fidelity"][cid]["earliest_source"]["published"] > claim_date  # the source cannot be used
        assert verdict["label"] == "Not Enough Evidence" if later else verdict["label"] in ("Refuted", "Conflicting Evidence/Cherrypicking")


def test_a_lineage_entry_without_a_seed(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    errors = _errors(_quoted_project(project), capsys, {ARTICLE_ID: _entry(), "555_beef": {**_entry(), "fidelity": {}}})
    assert errors == ["error: annotations/lineage.json: article 555_beef: no seed file for this article (value: '555_beef'). "
                      "Fix: add seeds/555_beef.txt, or remove the entry"]


def test_a_lineage_file_that_is_not_json(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    errors = _errors(_quoted_project(project), capsys, '{"articles": {')
    assert len(errors) == 1 and errors[0].startswith("error: annotations/lineage.json: ")


def test_the_file_schema_follows_the_output_schemas(tmp_path: Path) -> None:
    schema = lineage.file_schema()
    entry = schema["properties"]["articles"]["additionalProperties"]
    assert "source" not in entry["properties"]  # the build sets it
    assert "diff" not in entry["properties"]["fidelity"]["additionalProperties"]["properties"]  # the build makes it


def test_the_card_and_the_datasheet_say_what_each_seed_is() -> None:
    entries, _ = _gold()
    card = (ROOT / "dataset" / "README.md").read_text(encoding="utf-8")
    sheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    for aid, entry in entries.items():
        for doc in (card, sheet):
            row = next(line for line in doc.splitlines() if line.startswith(f"| `{aid}` | {entry['relation']} |"))
            assert all(p["url"] in row for p in entry["originals"] + entry["copies"]), aid
    assert "Words in quotation marks are not necessarily the speaker's" in card


def test_a_cached_build_sees_an_edited_lineage_file(project: Project) -> None:
    _quoted_project(project)
    path = project.annotations / lineage.FILE
    path.write_text(json.dumps({"articles": {ARTICLE_ID: _entry()}}), encoding="utf-8")
    cached = ("--cache", str(project.root / "cache"))
    assert project.run(*cached).returncode == 0
    path.write_text(json.dumps({"articles": {ARTICLE_ID: {**_entry(), "relation": "edited"}}}), encoding="utf-8")
    assert project.run(*cached).returncode == 0
    article = json.loads((project.out / "jsonl" / "articles.jsonl").read_text(encoding="utf-8"))
    assert article["lineage"]["relation"] == "edited"
    path.unlink()  # no lineage file: no lineage, and the quote's fidelity says it is not curated
    assert project.run(*cached).returncode == 0
    article = json.loads((project.out / "jsonl" / "articles.jsonl").read_text(encoding="utf-8"))
    claim = [json.loads(x) for x in (project.out / "jsonl" / "claims.jsonl").read_text().splitlines()][1]
    assert article["lineage"]["relation"] == "unknown" and claim["fidelity"]["evidence"] == lineage.NOT_CURATED
