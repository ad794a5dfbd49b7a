"""Stage 2: parse an article's layout: paragraphs, their roles, headline, standfirst, timestamps.

Roles come from layout rules that hold for news pages in general (an unpunctuated line above the
body is a headline, a PUBLISHED line is a timestamp, an unpunctuated line inside the body promotes
another article). Each role records that it was ``inferred``; curated roles in ``annotations/``
replace them later and are marked ``curated``.
"""

from __future__ import annotations

import re
from datetime import datetime

from .records import Dated, Paragraph

# Paragraph roles that never hold claims (docs/annotation-guidelines.md, section 2).
EXCLUDED_ROLES = ("section", "timestamp", "related_link", "credit")
# ClaimBuster labels in order of weight: a sentence takes the highest label of its claims.
RANK = {"CFS": 3, "UFS": 2, "NFS": 1}

_TIMESTAMP = re.compile(r"^(?P<kind>PUBLISHED|UPDATED|Published|Updated|Posted|Last updated)\s*:?\s*(?P<when>.+)$")
_CREDIT = re.compile(r"^(Photo|Image|Picture|Credit|Reporting by|Additional reporting|Editing by)\b")
_CAPTION_CUES = (" is seen", " are seen", " pictured", " poses ", " attends ", " gestures ", "Photo:", "File photo")
_END_PUNCT = ".!?…:;"
_CLOSERS = "\"'”’)]"
_STAMP_FORMATS = ("%A, %d %B, %Y, %I:%M%p", "%A, %d %B %Y, %I:%M%p", "%d %B %Y, %I:%M%p", "%B %d, %Y, %I:%M%p",
                  "%A, %d %B, %Y", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%b. %d, %Y", "%Y-%m-%d",
                  "%B %d, %Y %I:%M %p", "%b %d, %Y %I:%M %p", "%d %b %Y %H:%M", "%d %B %Y %H:%M", "%Y-%m-%d %H:%M")


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


def _punctuated(para: str) -> bool:
    return para.rstrip(_CLOSERS)[-1:] in tuple(_END_PUNCT)


def infer_roles(paras: list[str]) -> list[str]:
    """A role for every paragraph, from its form and position alone."""
    roles = ["body"] * len(paras)
    body_started = False
    heads: list[int] = []
    for i, para in enumerate(paras):
        if _TIMESTAMP.match(para):
            roles[i] = "timestamp"
        elif _CREDIT.match(para):
            roles[i] = "credit"
        elif _punctuated(para):
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


def parse_stamp(when: str) -> tuple[str, str] | None:
    """(ISO value, precision) for a printed timestamp, or None when no known layout matches.

    A time printed without a time zone cannot be written with an offset, so only its day is kept
    (precision ``day``); a curated value with the offset and its evidence can replace it.
    """
    cleaned = re.sub(r"\s+", " ", when.strip().replace("am", "AM").replace("pm", "PM"))
    for fmt in _STAMP_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return parsed.date().isoformat(), "day"
    return None


def timestamps(text: str, paras: list[Paragraph]) -> dict[str, Dated]:
    """published/updated as printed on the page, with the line as evidence."""
    found: dict[str, Dated] = {}
    for para in paras:
        if para["role"] != "timestamp":
            continue
        line = text[para["char_start"]:para["char_end"]]
        match = _TIMESTAMP.match(line)
        if not match:
            continue
        key = "updated" if match["kind"].lower().endswith("updated") else "published"
        parsed = parse_stamp(match["when"])
        if parsed and key not in found:
            note = " (the time is printed without a time zone, so only the day is kept)" if ":" in match["when"] else ""
            found[key] = Dated(value=parsed[0], precision=parsed[1], source="stated",
                               evidence=f"paragraph {para['index']}: {line!r}{note}")
    return found


def first_of(text: str, paras: list[Paragraph], role: str) -> str | None:
    for para in paras:
        if para["role"] == role:
            return text[para["char_start"]:para["char_end"]]
    return None
