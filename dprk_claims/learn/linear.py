"""A linear classifier stored as plain arrays: ``weights.npy`` (float32, one column per class, one row
per hashed feature column the training data touched), ``columns.npy`` (int32, which columns those are)
and ``model.json`` (classes, intercepts, feature settings). Loaded with ``allow_pickle=False``; no
vocabulary and no training text is stored, only weights of hashed columns."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import features


@dataclass(frozen=True)
class Linear:
    classes: tuple[str, ...]
    dense: Any  # (n_features, n_classes): float32 values, held as float64 (see __post_init__)
    intercept: Any  # (n_classes,) float32
    chars: bool
    n_features: int

    def scores(self, items: Sequence[tuple[str, Sequence[str]]]) -> Any:
        """Decision scores, one row per (text, context) item."""
        rows = [features.text_columns(t, c, self.chars, self.n_features) for t, c in items]  # = features.features, hashed
        return features.binary_rows(rows, self.n_features) @ self.dense + self.intercept

    def __post_init__(self) -> None:
        """The hashed features are float64; a float32 weight matrix would be copied to float64 by scipy on
        every product (millions of rows), so the float32 weights are widened once here (exactly)."""
        import numpy as np

        object.__setattr__(self, "dense", np.ascontiguousarray(self.dense, dtype=np.float64))

    def predict_features(self, rows: Sequence[list[str]]) -> list[str]:
        """Classes of rows of feature strings made by the caller."""
        if not rows:
            return []
        scores = features.hashed(rows, self.n_features) @ self.dense + self.intercept
        return [self.classes[int(i)] for i in scores.argmax(axis=1)]

    def predict_columns(self, rows: Sequence[Sequence[int]]) -> list[str]:
        """Classes of rows of hashed columns (what ``features.columns`` gives for rows of feature strings)."""
        if not rows:
            return []
        matrix = features.binary_rows(rows, self.n_features)
        return [self.classes[int(i)] for i in (matrix @ self.dense + self.intercept).argmax(axis=1)]

    def predict(self, items: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
        if not items:
            return []
        return [self.classes[int(i)] for i in self.scores(items).argmax(axis=1)]


def save(folder: Path, classes: Sequence[str], coef: Any, intercept: Any, chars: bool, n_features: int,
         extra: dict[str, Any]) -> None:
    """coef: (n_classes, n_features) as scikit-learn gives it."""
    import numpy as np

    coef = np.asarray(coef, dtype=np.float32)
    columns = np.flatnonzero(np.any(coef != 0, axis=0)).astype(np.int32)
    np.save(folder / "weights.npy", np.ascontiguousarray(coef[:, columns].T), allow_pickle=False)
    np.save(folder / "columns.npy", columns, allow_pickle=False)
    meta = {"classes": list(classes), "intercept": [float(np.float32(x)) for x in intercept], "chars": chars,
            "n_features": n_features, "format": "dprk_claims.learn.linear 1", **extra}
    (folder / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def from_sklearn(model: Any, n_features: int, chars: bool = False) -> Linear:
    """A fitted scikit-learn linear classifier (``coef_``, ``intercept_``, ``classes_``) as a Linear; with two
    classes scikit-learn keeps one row of weights, which is spread here to one column per class."""
    import numpy as np

    coef = np.asarray(model.coef_, dtype=np.float32)
    intercept = np.asarray(model.intercept_, dtype=np.float32)
    if coef.shape[0] == 1:
        coef = (np.vstack([-coef, coef]) / 2).astype(np.float32)
        intercept = np.asarray([-intercept[0] / 2, intercept[0] / 2], dtype=np.float32)
    dense = np.ascontiguousarray(coef.T)
    return Linear(tuple(str(c) for c in model.classes_), dense, intercept, chars, n_features)


def save_model(folder: Path, model: Linear, extra: dict[str, Any]) -> None:
    save(folder, model.classes, model.dense.T, model.intercept, model.chars, model.n_features, extra)


def load(folder: Path) -> Linear:
    import numpy as np

    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    weights = np.load(folder / "weights.npy", allow_pickle=False)
    columns = np.load(folder / "columns.npy", allow_pickle=False)
    dense = np.zeros((meta["n_features"], len(meta["classes"])), dtype=np.float32)
    dense[columns] = weights
    return Linear(tuple(meta["classes"]), dense, np.asarray(meta["intercept"], dtype=np.float32), bool(meta["chars"]),
                  int(meta["n_features"]))
