"""Train the automatic annotator's models from the external corpora, deterministically.

Run ``python build_dataset.py train --data ../shared/data`` (every model; ``--only NAME`` for one,
``--sample N`` for a quick run on the first N training items, ``--out DIR`` to write elsewhere than the
package's models folder). Each trainer writes its artifacts into ``<out>/<NAME>/`` and returns what it
measured; this module then records, in ``<out>/manifest.json``, the sha256 of every artifact and of every
training data file, the parameters and the figures, and rewrites the generated blocks of
``<out>/MODEL_CARD.md`` from the manifest (a test checks the three agree).

A trainer is ``(data_dir, out_dir, sample) -> dict`` and returns ``{"figures": {...}, "data": {name:
path}, "params": {...}}``; ``data`` names every file it read (relative names as the card should show
them), with its path, or with a digest already made (a corpus split of many files). Register it in :data:`TRAINERS`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import DatasetError, Problem

MODELS = Path(__file__).resolve().parents[1] / "annotate" / "models"
MANIFEST = "manifest.json"
CARD = "MODEL_CARD.md"

Trainer = Callable[[Path, Path, "int | None"], dict[str, Any]]


def _attribution(data_dir: Path, out_dir: Path, sample: int | None) -> dict[str, Any]:
    from dprk_claims.learn.attribution_fit import train

    return train(data_dir, out_dir, sample)


def _checkworthiness(data_dir: Path, out_dir: Path, sample: int | None) -> dict[str, Any]:
    from dprk_claims.learn.checkworthiness import train

    return train(data_dir, out_dir, sample)


TRAINERS: dict[str, Trainer] = {
    "attribution": _attribution,
    "checkworthiness": _checkworthiness,
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(out: Path) -> dict[str, Any]:
    path = out / MANIFEST
    if not path.is_file():
        return {"models": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def artifact_files(out: Path, name: str) -> dict[str, str]:
    """sha256 of every file of one model, by its path relative to the models folder."""
    folder = out / name
    return {p.relative_to(out).as_posix(): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def _clear(out: Path, entry: dict[str, Any] | None) -> None:
    """Remove the files the last training of this model wrote (and only those)."""
    for rel in (entry or {}).get("files", {}):
        (out / rel).unlink(missing_ok=True)


def run_one(name: str, data_dir: Path, out: Path, sample: int | None, manifest: dict[str, Any]) -> dict[str, Any]:
    _clear(out, manifest["models"].get(name))
    (out / name).mkdir(parents=True, exist_ok=True)
    result = TRAINERS[name](data_dir, out / name, sample)
    return {
        "files": artifact_files(out, name),
        "data": {label: path if isinstance(path, str) else sha256(Path(path)) for label, path in sorted(result["data"].items())},
        "params": result.get("params", {}),
        "figures": result["figures"],
        "sample": sample,
    }


def card_blocks(manifest: dict[str, Any]) -> dict[str, str]:
    """One generated block per model, ``model:<NAME>``: its figures, data and artifact hashes."""
    blocks = {}
    for name, entry in sorted(manifest["models"].items()):
        lines = ["| figure | value |", "|---|---|"]
        lines += [f"| {key} | {value} |" for key, value in _flat(entry["figures"])]
        lines += ["", "| training data | sha256 |", "|---|---|"]
        lines += [f"| `{k}` | `{v}` |" for k, v in entry["data"].items()]
        lines += ["", "| artifact | sha256 |", "|---|---|"]
        lines += [f"| `{k}` | `{v}` |" for k, v in entry["files"].items()]
        if entry.get("sample") is not None:
            lines += ["", f"Trained on a sample of {entry['sample']} items (--sample): not the published model."]
        blocks[f"model:{name}"] = "\n".join(lines)
    return blocks


def _flat(figures: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in sorted(figures.items()):
        if isinstance(value, dict):
            out += _flat(value, f"{prefix}{key} / ")
        else:
            out.append((f"{prefix}{key}", value))
    return out


def write_card(out: Path, manifest: dict[str, Any]) -> None:
    from dprk_claims.publish.card import refresh

    path = out / CARD
    if path.is_file():
        blocks = card_blocks(manifest)
        path.write_text(refresh(path.read_text(encoding="utf-8"), blocks), encoding="utf-8")


def train(data_dir: Path, out: Path, only: Sequence[str] | None = None, sample: int | None = None) -> dict[str, Any]:
    """Train the named models (default: all) into ``out`` and update its manifest and card."""
    if not data_dir.is_dir():
        raise DatasetError([Problem(str(data_dir), None, None, "no_data", "training data folder not found",
                                    hint="pass --data with the folder holding claimbuster/ and polnear/ (e.g. ../shared/data)")])
    names = list(only) if only else sorted(TRAINERS)
    out.mkdir(parents=True, exist_ok=True)
    manifest = read_manifest(out)
    for name in names:
        manifest["models"][name] = run_one(name, data_dir, out, sample, manifest)
    manifest["models"] = dict(sorted(manifest["models"].items()))
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    write_card(out, manifest)
    return manifest

