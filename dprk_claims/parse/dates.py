"""Printed dates of a news page ("Mon 7 Mar 2022", "March 14, 2024 9:00am ET", "2024-03-14T09:30:00Z"),
read by the dateparser library.

dateparser reads the date; this module only asks it what was printed. Each string is read twice, with
two different reference days and with the day and month in either order: a part that changes between
the readings was not printed (a year missing from "Dec 10", a date missing from "Friday" or "2 hours
ago"), and "03/04/2024" read as two different days has an unknown order. Nothing missing is filled in:
a time without a time zone keeps only its day, a date without its year has no value. Both cases say so
in their note, which becomes part of the evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

# Two reference days far apart in the year and the week: what is not printed comes out different.
_BASES = (datetime(2001, 1, 1, 0, 0), datetime(2002, 7, 9, 13, 37))
# dateparser gives these names one fixed offset all year; the offset depends on the day (EST or EDT).
_GENERIC_ZONES = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_SEPARATORS = ("|", "•", "·", " - ", " — ", " – ", "\t")
_YEAR_DIGITS = re.compile(r"\d{4}")
MAX_CHARS = 80  # longer strings are prose, not a printed date


@dataclass(frozen=True)
class Reading:
    """What a printed date says: value and precision (None when not enough is printed), why, and the
    month and day when the year alone is missing (a dateline's "Dec 10")."""

    value: str | None
    precision: str | None
    note: str
    printed: str
    month_day: tuple[int, int] | None = None
    missing: str | None = None  # why value is None: "year", "order" (of day and month) or "anchor" ("2 hours ago")


@cache
def _parsers() -> tuple[Any, Any]:
    from dateparser.date import DateDataParser  # imported on first use: no work at import time

    def make(order: str, base: datetime) -> Any:
        return DateDataParser(languages=["en"], settings={
            "DATE_ORDER": order, "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first",
            "RETURN_TIME_AS_PERIOD": True})

    return make("MDY", _BASES[0]), make("DMY", _BASES[1])


def _read_whole(when: str) -> Reading | None:
    first, second = (p.get_date_data(when) for p in _parsers())
    a, b = first.date_obj, second.date_obj
    if a is None or b is None:
        return None
    if (a.month, a.day) == (b.day, b.month) and a.month != a.day:
        return Reading(None, None, f" (the order of day and month in {when!r} is not printed: {_day(a)} or {_day(b)})", when,
                       missing="order")
    if a != b and " ago" in when.lower():
        return Reading(None, None, f" ({when!r} counts from when the page was read, which is not printed)", when, missing="anchor")
    if (a.month, a.day) != (b.month, b.day) and first.period == "day":
        return None  # a weekday: no day is printed
    if a.year != b.year:
        if first.period != "day":
            return None
        return Reading(None, None, f" ({when!r} prints no year)", when, (a.month, a.day), missing="year")
    if first.period == "year":
        return Reading(f"{a.year:04d}", "year", "", when)
    if first.period == "month":
        return Reading(f"{a.year:04d}-{a.month:02d}", "month", "", when)
    if first.period != "time":
        return Reading(a.date().isoformat(), "day", "", when)
    return _timed(a, when)


def _day(d: datetime) -> str:
    return f"{d.day} {d:%B}"


def _timed(a: datetime, when: str) -> Reading:
    """A date with a time: minute precision with the printed offset, or the day alone without one."""
    if a.tzinfo is None:
        note = f" (the time {a:%H:%M} is printed without a time zone; none is guessed, so only the day is kept)"
        return Reading(a.date().isoformat(), "day", note, when)
    note = ""
    zone = a.tzname() or ""
    if zone in _GENERIC_ZONES:
        a = a.replace(tzinfo=ZoneInfo(_GENERIC_ZONES[zone]))
        note = f" ({zone} read as {_GENERIC_ZONES[zone]} on that day, UTC{_offset(a)})"
    return Reading(a.replace(second=0, microsecond=0).isoformat(timespec="minutes"), "minute", note, when)


def _offset(a: datetime) -> str:
    return a.isoformat(timespec="minutes")[16:] or "+00:00"


@lru_cache(maxsize=4096)
def read(when: str, within: bool = False) -> Reading | None:
    """The date printed in a short string, or None when it prints none.

    The whole string is tried first, then each part between separators ("14 March 2024 • 9 min read"),
    then the two halves around a comma the other way round ("10:20 AM EDT, Thu March 14, 2024"), and
    with ``within`` the longest run of first words that is a date ("March 14, 2024 by Jane Doe", "14 March
    2024 Peace and Security"), then of last words ("All News 09:12 March 14, 2024").
    """
    when = " ".join(when.split())
    if not when or len(when) > MAX_CHARS or not any(c.isdigit() for c in when):
        return None
    found = _read_whole(when)
    if found is not None:
        return found
    for sep in _SEPARATORS:
        if sep in when:
            for part in when.split(sep):
                part = part.strip()
                if part and any(c.isdigit() for c in part) and (found := _read_whole(part)) is not None:
                    return found
    head, comma, tail = when.partition(", ")
    if comma and any(c.isdigit() for c in head) and (found := _read_whole(f"{tail} {head}")) is not None:
        return found
    words = when.split()[:12]
    within = within and _YEAR_DIGITS.search(when) is not None  # a day worth finding among other words prints its year
    runs = [words[:n] for n in range(len(words) - 1, 1, -1)] + [words[n:] for n in range(1, len(words) - 1)] if within else []
    for run in runs:
        if any(c.isdigit() for c in "".join(run)) and (found := _read_whole(" ".join(run).strip(",;"))) is not None:
            return found
    return None


def year_from(month_day: tuple[int, int], other: str) -> int | None:
    """The year of a month and day printed without one, from another printed date (ISO, at least a day)
    on or after it: the last such day on or before the other date."""
    if len(other) < 10 or not other[:4].isdigit():
        return None
    year, month, day = int(other[:4]), int(other[5:7]), int(other[8:10])
    return year if month_day <= (month, day) else year - 1
