"""Sentence coverage is checked on intervals, not character by character: the first character that no
sentence covers (whitespace may stay uncovered) or that two sentences cover is the one reported."""

from __future__ import annotations

import pytest

from dprk_claims.validate.checks import _first_uncovered

TEXT = "One two. Three four.  Five."


@pytest.mark.parametrize(("spans", "expected"), [
    ([(0, 8), (9, 20), (22, 27)], (None, "")),  # whitespace between sentences may stay uncovered
    ([(0, 8), (22, 27)], (9, "not in any sentence")),  # a gap with text in it
    ([(0, 8), (9, 20)], (22, "not in any sentence")),  # text after the last sentence
    ([(4, 8), (9, 20), (22, 27)], (0, "not in any sentence")),  # text before the first
    ([(0, 10), (9, 20), (22, 27)], (9, "in more than one sentence")),  # overlap: its first character
    ([(0, 27), (4, 8)], (4, "in more than one sentence")),  # one inside another
])
def test_first_uncovered(spans: list[tuple[int, int]], expected: tuple[int | None, str]) -> None:
    assert _first_uncovered(TEXT, 0, len(TEXT), sorted(spans)) == expected


def test_agrees_with_counting_every_character() -> None:
    import itertools

    cuts = [0, 4, 8, 9, 13, 20, 22, 27]
    for a, b, c, d in itertools.combinations(cuts, 4):
        for spans in ([(a, b), (c, d)], [(a, c), (b, d)], [(a, d), (b, c)]):
            covered = [0] * len(TEXT)
            for s, e in spans:
                for k in range(s, e):
                    covered[k] += 1
            first = next(((k, "not in any sentence" if covered[k] == 0 else "in more than one sentence")
                          for k in range(len(TEXT)) if covered[k] != 1 and not (covered[k] == 0 and TEXT[k].isspace())), (None, ""))
            assert _first_uncovered(TEXT, 0, len(TEXT), sorted(spans)) == first, spans
