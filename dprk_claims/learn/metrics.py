"""Figures for a classifier: Cohen's kappa, one class's F1 and the support-weighted F1."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .matching import cohen_kappa


def class_f1(gold: Sequence[str], pred: Sequence[str], label: str) -> float | None:
    tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
    n = sum(g == label for g in gold) + sum(p == label for p in pred)
    return round(2 * tp / n, 4) if n else None


def figures(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = ("CFS", "UFS", "NFS")) -> dict[str, Any]:
    """kappa, CFS F1 and weighted F1 (the ClaimBuster paper's measures), plus n."""
    weighted = sum(sum(g == x for g in gold) * (class_f1(gold, pred, x) or 0.0) for x in labels) / len(gold) if gold else None
    return {"n": len(gold), "kappa": cohen_kappa(list(gold), list(pred)), "cfs_f1": class_f1(gold, pred, "CFS"),
            "weighted_f1": round(weighted, 4) if weighted is not None else None}
