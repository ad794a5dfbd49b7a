"""``MANIFEST.json``: the sha256, size and row count of every file of a dataset folder, its version, its
schema versions and the sha256 of every input it was built from; and ``verify``, which checks a folder
against its manifest and names each file that differs.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import Problem, VerifyFailed, show
from dprk_claims.core.schemas import CONFIGS, SCHEMA_DIR, schema_version
from dprk_claims.core.versions import Stamp

MANIFEST = "MANIFEST.json"
NAME = "dprk-unsc-claims"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path, pattern: str) -> list[tuple[tuple[str, ...], str]]:
    """The files under root as (path parts, path), in Path order, leaving out hidden files and __pycache__.
    pattern "**/*": every file, recursively (a linked folder is not entered); any other: the names at the
    top matching it. The path is str(root / name), as the build's tasks name the files."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        with os.scandir(folder) as entries:
            for e in entries:
                if e.name.startswith("."):
                    continue
                if e.is_dir(follow_symlinks=False):
                    if e.name != "__pycache__" and recursive:
                        walk(e.path, (*parts, e.name))
                elif e.is_file() and (recursive or fnmatch.fnmatchcase(e.name, pattern)):
                    found.append(((*parts, e.name), e.path))

    recursive = pattern.startswith("**/")
    base = str(root / "x")[:-1]
    walk(str(root), ())
    return sorted((parts, base + "/".join(parts)) for parts, _ in found)


def _hashes(root: Path, pattern: str = "**/*", known: dict[str, str] | None = None) -> dict[str, str]:
    """{relative posix path: sha256} of the files under root; known: digests already taken, by str(path)."""
    if root.is_file():
        return {root.name: sha256_file(root)}
    if not root.is_dir():
        return {}
    known = known or {}
    out = {}
    for parts, path in _files(root, pattern):
        out["/".join(parts)] = known.get(path) or known.get(os.path.abspath(path)) or sha256_file(Path(path))
    return out


def input_hashes(seeds: Path, annotations: Path, kb: Path, known: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    """The sha256 of every input file, by folder, with paths relative to it (the same wherever it lies).
    known: digests the build already took (by str(path)), so that those files are not read again."""
    return {"seeds": _hashes(seeds, "[0-9]*.txt", known), "annotations": _hashes(annotations, "**/*", known), "kb": _hashes(kb),
            "schema": _hashes(SCHEMA_DIR, "*.schema.json")}


def render(folder: Path, stamp: Stamp, rows: dict[str, int], inputs: dict[str, dict[str, str]],
           variant: dict[str, Any], known: dict[str, str] | None = None) -> str:
    """The manifest of every file now in folder (except itself). rows: {relative path: row count}."""
    import pyarrow

    from dprk_claims import __version__

    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            sha = (known or {}).get(rel) or sha256_file(path)
            files.append({"path": rel, "sha256": sha, "bytes": path.stat().st_size, "rows": rows.get(rel)})
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
    from dprk_claims.core import strictjson

    data = strictjson.read(path, VerifyFailed, "restore MANIFEST.json from the release, or rebuild the folder")
    if not (isinstance(data, dict) and isinstance(data.get("files"), list) and isinstance(data.get("version"), str)
            and all(isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str) for f in data["files"])):
        raise VerifyFailed([Problem(str(path), None, "files", "bad_manifest", "not a MANIFEST.json this tool writes", None,
                                    "restore MANIFEST.json from the release, or rebuild the folder")])
    for entry in data["files"]:
        if not _inside(entry["path"]):
            raise VerifyFailed([Problem(str(path), f"file {entry['path']!r}", "path", "path_escapes",
                                        "the path leaves the dataset folder", show(entry["path"]),
                                        "a manifest lists only relative paths inside its folder; restore it from the release")])
    return data


def _inside(rel: str) -> bool:
    """A relative path that stays inside its folder (no .., not absolute, no drive, no backslash)."""
    from pathlib import PurePosixPath

    parts = PurePosixPath(rel).parts
    return bool(parts) and not rel.startswith("/") and "\\" not in rel and ":" not in rel and ".." not in parts and "\0" not in rel


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
