"""Check-worthiness of the automatic claims, predicted by the learned model in ``models/checkworthiness/``
(see ``models/MODEL_CARD.md``). The model is read once per process, when the first claim needs it; a
claim's provenance names the model (``annotation.annotators`` holds ``model:checkworthiness sha256:…``)."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import DatasetError, Problem
from ..learn import features, linear

FOLDER = Path(__file__).resolve().parent / "models" / "checkworthiness"
FILES = ("model.json", "weights.npy", "columns.npy")


@cache
def model() -> linear.Linear:
    missing = [name for name in FILES if not (FOLDER / name).is_file()]
    if missing:
        raise DatasetError([Problem(str(FOLDER / missing[0]), None, None, "no_model", "the check-worthiness model is missing",
                                    hint="reinstall the package, or train it: python -m dprk_claims.train --only checkworthiness")])
    return linear.load(FOLDER)


@cache
def model_id() -> str:
    """``model:checkworthiness sha256:<16 hex>``, over the model's files in a fixed order."""
    digest = hashlib.sha256()
    for name in FILES:
        digest.update((FOLDER / name).read_bytes()) if (FOLDER / name).is_file() else digest.update(b"-")
    return f"model:checkworthiness sha256:{digest.hexdigest()[:16]}"


def label(claims: list[dict[str, Any]], use: linear.Linear | None = None) -> None:
    """Set ``checkworthiness`` of every claim, with one call to the model for the article."""
    items = [(c["text"], features.claim_context(c)) for c in claims]
    for claim, predicted in zip(claims, (use or model()).predict(items), strict=True):
        claim["checkworthiness"] = predicted
