"""The learned models packaged in ``models/``: refusing a missing file with a fix, and naming a model in
the claims it shapes (``model:<name> sha256:<16 hex>`` over its files in a fixed order)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from dprk_claims.core.errors import DatasetError, Problem


def require(folder: Path, files: Sequence[str], name: str, what: str) -> None:
    """Raise ``no_model`` for the first of ``files`` missing from ``folder``."""
    missing = [f for f in files if not (folder / f).is_file()]
    if missing:
        raise DatasetError([Problem(str(folder / missing[0]), None, None, "no_model", f"the {what} model is missing",
                                    hint=f"reinstall the package, or train it: python build_dataset.py train --only {name}")])


def model_id(folder: Path, files: Sequence[str], name: str) -> str:
    """``model:<name> sha256:<16 hex>`` over the files (a missing one counts as "-")."""
    digest = hashlib.sha256()
    for f in files:
        digest.update((folder / f).read_bytes() if (folder / f).is_file() else b"-")
    return f"model:{name} sha256:{digest.hexdigest()[:16]}"
