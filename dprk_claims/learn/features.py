"""Features of a short text for the linear models: what spaCy's blank English tokenizer sees.

Per token: the lower-cased word with digits written 0 (so "1,000" and "2,500" are one feature), its
shape ("Xxxxx", "dd"), whether it reads as a number, the pair with the previous word, and (with
``chars``) the 3- to 5-character pieces of the word. Context tags (``ctx=…``: the claim's quote type or
cue, given by the caller) are features like any other, weighted by what the model learns. Features
are hashed into a fixed number of columns, so a trained model stores weights, not a vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import repeat
from typing import Any

DIGIT = re.compile(r"\d")
N_FEATURES = 2**18


@cache
def tokenizer() -> Any:
    """spaCy's blank English tokenizer, made once per process (no model, nothing downloaded)."""
    import spacy

    return spacy.blank("en").tokenizer


@cache
def sentencizer() -> Any:
    """spaCy's blank English pipeline with the rule-based sentencizer (the annotator's tokens and sentences)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def token_features(tokens: Iterable[Any], chars: bool) -> list[str]:
    out: list[str] = []
    prev = "<s>"
    for tok in tokens:
        word = DIGIT.sub("0", tok.lower_)
        out += ["w=" + word, "s=" + tok.shape_, "b=" + prev + "_" + word]
        if tok.like_num:
            out.append("NUM")
        if chars:
            out += _pieces(word)
        prev = word
    out.append("b=" + prev + "_</s>")
    return out


@lru_cache(maxsize=2**16)
def _pieces(word: str) -> tuple[str, ...]:
    """The 3- to 5-character pieces of a word, with ``<`` and ``>`` at its edges (made once per word)."""
    padded = f"<{word}>"
    return tuple("c=" + padded[i:i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def features(text: str, context: Sequence[str] = (), chars: bool = True) -> list[str]:
    return token_features(tokenizer()(text), chars) + ["ctx=" + c for c in context]


def claim_context(claim: dict[str, Any]) -> tuple[str, ...]:
    """The context features of a claim record: its quote type and its cue (lower case), if any."""
    att = claim["attribution"]
    cue = (att.get("cue") or "").lower()
    return (f"qt={att['quote_type']}",) + ((f"cue={cue}",) if cue else ())


@cache
def hasher(n_features: int = N_FEATURES) -> Any:
    """scikit-learn's stateless feature hasher over lists of feature strings (binary counts)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer=_identity, n_features=n_features, alternate_sign=False, norm="l2", binary=True)


def _identity(items: list[str]) -> list[str]:
    return items


def hashed(rows: Sequence[Sequence[str]], n_features: int = N_FEATURES) -> Any:
    """Exactly ``hasher(n_features).transform(rows)`` (the same CSR matrix), faster: scikit-learn's own
    hashing loop is fed (feature, 1) pairs by ``zip`` instead of a Python generator per feature, and the
    binary l2 rows are 1/sqrt(distinct columns), what its normalisation of ones computes. Falls back to
    the public transform if scikit-learn's private hashing function is not there."""
    import numpy as np
    import scipy.sparse as sp

    try:
        from sklearn.feature_extraction._hashing_fast import transform
    except ImportError:  # another scikit-learn layout: the public path gives the same matrix
        return hasher(n_features).transform(rows)
    indices, indptr, values = transform((zip(row, repeat(1)) for row in rows), n_features, np.float64, False, 0)
    matrix = sp.csr_matrix((values, indices, indptr), shape=(len(indptr) - 1, n_features))
    matrix.sum_duplicates()  # sorts each row's columns and merges repeats, as FeatureHasher does
    counts = np.diff(matrix.indptr)
    counts = counts[counts > 0]
    matrix.data = np.repeat(1.0 / np.sqrt(counts.astype(np.float64)), counts)
    return matrix
