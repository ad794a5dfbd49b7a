"""Date arithmetic against the publication date t0 = (year, month, day), each None when not known.

A value that needs more of t0 than is known gets TIMEX3 ``X`` placeholders or None; nothing is guessed.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

T0 = tuple[int | None, int | None, int | None]


def anchor(published: dict[str, Any] | None) -> T0:
    """(year, month, day) of t0, each None when not known."""
    value = (published or {}).get("value") or ""
    parts = value[:10].split("-")
    nums = [int(p) if p.isdigit() else None for p in parts] + [None, None, None]
    y, m, d = nums[0], nums[1], nums[2]
    if y is not None and m is not None and not 1 <= m <= 12:
        return y, None, None
    if y is not None and m is not None and d is not None and not 1 <= d <= calendar.monthrange(y, m)[1]:
        return y, m, None
    return y, m, d


def year_text(t0: T0) -> str:
    return f"{t0[0]:04d}" if t0[0] else "XXXX"


def t0_value(t0: T0) -> str | None:
    y, m, d = t0
    if y is None:
        return None
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def day_next_to(last_day: str | None, later: bool) -> str | None:
    """The day after or before the last day-level date before it ("the previous day"), when that is known."""
    try:
        base = date.fromisoformat(last_day or "")
    except ValueError:
        return None
    return (base + timedelta(days=1 if later else -1)).isoformat()


def year_for(month: int, day: int | None, t0: T0, forward: bool, strict: bool = False) -> str:
    """The year of a month (and day) printed without one: the last such date on or before t0 ("in December"
    in an article of February is the December before), or the next on or after it in a clause about the
    future; ``strict`` ("last May", "next May") excludes t0's own month or day. Unknown parts of t0 give
    the year of t0, or ``XXXX``."""
    y, m, d = t0
    if y is None:
        return "XXXX"
    if m is None:
        return f"{y:04d}"
    here, there = ((m, d), (month, day)) if day is not None and d is not None else ((m, 0), (month, 0))
    if forward:
        return f"{y if there > here or there == here and not strict else y + 1:04d}"
    return f"{y if there < here or there == here and not strict else y - 1:04d}"


def ago(n: int | None, unit: str, t0: T0) -> str | None:
    """t0 minus n units, at the unit's precision ("two days ago", "a week ago", "three years ago")."""
    y, m, d = t0
    if n is None or y is None:
        return None
    if unit == "Y":
        return f"{y - n:04d}"
    if m is None:
        return None
    if unit == "M":
        k = y * 12 + m - 1 - n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if d is None:
        return None
    back = date(y, m, d) - timedelta(days=n if unit == "D" else 7 * n)
    if unit == "D":
        return back.isoformat()
    iso = back.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def weekend(t0: T0, forward: bool) -> str | None:
    """"the weekend": the last one on or before t0, or the next in a clause about the future."""
    y, m, d = t0
    if not (y and m and d):
        return None
    base = date(y, m, d)
    saturday = base + timedelta(days=(6 - base.isoweekday()) % 7) if forward else base - timedelta(days=(base.isoweekday() - 6) % 7)
    iso = saturday.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}-WE"


def weekday(iso: int, forward: bool, t0: T0) -> str:
    y, m, d = t0
    if y and m and d:
        base = date(y, m, d)
        if forward:
            delta = (iso - base.isoweekday()) % 7 or 7
            return (base + timedelta(days=delta)).isoformat()
        return (base - timedelta(days=(base.isoweekday() - iso) % 7)).isoformat()
    return f"{year_text(t0)}-WXX-{iso}"


def relative(low: list[str], t0: T0, last_day: str | None) -> str | None:
    y, m, d = t0
    if "day" in low or low[-1] == "today" and low[0] == "earlier":
        return last_day
    if low[0] in ("today", "tonight"):
        return t0_value(t0) if d else (f"{y:04d}-{m:02d}-XX" if y and m else None)
    if low[0] in ("yesterday", "tomorrow"):
        if not (y and m and d):
            return None
        return (date(y, m, d) + timedelta(days=-1 if low[0] == "yesterday" else 1)).isoformat()
    shift = {"this": 0, "last": -1, "next": 1}[low[0]]
    if low[-1] == "year":
        return f"{y + shift:04d}" if y else None
    if low[-1] == "month":
        if not (y and m):
            return None
        k = y * 12 + m - 1 + shift
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if y and m and d:  # week or weekend
        iso = (date(y, m, d) + timedelta(weeks=shift)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if low[-1] == "weekend" else "")
    return None


def period(begin: str | None, end: str | None) -> str | None:
    """The ISO duration of an anchored period, counted in the largest unit the less precise anchor is given in
    ("2018" to "2019-12-05": P1Y; "2019-05" to "2019-12-05": P7M; days when both are days); None when unknown."""
    if not begin or not end or "X" in begin + end:
        return None
    (by, *brest), (ey, *erest) = begin[:10].split("-"), end[:10].split("-")
    if not (by.isdigit() and ey.isdigit()) or not all(p.isdigit() for p in brest + erest):
        return None  # a week, season or quarter: no simple count
    if not brest or not erest:
        n, unit = int(ey) - int(by), "Y"
    elif len(brest) == 1 or len(erest) == 1:
        n, unit = (int(ey) - int(by)) * 12 + int(erest[0]) - int(brest[0]), "M"
    else:
        n, unit = (date(int(ey), int(erest[0]), int(erest[1])) - date(int(by), int(brest[0]), int(brest[1]))).days, "D"
    return f"P{n}{unit}" if n >= 0 else None
