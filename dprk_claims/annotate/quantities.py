"""Quantities: a number (digits or words) with the noun phrase it counts, its value, unit and bound.

"At least five Council members" → value 5, unit "member", mod "min"; "13 ballistic missile launches"
→ 13, "ballistic missile launch"; "six-nation talks" → 6, "nation". Years, ordinals, numbers inside time
expressions and numbers with no counted noun are not quantities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .nlp import longest_first, matches

WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty".split())}
WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
              "hundred": 100})
SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
STOP = {"of", "in", "on", "at", "to", "for", "from", "by", "with", "since", "and", "or", "but", "that", "which", "who", "as",
        "than", "the", "a", "an", "is", "are", "was", "were", "be", "been", "have", "has", "had", "will", "would", "could",
        "can", "may", "might", "should", "shall", "must", "do", "does", "did", "not", "this", "these", "those", "its", "their",
        "his", "her", "our", "it", "they", "we", "he", "she", "each", "per", "into", "over", "under", "after", "before",
        "during", "against", "between", "among", "about", "while", "when", "where", "if", "so", "then", "also", "only"}
CURRENCY = {"$": "dollar", "US$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₩": "won"}
FRACTIONS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth", "fifths"}
IRREGULAR_PLURALS = {"people", "children", "men", "women", "personnel", "police", "staff", "troops", "cattle"}
SKIP_IN_UNIT = {"other", "more", "additional", "new", "further", "separate", "different", "such", "same", "all"}
# Bounds before the number, longest first: (words, mod)
BOUNDS = [(("a", "minimum", "of"), "min"), (("a", "maximum", "of"), "max"), (("no", "more", "than"), "max"),
          (("no", "fewer", "than"), "min"), (("no", "less", "than"), "min"), (("at", "least"), "min"), (("at", "most"), "max"),
          (("up", "to"), "max"), (("more", "than"), "min"), (("fewer", "than"), "max"), (("less", "than"), "max"),
          *(((w,), "approx") for w in ("about", "around", "nearly", "almost", "approximately", "roughly", "some", "estimated")),
          (("over",), "min"), (("under",), "max")]
_NUM: dict[str, Any] = {"LIKE_NUM": True, "SHAPE": {"NOT_IN": ["dddd"]}}


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    mod: str | None


def patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """Numbers only; a bound before them ("at least") is added by bound()."""
    number: list[dict[str, Any]] = [_NUM, {"LOWER": {"IN": list(SCALE)}, "OP": "?"}]
    money = [{"ORTH": {"IN": sorted(CURRENCY)}}, *number]
    percent = [*number, {"LOWER": {"IN": ["%", "percent"]}}]
    hyphen: list[list[dict[str, Any]]] = [[_NUM, {"ORTH": "-"}, {"IS_ALPHA": True, "IS_LOWER": True}]]
    return {"NUMBER": [number], "HYPHEN": hyphen, "PERCENT": [percent], "MONEY": [money]}


def bound(doc: Any, s: int) -> tuple[int, str | None]:
    """(new start, mod) when the number at token s has a bound before it ("A minimum of nine …")."""
    for words, mod in BOUNDS:
        k = s - len(words)
        if k >= 0 and tuple(t.lower_ for t in doc[k:s]) == words:
            return k, mod
    return s, None


def value_of(tokens: list[str]) -> float | None:
    """The number written by these tokens ("17", "nine", "1.5 million", "2,000"), or None."""
    total: float | None = None
    for tok in tokens:
        low = tok.lower().replace(",", "")
        if low in SCALE and total is not None:
            total *= SCALE[low]
            continue
        try:
            total = float(low)
        except ValueError:
            if low not in WORDS:
                return None
            total = float(WORDS[low])
    return total if total is None or math.isfinite(total) else None  # "nan", "inf", "1e999" are not counts


def singular(word: str) -> str:
    if word in IRREGULAR_PLURALS:
        return {"people": "person", "children": "child", "men": "man", "women": "woman", "troops": "troop"}.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _plural(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2


def _unit_phrase(doc: Any, i: int, one: bool) -> tuple[int, list[str]]:
    """(end token, unit words) of the noun phrase counted by the number ending at token i."""
    end, words = i, []
    j = i
    while j < len(doc) and j < i + 5:
        tok = doc[j]
        if not tok.is_alpha or tok.lower_ in STOP:
            break
        end = j + 1
        if tok.is_lower and tok.lower_ not in SKIP_IN_UNIT:
            words.append(tok.lower_)
        if (not one and _plural(tok.lower_)) or (one and j + 1 < len(doc) and not doc[j + 1].is_alpha):
            break
        j += 1
    if not words or (not one and not _plural(words[-1])):
        return i, []
    return end, words


def find(doc: Any, pipe: Any, exclude: list[tuple[int, int]]) -> list[Quantity]:
    """Every quantity of the article outside the excluded (time expression) spans, in text order."""
    out: list[Quantity] = []
    for label, s, e in longest_first(matches(doc, pipe, "quantity")):
        span = doc[s:e]
        if any(a < span.end_char and span.start_char < b for a, b in exclude):
            continue
        kind = label
        nums = [t.text for t in span if t.like_num or t.lower_ in SCALE]
        value = value_of(nums[:1] if kind == "HYPHEN" else nums)
        if value is None or (value == 1 and nums[0].lower() in ("one", "a", "an")):
            continue  # "one voice", "one-sided", "one of": idioms far more often than counts
        if kind == "HYPHEN":
            if span[-1].lower_ in FRACTIONS:
                continue  # "two-thirds" is a proportion, not a count of thirds
            unit: str | None = span[-1].lower_
            end = e
        elif kind == "MONEY":
            unit, end = CURRENCY[next(t.text for t in span if t.text in CURRENCY)], e
        elif kind == "PERCENT":
            unit, end = "percent", e
        else:
            end, words = _unit_phrase(doc, e, value == 1)
            if not words:
                continue
            unit = " ".join(words[:-1] + [singular(words[-1])])
        s, mod = bound(doc, s)
        piece = doc[s:end]
        out.append(Quantity(piece.start_char, piece.end_char, piece.text, value, unit, mod))
    return out


def inside(items: list[Quantity], start: int, end: int) -> list[dict[str, Any]]:
    return [{"char_start": q.start, "char_end": q.end, "text": q.text, "value": q.value, "unit": q.unit, "mod": q.mod}
            for q in items if start <= q.start and q.end <= end]
