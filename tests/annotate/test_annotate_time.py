"""Time expressions normalised against the publication date (t0); nothing guessed without an anchor."""

from __future__ import annotations

from conftest import annotate_text, claim_with


def timex(text: str, fragment: str, published: str | None = None, precision: str | None = None) -> list[tuple]:
    claim = claim_with(annotate_text(text, published, precision)[0], fragment)
    return [(t["text"], t["type"], t["value"], t["mod"], t["value_source"]) for t in claim["time_expressions"]]


def periods(text: str, fragment: str, published: str) -> list[tuple]:
    claim = claim_with(annotate_text(text, published, None)[0], fragment)
    return [(t["value"], t["begin_point"], t["end_point"]) for t in claim["time_expressions"] if t["type"] == "DURATION"]


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


def test_since_may_is_a_duration_anchored_from_may_to_t0() -> None:
    text = "North Korea has fired 13 missiles since May.\n"
    assert timex(text, "fired", "2019-12") == [("since May", "DURATION", "P7M", None, "inferred")]
    assert periods(text, "fired", "2019-12-05") == [("P7M", "2019-05", "2019-12-05")]
    assert timex(text, "fired")[0][2] == "PXM"  # no t0: a number of months, not guessed


def test_since_a_year_counts_whole_years() -> None:
    assert periods("The body has issued resolutions since 2006.\n", "issued", "2017-05-27") == [("P11Y", "2006", "2017-05-27")]


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


def test_ago_counts_back_from_t0_at_the_unit_s_precision() -> None:
    text = "North Korea fired a missile two days ago, and a week ago it tested an engine.\nThree years ago it held a nuclear test.\n"
    claims = annotate_text(text, "2024-03-14")[0]
    assert [(t["text"], t["value"]) for c in claims for t in c["time_expressions"]] == [
        ("two days ago", "2024-03-12"), ("a week ago", "2024-W10"), ("Three years ago", "2021")]
    assert [t[2] for t in timex("The council met two months ago.\n", "met", "2024-01")] == ["2023-11"]
    assert [t[2] for t in timex("The council met two days ago.\n", "met", "2024-01")] == [None]


def test_the_previous_day_and_a_day_later_follow_the_reference_day() -> None:
    text = "The council met on Monday.\nThe previous day, North Korea fired a missile.\nA day later, the US condemned it.\n"
    claims = annotate_text(text, "2024-03-14")[0]
    assert [(t["text"], t["value"]) for c in claims for t in c["time_expressions"]] == [
        ("Monday", "2024-03-11"), ("The previous day", "2024-03-10"), ("A day later", "2024-03-11")]
    assert timex("The council met the next day.\n", "met", "2024-01-05") == [("the next day", "DATE", None, None, "inferred")]


def test_a_month_without_a_year_is_the_last_one_before_t0_or_the_next_in_a_future_clause() -> None:
    text = "The talks were held on December 30, officials said.\n"
    assert timex(text, "talks", "2020-01-02")[0][:3] == ("December 30", "DATE", "2019-12-30")
    assert timex(text, "talks", "2020-06-02")[0][2] == "2019-12-30"
    assert timex("The envoy spoke about it in December.\n", "envoy", "2016-02-24")[0][2] == "2015-12"
    assert timex("The envoy will visit in January.\n", "envoy", "2019-12-05")[0][2] == "2020-01"
    assert timex("The envoy visited last March.\n", "envoy", "2019-03-05")[0][2] == "2018-03"


def test_this_and_last_weekend() -> None:
    values = [t[2] for t in timex("The council will meet this weekend and met last weekend.\n", "council", "2024-03-14")]
    assert values == ["2024-W11-WE", "2024-W10-WE"]


PAGE = "North Korea fires missile\n\n{stamp}\n\nNorth Korea fired a missile on Wednesday and will test another on Friday.\n"


def published_and_values(text: str) -> tuple[str | None, list[str | None]]:
    from conftest import ANNOTATOR_KB

    from dprk_claims.annotate.core import annotate_article
    from dprk_claims.build.document import parse_article

    article = parse_article({"article_id": "900_abcd", "seed_file": "900_abcd.txt", "path": "", "text": text,
                             "text_sha256": "0" * 64})["article"]
    claims = annotate_article(article, ANNOTATOR_KB)[0]
    return article["published"]["value"], [t["value"] for c in claims for t in c["time_expressions"]]


def test_weekdays_resolve_against_the_printed_date_of_the_page() -> None:
    assert published_and_values(PAGE.format(stamp="Thu 14 Mar 2024 09.30 GMT")) == (
        "2024-03-14T09:30+00:00", ["2024-03-13", "2024-03-15"])
    assert published_and_values(PAGE.format(stamp="Published: March 14, 2024 9:00am")) == ("2024-03-14", ["2024-03-13", "2024-03-15"])


def test_weekdays_resolve_against_the_wire_dateline() -> None:
    text = "North Korea fires missile\n\nSEOUL, March 14, 2024 (Yonhap) -- North Korea fired a missile on Wednesday, officials said.\n"
    assert published_and_values(text) == ("2024-03-14", ["2024-03-13"])


def test_a_dateline_without_a_year_leaves_weekdays_with_placeholders() -> None:
    text = "North Korea fires missile\n\nSEOUL, March 14 (Yonhap) -- North Korea fired a missile on Wednesday, officials said.\n"
    assert published_and_values(text) == (None, ["XXXX-WXX-3"])


def test_last_night_and_the_weekend() -> None:
    assert timex("North Korea fired a missile last night.\n", "fired", "2024-03-14") == [
        ("last night", "TIME", "2024-03-13TNI", None, "inferred")]
    assert timex("North Korea fired a missile last night.\n", "fired", "2024-03")[0][2] is None
    assert timex("The envoys met over the weekend.\n", "met", "2024-03-18")[0][2] == "2024-W11-WE"  # a Monday: the weekend before
    assert timex("The envoys will meet over the weekend.\n", "meet", "2024-03-14")[0][2] == "2024-W11-WE"
