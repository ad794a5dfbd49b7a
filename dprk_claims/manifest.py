"""``MANIFEST.json``: the sha256, size and row count of every file of a dataset folder, its version, its
schema versions and the sha256 of every input it was built from; and ``verify``, which checks a folder
against its manifest and names each file that differs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .errors import Problem, VerifyFailed
from .schemas import CONFIGS, SCHEMA_DIR, schema_version
from .versions import Stamp

MANIFEST = "MANIFEST.json"
NAME = "dprk-unsc-claims"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hashes(root: Path, pattern: str = "**/*") -> dict[str, str]:
    if root.is_file():
        return {root.name: sha256_file(root)}
    if not root.is_dir():
        return {}
    found = (p for p in sorted(root.glob(pattern)) if p.is_file())
    return {p.relative_to(root).as_posix(): sha256_file(p) for p in found
            if not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(root).parts)}


def input_hashes(seeds: Path, annotations: Path, kb: Path) -> dict[str, dict[str, str]]:
    """The sha256 of every input file, by folder, with paths relative to it (the same wherever it lies)."""
    return {"seeds": _hashes(seeds, "*.txt"), "annotations": _hashes(annotations), "kb": _hashes(kb),
            "schema": _hashes(SCHEMA_DIR, "*.schema.json")}


def render(folder: Path, stamp: Stamp, rows: dict[str, int], inputs: dict[str, dict[str, str]],
           variant: dict[str, Any]) -> str:
    """The manifest of every file now in folder (except itself). rows: {relative path: row count}."""
    import pyarrow

    from . import __version__

    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            files.append({"path": rel, "sha256": sha256_file(path), "bytes": path.stat().st_size, "rows": rows.get(rel)})
    doc = {
        "name": NAME,
        "version": stamp.version,
        "released": stamp.date,
        "variant": variant,
        "schema_versions": {c: schema_version(c) for c in CONFIGS},
        "built_with": {"dprk_claims": __version__, "pyarrow": pyarrow.__version__},
        "files": files,
        "inputs": inputs,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise VerifyFailed([Problem(str(path), None, None, "no_manifest", "there is no MANIFEST.json to verify against",
                                    None, "verify a folder written by `python build_dataset.py`")])
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def verify(folder: Path) -> dict[str, Any]:
    """Check every file of folder against its manifest; raise VerifyFailed naming each one that differs."""
    manifest = read(folder)
    listed = {f["path"]: f for f in manifest["files"]}
    hint = (f"restore the release files (`git checkout v{manifest['version']} -- <folder>`, or download revision "
            f"v{manifest['version']} again) or rebuild them with `python build_dataset.py`")
    problems = []
    for rel, entry in sorted(listed.items()):
        path = folder / rel
        if not path.is_file():
            problems.append(Problem(str(path), None, None, "missing_file", "listed in MANIFEST.json but missing", None, hint))
        elif (actual := sha256_file(path)) != entry["sha256"]:
            problems.append(Problem(str(path), None, None, "changed_file",
                                    f"sha256 differs from MANIFEST.json ({entry['sha256'][:12]}…)", actual[:12] + "…", hint))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST and rel not in listed:
            problems.append(Problem(str(path), None, None, "extra_file", "not listed in MANIFEST.json", None,
                                    "remove it: a release holds only the files its manifest lists"))
    if problems:
        raise VerifyFailed(problems)
    return manifest
