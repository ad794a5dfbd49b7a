"""Wire datelines and agency credits: the place, the date (read by dateparser) and the agency of each form."""

from __future__ import annotations

import pytest

from dprk_claims.parse.datelines import find, is_credit_line, tail_start


def dateline(text: str) -> tuple[str, str | None, str | None, str | None, str | None] | None:
    found = find(text, 0)
    if found is None:
        return None
    value = found.reading.value if found.reading else None
    return text[found.end:], found.printed, found.place, found.agency, value


@pytest.mark.parametrize(("text", "expected"), [
    ("UNITED NATIONS, March 14, 2024 (Reuters) - The council met.",
     ("The council met.", "UNITED NATIONS, March 14, 2024 (Reuters)", "UNITED NATIONS", "Reuters", "2024-03-14")),
    ("SEOUL, Dec 10 (AFP) - The council met.", ("The council met.", "SEOUL, Dec 10 (AFP)", "SEOUL", "AFP", None)),
    ("UNITED NATIONS (AP) — The council met.", ("The council met.", "UNITED NATIONS (AP)", "UNITED NATIONS", "AP", None)),
    ("SEOUL, March 14 (Yonhap) -- The council met.", ("The council met.", "SEOUL, March 14 (Yonhap)", "SEOUL", "Yonhap", None)),
    ("PYONGYANG, December 10 (KCNA) -- The council met.",
     ("The council met.", "PYONGYANG, December 10 (KCNA)", "PYONGYANG", "KCNA", None)),
    ("BEIJING, Dec. 10 (Xinhua) -- The council met.", ("The council met.", "BEIJING, Dec. 10 (Xinhua)", "BEIJING", "Xinhua", None)),
    ("(Reuters) - The council met.", ("The council met.", "(Reuters)", None, "Reuters", None)),
    ("Dec 29 (Reuters) - The council met.", ("The council met.", "Dec 29 (Reuters)", None, "Reuters", None)),
    ("WASHINGTON — The council met.", ("The council met.", "WASHINGTON", "WASHINGTON", None, None)),
    ("Seoul, South Korea (CNN)—The council met.", ("The council met.", "Seoul, South Korea (CNN)", "Seoul, South Korea", "CNN", None)),
    ("GENEVA/SEOUL, Jan 5 (Reuters) - The council met.",
     ("The council met.", "GENEVA/SEOUL, Jan 5 (Reuters)", "GENEVA/SEOUL", "Reuters", None)),
    ("SEOUL, South Korea, March 14, 2024 (AP) — The council met.",
     ("The council met.", "SEOUL, South Korea, March 14, 2024 (AP)", "SEOUL, South Korea", "AP", "2024-03-14")),
    ("PORT-AU-PRINCE — The council met.", ("The council met.", "PORT-AU-PRINCE", "PORT-AU-PRINCE", None, None)),
    ("United Nations (United States) (AFP) - The council met.",  # AFP's English service
     ("The council met.", "United Nations (United States) (AFP)", "United Nations (United States)", "AFP", None)),
])
def test_dateline_forms(text: str, expected: tuple[str, ...]) -> None:
    assert dateline(text) == expected


def test_a_dateline_without_a_year_keeps_the_month_and_day() -> None:
    found = find("SEOUL, Dec 10 (AFP) - The council met.", 0)
    assert found is not None and found.reading is not None
    assert (found.reading.month_day, found.reading.note) == ((12, 10), " ('Dec 10' prints no year)")


@pytest.mark.parametrize("text", [
    "North Korea — which has fired 13 missiles — said no.",  # a capitalised subject, no agency: not a place in capitals
    "US — North Korea talks have stalled.",  # too short for a place
    "The US — and its allies — said so.",
    "Kim Jong Un (pictured) - who rarely speaks - said so.",  # not an agency
    "SEOUL, March 5 (local time) - the test was held.",
    "The council met on Monday.",
])
def test_not_a_dateline(text: str) -> None:
    assert find(text, 0) is None


@pytest.mark.parametrize(("text", "cut"), [
    ("North Korea fired, the agency said. (AFP)", "North Korea fired, the agency said."),
    ("North Korea fired, the agency said. — AFP", "North Korea fired, the agency said."),
    ("He said. (Reporting by Michelle Nichols; Editing by Alistair Bell)", "He said."),
    ("He said (in Korean).", "He said (in Korean)."),
    ("He said. (Full text of the resolution is on the UN site)", "He said. (Full text of the resolution is on the UN site)"),
    ("The vote was 13-0 - a record.", "The vote was 13-0 - a record."),
])
def test_a_credit_that_ends_a_paragraph(text: str, cut: str) -> None:
    assert text[:tail_start(text, 0, len(text))] == cut


@pytest.mark.parametrize(("para", "credit"), [
    ("(AFP)", True), ("— AFP", True), ("(END)", True), ("Photo: AFP", True), ("© 2024 AFP", True),
    ("(Reporting by Michelle Nichols; Additional reporting by Hyonhee Shin in Seoul; Editing by Alistair Bell and Grant McCool)", True),
    ("By Jane Doe in Seoul", True), ("By Hyonhee Shin and Josh Smith", True),
    ("Sources say North Korea fired.", False), ("Photographs show the site.", False), ("By contrast, the US said no.", False),
    ("Photo: North Korean leader Kim Jong Un attends a ceremony marking the anniversary in Pyongyang", False),
])
def test_credit_lines(para: str, credit: bool) -> None:
    assert is_credit_line(para) is credit
