"""Sentences inside paragraphs, from spaCy's rule-based sentencizer run once over the whole article.

A paragraph break always ends a sentence. The sentencizer ends a sentence after its final punctuation,
which leaves the opening quotation mark of the next sentence at the end of the previous one; such a mark
is moved to the sentence it opens (as the guidelines ask).
"""

from __future__ import annotations

from typing import Any

OPENERS = "“‘\"'("
CLAIM_ROLES = ("headline", "standfirst", "caption", "body")


def split(doc: Any, paragraphs: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(char_start, char_end) of every sentence of every paragraph, in order, trimmed, without overlaps."""
    text = doc.user_data.get("text") or doc.text
    starts = sorted({s.start_char for s in doc.sents})
    spans: list[tuple[int, int]] = []
    for para in paragraphs:
        p0, p1 = para["char_start"], para["char_end"]
        cuts = [p0] + [s for s in starts if p0 < s < p1] + [p1]
        pieces = [[a, b] for a, b in zip(cuts, cuts[1:], strict=False)]
        for prev, nxt in zip(pieces, pieces[1:], strict=False):
            while prev[1] - 1 > prev[0] and text[prev[1] - 1] in OPENERS and text[prev[1] - 2].isspace():
                prev[1] -= 1
                nxt[0] = prev[1]
        for piece in pieces:
            while piece[1] > piece[0] and text[piece[1] - 1].isspace():
                piece[1] -= 1
            while piece[0] < piece[1] and text[piece[0]].isspace():
                piece[0] += 1
        spans.extend((a, b) for a, b in pieces if b > a)
    return spans


def claim_sentences(spans: list[tuple[int, int]], paragraphs: list[dict[str, Any]]) -> list[tuple[int, tuple[int, int]]]:
    """(paragraph index, span) of the sentences that may hold claims (headline, standfirst, caption, body)."""
    out = []
    for span in spans:
        para = next((p for p in paragraphs if p["char_start"] <= span[0] < p["char_end"]), None)
        if para is not None and para["role"] in CLAIM_ROLES:
            out.append((para["index"], span))
    return out
