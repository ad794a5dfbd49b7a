"""Direct quotations: the stretches between quotation marks, straight (") or curly (“ ” or ‘ ’).

News style leaves the closing mark off a paragraph whose quote goes on in the next paragraph, which
opens again with a mark; such a quote is one run over both paragraphs. A straight mark opens when the
paragraph has no open quote and closes otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OPEN, CLOSE, STRAIGHT = "“", "”", '"'
OPEN_SINGLE, CLOSE_SINGLE = "‘", "’"
MARKS = OPEN + CLOSE + STRAIGHT + OPEN_SINGLE + CLOSE_SINGLE


@dataclass
class Quote:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote runs on into the next paragraph
    paragraph: int
    run: int  # quotes of one run (a quote over several paragraphs) share this number

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close if self.close is not None else -1


def find(text: str, paragraphs: list[dict[str, Any]]) -> list[Quote]:
    quotes: list[Quote] = []
    run = 0
    carried = False
    for para in paragraphs:
        p0, p1 = para["char_start"], para["char_end"]
        start: int | None = None
        continues = carried and text[p0] in OPEN + STRAIGHT + OPEN_SINGLE
        carried = False
        single = False  # British style: ‘…’ as the outer marks; ’ closes only before a non-letter (not "Korea’s")
        for i in range(p0, p1):
            ch = text[i]
            if start is None and (ch == OPEN or ch == STRAIGHT or (ch == OPEN_SINGLE and _word_start(text, i))):
                start, single = i, ch == OPEN_SINGLE
                if not (continues and i == p0):
                    run += 1
            elif start is not None and not single and (ch == CLOSE or ch == STRAIGHT):
                quotes.append(Quote(start, i, para["index"], run))
                start = None
            elif start is not None and single and ch == CLOSE_SINGLE and not (i + 1 < p1 and text[i + 1].isalnum()):
                quotes.append(Quote(start, i, para["index"], run))
                start = None
        if start is not None:
            end_close = None
            quotes.append(Quote(start, end_close, para["index"], run))
            carried = True
    return [_closed(q, paragraphs) for q in quotes]


def _word_start(text: str, i: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum()) and i + 1 < len(text) and not text[i + 1].isspace()


def _closed(q: Quote, paragraphs: list[dict[str, Any]]) -> Quote:
    """An open quote ends (without a mark) where its paragraph ends."""
    if q.close is None:
        para = next(p for p in paragraphs if p["index"] == q.paragraph)
        return Quote(q.open, para["char_end"], q.paragraph, q.run)
    return q


def covering(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The quote whose marks enclose [start, end), if any."""
    for q in quotes:
        if q.open <= start and end <= (q.close or 0) + 1:
            return q
    return None


def overlapping(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    return [q for q in quotes if q.open < end and start <= (q.close or 0)]


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop quotation marks, trailing commas and whitespace from both edges of [start, end)."""
    changed = True
    while changed and end > start:
        changed = False
        if text[start] in MARKS or text[start].isspace():
            start, changed = start + 1, True
        if end > start and (text[end - 1] in MARKS + ",;:" or text[end - 1].isspace()):
            end, changed = end - 1, True
    return start, end
