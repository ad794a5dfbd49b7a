"""Time expressions normalised against the publication date (t0); nothing guessed without an anchor."""

from __future__ import annotations

from conftest import annotate_text, claim_with


def timex(text: str, fragment: str, published: str | None = None, precision: str | None = None) -> list[tuple]:
    claim = claim_with(annotate_text(text, published, precision)[0], fragment)
    return [(t["text"], t["type"], t["value"], t["mod"], t["value_source"]) for t in claim["time_expressions"]]


WEDNESDAY = "The council met on Wednesday to discuss the launch.\n"


def test_weekday_with_a_known_day_is_the_last_such_day() -> None:
    assert timex(WEDNESDAY, "met", "2019-12-05") == [("Wednesday", "DATE", "2019-12-04", None, "inferred")]


def test_weekday_with_a_known_month_only_uses_x_placeholders() -> None:
    assert timex(WEDNESDAY, "met", "2019-12") == [("Wednesday", "DATE", "2019-WXX-3", None, "inferred")]


def test_weekday_without_an_anchor_is_not_guessed() -> None:
    assert timex(WEDNESDAY, "met") == [("Wednesday", "DATE", "XXXX-WXX-3", None, "inferred")]


def test_weekday_in_a_future_clause_lies_after_t0() -> None:
    assert timex("The council will vote on Friday on the text.\n", "vote", "2022-03-07")[0][2] == "2022-03-11"


def test_on_december_10_takes_the_year_of_t0() -> None:
    text = "Diplomats said the meeting on North Korea is planned on December 10.\n"
    assert timex(text, "planned", "2019-12")[0][:3] == ("December 10", "DATE", "2019-12-10")
    assert timex(text, "planned")[0][2] == "XXXX-12-10"


def test_since_may_is_an_interval_ending_at_t0() -> None:
    text = "North Korea has fired 13 missiles since May.\n"
    assert timex(text, "fired", "2019-12") == [("since May", "DURATION", "2019-05/2019-12", None, "inferred")]
    assert timex(text, "fired")[0][2] is None


def test_earlier_in_the_day_is_the_day_of_the_reference_event() -> None:
    text = "The council met on Wednesday.\nIn a statement earlier in the day, the US condemned the test.\n"
    assert timex(text, "condemned", "2019-12-05")[0][:3] == ("earlier in the day", "DATE", "2019-12-04")


def test_in_january_and_a_stated_month_and_year() -> None:
    text = "Pyongyang threatened to end its moratorium in January, after tests in November 2016.\n"
    values = [(t[0], t[2], t[4]) for t in timex(text, "moratorium", "2022-03")]
    assert values == [("January", "2022-01", "inferred"), ("November 2016", "2016-11", "stated")]


def test_the_end_of_a_year_has_mod_end() -> None:
    text = "Pyongyang has set the end of 2019 as the deadline for talks.\n"
    assert timex(text, "deadline") == [("the end of 2019", "DATE", "2019", "END", "stated")]


def test_durations() -> None:
    text = "The council has met twice in recent years and once in the past two weeks.\n"
    assert [t[2] for t in timex(text, "met")] == ["PXY", "P2W"]
