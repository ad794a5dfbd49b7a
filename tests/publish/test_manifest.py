"""MANIFEST.json lists every file with its sha256 and row count, and the sha256 of every input; `verify`
passes on an untouched folder and names each file that was touched, added or removed."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import ROOT, cli_run

DATASET = ROOT / "dataset"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify(folder: Path) -> subprocess.CompletedProcess[str]:
    return cli_run(["--out", str(folder), "verify"], cwd=folder.parent)


def test_committed_manifest_agrees_with_the_files_and_inputs() -> None:
    manifest = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
    files = sorted(p.relative_to(DATASET).as_posix() for p in DATASET.rglob("*") if p.is_file())
    assert [f["path"] for f in manifest["files"]] == [f for f in files if f != "MANIFEST.json"]
    for entry in manifest["files"]:
        path = DATASET / entry["path"]
        assert entry["sha256"] == sha(path) and entry["bytes"] == path.stat().st_size, entry["path"]
        if path.suffix == ".parquet":
            assert entry["rows"] == pq.read_metadata(path).num_rows
        elif path.suffix == ".jsonl":
            assert entry["rows"] == len([line for line in path.read_text(encoding="utf-8").split("\n") if line])
        else:
            assert entry["rows"] is None
    inputs = manifest["inputs"]
    assert inputs["seeds"] == {p.name: sha(p) for p in sorted((ROOT / "seeds").glob("*.txt"))}
    assert inputs["kb"] == {"entities.json": sha(ROOT / "kb" / "entities.json")}
    assert inputs["schema"] == {p.name: sha(p) for p in sorted((ROOT / "schema").glob("*.json"))}
    annotations = ROOT / "annotations"
    assert inputs["annotations"] == {p.relative_to(annotations).as_posix(): sha(p)
                                     for p in sorted(annotations.rglob("*")) if p.is_file()}
    schema_versions = {p.name.split(".")[0]: json.loads(p.read_text(encoding="utf-8"))["x-schema-version"]
                       for p in (ROOT / "schema").glob("*.json")}
    assert manifest["schema_versions"] == schema_versions


def test_verify_passes_on_the_committed_dataset(tmp_path: Path) -> None:
    copy = tmp_path / "dataset"
    shutil.copytree(DATASET, copy)
    result = verify(copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("verify ok: ")


@pytest.mark.parametrize("touch", ["parquet", "card", "croissant", "extra", "missing", "manifest_only"])
def test_verify_names_each_touched_file(tmp_path: Path, touch: str) -> None:
    copy = tmp_path / "dataset"
    shutil.copytree(DATASET, copy)
    parquet = copy / "data" / "claims" / "train-00000-of-00001.parquet"
    expected = []
    if touch == "parquet":
        data = bytearray(parquet.read_bytes())
        data[100] ^= 1
        parquet.write_bytes(bytes(data))
        listed = json.loads((copy / "MANIFEST.json").read_text(encoding="utf-8"))["files"]
        entry = next(f for f in listed if f["path"] == "data/claims/train-00000-of-00001.parquet")
        expected.append(f"error: dataset/data/claims/train-00000-of-00001.parquet: sha256 differs from MANIFEST.json "
                        f"({entry['sha256'][:12]}…) (value: {sha(parquet)[:12]}…). Fix: restore the release files")
    elif touch == "card":
        (copy / "README.md").write_text((copy / "README.md").read_text(encoding="utf-8") + " ", encoding="utf-8")
        expected.append("error: dataset/README.md: sha256 differs from MANIFEST.json")
    elif touch == "croissant":
        (copy / "croissant.json").write_text("{}", encoding="utf-8")
        expected.append("error: dataset/croissant.json: sha256 differs from MANIFEST.json")
    elif touch == "extra":
        (copy / "data" / "claims" / "train-00001-of-00001.parquet").write_bytes(b"x")
        expected.append("error: dataset/data/claims/train-00001-of-00001.parquet: not listed in MANIFEST.json. "
                        "Fix: remove it: a release holds only the files its manifest lists")
    elif touch == "missing":
        (copy / "jsonl" / "articles.jsonl").unlink()
        expected.append("error: dataset/jsonl/articles.jsonl: listed in MANIFEST.json but missing. Fix: restore the release files")
    else:
        (copy / "MANIFEST.json").unlink()
        expected.append("error: dataset/MANIFEST.json: there is no MANIFEST.json to verify against. "
                        "Fix: verify a folder written by `python build_dataset.py`")
    result = verify(copy)
    assert result.returncode == 1
    err = result.stderr.replace(str(tmp_path) + "/", "")
    assert err.startswith("verify failed: dataset does not match its MANIFEST.json:\n"), err
    for line in expected:
        assert line in err, err
    assert len(err.strip().split("\n")) == 1 + len(expected), err
