"""TIMEX3 time expressions, normalised against the article's publication date (t0).

The anchor is ``articles.published`` at its precision (day, month or year). A value that needs more of
the anchor than is known gets TIMEX3 ``X`` placeholders ("Wednesday" with t0 = 2019-12 is
``2019-WXX-3``) or null; nothing is guessed. "earlier in the day" and "the same day" take the value of
the last day-level date before them (the reference event), "the previous day" and "a day later" the day
before or after it. "two days ago", "a week ago" count back from t0; a month, or a month and day, printed
without a year ("in December", "on December 30") is the last one on or before t0, or the next one in a
clause about the future ("will meet in January"). The arithmetic is in ``timevalues``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Any

from . import timevalues as values
from .nlp import longest_first, matches

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS.update({m.lower() + ".": i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = MONTHS["sept."] = 9
WEEKDAYS = {d.lower(): i + 1 for i, d in enumerate(calendar.day_name)}
UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M", "year": "Y", "years": "Y"}
VAGUE = ["several", "few", "recent", "many", "some", "just", "past", "coming", "previous"]
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
    "nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1})
PARTS_OF_DAY = {"night": "NI", "morning": "MO", "afternoon": "AF", "evening": "EV"}
EDGE = {"end": "END", "beginning": "START", "start": "START", "middle": "MID", "early": "START", "late": "END", "mid": "MID"}

_MONTH_TOKENS = sorted(m for m in MONTHS if m != "may")
Token = dict[str, Any]
_YEAR: Token = {"SHAPE": "dddd"}
_DAY: Token = {"SHAPE": {"IN": ["d", "dd"]}}
_MONTH: Token = {"LOWER": {"IN": _MONTH_TOKENS}, "IS_TITLE": True}
_MAY: Token = {"ORTH": "May"}
_WEEKDAY: Token = {"LOWER": {"IN": list(WEEKDAYS)}, "IS_TITLE": True}
_PREP: Token = {"LOWER": {"IN": ["in", "until", "by", "from", "of", "early", "late", "last", "next", "this", "before", "after"]}}


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None
    value_source: str
    begin_point: str | None = None
    end_point: str | None = None


def patterns() -> dict[str, list[list[dict[str, Any]]]]:
    month: Token = {"LOWER": {"IN": sorted(MONTHS)}, "IS_TITLE": True}  # "May" too: a day or year follows
    units: Token = {"LOWER": {"IN": ["days", "weeks", "months", "years"]}}
    pats: dict[str, list[list[Token]]] = {
        "MONTH_DAY": [[month, _DAY, {"ORTH": ",", "OP": "?"}, {"SHAPE": "dddd", "OP": "?"}], [_DAY, month, {"SHAPE": "dddd", "OP": "?"}]],
        "MONTH_YEAR": [[month, _YEAR]],
        "MONTH": [[_MONTH], [_PREP, _MAY]],
        "YEAR": [[_YEAR]],
        "WEEKDAY": [[_WEEKDAY]],
        "RELATIVE": [[{"LOWER": {"IN": ["today", "yesterday", "tomorrow", "tonight"]}}],
                     [{"LOWER": {"IN": ["this", "last", "next", "the"]}}, {"LOWER": {"IN": ["week", "month", "year", "same", "weekend"]}},
                      {"LOWER": "day", "OP": "?"}],
                     [{"LOWER": {"IN": ["earlier", "later"]}}, {"LOWER": {"IN": ["in", "that", "today"]}},
                      {"LOWER": "the", "OP": "?"}, {"LOWER": "day", "OP": "?"}]],
        "EDGE": [[{"LOWER": "the"}, {"LOWER": {"IN": ["end", "beginning", "start", "middle"]}}, {"LOWER": "of"},
                  {"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["year", "month"]}, "OP": "?"}, {"SHAPE": "dddd", "OP": "?"}],
                 [{"LOWER": {"IN": ["early", "late", "mid"]}}, {"ORTH": "-", "OP": "?"}, _YEAR]],
        "AGO": [[{"LIKE_NUM": True}, {"LOWER": {"IN": list(UNITS)}}, {"LOWER": "ago"}],
                [{"LOWER": {"IN": ["a", "an"]}}, {"LOWER": {"IN": ["day", "week", "month", "year"]}}, {"LOWER": "ago"}]],
        "NEXT_DAY": [[{"LOWER": "the"}, {"LOWER": {"IN": ["previous", "next", "following"]}}, {"LOWER": "day"}],
                     [{"LOWER": {"IN": ["a", "one"]}}, {"LOWER": "day"}, {"LOWER": {"IN": ["earlier", "later"]}}]],
        "PART_OF_DAY": [[{"LOWER": {"IN": ["last", "this"]}}, {"LOWER": {"IN": list(PARTS_OF_DAY)}}]],
        "WEEKEND": [[{"LOWER": "the"}, {"LOWER": "weekend"}]],
        "DURATION": [[{"LIKE_NUM": True}, {"LOWER": {"IN": list(UNITS)}}],
                     [{"LOWER": {"IN": ["a", "an", "in"]}}, {"LOWER": {"IN": ["day", "week", "month", "year", *VAGUE]}},
                      {**units, "OP": "?"}],
                     [{"LOWER": {"IN": VAGUE}}, units]],
        "SINCE": [[{"LOWER": "since"}, {"LOWER": {"IN": [*sorted(MONTHS), "last"]}},
                   {"LOWER": {"IN": ["year", "month", "week"]}, "OP": "?"}, {"SHAPE": "dddd", "OP": "?"}],
                  [{"LOWER": "since"}, _YEAR],
                  [{"LOWER": "since"}, {"LOWER": "the"}, {"LOWER": {"IN": ["beginning", "start"]}}, {"LOWER": "of"},
                   {"LOWER": "the"}, {"LOWER": {"IN": ["year", "month"]}}]],
    }
    return pats


def _number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text)


def normalise(kind: str, toks: list[str], t0: tuple[int | None, int | None, int | None],
              last_day: str | None, forward: bool = False) -> tuple[str, str | None, str | None, str]:
    """(type, value, mod, value_source) of one matched expression; ``forward`` when its clause is about the future."""
    low = [t.lower() for t in toks]
    y, m, d = t0
    if kind == "YEAR":
        return "DATE", low[-1], None, "stated"
    if kind == "MONTH_YEAR":
        return "DATE", f"{low[1]}-{MONTHS[low[0]]:02d}", None, "stated"
    if kind == "MONTH_DAY":
        nums = [t for t in low if t.isdigit()]
        month = next(MONTHS[t] for t in low if t in MONTHS)
        day = int(nums[0]) if len(nums[0]) <= 2 else int(nums[1])
        year = next((t for t in nums if len(t) == 4), None) or values.year_for(month, day, t0, forward)
        last = calendar.monthrange(int(year if year != "XXXX" else 2000), month)[1]  # 2000: a leap year, when the year is unknown
        value = f"{year}-{month:02d}-{day:02d}" if 1 <= day <= last else None
        return "DATE", value, None, "stated" if any(len(t) == 4 for t in nums) else "inferred"
    if kind == "AGO":
        n = 1 if low[0] in ("a", "an") else _number(low[0])
        return "DATE", values.ago(n, UNITS[low[1]], t0), None, "inferred"
    if kind == "NEXT_DAY":
        return "DATE", values.day_next_to(last_day, any(w in low for w in ("next", "following", "later"))), None, "inferred"
    if kind == "PART_OF_DAY":  # "last night" is the evening before t0, "this morning" t0's
        which = values.ago(1 if low[0] == "last" else 0, "D", t0)
        return "TIME", f"{which}T{PARTS_OF_DAY[low[1]]}" if which else None, None, "inferred"
    if kind == "WEEKEND":
        return "DATE", values.weekend(t0, forward), None, "inferred"
    if kind == "MONTH":
        month, strict = MONTHS[low[-1]], low[0] in ("last", "next")
        return "DATE", f"{values.year_for(month, None, t0, forward or low[0] == 'next', strict)}-{month:02d}", None, "inferred"
    if kind == "WEEKDAY":
        return "DATE", values.weekday(WEEKDAYS[low[-1]], low[0] == "next", t0), None, "inferred"
    if kind == "RELATIVE":
        return "DATE", values.relative(low, t0, last_day), None, "inferred"
    if kind == "EDGE":
        mod = EDGE[low[1] if low[0] == "the" else low[0]]
        if low[-1].isdigit():
            return "DATE", low[-1], mod, "stated"
        return "DATE", (values.year_text(t0) if low[-1] == "year" else (f"{values.year_text(t0)}-{m:02d}" if m else None)), mod, "inferred"
    if kind == "DURATION":
        n = next((_number(t) for t in low if _number(t) is not None and t not in ("a", "an")), None)
        n = 1 if n is None and low[0] in ("a", "an") and low[1] != "few" else n
        return "DURATION", f"P{n if n is not None else 'X'}{UNITS[low[-1]]}", None, "stated"
    # SINCE: a period from the stated start to t0 (a DURATION whose anchors go to begin_point / end_point)
    rest = low[1:]
    if rest[0] == "the":
        start = values.year_text(t0) + (f"-{m:02d}" if rest[-1] == "month" and m else "-01" if rest[-1] == "year" else "")
    elif rest[0] == "last":
        start = values.relative(rest, t0, None) or "XXXX"
    elif rest[0] in MONTHS:
        start = f"{rest[1] if len(rest) > 1 else values.year_text(t0)}-{MONTHS[rest[0]]:02d}"
    else:
        start = rest[0]
    return "DURATION", start, None, "inferred"


def expressions(doc: Any, pipe: Any, published: dict[str, Any] | None) -> list[Timex]:
    """Every time expression of the article, normalised, in text order."""
    t0 = values.anchor(published)
    out: list[Timex] = []
    last_day: str | None = None
    for label, s, e in longest_first(matches(doc, pipe, "time")):
        kind = label
        if kind == "MONTH" and doc[s].lower_ in ("in", "of", "by", "until", "from", "before", "after"):
            s += 1  # the preposition is not part of the expression; "since" is (it makes a duration)
        if kind in ("WEEKDAY", "MONTH") and s > 0 and doc[s - 1].lower_ in ("last", "next", "this") and doc[s].lower_ not in (
                "last", "next", "this"):
            s -= 1
        if doc[e - 1].text == ",":
            e -= 1
        span = doc[s:e]
        words = [t.text for t in span]
        if not _complete(kind, [w.lower() for w in words]):
            continue
        forward = _future(doc, s)
        if kind == "WEEKDAY" and words[0].lower() not in ("last", "next", "this") and forward:
            words = ["next", *words]
        typ, value, mod, source = normalise(kind, words, t0, last_day, forward)
        begin = end = None
        if kind == "SINCE":  # normalise gave the start; the end is t0
            begin, end = (value, values.t0_value(t0)) if value and "X" not in value and values.t0_value(t0) else (None, None)
            value = values.period(begin, end) if begin else "PX" + ("M" if value and value[5:6].isdigit() else "Y")
        out.append(Timex(span.start_char, span.end_char, span.text, typ, value, mod, source, begin, end))
        if value and (kind in ("MONTH_DAY", "WEEKDAY", "NEXT_DAY") or kind in ("RELATIVE", "AGO") and value.count("-") == 2
                      and "W" not in value and "X" not in value):
            last_day = value  # the reference day of a later "earlier in the day"
    return out


def _complete(kind: str, low: list[str]) -> bool:
    """Whether a match of a pattern with optional parts is a whole expression ("the year" is not)."""
    if kind == "YEAR":
        return 1900 <= int(low[0]) <= 2100
    if kind == "RELATIVE":
        return len(low) == 1 or (low[0] in ("this", "last", "next") and low[1] in ("week", "month", "year", "weekend") and len(low) == 2) \
            or (low[-1] in ("day", "today") and low[0] in ("earlier", "later", "the") and low[:2] != ["the", "year"])
    if kind == "EDGE":
        return low[-1].isdigit() or low[-1] in ("year", "month")
    if kind == "DURATION":
        return low[-1] in UNITS
    if kind == "SINCE":
        return low[1] != "last" or low[-1] in ("year", "month", "week")
    return True


def _future(doc: Any, i: int) -> bool:
    """A weekday in a clause about the future ("will meet on Friday") lies after t0."""
    j = i - 1
    while j >= 0 and j >= i - 8 and not doc[j].is_sent_start and doc[j].text not in ",;":
        if doc[j].lower_ in ("will", "would", "shall", "'ll", "’ll", "upcoming", "scheduled", "planned", "planning"):
            return True
        j -= 1
    return False


def inside(items: list[Timex], start: int, end: int) -> list[dict[str, Any]]:
    return [{"char_start": t.start, "char_end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
             "value_source": t.value_source, "begin_point": t.begin_point, "end_point": t.end_point}
            for t in items if start <= t.start and t.end <= end]
