"""Reading a built folder back through mlcroissant, as a user would: its records as the JSONL rows hold
them, and what ``mlcroissant validate`` reports (tests/publish/test_croissant.py, tests/build/test_shards.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def plain(value: Any) -> Any:
    """An mlcroissant value as JSON would hold it: bytes decoded, numpy scalars unwrapped, ids shortened."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[-1]: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value


def as_row(config: str, record: dict[str, Any]) -> dict[str, Any]:
    """mlcroissant puts a list nested in a struct (claims/attribution/chain) at the top level: nest it back."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        path = key.split("/")[1:]
        node = row
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = plain(value) if not isinstance(node.get(path[-1]), dict) else {**node[path[-1]], **plain(value)}
    return row


def jsonl_rows(folder: Path, config: str) -> list[dict[str, Any]]:
    text = (folder / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def records(folder: Path, config: str) -> list[dict[str, Any]]:
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    return [as_row(config, r) for r in dataset.records(config)]


def validate(path: Path) -> str:
    """What `mlcroissant validate --jsonld PATH` does, in this process: mlcroissant.Dataset raises
    ValidationError on an error (the command's exit 1); returns the report of the warnings it logs."""
    import mlcroissant as mlc

    return str(mlc.Dataset(jsonld=str(path)).metadata.ctx.issues.report())
