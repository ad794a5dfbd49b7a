"""Checks of the committed gold, made directly on the built JSONL (not through the build's own code)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import ROOT

DATASET = ROOT / "dataset" / "jsonl"
KB = {e["kb_id"]: e for e in json.loads((ROOT / "kb" / "entities.json").read_text(encoding="utf-8"))["entities"]}
# ISO 8601 calendar values at any precision, TIMEX3 underspecified values (X digits, week dates), durations
# (PnY, PnM, PnW, PnD, PXY …); no start/end intervals (guidelines 1.3.0: not a TIMEX3 value).
_POINT = r"(\d{4}|XXXX)(-(\d{2}|XX)(-(\d{2}|XX))?)?|(\d{4}|XXXX)-W(\d{2}|XX)(-\d)?"
_DURATION = r"P(\d+|X)(Y|M|W|D)"
TIMEX_VALUE = re.compile(rf"^(({_POINT})|{_DURATION})$")


def rows(config: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATASET / f"{config}.jsonl").read_text(encoding="utf-8").split("\n") if line]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {a["article_id"]: a["text"] for a in rows("articles")}


def test_every_article_is_curated() -> None:
    assert {a["article_id"]: a["annotation"]["origin"] for a in rows("articles")} == {
        p.stem: "curated" for p in sorted((ROOT / "seeds").glob("*.txt"))}


def test_every_span_is_verbatim(texts: dict[str, str]) -> None:
    checked = 0
    for c in rows("claims"):
        t = texts[c["article_id"]]
        spans = [(c["char_start"], c["char_end"], c["text"])]
        a = c["attribution"]
        for link in [a, *a["chain"]]:
            spans += [(link["speaker_start"], link["speaker_end"], link["speaker"]), (link["cue_start"], link["cue_end"], link["cue"])]
        for layer in ("entities", "time_expressions", "quantities"):
            spans += [(x["char_start"], x["char_end"], x["text"]) for x in c[layer]]
        for start, end, text in spans:
            if text is None:
                assert start is None and end is None
                continue
            assert t[start:end] == text, (c["claim_id"], text)
            checked += 1
    assert checked > 300


def test_speakers_and_entities_resolve_in_the_knowledge_base() -> None:
    for c in rows("claims"):
        a = c["attribution"]
        for link in [a, *a["chain"]]:
            if link["speaker_kind"] in ("person", "state", "organisation", "document", "media"):
                assert link["speaker_kb_id"] in KB, (c["claim_id"], link["speaker"])
                assert link["speaker_normalized"] == KB[link["speaker_kb_id"]]["name"], c["claim_id"]
            elif link["speaker_kind"] == "author":
                assert link["speaker"] is None and a["quote_type"] == "none"
        assert (a["chain"][-1]["speaker_normalized"] if a["chain"] else None) == a["speaker_normalized"]
        for e in c["entities"]:
            assert e["kb_id"] in KB, (c["claim_id"], e["text"])
            assert e["qid"] == KB[e["kb_id"]]["qid"]


def test_qids_are_only_the_confirmed_ones() -> None:
    confirmed = {"Q423", "Q30", "Q37470", "Q1065", "Q148", "Q159", "Q884", "Q17", "Q408", "Q458", "Q56226", "Q22686",
                 "Q483134", "Q40464", "Q171328"}  # ../shared/notes/annotation-anchors.md: confirmed from stored sources
    for entry in KB.values():
        assert entry["qid"] is None or entry["qid"] in confirmed, entry["kb_id"]
        assert entry["qid"] is not None or entry["qid_note"], entry["kb_id"]


def test_time_values_are_iso_8601_or_timex3() -> None:
    values = [t["value"] for c in rows("claims") for t in c["time_expressions"]]
    assert values
    for value in values:
        assert value is None or TIMEX_VALUE.match(value), value


def test_sentences_cover_every_paragraph_exactly_once(texts: dict[str, str]) -> None:
    sentences = rows("sentences")
    claims = {c["claim_id"]: c for c in rows("claims")}
    for article in rows("articles"):
        t = texts[article["article_id"]]
        mine = [s for s in sentences if s["article_id"] == article["article_id"]]
        covered = [0] * len(t)
        for s in mine:
            assert t[s["char_start"]:s["char_end"]] == s["text"]
            for k in range(s["char_start"], s["char_end"]):
                covered[k] += 1
        for p in article["paragraphs"]:
            assert all(covered[k] == 1 or t[k].isspace() for k in range(p["char_start"], p["char_end"]))
        outside = [k for k in range(len(t)) if covered[k] and not any(p["char_start"] <= k < p["char_end"] for p in article["paragraphs"])]
        assert outside == []
    assert sorted(cid for s in sentences for cid in s["claim_ids"]) == sorted(claims)


def test_claim_links_name_existing_claims_in_two_articles() -> None:
    claims = {c["claim_id"]: c for c in rows("claims")}
    links = rows("claim_links")
    assert links
    for link in links:
        assert claims[link["claim_id_a"]]["article_id"] != claims[link["claim_id_b"]]["article_id"]


def test_annotator_labels_keep_both_passes() -> None:
    labels = rows("annotator_labels")
    passes = json.loads((ROOT / "annotations" / "passes" / "agreement.json").read_text(encoding="utf-8"))["figures"]["claims"]
    assert sum(r["pass_name"] == "A" for r in labels) == passes["pass_a"]
    assert sum(r["pass_name"] == "B" for r in labels) == passes["pass_b"]


def test_card_and_datasheet_counts_are_generated_from_the_data() -> None:
    from dprk_claims.publish import card

    tables = {c: rows(c) for c in ("claims", "articles")}
    blocks = card.generated_blocks({**tables, "sentences": [], "claim_links": [], "annotator_labels": []})
    for doc in (ROOT / "dataset" / "README.md", ROOT / "DATASHEET.md"):
        text = doc.read_text(encoding="utf-8")
        assert blocks["counts:articles"] in text and blocks["counts:labels"] in text, doc

