"""Sentence boundaries inside paragraphs, with spaCy's rule-based sentencizer (no model, no download).

Curated boundaries in an annotation file take precedence; this segmenter serves articles nobody has
annotated yet. spaCy is imported only when it is needed.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import Any

from dprk_claims.parse.layout import RANK, paragraph_finder

_OPENERS = "“‘\"'("


@cache
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def split(text: str, paragraphs: list[dict[str, Any]], doc: Any = None) -> list[tuple[int, int]]:
    """(char_start, char_end) of every sentence of every paragraph, in order, trimmed, without overlaps:
    the one splitter of curated articles without stored boundaries and of automatic ones (which pass the
    Doc they already have). A paragraph break always ends a sentence. The sentencizer ends a sentence after
    its final punctuation, which leaves an opening quotation mark of the next sentence at the end of the
    previous one; such marks are moved to the sentence they open (as the guidelines ask)."""
    starts = sorted({s.start_char for s in (doc if doc is not None else _nlp()(text)).sents})
    spans: list[tuple[int, int]] = []
    for para in paragraphs:
        p0, p1 = para["char_start"], para["char_end"]
        cuts = [p0] + [s for s in starts if p0 < s < p1] + [p1]
        pieces = [[a, b] for a, b in zip(cuts, cuts[1:], strict=False)]
        for prev, nxt in zip(pieces, pieces[1:], strict=False):
            while prev[1] - 1 > prev[0] and text[prev[1] - 1] in _OPENERS and text[prev[1] - 2].isspace():
                prev[1] -= 1
                nxt[0] = prev[1]
        for piece in pieces:
            while piece[1] > piece[0] and text[piece[1] - 1].isspace():
                piece[1] -= 1
            while piece[0] < piece[1] and text[piece[0]].isspace():
                piece[0] += 1
        spans.extend((a, b) for a, b in pieces if b > a)
    return spans


def rows(article: dict[str, Any], claims: list[dict[str, Any]], spans: list[tuple[int, int]], source: str) -> list[dict[str, Any]]:
    """The ``sentences`` rows of one article: each sentence with its label and the claims starting in it."""
    text, paras = article["text"], article["paragraphs"]
    out = []
    starts = [c["char_start"] for c in claims]
    ordered = all(a <= b for a, b in zip(starts, starts[1:], strict=False))  # as _place_claims sorts them
    find = paragraph_finder(paras)
    for index, (start, end) in enumerate(spans):
        found = find(start)
        para = None if found is None else paras[found]
        if ordered:
            inside = claims[bisect_left(starts, start):bisect_left(starts, end)]
        else:
            inside = [c for c in claims if start <= c["char_start"] < end]
        label = max((c["checkworthiness"] for c in inside), key=RANK.__getitem__) if inside else "NFS"
        out.append({
            "sentence_id": f"{article['article_id']}:s{index:03d}", "article_id": article["article_id"], "index": index,
            "paragraph_index": para["index"] if para else -1, "paragraph_role": para["role"] if para else "body",
            "char_start": start, "char_end": end, "text": text[start:end], "checkworthiness": label,
            "claim_ids": [c["claim_id"] for c in inside], "boundary_source": source,
        })
    return out
