"""Evidence-backed verdicts on check-worthy claims (the ``verdicts`` config) and their export as
schema.org ClaimReview JSON-LD.

Inputs in ``annotations/verdicts/``: ``V1.json`` (the first judge: labels, justifications, evidence,
searches), ``V2.json`` (the second judge's labels from the same evidence, made without seeing V1's) and
``adjudication.json`` (the decision for every item on which the judges disagree).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Problem

LABELS = ("Supported", "Refuted", "Not Enough Evidence", "Conflicting Evidence/Cherrypicking")
MAX_QUOTE = 500  # characters: one or two sentences
# ClaimReview ratings on a 1-5 scale; Not Enough Evidence has no rating value, only its name.
RATING = {"Supported": 5, "Conflicting Evidence/Cherrypicking": 3, "Refuted": 1}


def _read(path: Path) -> dict[str, Any]:
    from . import strictjson
    from .errors import AnnotationError, Problem

    data = strictjson.read(path, AnnotationError, "fix the JSON of the verdicts file") if path.is_file() else {}
    if not isinstance(data, dict):
        raise AnnotationError([Problem(str(path), None, None, "bad_json", "a verdicts file holds one JSON object", None,
                                       'write {"judge": …, "verdicts": [...]}')])
    return data


def _check(found: set[bool] | None) -> str | None:
    """A URL's quotes were found if the second judge found them, not_found if every check failed."""
    if not found:
        return None
    return "found" if True in found else "not_found"


def after(evidence_date: str | None, claim_date: str | None) -> bool:
    """Was the evidence published after the claim date, at the claim date's precision?"""
    if not evidence_date or not claim_date:
        return False
    return evidence_date[: len(claim_date)] > claim_date


def rows(folder: Path, claims: dict[str, dict[str, Any]],
         articles: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The verdict rows and every problem found in the verdict files."""
    first, second, adjudicated = _read(folder / "V1.json"), _read(folder / "V2.json"), _read(folder / "adjudication.json")
    if not first:
        return [], []
    file = str(folder / "V1.json")
    seconds = {(v["claim_id"], v["aspect"]): v for v in second.get("verdicts", [])}
    checks: dict[str, set[bool]] = {}
    for check in second.get("evidence_checks", []):
        checks.setdefault(check["url"], set()).add(bool(check["quote_found"]))
    decisions = {(d["claim_id"], d["aspect"]): d for d in adjudicated.get("decisions", [])}
    out, problems = [], []
    for v in first["verdicts"]:
        key = (v["claim_id"], v["aspect"])
        rid = f"verdict {v['claim_id']}:{v['aspect']}"
        claim = claims.get(v["claim_id"])
        if claim is None:
            problems.append(Problem(file, rid, "claim_id", "unknown_claim", "no claim has this id", repr(v["claim_id"]),
                                    "use a claim_id from the claims config"))
            continue
        claim_date = articles[claim["article_id"]]["published"]["value"]
        two = seconds.get(key)
        if two is None:
            problems.append(Problem(str(folder / "V2.json"), rid, "label", "not_rejudged", "the second judge has no label for it",
                                    None, "have the second judge label every verdict from the same evidence"))
            continue
        decision = decisions.get(key)
        if v["label"] != two["label"] and decision is None:
            problems.append(Problem(str(folder / "adjudication.json"), rid, "label", "unadjudicated",
                                    f"the judges disagree ({v['label']} / {two['label']})", None,
                                    "add a decision with the label and the reason to adjudication.json"))
            continue
        label = decision["label"] if decision else v["label"]
        evidence = [dict(e, after_claim=bool(e["after_claim"]), quote_check=_check(checks.get(e["url"]))) for e in v["evidence"]]
        out.append({
            "verdict_id": f"{v['claim_id']}:{v['aspect']}", "claim_id": v["claim_id"], "article_id": claim["article_id"],
            "aspect": v["aspect"], "label": label,
            "justification": decision["reason"] if decision and decision["label"] != v["label"] else v["justification"],
            "claim_date": claim_date,
            "evidence": [{k: e.get(k) for k in ("url", "publisher", "title", "published", "quote", "retrieved", "retrieved_via",
                                                "after_claim", "quote_check")} for e in evidence],
            "searched": list(v.get("searched", [])), "first_label": v["label"], "second_label": two["label"],
            "adjudication": decision["reason"] if decision else None,
            "verified_by": [first.get("judge", "V1"), second.get("judge", "V2")] + (["adjudicator"] if decision else []),
            "guideline_version": first.get("guideline_version", ""),
        })
        problems += rule_problems(out[-1], claim, file)
    out.sort(key=lambda r: (r["claim_id"], r["aspect"]))
    return out, problems


def rule_problems(row: dict[str, Any], claim: dict[str, Any], file: str) -> list[Problem]:
    """The verdict rules a schema cannot check (docs/annotation-guidelines.md, section 7)."""
    rid = f"verdict {row['verdict_id']}"
    found = []
    if claim["checkworthiness"] != "CFS":
        found.append(Problem(file, rid, "claim_id", "not_checkworthy", "verdicts are for CFS claims",
                             repr(claim["checkworthiness"]), "judge only claims labelled CFS"))
    if row["aspect"] == "attribution" and claim["attribution"]["quote_type"] == "none":
        found.append(Problem(file, rid, "aspect", "no_speaker", "the claim is in the article's own voice", repr("attribution"),
                             "give it a content verdict only"))
    if row["label"] != "Not Enough Evidence" and not row["evidence"]:
        found.append(Problem(file, rid, "evidence", "no_evidence", f"a {row['label']} verdict needs evidence", "[]",
                             "cite the evidence, or label it Not Enough Evidence with what was searched"))
    if row["label"] == "Not Enough Evidence" and not row["searched"]:
        found.append(Problem(file, rid, "searched", "no_search", "a Not Enough Evidence verdict must say what was searched", "[]",
                             "list the queries and sources tried"))
    for i, e in enumerate(row["evidence"]):
        if not e["quote"].strip() or len(e["quote"]) > MAX_QUOTE:
            found.append(Problem(file, rid, f"evidence[{i}].quote", "bad_quote", "a quote is one or two sentences",
                                 f"{len(e['quote'])} characters", "quote one or two sentences exactly as on the page"))
        # An undated page may still be known to post-date the claim (it reports later events), and a claim may
        # have no known date: then the judge decides.
        dated = e["published"] is not None and row["claim_date"] is not None
        if dated and e["after_claim"] != after(e["published"], row["claim_date"]):
            found.append(Problem(file, rid, f"evidence[{i}].after_claim", "date_rule",
                                 f"published {e['published']} against claim date {row['claim_date']}", repr(e["after_claim"]),
                                 "after_claim is true exactly when the evidence was published after the claim date"))
    return found


def missing(cfs_curated: list[str], verdicts: list[dict[str, Any]], file: str) -> list[Problem]:
    """Every CFS claim of a curated article (their ids: cfs_curated) needs a content verdict, once verdicts exist at all."""
    have = {v["claim_id"] for v in verdicts if v["aspect"] == "content"}
    return [Problem(file, f"claim {cid}", "verdicts", "no_verdict", "this CFS claim has no content verdict", None,
                    "add a verdict (or an honest Not Enough Evidence with what was searched)")
            for cid in cfs_curated if cid not in have]


def claim_reviews(verdicts: list[dict[str, Any]], claims: dict[str, dict[str, Any]],
                  articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per verdict, as fact-checking sites publish them."""
    reviews = []
    for v in verdicts:
        claim = claims[v["claim_id"]]
        article = articles[v["article_id"]]
        speaker = claim["attribution"]["speaker_normalized"] if v["aspect"] == "content" else None
        author = speaker or article.get("outlet") or "the article's author (unnamed)"
        reviewed = claim["normalized"] or claim["text"]
        if v["aspect"] == "attribution":
            reviewed = f"{claim['attribution']['speaker_normalized']} said: {claim['text']}"
        reviews.append({
            "@context": "https://schema.org", "@type": "ClaimReview", "identifier": v["verdict_id"],
            "claimReviewed": reviewed,
            "reviewRating": {"@type": "Rating", "alternateName": v["label"], "bestRating": 5, "worstRating": 1,
                             "ratingExplanation": v["justification"],
                             **({"ratingValue": RATING[v["label"]]} if v["label"] in RATING else {})},
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Thing", "name": author},
                             "datePublished": v["claim_date"],
                             "appearance": {"@type": "CreativeWork", "identifier": v["article_id"], "url": article.get("url"),
                                            "headline": article.get("headline")}},
            "author": {"@type": "Organization", "name": "dprk-unsc-claims"},
            "datePublished": max((e["retrieved"] for e in v["evidence"]), default=None),
            "citation": [{"@type": "CreativeWork", "url": e["url"], "publisher": e["publisher"], "name": e["title"],
                          "datePublished": e["published"]} for e in v["evidence"]],
        })
    return reviews
