"""A build killed with SIGKILL at random moments never leaves a mixture: once the next build's first step
(``atomic.clean_stale``) has run, dataset/ is the old complete build or the new complete build, and no
temporary folder is left behind."""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT

from dprk_claims import atomic


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_corpus(n: int, out: Path, seed: int) -> None:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.make_corpus(n, out, seed=seed)


def build(work: Path, corpus: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(ROOT / "build_dataset.py"), "--seeds", str(work / corpus / "seeds"),
                             "--annotations", str(work / corpus / "annotations"), "--kb", str(ROOT / "kb" / "entities.json"),
                             "--out", str(work / "dataset"), "--shard-articles", "30", "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)


def test_sigkill_at_random_moments(tmp_path: Path) -> None:
    make_corpus(120, tmp_path / "old", seed=1)
    make_corpus(120, tmp_path / "new", seed=2)
    assert build(tmp_path, "new").wait() == 0
    new = snapshot(tmp_path / "dataset")
    assert build(tmp_path, "old").wait() == 0
    old = snapshot(tmp_path / "dataset")
    assert old != new
    start = time.perf_counter()
    assert build(tmp_path, "new").wait() == 0
    duration = time.perf_counter() - start
    assert build(tmp_path, "old").wait() == 0
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
            assert build(tmp_path, "old").wait() == 0
    assert outcomes["old"] > 0


def test_interrupted_swap_is_restored(tmp_path: Path) -> None:

    out = tmp_path / "dataset"
    out.mkdir()
    (out / "a.txt").write_text("old")
    os.rename(out, tmp_path / ".dataset.old-999999-abc")  # killed between the two renames
    atomic.clean_stale(out)
    assert (out / "a.txt").read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]
