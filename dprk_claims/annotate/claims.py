"""Claim spans: each sentence is cut into the content of its attribution frames and the author's own
statements, then split into one claim per proposition.

- A frame's content follows its cue ("Smith said [that] …", "According to X, …") or precedes it
  ("“…,” Smith said", "…, according to X"); the source and the cue are not part of the span.
- What is left of the sentence is the author's voice ("North Korea has slammed …" before "and accused").
- A sentence inside a quotation with no cue of its own ("“…,” Smith said. “If …”", also in the next
  paragraph) takes the source and cue of its quotation, or of the quotation before it.
- Splits: "…, that …, and that …" after a cue, ";", ", and"/", but" between two clauses, and a leading
  "While/As/Although …," clause. Quotation marks and a final comma are trimmed from direct quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dprk_claims.parse import datelines

from .attribution import Frame
from .quotes import Quote, covering, overlapping, strip_marks

SOURCE_DETAIL = re.compile(r"(carried|published|issued|released|posted|broadcast|aired|reported|quoted) by\b")
SUBORDINATORS = {"while", "as", "although", "though", "whereas"}
TRIM_END = {"for", "what", "that", "which", "who", "and", "but", "or", "of", "to", "a", "an", "the", "with", "by", "in", "on"}
TRIM_START = {"and", "but", "or", "that"}


@dataclass
class Draft:
    start: int
    end: int
    chain: list[dict[str, Any]]
    quote_type: str
    cue: str | None  # the cue as written, lower case


def text_of(doc: Any) -> str:
    """The article text; ``Doc.text`` rebuilds the string from the tokens on every call."""
    return doc.user_data["text"] if "text" in doc.user_data else str(doc.text)


def _char(doc: Any, tok: int, end: bool = False) -> int:
    if end:
        return int(doc[tok - 1].idx + len(doc[tok - 1].text))
    return int(doc[tok].idx) if tok < len(doc) else len(text_of(doc))


def content_bounds(text: str, para: dict[str, Any], start: int, end: int) -> tuple[int, int]:
    """The sentence [start, end) of a paragraph without the paragraph's wire dateline ("SEOUL, Dec 10 (AFP) - ")
    or the agency credit that ends it ("(AFP)", "— AFP"): neither is part of any claim."""
    p0, p1 = para["char_start"], para["char_end"]
    found = datelines.find(text, p0, p1)
    start = max(start, found.end) if found is not None else start
    return start, max(start, min(end, datelines.tail_start(text, p0, p1)))


def regions(doc: Any, lo: int, hi: int, frames: list[Frame]) -> list[tuple[int, int, Frame | None]]:
    """(char start, char end, frame or None for the author) of the parts of the sentence [lo, hi)."""
    out: list[tuple[int, int, Frame | None]] = []
    pos = _char(doc, lo)
    end = _char(doc, hi, end=True)
    for k, f in enumerate(frames):
        ext_s, ext_e = _char(doc, f.extent[0]), _char(doc, f.extent[1], end=True)
        if ext_s < pos:
            continue
        if f.trailing:
            out.append((pos, ext_s, f))
            pos = ext_e
            continue
        if ext_s > pos:
            out.append((pos, ext_s, None))
        if f.report is not None:
            out.append((_char(doc, f.report[0]), _char(doc, f.report[1], end=True), None))
        nxt = next((g for g in frames[k + 1:] if _char(doc, g.extent[0]) >= ext_e), None)
        if nxt is not None and not nxt.trailing and text_of(doc)[ext_e:_char(doc, nxt.extent[0])].strip(" ,:") in ("", "that"):
            nxt.chain = f.chain + nxt.chain  # nested: "According to X, the letter stated that …"
            pos = ext_e
            continue
        c_end = _char(doc, nxt.extent[0]) if nxt is not None else end
        if nxt is not None and nxt.trailing:  # "X describes … as “…”, Smith said": Smith reports X's words
            f.chain = nxt.chain + f.chain
        out.append((ext_e, c_end, f))
        pos = c_end
    if pos < end:
        out.append((pos, end, None))
    return out


def _trim(text: str, a: int, b: int, author: bool) -> tuple[int, int]:
    while True:
        old = (a, b)
        while a < b and (text[a].isspace() or text[a] in ",:;–—"):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",:;–—"):
            b -= 1
        words = text[a:b].split()
        if words and words[0].lower() in TRIM_START:
            a += len(words[0])
        if words and (words[-1].lower() in TRIM_END if author else words[-1].lower() in ("and", "but", "or")):
            b -= len(words[-1])
        if (a, b) == old:
            return a, b


def _split_points(doc: Any, a: int, b: int) -> list[tuple[int, int]]:
    """(cut start, cut end) character ranges that separate two propositions inside [a, b)."""
    span = doc.char_span(a, b, alignment_mode="contract")
    if span is None:
        return []
    toks = list(span)
    cuts = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1].lower_ if i + 1 < len(toks) else ""
        if tok.text == ";":
            cuts.append((tok.idx, tok.idx + 1))
        elif tok.text == "," and nxt == "that":
            cuts.append((tok.idx, toks[i + 1].idx + 4))
        elif tok.lower_ == "and" and nxt == "that" and i > 2:
            cuts.append((tok.idx, toks[i + 1].idx + 4))
        elif tok.text == "," and nxt in ("and", "but") and i >= 4 and len(toks) - i >= 6:
            cuts.append((tok.idx, toks[i + 1].idx + len(toks[i + 1].text)))
    if toks and toks[0].lower_ in SUBORDINATORS:
        comma = next((t for t in toks[2:] if t.text == ","), None)
        if comma is not None and len(toks) - comma.i + toks[0].i > 4:
            cuts.insert(0, (toks[0].idx, toks[0].idx + len(toks[0].text)))
            cuts.insert(1, (comma.idx, comma.idx + 1))
    return sorted(set(cuts))


def pieces(doc: Any, a: int, b: int, author: bool) -> list[tuple[int, int]]:
    text = text_of(doc)
    a, b = _trim(text, a, b, author)
    out, pos = [], a
    for c0, c1 in _split_points(doc, a, b):
        if c0 >= pos:
            out.append((pos, c0))
            pos = max(pos, c1)
    out.append((pos, b))
    trimmed = [_trim(text, x, y, author) for x, y in out]
    return [(x, y) for x, y in trimmed if len(text[x:y].split()) >= 3 and not text[x:y].rstrip("”\"’").endswith("?")]


def _quoted(text: str, a: int, b: int, quotes: list[Quote]) -> tuple[int, int, str]:
    """(start, end, quote type) of an attributed piece: direct pieces lose their marks."""
    inner_a, inner_b = strip_marks(text, a, b)
    if covering(quotes, a, b) is not None or covering(quotes, inner_a, inner_b) is not None:
        return inner_a, inner_b, "direct"
    if overlapping(quotes, a, b):
        while b > a and text[b - 1] in ",;:":
            b -= 1
        return a, b, "mixed"
    return a, b, "indirect"


def drafts_for_sentence(doc: Any, lo: int, hi: int, frames: list[Frame], quotes: list[Quote]) -> tuple[list[Draft], bool]:
    """The claims of one sentence, and whether it is a quotation with no cue of its own."""
    text = text_of(doc)
    s0, s1 = _char(doc, lo), _char(doc, hi, end=True)
    if not frames:
        a, b = strip_marks(text, s0, s1)
        if quotes and b > a and covering(quotes, a, b) is not None:
            return [Draft(x, y, [], "direct", None) for x, y in pieces(doc, a, b, False)], True
    out: list[Draft] = []
    for a, b, frame in regions(doc, lo, hi, frames):
        for x, y in pieces(doc, a, b, frame is None):
            if frame is None and SOURCE_DETAIL.match(text, x):
                continue  # "…, Choe said in a statement carried by KCNA": about the source, not a claim
            if frame is None:
                out.append(Draft(x, y, [], "none", None))
            else:
                x, y, qt = _quoted(text, x, y, quotes)
                if y - x > 0:
                    out.append(Draft(x, y, list(frame.chain), qt, frame.link["cue"].lower()))
    return out, False
