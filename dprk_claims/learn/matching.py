"""How two annotations of the same article are compared: claim spans matched (exact, then by overlap),
speakers by key, sentences by their ClaimBuster label, and Cohen's kappa over label pairs. The
agreement figures, the annotator_labels config and the annotator's evaluation all use these.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from dprk_claims.parse.layout import EXCLUDED_ROLES, RANK, paragraph_at

Span = tuple[int, int]


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two label sequences; None when undefined (no items, or one label only)."""
    if len(a) != len(b) or not a:
        return None
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if expected == 1:
        return None
    return round((observed - expected) / (1 - expected), 4)


def jaccard(x: Span, y: Span) -> float:
    inter = min(x[1], y[1]) - max(x[0], y[0])
    if inter <= 0:
        return 0.0
    return inter / (max(x[1], y[1]) - min(x[0], y[0]))


def match(a: Sequence[Span], b: Sequence[Span]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(exact pairs, overlap pairs) of indexes; overlap pairs include the exact ones."""
    exact = [(i, b.index(s)) for i, s in enumerate(a) if s in b]
    used_a, used_b = {i for i, _ in exact}, {j for _, j in exact}
    candidates = sorted(((jaccard(x, y), -i, -j) for i, x in enumerate(a) for j, y in enumerate(b)
                         if i not in used_a and j not in used_b and jaccard(x, y) > 0), reverse=True)
    pairs = list(exact)
    for _, ni, nj in candidates:
        i, j = -ni, -nj
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return sorted(exact), sorted(pairs)


def f1(matches: int, n_a: int, n_b: int) -> float | None:
    return round(2 * matches / (n_a + n_b), 4) if n_a + n_b else None


def share(pairs: list[tuple[Any, Any]]) -> float | None:
    return round(sum(x == y for x, y in pairs) / len(pairs), 4) if pairs else None


def speaker_key(attribution: dict[str, Any]) -> str:
    """Who the source is: the kb_id when it is in the knowledge base, otherwise its kind."""
    kb_id = attribution.get("speaker_kb_id")
    if kb_id and not str(kb_id).startswith("NEW:"):
        return str(kb_id)
    return f"<{attribution['speaker_kind']}>"


def sentence_labels(claims: list[dict[str, Any]], sentences: list[Span]) -> list[str]:
    """ClaimBuster label per sentence: the highest label of the claims starting in it, NFS if none."""
    labels = []
    for s, e in sentences:
        inside = [c["checkworthiness"] for c in claims if s <= c["char_start"] < e]
        labels.append(max(inside, key=RANK.__getitem__) if inside else "NFS")
    return labels


def eligible_sentences(gold: dict[str, Any]) -> list[Span]:
    """The gold sentences in paragraphs that may hold claims (not section, timestamp, related_link, credit)."""
    excluded = {r["index"] for r in gold["metadata"]["paragraph_roles"] if r["role"] in EXCLUDED_ROLES}
    sentences = [(s["char_start"], s["char_end"]) for s in gold["sentences"]]
    return [span for span in sentences if paragraph_of(gold, span) not in excluded]


def paragraph_of(gold: dict[str, Any], span: Span) -> int:
    found = paragraph_at(gold["_paragraphs"], span[0])
    return -1 if found is None else found
