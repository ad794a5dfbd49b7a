"""Paragraph roles and timestamps from layout alone, on tiny inline pages."""

from __future__ import annotations

from dprk_claims.parse import infer_roles, paragraphs, timestamps

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


def test_timestamp_without_zone_keeps_the_day_only() -> None:
    text = PAGE_WITH_SECTION_HEADLINE_STANDFIRST
    found = timestamps(text, paragraphs(text))
    assert found["published"]["value"] == "2017-05-27"
    assert found["published"]["precision"] == "day"
    assert found["published"]["source"] == "stated"
    assert "without a time zone" in (found["published"]["evidence"] or "")
    assert found["updated"]["value"] == "2017-05-27"


def test_unparseable_timestamp_is_not_guessed() -> None:
    text = "PUBLISHED : sometime last spring\nBody."
    assert timestamps(text, paragraphs(text)) == {}


def test_common_timestamp_layouts_give_the_day() -> None:
    from dprk_claims.parse import parse_stamp

    for printed in ("Nov 14, 2023", "14 Nov 2023", "2023-11-14", "November 14, 2023 10:12 AM", "Nov. 14, 2023", "14 November 2023 10:12"):
        assert parse_stamp(printed) == ("2023-11-14", "day"), printed
    assert parse_stamp("sometime in November") is None
