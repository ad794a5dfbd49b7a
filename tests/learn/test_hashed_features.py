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


def test_remembered_columns_are_the_hashed_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Columns come from the memo once a string was met, also after the memo filled up and started again."""
    rows = _rows()
    want = features.hasher(2**18).transform(rows)
    monkeypatch.setattr(features, "_COLUMNS", {})
    monkeypatch.setattr(features, "MEMO_LIMIT", 50)
    for chunk in (rows, rows[::-1], rows):
        got = features.hashed(chunk, 2**18)
        expect = want if chunk is rows else features.hasher(2**18).transform(chunk)
        assert np.array_equal(got.indices, expect.indices) and np.array_equal(got.indptr, expect.indptr)
        assert len(features._COLUMNS[2**18]) <= max(50, len({f for row in chunk for f in row}))
    flat = [f for row in rows for f in row]
    assert features.columns(flat, 2**18) == [int(c) for c in features.hasher(2**18).transform([[f] for f in flat]).indices]


@pytest.mark.parametrize("chars", [True, False])
def test_text_columns_are_the_hashed_features(chars: bool) -> None:
    """The check-worthiness model's columns, made per distinct word, are those of the feature strings."""
    texts = [TEXT, "", " ", "1,000 tonnes", "Kim said: “No.”", TEXT[::-1], "2,500 and 1,000 and 3.5 percent"]
    for _ in range(2):  # the second time from the memos
        for text in texts:
            want = features.columns(features.features(text, ("qt=direct", "cue=said"), chars), 2**18)
            assert sorted(features.text_columns(text, ("qt=direct", "cue=said"), chars, 2**18)) == sorted(want), text


def test_column_of_one_string_is_the_hashing_loops() -> None:
    strings = [f for row in _rows() for f in row] + ["", "é", "日本", "x" * 300]
    for n in (2**20, 2**18, 7):
        want = [int(c) for c in features.hasher(n).transform([[s] for s in strings]).indices]
        assert [features.column_of(s, n) for s in strings] == want
        assert features._hash(strings[:10], n) == want[:10] and features._hash(strings, n) == want
