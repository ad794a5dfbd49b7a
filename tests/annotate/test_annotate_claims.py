"""Claim spans, labels and record shape of the automatic annotator; and the build around it."""

from __future__ import annotations

import re

from conftest import ROOT, annotate_text, claim_with

from dprk_claims.annotate.core import annotate_article
from dprk_claims.parse import layout
from dprk_claims.validate import checks


def test_compound_sentence_is_split_into_its_propositions() -> None:
    claims, _ = annotate_text("While their leaders have met three times, actual negotiations toward a deal have snagged.\n")
    assert [c["text"] for c in claims] == ["their leaders have met three times", "actual negotiations toward a deal have snagged."]


def test_that_clauses_after_one_cue_are_separate_claims() -> None:
    text = "Jane Roe said that the council had met, that there had been violations, and that talks were needed.\n"
    claims, _ = annotate_text(text)
    assert [c["text"] for c in claims] == ["the council had met", "there had been violations", "talks were needed."]
    assert {c["attribution"]["speaker"] for c in claims} == {"Jane Roe"}


def test_questions_and_non_claim_paragraphs_are_skipped() -> None:
    text = "North Korea nuclear crisis\n\nNorth Korea fires a missile\n\nPUBLISHED : Monday, 7 March, 2022, 9:00am\n\n" \
           "Will the council act on the launch?\nThe council met on Monday.\n"
    claims, sentences = annotate_text(text)
    assert [c["text"] for c in claims] == ["North Korea fires a missile", "The council met on Monday."]
    assert len(sentences) == 5  # every paragraph still has its sentences


def test_labels_follow_the_guidelines() -> None:
    text = ("North Korea fired 13 ballistic missiles in 2019.\n“We stand ready to collaborate,” Jane Roe said.\n"
            "The situation would take a turn for the worse if the council met, she warned.\n")
    claims, _ = annotate_text(text)
    numeric = claim_with(claims, "13 ballistic")
    assert (numeric["checkworthiness"], numeric["claim_types"]) == ("CFS", ["event_property", "numerical"])
    assert numeric["factuality"] == {"author": "CT+", "source": None}
    stance = claim_with(claims, "stand ready")
    assert stance["checkworthiness"] == "NFS" and "position_statement" in stance["claim_types"]
    assert stance["factuality"] == {"author": "Uu", "source": "CT+"}
    conditional = claim_with(claims, "worse")
    assert "speculative" in conditional["claim_types"] and conditional["factuality"]["source"] == "PS+"


def test_records_have_the_schema_shape_verbatim_spans_and_stable_ids() -> None:
    text = "“The council has failed,” Jane Roe, the envoy, said on Monday. “It must act.”\nDiplomats said 15 members met.\n"
    claims, sentences = annotate_text(text, "2022-03-07")
    article = {"article_id": "900_abcd", "text": text, "paragraphs": layout.paragraphs(text)}
    for claim in claims:
        assert checks.claim_problems(claim, article, "test") == []
        assert re.fullmatch(r"900_abcd:a[0-9a-f]{12}", claim["claim_id"])
        assert claim["annotation"]["origin"] == "automatic" and claim["normalized"] is None
        for link in [claim["attribution"], *claim["attribution"]["chain"]]:
            if link["speaker"] is not None:
                assert text[link["speaker_start"]:link["speaker_end"]] == link["speaker"]
                assert text[link["cue_start"]:link["cue_end"]] == link["cue"]
    assert [c["claim_id"] for c in annotate_text(text, "2022-03-07")[0]] == [c["claim_id"] for c in claims]
    assert [text[s:e] for s, e in sentences] == ["“The council has failed,” Jane Roe, the envoy, said on Monday.",
                                                  "“It must act.”", "Diplomats said 15 members met."]


def test_the_annotator_holds_no_seed_sentences() -> None:
    """It must work on articles it has never seen: no run of six words of a seed is in its source."""
    source = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "dprk_claims" / "annotate").glob("*.py"))
    words = re.findall(r"\w+", source.lower())
    shingles = {" ".join(words[i:i + 6]) for i in range(len(words) - 5)}
    for seed in (ROOT / "seeds").glob("*.txt"):
        seed_words = re.findall(r"\w+", seed.read_text(encoding="utf-8").lower())
        found = {" ".join(seed_words[i:i + 6]) for i in range(len(seed_words) - 5)} & shingles
        assert not found, (seed.name, sorted(found)[:3])


def test_annotate_article_needs_no_curated_metadata() -> None:
    text = "North Korea fired a missile on Saturday.\n"
    article = {"article_id": "901_beef", "text": text, "paragraphs": layout.paragraphs(text), "published": None}
    claims, _ = annotate_article(article, {})
    assert claims[0]["time_expressions"][0]["value"] == "XXXX-WXX-6"
    assert claims[0]["entities"] == []  # an empty knowledge base links nothing, and "North Korea" is no person name


def test_the_month_may_is_not_a_modal() -> None:
    claims, _ = annotate_text("North Korea has fired 13 missiles since May.\nNorth Korea may fire again.\n")
    assert "speculative" not in claim_with(claims, "since May")["claim_types"]
    assert "speculative" in claim_with(claims, "fire again")["claim_types"]
