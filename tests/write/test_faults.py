"""A build killed with SIGKILL at random moments never leaves a mixture: once the next build's first step
(``atomic.clean_stale``) has run, dataset/ is the old complete build or the new complete build, and no
temporary folder is left behind."""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, cli_run

from dprk_claims.write import atomic


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_corpus(n: int, out: Path, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.make_corpus(n, out, seed=seed)


def argv(work: Path, corpus: str, workers: str = "2") -> list[str]:
    return ["--seeds", str(work / corpus / "seeds"), "--annotations", str(work / corpus / "annotations"), "--kb",
            str(ROOT / "kb" / "entities.json"), "--out", str(work / "dataset"), "--shard-articles", "30", "--workers", workers]


def build(work: Path, corpus: str) -> subprocess.Popen[bytes]:
    """The build in a process of its own, to be killed."""
    return subprocess.Popen([sys.executable, str(ROOT / "build_dataset.py"), *argv(work, corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)


def put_back(work: Path, saved: Path) -> None:
    """dataset/ as a complete build left it (a copy of that build's folder): where a round starts from."""
    shutil.rmtree(work / "dataset")
    shutil.copytree(saved, work / "dataset")


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    make_corpus(120, tmp_path / "old", seed=1)
    make_corpus(120, tmp_path / "new", seed=2)
    # The two complete builds, made in this process (one worker gives the bytes two give: test_engine).
    assert cli_run(argv(tmp_path, "new", workers="1"), cwd=tmp_path).returncode == 0
    new = snapshot(tmp_path / "dataset")
    assert cli_run(argv(tmp_path, "old", workers="1"), cwd=tmp_path).returncode == 0
    old = snapshot(tmp_path / "dataset")
    assert old != new
    saved = tmp_path / "old-build"
    shutil.copytree(tmp_path / "dataset", saved)
    start = time.perf_counter()
    assert build(tmp_path, "new").wait() == 0
    duration = time.perf_counter() - start
    assert snapshot(tmp_path / "dataset") == new
    put_back(tmp_path, saved)
    rng = random.Random(20261123)
    outcomes = {"old": 0, "new": 0}
    for _ in range(25):
        proc = build(tmp_path, "new")
        time.sleep(rng.uniform(0, duration * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        atomic.clean_stale(tmp_path / "dataset")  # what the next build does first
        now = snapshot(tmp_path / "dataset")
        assert now in (old, new), "dataset/ is a mixture of two builds"
        outcomes["new" if now == new else "old"] += 1
        stray = [p.name for p in tmp_path.iterdir() if p.name.startswith(".dataset")]
        assert stray == [], stray
        if now == new:  # start the next round from the old version again
            put_back(tmp_path, saved)
    assert outcomes["old"] > 0


def test_interrupted_swap_is_restored(tmp_path: Path) -> None:

    out = tmp_path / "dataset"
    out.mkdir()
    (out / "a.txt").write_text("old")
    os.rename(out, tmp_path / ".dataset.old-999999-abcdef01")  # killed between the two renames
    atomic.clean_stale(out)
    assert (out / "a.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def test_what_a_killed_build_left_in_the_cache_is_pruned(tmp_path: Path) -> None:
    """A build killed while it stored a cache entry leaves ".<name>.<pid>-<hex>"; the next build's prune removes
    it once that process is gone, and leaves the entry of a build still running (here: this process) to it."""
    from dprk_claims.build import cache

    gone = subprocess.Popen(["true"])
    gone.wait()
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / f".abc.{gone.pid}-0123abcd").mkdir()
    (shards / f".abd.{os.getpid()}-4567abcd").mkdir()
    (shards / "abe").mkdir()
    assert cache.prune(tmp_path, ["abe"]) == 1
    assert sorted(p.name for p in shards.iterdir()) == [f".abd.{os.getpid()}-4567abcd", "abe"]


def test_clean_up_leaves_folders_it_did_not_make(tmp_path: Path) -> None:
    """Only this tool's names, of processes that are gone, are restored or removed."""
    out = tmp_path / "dataset"
    mine = tmp_path / ".dataset.old-2024-backup"  # a user's folder, named alike
    live = tmp_path / f".dataset.old-{os.getpid()}-abcdef01"  # parked by a command still running
    for folder in (mine, live):
        folder.mkdir()
    atomic.clean_stale(out)
    assert not out.exists() and mine.is_dir() and live.is_dir()


def test_failed_swap_puts_the_old_folder_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, tmp = tmp_path / "dataset", tmp_path / ".dataset.tmp-1-abcdef01"
    out.mkdir()
    (out / "a.txt").write_text("old")
    tmp.mkdir()
    real = os.rename

    def rename(a: object, b: object) -> None:
        if a == tmp:
            raise OSError(28, "No space left on device")
        real(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "rename", rename)
    with pytest.raises(OSError):
        atomic.replace_dir(tmp, out)
    assert (out / "a.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".dataset.tmp-1-abcdef01", "dataset"]
