"""Stage 2: parse an article's layout: paragraphs, their roles, headline, standfirst, timestamps.

Roles come from layout rules that hold for news pages in general (an unpunctuated line above the
body is a headline, a line with a printed date is a timestamp, a byline or "(Reporting by …)" is a
credit, an unpunctuated line inside the body promotes another article). Each role records that it was
``inferred``; curated roles in ``annotations/`` replace them later and are marked ``curated``. Printed
dates are read by dateparser (``dates.py``); a wire dateline (``datelines.py``) gives the publication
date when no timestamp line does, and the outlet.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, cast

from dprk_claims.core.records import Dated, Paragraph
from dprk_claims.parse import datelines, dates

# Paragraph roles that never hold claims (docs/annotation-guidelines.md, section 2).
EXCLUDED_ROLES = ("section", "timestamp", "related_link", "credit")
# ClaimBuster labels in order of weight: a sentence takes the highest label of its claims.
RANK = {"CFS": 3, "UFS": 2, "NFS": 1}

# A label before a printed date ("PUBLISHED :", "Last updated on", "Posted"); the date itself is read by dateparser.
_LABEL = re.compile(r"\b((?:first |originally )?published|(?:last )?updated|posted|(?:last )?modified|issued|date(?=\s*[:：]))\b"
                    r"(?:\s+(?:on|at))?\s*[:：]?\s*", re.IGNORECASE)
_CAPTION_CUES = (" is seen", " are seen", " pictured", " poses ", " attends ", " gestures ", "Photo:", "File photo", "FILE PHOTO",
                 "Photograph:", "REUTERS/", "/Reuters", "/AFP", "AFP/", "Getty Images", "AP Photo", "via Reuters", "via AP")
_END_PUNCT = ".!?…:;"
_CLOSERS = "\"'”’)]"
_STAMP_CHARS = 120  # a timestamp line is short
_STAMP_EDGES = " |•·-—–,"
Stamp = tuple[str, str, "dates.Reading | None"]  # published/updated, the part of the line, what dateparser read in it


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(char_start, char_end) of every non-empty line, without its line break or edge whitespace."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def paragraph_at(paragraphs: Sequence[Mapping[str, Any]] | Sequence[tuple[int, int]], offset: int) -> int | None:
    """Position in ``paragraphs`` of the first paragraph holding character ``offset`` (char_start <= offset < char_end).

    ``paragraphs`` are Paragraph records or the (char_start, char_end) pairs of ``split_paragraphs``; a
    record's position is its ``index``. The one fallback: None when no paragraph holds the offset (the line
    breaks between paragraphs, or outside the text); each caller says what None stands for in its output.
    """
    for position, para in enumerate(paragraphs):
        if isinstance(para, tuple):  # a concrete type: faster than testing for Mapping
            start, end = cast(tuple[int, int], para)
        else:
            record = cast(Mapping[str, Any], para)
            start, end = record["char_start"], record["char_end"]
        if start <= offset < end:
            return position
    return None


def paragraph_finder(paragraphs: Sequence[Mapping[str, Any]]) -> Callable[[int], int | None]:
    """``paragraph_at`` for many offsets into the same paragraph records: by bisection when the paragraphs
    are in text order without overlaps (as ``split_paragraphs`` makes them: then only the last one that
    starts at or before the offset can hold it), else ``paragraph_at`` itself."""
    spans = [(p["char_start"], p["char_end"]) for p in paragraphs]
    if not all(s <= e for s, e in spans) or not all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)):
        return lambda offset: paragraph_at(paragraphs, offset)
    starts = [s for s, _ in spans]

    def find(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < spans[i][1] else None

    return find


def _punctuated(para: str) -> bool:
    """Whether the paragraph ends as a sentence does, after any agency credit at its end ("… said. (AFP)")."""
    para = para[:datelines.tail_start(para, 0, len(para))]
    return para.rstrip(_CLOSERS)[-1:] in tuple(_END_PUNCT)


def stamp_parts(line: str, top: bool = True) -> list[Stamp] | None:
    """The dates of a timestamp line ("PUBLISHED : Saturday, 27 May, 2017, 1:39am", "Mon 7 Mar 2022 06.42 GMT",
    "14 March 2024 | Updated 15 March 2024"), or None when the line is not one.

    A label counts at the start of the line, after a separator, a date or a byline (not "The report,
    published on …"); what follows it is read whatever it holds. A part without a label counts only when
    dateparser reads a whole day with its year from it; above the report (``top``) that day may stand
    between other words ("14 March 2024 Peace and Security"). A line that opens with a label and reads as
    no date is still a timestamp when it is short and unpunctuated ("Updated 2 hours ago").
    """
    if len(line) > _STAMP_CHARS or not any(c.isdigit() for c in line) and not _LABEL.match(line):
        return None
    unpunctuated = not _punctuated(line)
    short = len(line.split()) <= 10 and unpunctuated
    pieces = _LABEL.split(line)
    first = pieces[0].strip(_STAMP_EDGES)
    head = dates.read(first, within=short and top) if first else None
    dated = head is not None and (head.precision in ("day", "minute") or head.missing in ("order", "anchor"))
    found: list[Stamp] = [("published", first, head)] if dated else []
    if not first or dated or pieces[0].rstrip()[-1:] in _STAMP_EDGES or datelines.is_credit_line(first):
        for label, when in zip(pieces[1::2], pieces[2::2], strict=True):
            key = "updated" if label.lower().endswith(("updated", "modified")) else "published"
            when = when.strip(_STAMP_EDGES)
            found.append((key, when, dates.read(when, within=unpunctuated) if when else None))
    if any(r is not None for _, _, r in found):
        return found
    label = _LABEL.match(line)
    stamp_like = label is not None and (":" in label.group(0) or any(c.isdigit() for c in line))  # not "Updated guidance on …"
    return found if stamp_like and short else None


def infer_roles(paras: list[str]) -> list[str]:
    """A role for every paragraph, from its form and position alone."""
    roles = ["body"] * len(paras)
    body_started = False
    heads: list[int] = []
    for i, para in enumerate(paras):
        if stamp_parts(para, top=not body_started) is not None:
            roles[i] = "timestamp"
        elif datelines.is_credit_line(para):
            roles[i] = "credit"
        elif _punctuated(para):
            credited = datelines.tail_start(para, 0, len(para)) < len(para)
            if credited and not body_started and i + 1 < len(paras):
                roles[i] = "caption"  # a full sentence with an agency credit above the report: a photo caption
            else:
                body_started = True
        elif any(cue in para for cue in _CAPTION_CUES):
            roles[i] = "caption"
        elif not body_started:
            heads.append(i)
        else:
            roles[i] = "related_link" if len(para.split()) >= 4 else "section"
    if len(heads) >= 3 or (len(heads) == 2 and len(paras[heads[0]].split()) <= 4):
        roles[heads[0]] = "section"
        heads = heads[1:]
    for n, i in enumerate(heads):
        roles[i] = "headline" if n == 0 else "standfirst"
    return roles


def paragraphs(text: str) -> list[Paragraph]:
    spans = split_paragraphs(text)
    roles = infer_roles([text[s:e] for s, e in spans])
    return [Paragraph(index=i, char_start=s, char_end=e, role=r, role_source="inferred")
            for i, ((s, e), r) in enumerate(zip(spans, roles, strict=True))]


def unknown(evidence: str) -> Dated:
    return Dated(value=None, precision=None, source=None, evidence=evidence)


def _line(text: str, para: Paragraph) -> str:
    return text[para["char_start"]:para["char_end"]]


def timestamps(text: str, paras: list[Paragraph]) -> dict[str, Dated]:
    """published/updated as printed on the page (a timestamp line, else the wire dateline), with the line
    as evidence; a date that is printed but cannot be written (no year, day and month in an unknown order,
    an unreadable line) is null with the reason."""
    found: dict[str, Dated] = {}
    reasons: dict[str, str] = {}
    body = next((p["index"] for p in paras if p["role"] == "body"), len(paras))
    for para in paras:
        if para["role"] != "timestamp":
            continue
        line = _line(text, para)
        for key, when, reading in stamp_parts(line, top=para["index"] < body) or []:
            below = sum(1 for q in paras[:para["index"]] if q["role"] == "body")
            if below > 1 and not _LABEL.search(line):
                continue  # a bare date below the report's lead (a correction's date) is not the page's
            where = f"paragraph {para['index']}: {line!r}"
            if reading is not None and reading.value is not None and key not in found:
                found[key] = Dated(value=reading.value, precision=reading.precision, source="stated", evidence=where + reading.note)
            elif key not in reasons:
                reasons[key] = where + (reading.note if reading else f" ({when!r} reads as no date)" if when else " (no date is printed)")
    if "published" not in found:
        from_dateline = dateline_published(text, paras, found.get("updated"))
        if from_dateline is not None and (from_dateline["value"] is not None or "published" not in reasons):
            found["published"] = from_dateline
    for key, why in reasons.items():
        found.setdefault(key, unknown(why))
    return found


def dateline(text: str, paras: list[Paragraph]) -> tuple[Paragraph, datelines.Dateline] | None:
    """The wire dateline that opens one of the first three body paragraphs."""
    body = [p for p in paras if p["role"] == "body"][:3]
    found = _dateline_at(text, tuple((p["char_start"], p["char_end"]) for p in body))
    return None if found is None else (body[found[0]], found[1])


@lru_cache(maxsize=4)  # an article asks twice (its publication date, then its outlet): the pattern runs once
def _dateline_at(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[int, datelines.Dateline] | None:
    for i, (start, end) in enumerate(spans):
        found = datelines.find(text, start, end)
        if found is not None:
            return i, found
    return None


def dateline_published(text: str, paras: list[Paragraph], updated: Dated | None) -> Dated | None:
    """The publication date a wire dateline gives; its year, when not printed, only from the update time."""
    found = dateline(text, paras)
    if found is None:
        return None
    para, line = found
    where = f"paragraph {para['index']} opens with the wire dateline {line.printed!r}"
    reading = line.reading
    if reading is None:
        return unknown(f"{where}, which prints no date, and no timestamp line prints one")
    if reading.value is not None:
        return Dated(value=reading.value, precision=reading.precision, source="stated", evidence=where + reading.note)
    year = dates.year_from(reading.month_day, updated["value"] or "") if reading.month_day and updated else None
    if year is None or reading.month_day is None:
        return unknown(f"{where}{reading.note}, and no other printed date gives the year")
    month, day = reading.month_day
    return Dated(value=f"{year:04d}-{month:02d}-{day:02d}", precision="day", source="inferred",
                 evidence=f"{where}{reading.note}; the year is that of the update time printed on the page "
                          f"({updated['value'] if updated else ''}), the last {day} {calendar.month_name[month]} on or before it")


def outlet(text: str, paras: list[Paragraph]) -> tuple[str, str] | None:
    """(outlet, evidence) from the agency in brackets of a wire dateline: "(Reuters)", "(AFP)", "(Yonhap)"."""
    found = dateline(text, paras)
    agency = found[1].agency if found is not None else None
    if found is None or agency is None:
        return None
    para, line = found
    return agency, (f"paragraph {para['index']} opens with the wire dateline {line.printed!r}: the story is {line.agency} "
                         "copy; the site that carried it, if another, is not named")


def first_of(text: str, paras: list[Paragraph], role: str) -> str | None:
    for para in paras:
        if para["role"] == role:
            return text[para["char_start"]:para["char_end"]]
    return None
