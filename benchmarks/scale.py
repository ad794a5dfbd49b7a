"""Scale benchmark (issue 6): build throughput against the serialisation floor and a naive peer, peak
memory at two corpus sizes, and an incremental rebuild after editing one article.

Run: python benchmarks/scale.py [--sizes 1000 10000] [--runs 3] [--naive-limit 10000] [--dask-limit 10000]
Prints a table of figures, the ratios against the goals, and where one shard's time goes, stage by stage.
A benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# The build is started from a small launcher process: a child's peak RSS (ru_maxrss) counts the memory of
# the process it was forked from, so a build forked from this benchmark would report this benchmark's rows.
LAUNCH = """import os, subprocess, sys, time
start = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = p.stderr.read()
_, status, usage = os.wait4(p.pid, 0)
wall = time.perf_counter() - start
sys.stderr.buffer.write(err)
print(status, usage.ru_maxrss, wall)
"""


def run_build(work: Path, extra: list[str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes; the largest of the build and its worker processes) of one build."""
    cmd = [sys.executable, str(ROOT / "build_dataset.py"), "--seeds", str(work / "seeds"), "--annotations",
           str(work / "annotations"), "--kb", str(ROOT / "kb" / "entities.json"), "--out", str(work / "dataset"),
           *(extra or ["--no-cache"])]
    done = subprocess.run([sys.executable, "-c", LAUNCH, *cmd], cwd=ROOT, env=ENV, capture_output=True, text=True)
    status, maxrss, wall = (float(x) for x in done.stdout.split())
    if status != 0:
        raise SystemExit(f"build failed: {done.stderr}")
    return wall, int(maxrss) * 1024


def rows_of(dataset: Path, config: str) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (dataset / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8").split("\n") if x]


def floor(tables: dict[str, list[dict[str, Any]]], out: Path) -> float:
    """pa.Table.from_pylist, the Parquet write and the JSONL write of the same rows; nothing else."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dprk_claims.schemas import arrow_schema

    start = time.perf_counter()
    for config, rows in tables.items():
        table = pa.Table.from_pylist(rows, schema=arrow_schema(config))
        pq.write_table(table, out / f"{config}.parquet", compression="zstd", compression_level=9)
        with open(out / f"{config}.jsonl", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return time.perf_counter() - start


def naive(tables: dict[str, list[dict[str, Any]]], out: Path) -> float:
    """The naive peer: the reference jsonschema validator one record at a time, then pandas writes."""
    import jsonschema
    import pandas as pd

    from dprk_claims.schemas import load

    start = time.perf_counter()
    for config, rows in tables.items():
        validator = jsonschema.Draft202012Validator(load(config))
        for row in rows:
            validator.validate(row)
        df = pd.DataFrame(rows)
        df.to_parquet(out / f"{config}.parquet")
        df.to_json(out / f"{config}.jsonl", orient="records", lines=True, force_ascii=False)
    return time.perf_counter() - start


def dask_builds(work: Path) -> tuple[float, float]:
    """The same build on a Dask LocalCluster with one and with two worker processes."""
    from distributed import LocalCluster

    times = []
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            run_build(work, ["--no-cache", "--engine", "dask", "--scheduler", cluster.scheduler_address])  # warm the workers
            times.append(run_build(work, ["--no-cache", "--engine", "dask", "--scheduler", cluster.scheduler_address])[0])
    return times[0], times[1]


def stage_times(work: Path) -> dict[str, float]:
    """Seconds per stage of the per-shard work (``shards.run``) over every article, in this process."""
    from dprk_claims import document, seeds, shards, validate

    kb = document._kb(str(ROOT / "kb" / "entities.json"), (ROOT / "kb" / "entities.json").read_bytes())
    times = dict.fromkeys(("read and parse the seed", "read, check and apply the annotation file",
                           "validate the records (schema, spans, sentences)", "serialise (JSONL, explorer JSON)",
                           "join the pieces; Parquet (JSON reader, zstd write)"), 0.0)
    names = list(times)
    pieces = []
    for path in sorted((work / "seeds").glob("*.txt")):
        t0 = time.perf_counter()
        doc = document.parse_article(seeds.read_seed(path))
        t1 = time.perf_counter()
        document.annotate_one(doc, work / "annotations" / f"{path.stem}.json", kb)
        t2 = time.perf_counter()
        validate.document_problems(doc)
        t3 = time.perf_counter()
        pieces.append(shards.piece(doc, None, True))
        t4 = time.perf_counter()
        for name, (a, b) in zip(names, ((t0, t1), (t1, t2), (t2, t3), (t3, t4)), strict=False):
            times[name] += b - a
    t0 = time.perf_counter()
    shards.encode(0, pieces)
    times[names[4]] = time.perf_counter() - t0
    return times


def edit_one(work: Path) -> None:
    """Correct one article's first claim's normalised text, as an annotator would."""
    path = sorted((work / "annotations").glob("*.json"))[len(list((work / "annotations").glob("*.json"))) // 2]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["claims"][0]["normalized"] = (data["claims"][0]["normalized"] or "") + " (corrected)"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def main() -> int:
    from synthetic import make_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--naive-limit", type=int, default=10000, help="largest corpus the naive peer is timed on")
    parser.add_argument("--runs", type=int, default=3, help="full builds and floors timed per size (the median is shown)")
    parser.add_argument("--dask-limit", type=int, default=10000, help="largest corpus the Dask engine is timed on")
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            make_corpus(n, work)
            runs = [run_build(work) for _ in range(args.runs)]  # the median wall time; the largest peak RSS
            wall, rss = sorted(w for w, _ in runs)[len(runs) // 2], max(m for _, m in runs)
            tables = {c: rows_of(work / "dataset", c) for c in ("articles", "claims", "sentences")}
            claims = len(tables["claims"])
            scratch = work / "scratch"
            scratch.mkdir()
            r = {"articles": n, "claims": claims, "build_s": wall, "rss_mib": rss / 2**20,
                 "floor_s": sorted(floor(tables, scratch) for _ in range(args.runs))[args.runs // 2]}
            if n <= args.naive_limit:
                r["naive_s"] = naive(tables, scratch)
            cache = ["--cache", str(work / "cache")]
            r["cached_full_s"], _ = run_build(work, cache)  # fills the cache
            edit_one(work)
            r["incremental_s"], _ = run_build(work, cache)
            r["cached_s"], _ = run_build(work, cache)  # nothing changed: every shard from the cache
            if n <= args.dask_limit:
                r["dask1_s"], r["dask2_s"] = dask_builds(work)
            if n == min(args.sizes):
                stages = stage_times(work)
            results[n] = r
        del tables
    print(f"{'articles':>9} {'claims':>8} {'build s':>8} {'claims/s':>9} {'floor s':>8} {'naive s':>8} {'RSS MiB':>8} "
          f"{'1-edit s':>9} {'cached s':>9} {'dask1 s':>8} {'dask2 s':>8}")
    for n, r in results.items():
        print(f"{n:>9} {r['claims']:>8} {r['build_s']:>8.2f} {r['claims'] / r['build_s']:>9.0f} {r['floor_s']:>8.2f} "
              f"{r.get('naive_s', float('nan')):>8.2f} {r['rss_mib']:>8.0f} {r['incremental_s']:>9.2f} {r['cached_s']:>9.2f} "
              f"{r.get('dask1_s', float('nan')):>8.2f} {r.get('dask2_s', float('nan')):>8.2f}")
    print()
    for n, r in results.items():
        line = f"n={n}: throughput / floor = {r['floor_s'] / r['build_s']:.2f}x (goal >= 0.5x)"
        if "naive_s" in r:
            line += (f"; throughput / naive = {r['naive_s'] / r['build_s']:.1f}x (goal >= 10x; the floor itself is "
                     f"{r['naive_s'] / r['floor_s']:.1f}x the naive peer)")
        line += f"; incremental / full = {100 * r['incremental_s'] / r['build_s']:.0f}% (goal <= 5%)"
        if "dask2_s" in r:
            line += f"; dask 2 workers / 1 = {r['dask1_s'] / r['dask2_s']:.2f}x faster (goal >= 1.6x)"
        print(line)
    total = sum(stages.values())
    print(f"\nwhere the time of one {min(args.sizes)}-article run of the per-shard work goes (one process, {total:.2f} s):")
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<46} {seconds:6.2f} s  {100 * seconds / total:3.0f}%")
    sizes = sorted(results)
    if len(sizes) >= 2:
        lo, hi = results[sizes[0]], results[sizes[-1]]
        print(f"peak RSS n={sizes[-1]} / n={sizes[0]} = {hi['rss_mib'] / lo['rss_mib']:.2f}x (goal <= 1.3x; "
              f"{hi['rss_mib']:.0f} MiB, goal < 1024 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
