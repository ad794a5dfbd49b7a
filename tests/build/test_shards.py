"""A build cut into several Parquet shards (``--shard-articles``) loads exactly like the one-file build:
through ``datasets.load_dataset``, pandas and mlcroissant, with the card's data_files naming every shard;
rehydrating its text-free variant gives the same bytes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, cli_run
from croissant_rows import records, validate

from dprk_claims.core.schemas import CONFIGS

PER_ARTICLE = ("articles", "claims", "sentences")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return cli_run(["--seeds", str(ROOT / "seeds"), "--annotations", str(ROOT / "annotations"), "--kb", str(ROOT / "kb" / "entities.json"),
                    "--last-release", str(ROOT / "last-release"), "--no-cache", *args], cwd=cwd)


@pytest.fixture(scope="module")
def sharded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("sharded")
    result = run("--out", str(work / "dataset"), "--shard-articles", "1", cwd=work)
    assert result.returncode == 0, result.stderr
    return work / "dataset"


def jsonl(folder: Path, config: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8").split("\n") if line]


def test_one_parquet_file_per_shard_with_hub_names(sharded: Path) -> None:
    for config in PER_ARTICLE:
        names = sorted(p.name for p in (sharded / "data" / config).iterdir())
        assert names == [f"train-{i:05d}-of-00003.parquet" for i in range(3)], config
    for config in CONFIGS:
        if config not in PER_ARTICLE:
            assert [p.name for p in (sharded / "data" / config).iterdir()] == ["train-00000-of-00001.parquet"]
    manifest = json.loads((sharded / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["variant"]["shard_articles"] == 1
    rows = {f["path"]: f["rows"] for f in manifest["files"]}
    assert sum(rows[f"data/claims/train-{i:05d}-of-00003.parquet"] for i in range(3)) == len(jsonl(sharded, "claims"))


def test_card_data_files_name_every_shard(sharded: Path) -> None:
    header = yaml.safe_load((sharded / "README.md").read_text(encoding="utf-8").split("---\n")[1])
    paths = {c["config_name"]: c["data_files"][0]["path"] for c in header["configs"]}
    for config in PER_ARTICLE:
        assert paths[config] == [f"data/{config}/train-{i:05d}-of-00003.parquet" for i in range(3)]


@pytest.mark.parametrize("config", PER_ARTICLE)
def test_sharded_build_loads_with_datasets_and_pandas(sharded: Path, tmp_path: Path, config: str) -> None:
    import datasets
    import pandas as pd

    loaded = datasets.load_dataset(str(sharded), config, split="train", cache_dir=str(tmp_path / "cache"))
    one_file = datasets.load_dataset(str(ROOT / "dataset"), config, split="train", cache_dir=str(tmp_path / "cache1"))
    assert loaded.features == one_file.features
    assert loaded.to_list() == one_file.to_list()
    frame = pd.read_parquet(sharded / "data" / config, dtype_backend="pyarrow")
    assert len(frame) == len(jsonl(sharded, config))
    key = "article_id" if config == "articles" else ("claim_id" if config == "claims" else "index")
    assert list(frame[key]) == [r[key] for r in jsonl(sharded, config)]


def test_sharded_croissant_reads_through_file_sets(sharded: Path) -> None:
    report = validate(sharded / "croissant.json")
    assert "error" not in report.lower(), report
    doc = json.loads((sharded / "croissant.json").read_text(encoding="utf-8"))
    assert {d["@id"] for d in doc["distribution"] if d["@type"] == "cr:FileSet"} == {f"data/{c}" for c in PER_ARTICLE}
    for config in ("articles", "claims"):
        assert sorted(records(sharded, config), key=lambda r: json.dumps(r, sort_keys=True)) == \
            sorted(jsonl(sharded, config), key=lambda r: json.dumps(r, sort_keys=True))


def test_same_jsonl_as_the_one_file_build(sharded: Path) -> None:
    for config in CONFIGS:
        assert (sharded / "jsonl" / f"{config}.jsonl").read_bytes() == (ROOT / "dataset" / "jsonl" / f"{config}.jsonl").read_bytes()


def test_rehydrating_a_sharded_text_free_build_gives_the_same_bytes(sharded: Path, tmp_path: Path) -> None:
    result = run("--text-free", "--out", str(tmp_path / "free"), "--shard-articles", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = run("--out", str(tmp_path / "back"), "rehydrate", str(tmp_path / "free"), str(ROOT / "seeds"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(sharded) for p in sharded.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "back") for p in (tmp_path / "back").rglob("*") if p.is_file())
    for rel in files:
        assert (sharded / rel).read_bytes() == (tmp_path / "back" / rel).read_bytes(), rel
