"""The verdict layer: structure, the evidence and date rules, double judging, and ClaimReview export."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ARTICLE_ID, ROOT, Project

from dprk_claims.read.verdicts import PRIMARY, SOURCE_KINDS, after, removals

GOLD = ROOT / "dataset" / "jsonl"


def rows(config: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (GOLD / f"{config}.jsonl").read_text(encoding="utf-8").split("\n") if x]


def evidence(published: str | None = "2022-03-07", **over: Any) -> dict[str, Any]:
    return {"url": "https://press.un.org/en/2022/sc0000.doc.htm", "publisher": "United Nations", "title": "Meeting coverage",
            "published": published, "quote": "The Council met.", "retrieved": "2026-11-23", "retrieved_via": None,
            "source_kind": "un", **over}


def verdict(label: str = "Supported", **over: Any) -> dict[str, Any]:
    v = {"claim_id": f"{ARTICLE_ID}:c001", "aspect": "content", "label": label, "justification": "Because.",
         "evidence": [evidence(), evidence("2022-03-08", url="https://example.org/later", source_kind="reporting")],
         "searched": ["council missile march 2022"]}
    v.update(over)
    return v


def with_verdicts(project: Project, first: list[dict[str, Any]], second_labels: list[str],
                  decisions: list[dict[str, Any]] | None = None) -> Project:
    folder = project.annotations / "verdicts"
    folder.mkdir()
    (folder / "V1.json").write_text(json.dumps({"judge": "V1", "guideline_version": "1.1.0", "verdicts": first}))
    second = [{"claim_id": v["claim_id"], "aspect": v["aspect"], "label": lab, "justification": "x"}
              for v, lab in zip(first, second_labels, strict=True)]
    (folder / "V2.json").write_text(json.dumps({"judge": "V2", "verdicts": second}))
    if decisions is not None:
        (folder / "adjudication.json").write_text(json.dumps({"decisions": decisions}))
    return project


def test_after_claim_is_decided_at_day_precision() -> None:
    assert after("2017-05-26", "2017-05-27") is False
    assert after("2017-05-27", "2017-05-27") is False  # the same day is not after
    assert after("2017-05-28", "2017-05-27") is True
    assert after("2019-12-05", "2019-12") is True  # a month-only claim date counts from the month's first day
    assert after("2019-11-30", "2019-12") is False
    assert after("2017-05", "2017-05-27") is True  # evidence dated only to the month may be later in it
    assert after("2022-03-08T01:00:00+09:00", "2022-03-07") is True
    assert after(None, "2017-05-27") is False


def test_agreed_verdict_is_published_with_both_labels(small: Project) -> None:
    with_verdicts(small, [verdict()], ["Supported"])
    assert small.run().returncode == 0
    row = json.loads((small.out / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8"))
    assert (row["label"], row["first_label"], row["second_label"], row["adjudication"]) == ("Supported", "Supported", "Supported", None)
    assert row["claim_date"] == "2022-03-07"
    assert [(e["url"], e["after_claim"], e["primary"]) for e in row["evidence"]] == [(evidence()["url"], False, True)]
    assert [(e["url"], e["after_claim"], e["primary"]) for e in row["later_evidence"]] == [("https://example.org/later", True, False)]
    review = json.loads((small.out / "claimreview.jsonld").read_text(encoding="utf-8"))[0]
    assert review["@type"] == "ClaimReview" and review["reviewRating"]["alternateName"] == "Supported"
    assert review["itemReviewed"]["@type"] == "Claim" and review["itemReviewed"]["datePublished"] == "2022-03-07"


def test_disagreement_needs_an_adjudication(small: Project) -> None:
    with_verdicts(small, [verdict()], ["Refuted"])
    result = small.run()
    assert result.returncode == 1
    assert ("error: annotations/verdicts/adjudication.json: verdict 100_abcd:c001:content: field 'label': the judges disagree "
            "(Supported / Refuted). Fix: add a decision with the label and the reason to adjudication.json") in result.stderr.replace(
        str(small.root) + "/", "")


def test_adjudicated_label_and_reason_are_kept(small: Project) -> None:
    decision = {"claim_id": f"{ARTICLE_ID}:c001", "aspect": "content", "label": "Not Enough Evidence", "reason": "Too thin."}
    with_verdicts(small, [verdict()], ["Refuted"], [decision])
    assert small.run().returncode == 0
    row = json.loads((small.out / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8"))
    assert (row["label"], row["adjudication"], row["verified_by"]) == ("Not Enough Evidence", "Too thin.", ["V1", "V2", "adjudicator"])


@pytest.mark.parametrize("case, change, message", [
    ("after_claim typed for a dated item", {"evidence": [evidence("2022-03-01", after_claim=False)]},
     "field 'evidence[0].after_claim': after_claim is computed from the dates (value: False)"),
    ("evidence missing", {"evidence": []},
     "field 'evidence': a Supported verdict needs evidence published no later than the claim (value: 0 later item(s) only)"),
    ("only later evidence", {"evidence": [evidence("2022-03-08")]},
     "field 'evidence': a Supported verdict needs evidence published no later than the claim (value: 1 later item(s) only)"),
    ("undated page the judge reads as later", {"evidence": [evidence(None, after_claim=True)]},
     "field 'evidence': a Supported verdict needs evidence published no later than the claim (value: 1 later item(s) only)"),
    ("unknown source kind", {"evidence": [evidence(source_kind="blog")]},
     "field 'evidence[0].source_kind': unknown kind of source (value: 'blog')"),
    ("NEE without searches", {"label": "Not Enough Evidence", "evidence": [], "searched": []},
     "field 'searched': a Not Enough Evidence verdict must say what was searched (value: [])"),
    ("attribution of the author's voice", {"aspect": "attribution"},
     "field 'aspect': the claim is in the article's own voice (value: 'attribution')"),
])
def test_verdict_rules(small: Project, case: str, change: dict[str, Any], message: str) -> None:
    v = verdict(**change)
    with_verdicts(small, [v], [v["label"]])
    result = small.run()
    assert result.returncode == 1, case
    err = result.stderr.replace(str(small.root) + "/", "")
    assert f"annotations/verdicts/V1.json: verdict 100_abcd:c001:{v['aspect']}: {message}" in err


def test_every_cfs_claim_in_the_gold_has_a_content_verdict_or_a_withdrawal() -> None:
    verdicts = rows("verdicts")
    withdrawn = removals(ROOT / "annotations" / "verdicts")
    cfs = {c["claim_id"] for c in rows("claims") if c["checkworthiness"] == "CFS"}
    judged = {v["claim_id"] for v in verdicts if v["aspect"] == "content"}
    assert judged | {c for c, a in withdrawn if a == "content"} == cfs
    assert not judged & {c for c, a in withdrawn if a == "content"}
    for v in verdicts:
        assert v["evidence"] or (v["label"] == "Not Enough Evidence" and v["searched"])
        assert v["label"] == v["first_label"] == v["second_label"] or v["adjudication"] or v["revision_reason"]


def test_no_gold_label_rests_on_evidence_after_its_claim() -> None:
    """after_claim is recomputed from the dates at day precision; the label's evidence holds none after the claim."""
    for v in rows("verdicts"):
        for e in v["evidence"] + v["later_evidence"]:
            assert e["url"].startswith(("https://", "http://")) and e["publisher"] and e["quote"] and e["retrieved"]
            assert e["primary"] == (e["source_kind"] in PRIMARY)
            if e["published"] is not None:
                assert e["after_claim"] == after(e["published"], v["claim_date"]), (v["verdict_id"], e["url"])
        assert not any(e["after_claim"] for e in v["evidence"]), v["verdict_id"]
        assert all(e["after_claim"] for e in v["later_evidence"]), v["verdict_id"]


def test_gold_claim_dates_are_days() -> None:
    """Every curated article's publication date is known to the day, so no claim date is a month (the leak audited in #14)."""
    dates = {v["article_id"]: v["claim_date"] for v in rows("verdicts")}
    assert dates and all(len(d) == 10 for d in dates.values()), dates


def test_withdrawn_verdict_is_not_published_and_excuses_the_missing_one(small: Project) -> None:
    with_verdicts(small, [verdict()], ["Supported"])
    (small.annotations / "verdicts" / "adjudication.json").write_text(json.dumps(
        {"removed": [{"claim_id": f"{ARTICLE_ID}:c001", "aspect": "content", "reason": "A warning has no truth value."}]}))
    assert small.run().returncode == 0
    assert (small.out / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8") == ""


def test_revision_relabels_with_its_reason_and_added_evidence(small: Project) -> None:
    added = evidence("2022-03-06", url="https://example.org/added", source_kind="agency")
    revision = {"claim_id": f"{ARTICLE_ID}:c001", "aspect": "content", "label": "Not Enough Evidence",
                "reason": "Later evidence set aside.", "evidence": [added]}
    with_verdicts(small, [verdict()], ["Supported"], [])
    (small.annotations / "verdicts" / "adjudication.json").write_text(json.dumps(
        {"guideline_version": "1.2.0", "decisions": [], "revisions": [revision]}))
    assert small.run().returncode == 0
    row = json.loads((small.out / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8"))
    assert (row["label"], row["previous_label"], row["revision_reason"], row["justification"], row["guideline_version"]) == (
        "Not Enough Evidence", "Supported", "Later evidence set aside.", "Later evidence set aside.", "1.2.0")
    assert [e["url"] for e in row["evidence"]] == [evidence()["url"], "https://example.org/added"]


def test_claimreview_export_has_one_review_per_verdict() -> None:
    reviews = json.loads((ROOT / "dataset" / "claimreview.jsonld").read_text(encoding="utf-8"))
    verdicts = rows("verdicts")
    assert [r["identifier"] for r in reviews] == [v["verdict_id"] for v in verdicts]
    assert all(r["reviewRating"]["alternateName"] == v["label"] for r, v in zip(reviews, verdicts, strict=True))



def test_the_primary_source_kinds_are_source_kinds_of_the_schema() -> None:
    assert PRIMARY < set(SOURCE_KINDS)
