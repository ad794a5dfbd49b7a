"""DATASHEET.md answers every question of Datasheets for Datasets (Gebru et al., 2021), section by section,
and no section or question is left empty."""

from __future__ import annotations

import re

from conftest import ROOT

TEXT = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")

# Every question of the paper, by the words it starts with, in the paper's sections and order.
GEBRU: dict[str, list[str]] = {
    "Motivation": [
        "For what purpose was the dataset created", "Who created the dataset", "Who funded the creation",
        "Any other comments"],
    "Composition": [
        "What do the instances that comprise the dataset represent", "How many instances are there",
        "Does the dataset contain all possible instances", "What data does each instance consist of",
        "Is there a label or target", "Is any information missing", "Are relationships between individual instances",
        "Are there recommended data splits", "Are there any errors, sources of noise, or redundancies",
        "Is the dataset self-contained", "Does the dataset contain data that might be considered confidential",
        "Does the dataset contain data that, if viewed directly, might be offensive", "Does the dataset relate to people",
        "Does the dataset identify any subpopulations", "Is it possible to identify individuals",
        "Does the dataset contain data that might be considered sensitive", "Any other comments"],
    "Collection process": [
        "How was the data associated with each instance acquired", "What mechanisms or procedures were used",
        "If the dataset is a sample from a larger set, what was the sampling strategy",
        "Who was involved in the data collection process", "Over what timeframe", "Were any ethical review processes",
        "Did you collect the data from the individuals in question directly", "Were the individuals in question notified",
        "Did the individuals in question consent", "If consent was obtained", "Has an analysis of the potential impact",
        "Any other comments"],
    "Preprocessing, cleaning and labelling": [
        "Was any preprocessing/cleaning/labeling", "Was the \"raw\" data saved", "Is the software that was used",
        "Any other comments"],
    "Uses": [
        "Has the dataset been used for any tasks already", "Is there a repository that links", "What (other) tasks",
        "Is there anything about the composition", "Are there tasks for which the dataset should not be used",
        "Any other comments"],
    "Distribution": [
        "Will the dataset be distributed to third parties", "How will the dataset be distributed",
        "When will the dataset be distributed", "Will the dataset be distributed under a copyright",
        "Have any third parties imposed", "Do any export controls", "Any other comments"],
    "Maintenance": [
        "Who will be supporting/hosting/maintaining", "How can the owner/curator/manager", "Is there an erratum",
        "Will the dataset be updated", "If the dataset relates to people, are there applicable limits on the retention",
        "Will older versions of the dataset", "If others want to extend/augment/build on/contribute",
        "Any other comments"],
}


def headings(level: int) -> list[tuple[str, str]]:
    """(heading, body up to the next heading of this level or higher) for every heading of this level."""
    marks = "#" * level
    parts = re.split(rf"^(#{{1,{level}}}) (.+)$", TEXT, flags=re.M)
    found = []
    for i in range(1, len(parts) - 1, 3):
        if parts[i] == marks:
            found.append((parts[i + 1].strip(), parts[i + 2]))
    return found


def test_every_gebru_section_and_question_has_a_heading_in_order() -> None:
    sections = [name for name, _ in headings(2)]
    assert sections == list(GEBRU)
    for name, body in headings(2):
        questions = [q for q, _ in re.findall(r"^### (.+)$()", body, flags=re.M)]
        assert len(questions) == len(GEBRU[name]), (name, questions)
        for asked, heading in zip(GEBRU[name], questions, strict=True):
            assert heading.startswith(asked) and heading.endswith("?"), (name, asked, heading)


def test_no_section_or_question_is_left_empty() -> None:
    for level in (2, 3, 4):
        for heading, body in headings(level):
            prose = re.sub(r"<!--.*?-->", "", body, flags=re.S).strip()
            assert len(prose) >= 4, f"{'#' * level} {heading} is empty"
            assert not re.search(r"\b(TODO|TBD|FIXME)\b", prose), heading
