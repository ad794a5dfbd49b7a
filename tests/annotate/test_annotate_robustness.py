"""The annotator on odd and recombined input: every record it makes passes the build's validation."""

from __future__ import annotations

import random

from conftest import ROOT, annotate_text

from dprk_claims.annotate.core import annotate_article
from dprk_claims.parse import layout
from dprk_claims.read.annotations import load_kb
from dprk_claims.validate import checks

ODD_TEXTS = [
    "",
    "…\n\n“\n",
    "“An opening quote that never closes, Kim said.\nAnd a straight \" one.\n",
    "North Korea 🚀 fired a missile on February 31, officials said.\n",
    "SEOUL (Reuters) - \nSEOUL (Reuters) - Talks resumed.\n",
    "Why did the council not meet? Nobody knows, he said?\n",
    "She said.\nAccording to, the vote failed.\n",
]


def assert_valid(text: str, claims: list, spans: list) -> None:  # type: ignore[type-arg]
    article = {"article_id": "900_abcd", "text": text, "paragraphs": layout.paragraphs(text)}
    for claim in claims:
        assert checks.claim_problems(claim, article, "test") == [], claim
    assert all(text[s:e] == text[s:e].strip() and e > s for s, e in spans)


def test_odd_texts_give_valid_records() -> None:
    for text in ODD_TEXTS:
        claims, spans = annotate_text(text, "2019-02-30")  # an impossible anchor day is treated as unknown
        assert_valid(text, claims, spans)
    claims, _ = annotate_text(ODD_TEXTS[3], "2019-02")
    assert claim_dates(claims) == [None]


def claim_dates(claims: list) -> list:  # type: ignore[type-arg]
    return [t["value"] for c in claims for t in c["time_expressions"]]


def test_recombined_seed_paragraphs_give_valid_records() -> None:
    kb = load_kb(ROOT / "kb" / "entities.json")
    paragraphs = [line for p in sorted((ROOT / "seeds").glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()
                  if line.strip()]
    rng = random.Random(7)
    for n in range(25):
        text = "\n".join(rng.sample(paragraphs, 6)) + "\n"
        article = {"article_id": f"9{n:02d}_abcd", "text": text, "paragraphs": layout.paragraphs(text), "published": None}
        claims, spans = annotate_article(article, kb)
        for claim in claims:
            assert checks.claim_problems(claim, dict(article, article_id=claim["article_id"]), "test") == [], claim
        assert_valid(text, [], spans)
