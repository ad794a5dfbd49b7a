"""``docs``: the generated blocks of hand-written documents (DATASHEET.md, README.md), refreshed from a
build: the field tables from the schemas, the counts and label tables from the built rows, the version,
the agreement figures stored with the passes and the learned models' figures.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

from dprk_claims.build.pipeline import build, tables_of
from dprk_claims.build.tasks import Inputs
from dprk_claims.core import versions
from dprk_claims.publish import card


def refresh(paths: list[Path], tables: dict[str, list[dict[str, Any]]], stamp: versions.Stamp | None,
            passes: Path) -> list[Path]:
    """Rewrite the generated blocks of hand-written documents from built rows; returns the files that changed."""
    from dprk_claims.curate.agreement import markdown
    from dprk_claims.curate.model_figures import docs_blocks

    blocks = card.generated_blocks(tables, stamp) | docs_blocks()
    stored = passes / "agreement.json"
    if stored.is_file():
        blocks["agreement"] = markdown(json.loads(stored.read_text(encoding="utf-8")))
    changed = []
    for path in paths:
        old = path.read_text(encoding="utf-8")
        new = card.refresh(old, blocks)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def refresh_docs(inputs: Inputs, paths: list[Path]) -> list[Path]:
    """``docs``: build into a temporary folder (without the cache), then refresh the documents from it."""
    with tempfile.TemporaryDirectory(prefix="dprk-claims-docs-") as tmp:
        fresh = Path(tmp) / "dataset"
        report = build(dataclasses.replace(inputs, cache=None), fresh)
        return refresh(paths, tables_of(fresh), report.stamp, inputs.passes)
