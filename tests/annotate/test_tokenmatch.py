"""The annotator's TokenMatcher gives exactly spaCy's Matcher's list (same matches, same order, the same
greedy="LONGEST" filter) for the annotator's patterns, on the seed articles and on generated word soups
dense in what the patterns read (months, numbers, "the … of the …", names)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dprk_claims.annotate import core, nlp
from dprk_claims.annotate.tokenmatch import TokenMatcher
from dprk_claims.read.annotations import load_kb
from dprk_claims.read.seeds import read_seeds

ROOT = Path(__file__).resolve().parents[2]
WORDS = ("March May may Sept. sept Monday Friday the The a an in of by until from last next this early late mid - , . 2019 "
         "2022 1850 7 17 million $ % percent end beginning start middle year month week day days weeks years ago since today "
         "yesterday weekend earlier later that same previous following one two night morning several few past coming Kim Jong "
         "Un Song-hye Thomas-Greenfield McDonald DiCarlo Security Council said Mr UN nine tonnes well-known").split()


@pytest.fixture(scope="module")
def matchers() -> tuple[nlp.Pipeline, object]:
    pipe = nlp.pipeline(load_kb(ROOT / "kb" / "entities.json"), core.LAYERS)
    entries = [(f"{name}:{label}", pat) for name, of in core.LAYERS for label, pats in of().items() for pat in pats]
    return pipe, nlp.spacy_matcher(pipe.nlp.vocab, entries)


def test_the_pipeline_uses_the_token_matcher(matchers: tuple[nlp.Pipeline, object]) -> None:
    assert isinstance(matchers[0].matcher, TokenMatcher)


def test_same_matches_as_spacy_on_the_seeds(matchers: tuple[nlp.Pipeline, object]) -> None:
    pipe, spacy_matcher = matchers
    for seed in read_seeds(ROOT / "seeds"):
        doc = pipe.nlp(seed["text"])
        want = spacy_matcher(doc)  # type: ignore[operator]
        assert len(want) > 10 and pipe.matcher(doc) == want, seed["article_id"]


def test_same_matches_as_spacy_on_word_soups(matchers: tuple[nlp.Pipeline, object]) -> None:
    from spacy.tokens import Doc

    pipe, spacy_matcher = matchers
    rng = random.Random(16)
    found = 0
    for _ in range(3000):
        doc = Doc(pipe.nlp.vocab, words=[rng.choice(WORDS) for _ in range(rng.randint(1, 25))])
        want = spacy_matcher(doc)  # type: ignore[operator]
        assert pipe.matcher(doc) == want, [t.text for t in doc]
        found += len(want)
    assert found > 3000


def test_other_quantifiers_are_refused_so_the_pipeline_falls_back_to_spacy() -> None:
    import spacy

    vocab = spacy.blank("en").vocab
    for pattern in ([{"LOWER": "a", "OP": "*"}], [{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}], []):
        with pytest.raises(ValueError):
            TokenMatcher(vocab, [("x", pattern)])
