"""Evidence-backed verdicts on check-worthy claims (the ``verdicts`` config) and their export as
schema.org ClaimReview JSON-LD.

Inputs in ``annotations/verdicts/``: ``V1.json`` (the first judge: labels, justifications, evidence,
searches), ``V2.json`` (the second judge's labels from the same evidence, made without seeing V1's) and
``adjudication.json`` (the decision for every item on which the judges disagree, the re-judgements made
under a later guideline version, and the verdicts withdrawn, each with its reason).

Time: ``after_claim`` is computed here from the dates, never typed: an evidence item is after the claim
unless its latest possible day is on or before the claim's earliest possible day. A label rests on the
items of ``evidence`` alone; the items published after the claim go to ``later_evidence``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import Problem
from dprk_claims.core.schemas import enum

MAX_QUOTE = 500  # characters: one or two sentences
# ClaimReview ratings on a 1-5 scale; Not Enough Evidence has no rating value, only its name.
RATING = {"Supported": 5, "Conflicting Evidence/Cherrypicking": 3, "Refuted": 1}
# What published an evidence item (the verdicts schema's source_kind); un, official and agency are primary
# sources (docs/annotation-guidelines.md, section 7).
SOURCE_KINDS = tuple(enum("verdicts", "evidence", "source_kind"))
PRIMARY = frozenset(("un", "official", "agency"))
FIELDS = ("url", "publisher", "title", "published", "quote", "retrieved", "retrieved_via", "source_kind")


def _read(path: Path) -> dict[str, Any]:
    from dprk_claims.core import strictjson
    from dprk_claims.core.errors import AnnotationError, Problem

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


def days(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD, a time after it ignored) can mean."""
    parts = [int(p) for p in value[:10].split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if len(parts) == 2:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, parts[2])
    return day, day


def after(evidence_date: str | None, claim_date: str | None) -> bool:
    """Could the evidence have been published after the claim? At day precision: True unless the evidence's
    last possible day is on or before the claim's first possible day (a claim dated only to the month
    counts from the month's first day, so evidence from later in that month is after it)."""
    if not evidence_date or not claim_date:
        return False
    return days(evidence_date)[1] > days(claim_date)[0]


def removals(folder: Path) -> dict[tuple[str, str], str]:
    """The verdicts withdrawn (claim_id, aspect) -> reason, from adjudication.json's ``removed``."""
    return {(r["claim_id"], r["aspect"]): r["reason"] for r in _read(folder / "adjudication.json").get("removed", [])}


def _evidence(items: list[dict[str, Any]], claim_date: str | None, checks: dict[str, set[bool]], file: str,
              rid: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Problem]]:
    """The evidence not after the claim, the evidence after it, and the problems: after_claim is computed from
    the dates; the judge gives it only for an undated page (true when its content shows it is later)."""
    before: list[dict[str, Any]] = []
    later: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, e in enumerate(items):
        if e.get("source_kind") not in SOURCE_KINDS:
            problems.append(Problem(file, rid, f"evidence[{i}].source_kind", "source_kind", "unknown kind of source",
                                    repr(e.get("source_kind")), f"use one of {', '.join(SOURCE_KINDS)}"))
        if e.get("published") is not None and "after_claim" in e:
            problems.append(Problem(file, rid, f"evidence[{i}].after_claim", "date_rule", "after_claim is computed from the dates",
                                    repr(e["after_claim"]), "remove it: the judge gives after_claim only for an undated page"))
        late = after(e.get("published"), claim_date) if e.get("published") is not None else bool(e.get("after_claim", False))
        row = {k: e.get(k) for k in FIELDS} | {"primary": e.get("source_kind") in PRIMARY, "after_claim": late,
                                               "quote_check": _check(checks.get(e.get("url", "")))}
        (later if late else before).append(row)
    return before, later, problems


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
    revisions = {(d["claim_id"], d["aspect"]): d for d in adjudicated.get("revisions", [])}
    removed = removals(folder)
    out, problems = [], []
    for v in first["verdicts"]:
        key = (v["claim_id"], v["aspect"])
        rid = f"verdict {v['claim_id']}:{v['aspect']}"
        claim = claims.get(v["claim_id"])
        if claim is None:
            problems.append(Problem(file, rid, "claim_id", "unknown_claim", "no claim has this id", repr(v["claim_id"]),
                                    "use a claim_id from the claims config"))
            continue
        if key in removed:
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
        justification = decision["reason"] if decision and decision["label"] != v["label"] else v["justification"]
        revision = revisions.get(key)
        added = revision.get("evidence", []) if revision else []  # evidence the adjudicator added when re-judging
        before, later, found = _evidence(v["evidence"] + added, claim_date, checks, file, rid)
        out.append({
            "verdict_id": f"{v['claim_id']}:{v['aspect']}", "claim_id": v["claim_id"], "article_id": claim["article_id"],
            "aspect": v["aspect"], "label": revision["label"] if revision else label,
            "justification": revision.get("justification", revision["reason"]) if revision else justification,
            "claim_date": claim_date, "evidence": before, "later_evidence": later,
            "searched": list(v.get("searched", [])), "first_label": v["label"], "second_label": two["label"],
            "adjudication": decision["reason"] if decision else None,
            "previous_label": label if revision else None, "revision_reason": revision["reason"] if revision else None,
            "verified_by": [first.get("judge", "V1"), second.get("judge", "V2")] + (["adjudicator"] if decision or revision else []),
            "guideline_version": adjudicated.get("guideline_version", first.get("guideline_version", "")),
        })
        problems += found + rule_problems(out[-1], claim, file)
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
        found.append(Problem(file, rid, "evidence", "no_evidence",
                             f"a {row['label']} verdict needs evidence published no later than the claim",
                             f"{len(row['later_evidence'])} later item(s) only",
                             "cite evidence from before the claim, or label it Not Enough Evidence with what was searched"))
    if row["label"] == "Not Enough Evidence" and not row["searched"]:
        found.append(Problem(file, rid, "searched", "no_search", "a Not Enough Evidence verdict must say what was searched", "[]",
                             "list the queries and sources tried"))
    for i, e in enumerate(row["evidence"] + row["later_evidence"]):
        if not (e["quote"] or "").strip() or len(e["quote"] or "") > MAX_QUOTE:
            found.append(Problem(file, rid, f"evidence[{i}].quote", "bad_quote", "a quote is one or two sentences",
                                 f"{len(e['quote'] or '')} characters", "quote one or two sentences exactly as on the page"))
    return found


def missing(cfs_curated: list[str], verdicts: list[dict[str, Any]], file: str,
            removed: dict[tuple[str, str], str] | None = None) -> list[Problem]:
    """Every CFS claim of a curated article (their ids: cfs_curated) needs a content verdict, once verdicts exist at all,
    unless its content verdict was withdrawn with a reason (a warning, a call or a threat has no truth value)."""
    have = {v["claim_id"] for v in verdicts if v["aspect"] == "content"} | {c for c, a in (removed or {}) if a == "content"}
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
