"""The output is byte-identical whichever engine runs the per-article work and however many workers:
in this process, in two local worker processes, or on a Dask LocalCluster with two workers."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, cli_run


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    work = tmp_path_factory.mktemp("engine")
    mod.make_corpus(80, work, seed=7)
    (work / "seeds" / "999_0123abcd.txt").write_text("Envoy says council failed\n\nThe envoy said the council failed.\n",
                                                   encoding="utf-8")  # one article for the automatic annotator too
    return work


def build(corpus: Path, out: str, *extra: str, relative: bool = False, process: bool = False) -> dict[str, bytes]:
    """relative: name the inputs relative to the corpus folder, the build's working directory.
    process: run the build in a new Python process (the worker and Dask builds) rather than in this one."""
    seeds, annotations = ("seeds", "annotations") if relative else (str(corpus / "seeds"), str(corpus / "annotations"))
    argv = ["--seeds", seeds, "--annotations", annotations, "--kb", str(ROOT / "kb" / "entities.json"), "--out", str(corpus / out),
            "--shard-articles", "20", "--no-cache", *extra]  # 81 articles: five shards, so two workers share them
    if process:
        result = subprocess.run([sys.executable, str(ROOT / "build_dataset.py"), *argv], capture_output=True, text=True, cwd=corpus)
    else:
        result = cli_run(argv, cwd=corpus)
    assert result.returncode == 0, result.stderr
    return snapshot(corpus / out)


@pytest.fixture(scope="module")
def inline(corpus: Path) -> dict[str, bytes]:
    """The corpus built in this process with one worker: what every other engine must give byte for byte."""
    return build(corpus, "one", "--workers", "1")


def test_local_workers_give_the_same_bytes(corpus: Path, inline: dict[str, bytes]) -> None:
    one = inline
    two = build(corpus, "two", "--workers", "2", process=True)
    assert one.keys() == two.keys() and one == two
    assert len(one["jsonl/articles.jsonl"].splitlines()) == 81
    assert sorted(p for p in one if p.startswith("data/claims/")) == [f"data/claims/train-{i:05d}-of-00005.parquet" for i in range(5)]


def test_dask_local_cluster_gives_the_same_bytes(corpus: Path, inline: dict[str, bytes]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        # relative input paths: the cluster's workers run in another working directory than the build
        dask = build(corpus, "dask", "--engine", "dask", "--scheduler", cluster.scheduler_address, relative=True, process=True)
    assert dask == inline


def test_dask_without_a_scheduler_is_a_usage_error(corpus: Path) -> None:
    result = cli_run(["--seeds", str(corpus / "seeds"), "--annotations", str(corpus / "annotations"), "--out", str(corpus / "x"),
                      "--engine", "dask"], cwd=ROOT)
    assert result.returncode == 2
    assert "usage error: --engine dask needs --scheduler ADDRESS (for example tcp://127.0.0.1:8786)" in result.stderr


def test_articles_numbered_past_999_keep_their_curated_annotations(tmp_path: Path) -> None:
    """Seed names take three or more digits; so do annotation file names (1000_… was once annotated automatically)."""
    import random

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "annotations").mkdir()
    for number in (999, 1000, 12345):
        article_id, text, annotation = mod.make_article(number, random.Random(number), mod.paragraph_pool())
        (tmp_path / "seeds" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (tmp_path / "annotations" / f"{article_id}.json").write_text(json.dumps(annotation), encoding="utf-8")
    result = cli_run(["--seeds", str(tmp_path / "seeds"), "--annotations", str(tmp_path / "annotations"), "--kb",
                      str(ROOT / "kb" / "entities.json"), "--out", str(tmp_path / "out"), "--no-cache"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 articles (3 curated)" in result.stdout and "annotated automatically" not in result.stdout
