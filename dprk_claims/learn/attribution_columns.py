"""The attribution tagger's feature columns, made without most of the feature strings.

:func:`.attribution.cue_features` and :func:`.attribution.role_features` write ~14 and ~24 strings per
token; hashing them is what the models read, and a row is the set of its columns (the hashed matrix
merges repeats and sorts). Most of those strings are a function of a few small values (the side of the
cue, the distance bucket, counts capped at 2, a word), so here each group of them is made and hashed
once per distinct tuple of those values, in a dict that remembers its columns (:class:`Memo`), and a
row is the concatenation of its groups' columns. ``tests/learn/test_attribution_columns.py`` checks
that every row has exactly the columns of the strings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from . import features

Span = tuple[int, int]


class Memo(dict[Any, tuple[int, ...]]):
    """key (a tuple of values, or one) -> the columns of ``strings(*key)``, made on first use (a hit: one lookup)."""

    def __init__(self, strings: Callable[..., Sequence[str]], n_features: int) -> None:
        super().__init__()
        self.strings, self.n_features = strings, n_features

    def __missing__(self, key: Any) -> tuple[int, ...]:
        if len(self) > features.MEMO_LIMIT:
            self.clear()
        strings = self.strings(*key) if isinstance(key, tuple) else self.strings(key)
        cols = self[key] = tuple(features.column_of(s, self.n_features) for s in strings)
        return cols


def _cue_word(w: str) -> tuple[str, ...]:
    return f"w={w}", f"p={w}", f"n={w}", f"pp={w}", f"nn={w}", f"s3={w[-3:]}"


def _cue_context(p: str, w: str, n: str, pp: str, shape: str, q: bool, i: int, title: bool) -> tuple[str, ...]:
    return (f"pw={p}_{w}", f"wn={w}_{n}", f"sh={shape}", f"q={q}", f"qw={q}_{w}", f"pos={i}", f"ppw={pp}_{p}_{w}") + \
        (("title",) if title else ())


def bucket(d: int) -> str:
    """The distance bucket of a token from the cue."""
    return str(d) if d <= 3 else "4-5" if d <= 5 else "6-9" if d <= 9 else "10-15" if d <= 15 else "16+"


_BUCKETS = tuple(bucket(d) for d in range(17))


@cache
def memos(n_features: int) -> dict[str, Memo]:
    return {
        "word": Memo(_cue_word, n_features), "context": Memo(_cue_context, n_features),
        "group": Memo(lambda side, b, c, m, t, q, title, ahead, end, shape: (
            f"{side}", f"{side}{b}", f"{side}c{c}", f"{side}m{m}", f"{side}t{t}", f"{side}c{c}m{m}t{t}b{b}", f"{side}q={q}m{m}",
            f"{side}title={title}c{c}", f"{side}a={ahead}t{t}c{c}", f"{side}end={end}c{c}", f"{side}sh={shape}b{b}"), n_features),
        "head": Memo(lambda side, head, first, c, m, at, ahead: (
            f"{side}h={head}", f"{side}f={first}", f"{side}h={head}c{c}m{m}", f"{side}h={head}at{at}c{c}",
            f"{side}a={ahead}h={head}"), n_features),
        "edge": Memo(lambda side, before, after, b: (f"{side}cb={before}{b}", f"{side}ca={after}{b}"), n_features),
        "bword": Memo(lambda side, b, w: (f"{side}{b}w={w}",), n_features),
        "own": Memo(lambda side, p, w, n: (f"{side}w={w}", f"{side}p={p}", f"{side}n={n}", f"{side}pw={p}_{w}", f"{side}s3={w[-3:]}"),
                    n_features),
    }


def cue_columns(sent: Any, n_features: int) -> list[tuple[int, ...]]:
    """The columns of each row of ``cue_features(sent)`` (sent: an :class:`.attribution.Sentence`)."""
    m = memos(n_features)
    word, context = m["word"], m["context"]
    words = ["<s2>", "<s1>"] + sent.words + ["</s1>", "</s2>"]
    rows = []
    for i, (shape, title, q) in enumerate(zip(sent.shapes, sent.titles, sent.quoted, strict=True)):
        k = i + 2
        w, p, n, pp = words[k], words[k - 1], words[k + 1], words[k - 2]
        own = word[w]
        rows.append((own[0], word[p][1], word[n][2], word[pp][3], word[words[k + 2]][4], own[5])
                    + context[p, w, n, pp, shape, q, min(i, 5), title])
    return rows


def role_columns(sent: Any, cue: Span, n_features: int) -> list[tuple[int, ...]]:
    """The columns of each row of ``role_features(sent, cue)`` (cue tokens: an empty row)."""
    m = memos(n_features)
    group, heads, edge, bword, own = m["group"], m["head"], m["edge"], m["bword"], m["own"]
    words, quoted, titles, shapes = sent.words, sent.quoted, sent.titles, sent.shapes
    cue_words = words[cue[0]:cue[1]]
    head = cue_words[-1] if cue_words else ""
    first = cue_words[0] if cue_words else ""
    before = words[cue[0] - 1] if cue[0] else "<s>"
    after = words[cue[1]] if cue[1] < len(words) else "</s>"
    commas, marks, thats, ahead = sent.counts()
    last = len(words) - 1
    padded = ["<s>", *words, "</s>"]
    rows: list[tuple[int, ...]] = []
    for j in range(len(words)):
        if j < cue[0]:
            side, lo, hi, d = "L", j + 1, cue[0], cue[0] - j
        elif j >= cue[1]:
            side, lo, hi, d = "R", cue[1], j, j - cue[1] + 1
        else:
            rows.append(())
            continue
        b = _BUCKETS[d] if d < len(_BUCKETS) else "16+"
        c = commas[hi] - commas[lo]
        c = c if c < 2 else 2
        mm = marks[hi] - marks[lo]
        mm = mm if mm < 2 else 2
        t = 1 if thats[hi] > thats[lo] else 0
        ah = ahead[j + 1]
        w = padded[j + 1]
        rows.append(group[side, b, c, mm, t, quoted[j], titles[j], ah, j == last or padded[j + 2] in (".", "?", "!"), shapes[j]]
                    + heads[side, head, first, c, mm, j if j < 3 else 3, ah] + edge[side, before, after, b] + bword[side, b, w]
                    + own[side, padded[j], w, padded[j + 2]])
    return rows
