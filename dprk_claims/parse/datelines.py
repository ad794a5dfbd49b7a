"""Wire datelines ("UNITED NATIONS, March 14, 2024 (Reuters) -", "SEOUL, Dec 10 (AFP) -", "UNITED NATIONS
(AP) —", "(Reuters) -") and agency credits at the end of a paragraph ("… the agency said. (AFP)", "— AFP").

The shape is a layout rule: a place (capital letters, or capitalised words when an agency in brackets
follows), optional comma-separated parts of which the last may be a date, the agency in brackets, then a
dash. The date part is read by ``dates.read`` (dateparser), never by a pattern here. A dateline and a
credit are not part of any claim; the dateline gives the article's publication date and outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dprk_claims.parse import dates

_SHELL = re.compile(r"(?P<head>[^()\n—–―]{0,80}?)\s*(?:\((?P<country>[^()\n]{1,30})\)\s*(?=\())?(?:\((?P<agency>[^()\n]{1,40})\))?\s*"
                    r"(?:(?<=[\s)])--?(?=\s)|[—–―])\s*(?=\S)")
_TAIL = re.compile(r"(?<=[.!?…”’\"'])\s*(?:\((?P<bracketed>[^()\n]{1,80})\)|(?:--?|[—–―])\s*(?P<dashed>[^\n]{1,40}))\s*$")
_DASHES = "-—–―"  # the dashes _TAIL takes before a credit
_CONNECTORS = {"of", "de", "la", "el", "al", "du", "upon", "on", "and"}
_CREDIT = re.compile(r"\(?(?:(?:Additional |Further )?[Rr]eporting(?: and writing)? by|Writing by|Edit(?:ed|ing) by|Compiled by|"
                     r"(?:Photo|Photograph|Image|Picture|Video|Graphic|Credit|Source)s?\s*(?:[:/]|by\b)|Copyright\b|©)")


@dataclass(frozen=True)
class Dateline:
    start: int
    end: int  # where the text after the dash starts
    printed: str  # the dateline as printed, without the dash
    place: str | None
    agency: str | None
    reading: dates.Reading | None


def _name_like(words: list[str], caps: bool) -> bool:
    """Words of a place or an agency: capitalised (all in capitals when ``caps``), few, no digits."""
    if not 1 <= len(words) <= 5 or words[0] in _CONNECTORS:
        return False
    for w in words:
        if w in _CONNECTORS:
            continue
        if not w[0].isupper() or any(c.isdigit() for c in w) or (caps and w != w.upper()):
            return False
    return True


def _agency(text: str | None) -> bool:
    return text is not None and _name_like(text.split(), caps=False)


def find(text: str, start: int, end: int | None = None) -> Dateline | None:
    """The dateline at ``start`` (a paragraph's or sentence's first character), or None."""
    found = _SHELL.match(text, start, end if end is not None else len(text))
    if not found:
        return None
    head, agency, country = found["head"].strip(), found["agency"], found["country"]
    if agency is not None and not _agency(agency.strip()) or country is not None and not _agency(country.strip()):
        return None
    segments = [s.strip() for s in head.split(",")] if head else []
    if not segments and agency is None:
        return None
    reading, places = None, segments
    for i in range(0 if agency is not None else 1, len(segments)):  # "Dec 29 (Reuters) -" has no place
        reading = dates.read(", ".join(segments[i:]))
        if reading is not None:
            places = segments[:i]
            break
    caps = agency is None  # without an agency only a place in capitals ("WASHINGTON —") marks a dateline
    if caps and (not places or sum(c.isalpha() for c in places[0]) < 4):
        return None  # "UN — …", "US – …" open sentences; a place name has four letters or more
    if len(places) > 3 or not all(_name_like(p.replace("/", " ").split(), caps and n == 0) for n, p in enumerate(places)):
        return None
    printed = text[start:found.end()].rstrip().rstrip("-—–―").rstrip()
    place = ", ".join(places) + (f" ({country.strip()})" if country else "")
    return Dateline(start, found.end(), printed, place or None, agency.strip() if agency else None, reading)


def tail_start(text: str, start: int, end: int) -> int:
    """Where an agency or reporting credit that ends the paragraph [start, end) begins, or ``end``."""
    tail = text[start:end].rstrip()
    if not tail.endswith(")"):  # then only a dash and at most 40 characters after it can end the paragraph
        dash = max(tail.rfind(c) for c in _DASHES)
        if dash < 0 or len(tail[dash + 1:].lstrip()) > 40:
            return end  # most paragraphs: the pattern cannot match, so it is not run
    found = _TAIL.search(text, start, end)
    if not found:
        return end
    credit = found["bracketed"] or found["dashed"] or ""
    if not (_agency(credit.strip()) or _CREDIT.match(credit)):
        return end
    return found.start()


def is_credit_line(para: str) -> bool:
    """A paragraph that is a credit only: "(AFP)", "— AFP", "(Reporting by …; Editing by …)", "Photo: AFP",
    "By Jane Doe in Seoul", "© 2024 AFP"."""
    words = para.split()
    if _CREDIT.match(para):
        return len(words) <= 12 or para.lstrip("(").startswith(("Reporting", "Additional", "Writing", "Edit", "Compiled"))
    if para[:1] in "(-—–―" and _agency(para.strip("()-—–― ")):
        return True
    if words[0] != "By" or len(words) > 12 or para[-1:] in ".!?":
        return False  # most paragraphs: the names are not read at all
    names = [w.strip(",") for w in words[1:] if w.strip(",") and w.strip(",") not in ("in", "at", "with")]
    return _name_like(names, caps=False)
