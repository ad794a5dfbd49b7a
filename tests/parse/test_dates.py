"""Printed dates read by dateparser: each form a news page prints, with the value, precision and note pinned."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dprk_claims.parse.dates import read, year_from


def reading(printed: str) -> tuple[str | None, str | None, str]:
    found = read(printed)
    assert found is not None, printed
    return found.value, found.precision, found.note


@pytest.mark.parametrize(("printed", "value"), [
    ("March 14, 2024", "2024-03-14"),  # month name first
    ("14 March 2024", "2024-03-14"),  # day first
    ("Mon 7 Mar 2022", "2022-03-07"),  # weekday and abbreviated month
    ("Saturday, 27 May, 2017", "2017-05-27"),
    ("Nov. 14, 2023", "2023-11-14"),
    ("2024-03-14", "2024-03-14"),  # numeric ISO
    ("14/03/2024", "2024-03-14"),  # numeric, the order shown by a day over 12
])
def test_a_printed_day(printed: str, value: str) -> None:
    assert reading(printed) == (value, "day", "")


@pytest.mark.parametrize(("printed", "value"), [
    ("2024-03-14T09:30:00Z", "2024-03-14T09:30+00:00"),
    ("2024-03-14T09:30:00+09:00", "2024-03-14T09:30+09:00"),
    ("14 March 2024 09:30 GMT", "2024-03-14T09:30+00:00"),
    ("Thu 14 Mar 2024 09.30 GMT", "2024-03-14T09:30+00:00"),  # the Guardian's dotted time
    ("Mar. 14, 2024 at 9:00 a.m. EDT", "2024-03-14T09:00-04:00"),
    ("2024-03-14 09:30:00 KST", "2024-03-14T09:30+09:00"),
    ("14 Mar 2024, 09:30 (UTC+9)", "2024-03-14T09:30+09:00"),
    ("March 14, 2024 at 09:30:45 GMT+9", "2024-03-14T09:30+09:00"),  # seconds beyond the schema's minute precision
    ("10:20 AM EDT, Thu March 14, 2024", "2024-03-14T10:20-04:00"),  # the time before the date
])
def test_a_time_with_its_zone_keeps_the_minute_and_the_offset(printed: str, value: str) -> None:
    assert reading(printed) == (value, "minute", "")


def test_et_takes_the_offset_of_that_day() -> None:
    assert reading("March 14, 2024 14:05 ET") == (
        "2024-03-14T14:05-04:00", "minute", " (ET read as America/New_York on that day, UTC-04:00)")
    assert reading("Jan. 5, 2024 8:00 p.m. ET")[:2] == ("2024-01-05T20:00-05:00", "minute")


def test_a_time_without_a_zone_keeps_the_day_and_says_why() -> None:
    assert reading("Thursday, March 14, 2024 9:00am") == (
        "2024-03-14", "day", " (the time 09:00 is printed without a time zone; none is guessed, so only the day is kept)")


def test_a_date_without_its_year_has_no_value() -> None:
    found = read("Dec 10")
    assert found is not None
    assert (found.value, found.precision, found.note, found.month_day) == (None, None, " ('Dec 10' prints no year)", (12, 10))


def test_day_and_month_in_an_unknown_order_have_no_value() -> None:
    assert reading("03/04/2024") == (None, None, " (the order of day and month in '03/04/2024' is not printed: 4 March or 3 April)")


def test_month_and_year() -> None:
    assert reading("March 2024") == ("2024-03", "month", "")


def test_parts_between_separators_and_the_time_before_the_date() -> None:
    assert reading("14 March 2024 • 9 min read") == ("2024-03-14", "day", "")
    assert reading("March 14, 2024 | 9:00 AM KST") == ("2024-03-14T09:00+09:00", "minute", "")


def test_a_relative_time_has_no_value() -> None:
    assert reading("2 hours ago") == (None, None, " ('2 hours ago' counts from when the page was read, which is not printed)")


def test_within_the_first_or_last_words_that_are_a_date() -> None:
    assert read("March 14, 2024 9:30 AM GMT by Jane Doe") is None
    found = read("March 14, 2024 9:30 AM GMT by Jane Doe", within=True)
    assert found is not None and (found.value, found.precision) == ("2024-03-14T09:30+00:00", "minute")
    assert reading_within("14 March 2024 Peace and Security") == ("2024-03-14", "day")
    assert reading_within("All News 09:12 March 14, 2024") == ("2024-03-14", "day")


def reading_within(printed: str) -> tuple[str | None, str | None]:
    found = read(printed, within=True)
    assert found is not None, printed
    return found.value, found.precision


@pytest.mark.parametrize("printed", ["Friday", "North Korea fires 2 missiles", "Kim Jong Un", "", "9:00am",
                                     "March 14, 2024 " + "x" * 80])
def test_what_prints_no_date(printed: str) -> None:
    assert read(printed) is None


def test_year_from_another_printed_date() -> None:
    assert year_from((12, 10), "2019-12-11") == 2019
    assert year_from((12, 31), "2020-01-01T09:30+09:00") == 2019
    assert year_from((12, 10), "2019") is None


def test_the_machine_time_zone_changes_nothing() -> None:
    code = "from dprk_claims.parse.dates import read; print(read('14 March 2024 09:30 GMT'), read('March 14, 2024 9:00am'))"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "TZ": zone}).stdout for zone in ("UTC", "Asia/Seoul", "America/New_York")}
    assert len(outs) == 1
    assert "2024-03-14T09:30+00:00" in outs.pop()
