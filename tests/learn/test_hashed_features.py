"""The annotator's fast feature hashing gives exactly scikit-learn's HashingVectorizer matrix (the models were
trained on it): same columns, same order, same values, on feature rows of real sentences and odd ones."""

from __future__ import annotations

import numpy as np
import pytest

from dprk_claims.learn import attribution, features

TEXT = (
    "“We will never give up our nuclear deterrent,” Kim Song said on Monday. The council met in New York, "
    "and the envoy told AFP that 1,000 tonnes of oil had been shipped; Japan's ambassador said: “No.”\n"
    "Sanctions, Mr Kim said, had failed – as had the talks in Hanoi in 2019."
)


def _rows() -> list[list[str]]:
    rows: list[list[str]] = []
    for toks in attribution.token_sentences(features.sentencizer()(TEXT)):
        rows += attribution.cue_features(toks)
        rows += attribution.role_features(toks, (1, 2))
    rows.append(features.features(TEXT, ("qt=direct", "cue=said")))
    return rows + [[], ["a", "a", "a"], ["é", "日本", ""], []]


@pytest.mark.parametrize("n_features", [2**20, 2**18, 7])
def test_hashed_is_the_hashing_vectorizer_matrix(n_features: int) -> None:
    rows = _rows()
    for chunk in (rows, rows[:1], rows[-4:], rows[::-1]):
        want = features.hasher(n_features).transform(chunk)
        got = features.hashed(chunk, n_features)
        assert got.shape == want.shape
        for part in ("indptr", "indices", "data"):
            assert np.array_equal(getattr(got, part), getattr(want, part)), part
        weights = np.random.default_rng(0).standard_normal((n_features, 3))
        assert np.array_equal(got @ weights, want @ weights)
