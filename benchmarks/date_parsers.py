"""Which date parser reads the printed dates of news pages: dateparser (kept, through dprk_claims.parse.dates)
against python-dateutil, given the same help (two reference days, so a part that is not printed shows).

Run: python benchmarks/date_parsers.py
Prints each form, the value it should give, what each library gave, and the count each got right. The
forms are the layouts named in issue 12 (month names, ISO, weekday first, times with and without zones);
the values are what the page prints, at the schema's precision. This is a comparison, not a test.
"""

from __future__ import annotations

import sys
import warnings
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FORMS = [
    ("March 14, 2024", "2024-03-14"), ("14 March 2024", "2024-03-14"), ("Mon 7 Mar 2022", "2022-03-07"),
    ("Saturday, 27 May, 2017, 1:39am", "2017-05-27"), ("2024-03-14", "2024-03-14"),
    ("2024-03-14T09:30:00Z", "2024-03-14T09:30+00:00"), ("2024-03-14T09:30:00+09:00", "2024-03-14T09:30+09:00"),
    ("14 March 2024 09:30 GMT", "2024-03-14T09:30+00:00"), ("Thu 14 Mar 2024 09.30 GMT", "2024-03-14T09:30+00:00"),
    ("March 14, 2024 14:05 ET", "2024-03-14T14:05-04:00"), ("Mar. 14, 2024 at 9:00 a.m. EDT", "2024-03-14T09:00-04:00"),
    ("March 14, 2024 | 9:00 AM KST", "2024-03-14T09:00+09:00"), ("14 Mar 2024, 09:30 (UTC+9)", "2024-03-14T09:30+09:00"),
    ("10:20 AM EDT, Thu March 14, 2024", "2024-03-14T10:20-04:00"), ("Dec 10", None), ("03/04/2024", None),
    ("14/03/2024", "2024-03-14"), ("Friday", None),
]


def with_dateutil(printed: str) -> str | None:
    from dateutil import parser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = parser.parse(printed, default=datetime(2001, 1, 1))
            b = parser.parse(printed, default=datetime(2002, 7, 9), dayfirst=True)
    except (ValueError, OverflowError):
        return None
    if a.date() != b.date():
        return None  # a part was not printed, or the order of day and month is not known
    if a.tzinfo is None:
        return a.date().isoformat()
    return a.isoformat(timespec="minutes")


def with_dateparser(printed: str) -> str | None:
    from dprk_claims.parse.dates import read

    found = read(printed)
    return found.value if found else None


def main() -> int:
    right = {"dateparser": 0, "dateutil": 0}
    print(f"{'printed':36} {'should be':24} {'dateparser':24} dateutil")
    for printed, expected in FORMS:
        got = {"dateparser": with_dateparser(printed), "dateutil": with_dateutil(printed)}
        for name, value in got.items():
            right[name] += value == expected
        print(f"{printed!r:36} {expected!s:24} {got['dateparser']!s:24} {got['dateutil']!s}")
    print(", ".join(f"{name}: {n}/{len(FORMS)} right" for name, n in right.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
