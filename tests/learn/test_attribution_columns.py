"""The attribution tagger's columns, made per group of feature values, are exactly the hashed columns of
its feature strings (row by row, as sets: the hashed matrix merges repeats and sorts), on the sentences
of the seed articles with cues at every position; and a Sentence read from orth ids is the one read from
the tokens."""

from __future__ import annotations

from pathlib import Path

from dprk_claims.learn import attribution, attribution_columns, features
from dprk_claims.read.seeds import read_seeds

ROOT = Path(__file__).resolve().parents[2]


def _sentences() -> list[list[object]]:
    nlp = features.sentencizer()
    out: list[list[object]] = []
    for seed in read_seeds(ROOT / "seeds"):
        out += attribution.token_sentences(nlp(seed["text"]))
    return out


def test_sentence_of_orths_reads_what_the_tokens_give() -> None:
    for toks in _sentences():
        a = attribution.Sentence(toks)
        b = attribution.Sentence.of_orths(toks[0].doc.vocab, [t.orth for t in toks])  # type: ignore[attr-defined]
        assert (a.texts, a.words, a.shapes, a.titles, a.quoted) == (b.texts, b.words, b.shapes, b.titles, b.quoted)


def test_columns_are_those_of_the_feature_strings() -> None:
    n = 2**20
    rows = 0
    for _ in range(2):  # the second time from the memos
        for toks in _sentences()[:60]:
            sent = attribution.Sentence(toks)
            want = [sorted(features.columns(r, n)) for r in attribution.cue_features(sent)]
            assert [sorted(r) for r in attribution_columns.cue_columns(sent, n)] == want
            for i in range(0, len(toks), 3):
                for cue in ((i, i + 1), (i, min(i + 2, len(toks)))):
                    want = [sorted(features.columns(r, n)) for r in attribution.role_features(sent, cue)]
                    got = [sorted(r) for r in attribution_columns.role_columns(sent, cue, n)]
                    assert got == want, cue
                    rows += len(got)
    assert rows > 5000
