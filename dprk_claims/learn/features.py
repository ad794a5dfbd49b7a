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
from itertools import chain, repeat
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


_COLUMNS: dict[int, dict[str, int]] = {}  # n_features -> {feature string: its column}, filled as strings are met
MEMO_LIMIT = 2**19  # distinct strings remembered per width before the memo starts again (bounds memory)


def columns(strings: Sequence[str], n_features: int = N_FEATURES) -> list[int]:
    """The hashed column of each string, as scikit-learn's hashing loop computes it; each distinct string is
    hashed once per process (remembered in a dict, a lookup far cheaper than murmurhash)."""
    memo = _COLUMNS.setdefault(n_features, {})
    found = list(map(memo.get, strings))
    if None in found:
        new = list(dict.fromkeys(s for s, c in zip(strings, found, strict=True) if c is None))
        fresh = dict(zip(new, _hash(new, n_features), strict=True))
        if len(memo) + len(fresh) > MEMO_LIMIT:
            memo.clear()
        memo.update(fresh)
        found = [fresh[s] if c is None else c for s, c in zip(strings, found, strict=True)]
    return found  # type: ignore[return-value]


def _hash(strings: list[str], n_features: int) -> list[int]:
    """scikit-learn's hashing loop over the strings, one column each (its public path if the private one moved);
    a few strings are hashed one by one (:func:`column_of`), as the loop's set-up costs more than they do."""
    import numpy as np

    if len(strings) < 64:
        return [column_of(s, n_features) for s in strings]
    try:
        from sklearn.feature_extraction._hashing_fast import transform
    except ImportError:
        return [int(c) for c in hasher(n_features).transform([[s] for s in strings]).indices]
    return list(transform([zip(strings, repeat(1))], n_features, np.float64, False, 0)[0].tolist())


def column_of(string: str, n_features: int) -> int:
    """The column scikit-learn's hashing loop gives one string: murmurhash3 (signed 32 bits, seed 0) of its
    UTF-8 bytes, its absolute value modulo the width (-2**31, whose absolute value int32 cannot hold, as
    the loop defines it)."""
    from sklearn.utils import murmurhash3_32

    h = int(murmurhash3_32(string, 0))
    return (2147483647 - (n_features - 1)) % n_features if h == -2147483648 else abs(h) % n_features


def hashed(rows: Sequence[Sequence[str]], n_features: int = N_FEATURES) -> Any:
    """Exactly ``hasher(n_features).transform(rows)`` (the same CSR matrix), faster: each string's column
    comes from :func:`columns` (scikit-learn's own hashing, done once per distinct string)."""
    import numpy as np

    flat = columns(list(chain.from_iterable(rows)), n_features)
    return _csr(np.array(flat, dtype=np.int32), list(map(len, rows)), n_features)


def binary_rows(rows: Sequence[Sequence[int]], n_features: int) -> Any:
    """The CSR matrix the hashing vectorizer makes of rows of columns: each row's distinct columns, sorted,
    each 1/sqrt(their number), what its l2 normalisation of ones computes."""
    import numpy as np

    lengths = list(map(len, rows))
    return _csr(np.fromiter(chain.from_iterable(rows), dtype=np.int32, count=sum(lengths)), lengths, n_features)


def _csr(indices: Any, lengths: list[int], n_features: int) -> Any:
    import numpy as np
    import scipy.sparse as sp

    indptr = np.zeros(len(lengths) + 1, dtype=np.int32)
    np.cumsum(lengths, out=indptr[1:])
    matrix = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(lengths), n_features))
    matrix.sum_duplicates()  # sorts each row's columns and merges repeats, as FeatureHasher does
    counts = np.diff(matrix.indptr)
    counts = counts[counts > 0]
    matrix.data = np.repeat(1.0 / np.sqrt(counts.astype(np.float64)), counts)
    return matrix


_WORDS: dict[tuple[int, bool], dict[int, tuple[str, list[int]]]] = {}  # (width, chars) -> {orth: (word, its columns)}
_PAIRS: dict[int, dict[tuple[str, str], int]] = {}  # width -> {(previous word, word): column of "b=…_…"}


def text_columns(text: str, context: Sequence[str], chars: bool, n_features: int) -> list[int]:
    """The columns of ``features(text, context, chars)``, each token's word, shape, number and piece columns
    found once per distinct word (they depend on the word alone) and each bigram's once per pair."""
    from spacy.attrs import ORTH

    doc = tokenizer()(text)
    words = _WORDS.setdefault((n_features, chars), {})
    pairs = _PAIRS.setdefault(n_features, {})
    if len(pairs) > MEMO_LIMIT:
        pairs.clear()
    out: list[int] = []
    prev = "<s>"
    for orth in doc.to_array(ORTH).tolist() if len(doc) else []:
        entry = words.get(orth)
        if entry is None:
            entry = words[orth] = _word_columns(doc.vocab[orth], chars, n_features)
        word, cols = entry
        out += cols
        col = pairs.get((prev, word))
        out.append(col if col is not None else pairs.setdefault((prev, word), column_of("b=" + prev + "_" + word, n_features)))
        prev = word
    return out + columns(["b=" + prev + "_</s>", *("ctx=" + c for c in context)], n_features)


def _word_columns(lex: Any, chars: bool, n_features: int) -> tuple[str, list[int]]:
    word = DIGIT.sub("0", lex.lower_)
    strings = ["w=" + word, "s=" + lex.shape_] + (["NUM"] if lex.like_num else []) + (list(_pieces(word)) if chars else [])
    return word, columns(strings, n_features)
