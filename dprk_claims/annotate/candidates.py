"""Which sentences may hold claims. The sentences themselves come from :func:`dprk_claims.parse.sentences.split`,
the one splitter, run on the annotator's Doc."""

from __future__ import annotations

from typing import Any

from dprk_claims.parse.layout import paragraph_at

CLAIM_ROLES = ("headline", "standfirst", "caption", "body")


def claim_sentences(spans: list[tuple[int, int]], paragraphs: list[dict[str, Any]]) -> list[tuple[int, tuple[int, int]]]:
    """(paragraph index, span) of the sentences that may hold claims (headline, standfirst, caption, body)."""
    out = []
    for span in spans:
        at = paragraph_at(paragraphs, span[0])
        if at is not None and paragraphs[at]["role"] in CLAIM_ROLES:
            out.append((paragraphs[at]["index"], span))
    return out
