"""Automatic sentence boundaries (spaCy's rule-based sentencizer) and the sentences rows."""

from __future__ import annotations

from dprk_claims.parse import layout, sentences

TWO_QUOTED_SENTENCES = "“We will respond,” Kim said. “The council must stop.”\nA second paragraph here."


def test_opening_quote_moves_to_the_sentence_it_opens() -> None:
    text = TWO_QUOTED_SENTENCES
    spans = sentences.split(text, layout.paragraphs(text))
    assert [text[s:e] for s, e in spans] == ["“We will respond,” Kim said.", "“The council must stop.”", "A second paragraph here."]


def test_rows_label_sentences_by_their_claims() -> None:
    text = TWO_QUOTED_SENTENCES
    article = {"article_id": "100_abcd", "text": text, "paragraphs": layout.paragraphs(text)}
    spans = sentences.split(text, article["paragraphs"])
    claims = [{"claim_id": "100_abcd:c001", "char_start": 1, "checkworthiness": "NFS"},
              {"claim_id": "100_abcd:c002", "char_start": 1, "checkworthiness": "CFS"}]
    rows = sentences.rows(article, claims, spans, "automatic")
    assert [(r["sentence_id"], r["checkworthiness"], r["claim_ids"]) for r in rows] == [
        ("100_abcd:s000", "CFS", ["100_abcd:c001", "100_abcd:c002"]),
        ("100_abcd:s001", "NFS", []),
        ("100_abcd:s002", "NFS", []),
    ]
    assert rows[2]["paragraph_index"] == 1
