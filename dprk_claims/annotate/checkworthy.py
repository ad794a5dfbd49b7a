"""Check-worthiness of the automatic claims, predicted by the learned model in ``models/checkworthiness/``
(see ``models/MODEL_CARD.md``). The model is read once per process, when the first claim needs it; a
claim's provenance names the model (``annotation.annotators`` holds ``model:checkworthiness sha256:…``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..learn import features, linear
from . import packaged

FOLDER = Path(__file__).resolve().parent / "models" / "checkworthiness"
FILES = ("model.json", "weights.npy", "columns.npy")


@cache
def model() -> linear.Linear:
    packaged.require(FOLDER, FILES, "checkworthiness", "check-worthiness")
    return linear.load(FOLDER)


@cache
def model_id() -> str:
    """``model:checkworthiness sha256:<16 hex>``, over the model's files in a fixed order."""
    return packaged.model_id(FOLDER, FILES, "checkworthiness")


def label(claims: list[dict[str, Any]], use: linear.Linear | None = None) -> None:
    """Set ``checkworthiness`` of every claim, with one call to the model for the article."""
    items = [(c["text"], features.claim_context(c)) for c in claims]
    for claim, predicted in zip(claims, (use or model()).predict(items), strict=True):
        claim["checkworthiness"] = predicted
