"""Paragraph roles and timestamps from layout alone, on tiny inline pages."""

from __future__ import annotations

import pytest

from dprk_claims.parse.layout import infer_roles, outlet, paragraph_at, paragraphs, split_paragraphs, timestamps

PAGE_WITH_SECTION_HEADLINE_STANDFIRST = (
    "Korea crisis\n\nEnvoy accuses council of delay\n\nThe envoy said the council ignored requests\n\n"
    "PUBLISHED : Saturday, 27 May, 2017, 1:39am\nUPDATED : Saturday, 27 May, 2017, 9:35am\n\n"
    "The envoy spoke on Friday.\n\nNorth Korea vows to strengthen its defences, state media says\n\nHe left."
)


def roles(text: str) -> list[str]:
    return [p["role"] for p in paragraphs(text)]


def test_section_headline_standfirst_timestamps_and_related_link() -> None:
    assert roles(PAGE_WITH_SECTION_HEADLINE_STANDFIRST) == [
        "section", "headline", "standfirst", "timestamp", "timestamp", "body", "related_link", "body"]


def test_photo_caption_first() -> None:
    assert roles("Soldiers are seen during a parade in Pyongyang\nThe council met on Monday.") == ["caption", "body"]


def test_page_that_starts_with_body() -> None:
    assert roles("North Korea warned the US.\nThe US said nothing.") == ["body", "body"]


def test_headline_without_section() -> None:
    assert infer_roles(["Envoy accuses council of delay", "The envoy said so."]) == ["headline", "body"]


def test_offsets_cover_lines_without_line_breaks() -> None:
    text = "  Title here\n\nBody text.\n"
    paras = paragraphs(text)
    assert [(text[p["char_start"]:p["char_end"]]) for p in paras] == ["Title here", "Body text."]
    assert all(p["role_source"] == "inferred" for p in paras)


def test_paragraph_at_an_offset_in_a_line_at_its_end_and_between_lines() -> None:
    text = "Envoy speaks\n\n  The council met.\nHe left."
    paras = paragraphs(text)
    at = {k: paragraph_at(paras, k) for k in (0, 11, 12, 16, 31, 32, 33, 40, 41)}
    assert at == {0: 0, 11: 0, 12: None, 16: 1, 31: 1, 32: None, 33: 2, 40: 2, 41: None}
    assert [paragraph_at(split_paragraphs(text), k) for k in at] == list(at.values())


def test_timestamp_without_zone_keeps_the_day_only() -> None:
    text = PAGE_WITH_SECTION_HEADLINE_STANDFIRST
    found = timestamps(text, paragraphs(text))
    assert found["published"]["value"] == "2017-05-27"
    assert found["published"]["precision"] == "day"
    assert found["published"]["source"] == "stated"
    assert "without a time zone" in (found["published"]["evidence"] or "")
    assert found["updated"]["value"] == "2017-05-27"


def test_unparseable_timestamp_is_null_with_the_reason() -> None:
    text = "PUBLISHED : sometime last spring\nBody."
    assert roles(text) == ["timestamp", "body"]
    assert timestamps(text, paragraphs(text)) == {"published": {
        "value": None, "precision": None, "source": None,
        "evidence": "paragraph 0: 'PUBLISHED : sometime last spring' ('sometime last spring' reads as no date)"}}


def stamp(text: str, key: str = "published") -> tuple[str | None, str | None, str | None, str | None]:
    found = timestamps(text, paragraphs(text))[key]
    return found["value"], found["precision"], found["source"], found["evidence"]


BODY = "\n\nNorth Korea fired a missile on Wednesday, the military said.\n"


NO_ZONE = " (the time {} is printed without a time zone; none is guessed, so only the day is kept)"
ET = " (ET read as America/New_York on that day, UTC-04:00)"


@pytest.mark.parametrize(("line", "key", "value", "precision", "note"), [
    ("Published: March 14, 2024", "published", "2024-03-14", "day", ""),
    ("PUBLISHED : Saturday, 27 May, 2017, 1:39am", "published", "2017-05-27", "day", NO_ZONE.format("01:39")),
    ("Published On 14 Mar 2024", "published", "2024-03-14", "day", ""),  # Al Jazeera
    ("First published on Thu 14 Mar 2024 09.30 GMT", "published", "2024-03-14T09:30+00:00", "minute", ""),  # the Guardian
    ("Last modified on Thu 14 Mar 2024 11.02 GMT", "updated", "2024-03-14T11:02+00:00", "minute", ""),
    ("Updated 10:20 AM EDT, Thu March 14, 2024", "updated", "2024-03-14T10:20-04:00", "minute", ""),  # CNN
    ("Last updated: 2024-03-14T09:30:00Z", "updated", "2024-03-14T09:30+00:00", "minute", ""),
    ("Posted March 14, 2024 14:05 ET", "published", "2024-03-14T14:05-04:00", "minute", ET),
    ("Published : 2024-03-14 09:30", "published", "2024-03-14", "day", NO_ZONE.format("09:30")),  # Yonhap
    ("Mon 7 Mar 2022", "published", "2022-03-07", "day", ""),  # no label: a whole day alone on its line
    ("March 14, 2024 9:30 AM GMT+9", "published", "2024-03-14T09:30+09:00", "minute", ""),
    ("By Josh Smith | March 14, 2024", "published", "2024-03-14", "day", ""),
    ("Date: 14/03/2024", "published", "2024-03-14", "day", ""),
    ("Posted : 2024-03-14 09:30 Updated : 2024-03-14 10:00", "updated", "2024-03-14", "day", NO_ZONE.format("10:00")),
    ("By Kim Tong-hyung | Published 2:01 AM EDT, March 14, 2024", "published", "2024-03-14T02:01-04:00", "minute", ""),
    ("14 Mar 2024 09:30AM (Last Updated: 14 Mar 2024 10:00AM)", "updated", "2024-03-14", "day", NO_ZONE.format("10:00")),
    ("Published: 9:30am, 14 Mar 2024", "published", "2024-03-14", "day", NO_ZONE.format("09:30")),
    ("Published 2024.03.14. 09:30", "published", "2024-03-14", "day", NO_ZONE.format("09:30")),
    ("March 14th, 2024", "published", "2024-03-14", "day", ""),
    ("14 March 2024 Peace and Security", "published", "2024-03-14", "day", ""),  # UN News: the date, then the topic
    ("All News 09:12 March 14, 2024", "published", "2024-03-14", "day", NO_ZONE.format("09:12")),  # Yonhap
    ("Issued on: 14/03/2024 - 09:30", "published", "2024-03-14", "day", NO_ZONE.format("09:30")),  # France 24
])
def test_timestamp_lines(line: str, key: str, value: str, precision: str, note: str) -> None:
    text = "Envoy accuses council of delay\n\n" + line + BODY
    assert roles(text) == ["headline", "timestamp", "body"]
    assert stamp(text, key) == (value, precision, "stated", f"paragraph 1: {line!r}{note}")


def test_published_and_updated_on_one_line() -> None:
    text = "Envoy accuses council of delay\n\nMarch 14, 2024 9:30 AM GMT+9 Updated 2 hours ago" + BODY
    line = "March 14, 2024 9:30 AM GMT+9 Updated 2 hours ago"
    assert stamp(text) == ("2024-03-14T09:30+09:00", "minute", "stated", f"paragraph 1: {line!r}")
    assert stamp(text, "updated") == (
        None, None, None, f"paragraph 1: {line!r} ('2 hours ago' counts from when the page was read, which is not printed)")


def test_a_relative_stamp_is_a_timestamp_without_a_value() -> None:
    text = "Envoy accuses council of delay\n\n1 day ago" + BODY
    assert roles(text) == ["headline", "timestamp", "body"]
    assert stamp(text) == (
        None, None, None, "paragraph 1: '1 day ago' ('1 day ago' counts from when the page was read, which is not printed)")


def test_a_label_then_a_date_then_a_byline() -> None:
    text = "Envoy accuses council of delay\n\nPosted on March 14, 2024 by Jane Doe" + BODY
    assert stamp(text) == ("2024-03-14", "day", "stated", "paragraph 1: 'Posted on March 14, 2024 by Jane Doe'")


def test_a_headline_with_a_number_or_a_label_word_is_not_a_timestamp() -> None:
    assert roles("North Korea fires 2 missiles in 2024\n\nThe council met." ) == ["headline", "body"]
    assert roles("Published reports say the council met in 2024.\n") == ["body"]
    assert roles("Updated guidance on sanctions\n\nThe council met.") == ["headline", "body"]
    assert roles("The report, published on March 14, 2024, said the council met.\n") == ["body"]
    assert roles("Kim Jong Un fires 2 missiles on March 14\n\nThe council met.") == ["headline", "body"]


def test_a_stamp_without_a_year_or_with_an_unknown_order_is_null_with_the_reason() -> None:
    assert stamp("Published: Dec 10" + BODY) == (None, None, None, "paragraph 0: 'Published: Dec 10' ('Dec 10' prints no year)")
    assert stamp("Published 03/04/2024" + BODY)[3] == (
        "paragraph 0: 'Published 03/04/2024' (the order of day and month in '03/04/2024' is not printed: 4 March or 3 April)")


WIRE = "North Korea fires missile\n\n{dateline} North Korea fired a ballistic missile on Wednesday, the military said.\n"


def test_wire_dateline_with_a_year_gives_the_date_and_the_outlet() -> None:
    text = WIRE.format(dateline="UNITED NATIONS, March 14, 2024 (Reuters) -")
    paras = paragraphs(text)
    assert stamp(text) == ("2024-03-14", "day", "stated",
                           "paragraph 1 opens with the wire dateline 'UNITED NATIONS, March 14, 2024 (Reuters)'")
    assert outlet(text, paras) == ("Reuters", "paragraph 1 opens with the wire dateline 'UNITED NATIONS, March 14, 2024 (Reuters)': "
                                   "the story is Reuters copy; the site that carried it, if another, is not named")


def test_wire_dateline_without_a_year_is_null_with_the_reason() -> None:
    text = WIRE.format(dateline="SEOUL, Dec 10 (AFP) -")
    assert stamp(text) == (None, None, None, "paragraph 1 opens with the wire dateline 'SEOUL, Dec 10 (AFP)' ('Dec 10' prints no year), "
                           "and no other printed date gives the year")
    assert outlet(text, paragraphs(text))[0] == "AFP"


def test_wire_dateline_year_from_the_printed_update_time() -> None:
    text = "North Korea fires missile\n\nUpdated: Jan 1, 2020\n\nSEOUL, Dec 31 (AFP) - North Korea fired a missile.\n"
    assert stamp(text) == ("2019-12-31", "day", "inferred",
                           "paragraph 2 opens with the wire dateline 'SEOUL, Dec 31 (AFP)' ('Dec 31' prints no year); the year is that "
                           "of the update time printed on the page (2020-01-01), the last 31 December on or before it")


def test_wire_dateline_without_a_date() -> None:
    text = WIRE.format(dateline="UNITED NATIONS (AP) —")
    assert stamp(text) == (None, None, None, "paragraph 1 opens with the wire dateline 'UNITED NATIONS (AP)', which prints no date, "
                           "and no timestamp line prints one")
    assert outlet(text, paragraphs(text))[0] == "AP"


def test_a_printed_timestamp_comes_before_the_dateline() -> None:
    text = "North Korea fires missile\n\nMarch 15, 2024\n\nSEOUL, March 14, 2024 (AFP) - North Korea fired a missile.\n"
    assert stamp(text)[:3] == ("2024-03-15", "day", "stated")


def test_a_bare_date_below_the_report_is_not_the_publication_date() -> None:
    text = ("Envoy accuses council of delay\n\nThe council met on Monday.\n\nAn earlier version misstated the vote.\n\n"
            "Friday, December 4, 2015.\n")
    assert roles(text) == ["headline", "body", "body", "timestamp"]
    assert timestamps(text, paragraphs(text)) == {}


def test_a_date_among_other_words_below_the_report_is_not_a_timestamp() -> None:
    text = "Candidates\n\nThe field is large.\n\nSen. Ted Cruz (R-Texas) — Announced March 23, 2015\n"
    assert roles(text) == ["headline", "body", "related_link"]


def test_a_dateline_with_a_date_and_no_place() -> None:
    text = WIRE.format(dateline="Dec 29, 2015 (Reuters) -")
    assert stamp(text)[:3] == ("2015-12-29", "day", "stated")
    assert outlet(text, paragraphs(text))[0] == "Reuters"


def test_no_dateline_no_outlet() -> None:
    text = "North Korea — which has fired 13 missiles — said no.\n"
    assert outlet(text, paragraphs(text)) is None
    assert timestamps(text, paragraphs(text)) == {}


def test_credit_and_caption_lines_keep_their_own_role() -> None:
    text = ("North Korea fires missile\n\nBy Hyonhee Shin\n\n"
            "Kim Jong Un attends a ceremony in Pyongyang. Photograph: KCNA/Reuters\n\n"
            "SEOUL (Reuters) - North Korea fired a missile.\n\n"
            "The council will meet on Friday, the agency said. (AFP)\n\n"
            "Photo: AFP\n\n"
            "FILE PHOTO: A TV broadcasts a news report on North Korea firing a missile in Seoul, March 24, 2022. REUTERS/Kim Hong-Ji\n\n"
            "— AFP\n\n"
            "(Reporting by Michelle Nichols; Editing by Alistair Bell)\n")
    assert roles(text) == ["headline", "credit", "caption", "body", "body", "credit", "caption", "credit", "credit"]


def test_a_sentence_with_an_agency_credit_above_the_report_is_a_caption() -> None:
    text = "South Korean soldiers stand guard at the border village of Panmunjom. (Yonhap)\n\nSEOUL (Yonhap) -- The council met.\n"
    assert roles(text) == ["caption", "body"]


def test_a_date_line_under_the_lead_paragraph_is_the_publication_date() -> None:
    text = ("Council to meet on launch\n\nThe US asked the council to meet on Thursday.\n\n"
            "Wednesday, February 2, 2022 | 09:30\n\nThe reason is the launch of missiles.\n\nA second paragraph.\n")
    assert timestamps(text, paragraphs(text))["published"]["value"] == "2022-02-02"


def test_a_bare_date_line_further_down_the_report_is_not_the_publication_date() -> None:
    text = ("Council to meet on launch\n\nThe US asked the council to meet on Thursday.\n\n"
            "The reason is the launch of missiles.\n\nWednesday, February 2, 2022 | 09:30\n\nA last paragraph.\n")
    assert "published" not in timestamps(text, paragraphs(text))
