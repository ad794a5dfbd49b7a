"""Scale benchmark (issue #16): the build against the serialisation floor with the build's exact bytes
(the same rows written as orjson JSONL and as Parquet with the build's compression, nothing else) and
against a pandas peer that writes the same rows with no validation; peak memory; a rebuild after editing
one article and after editing nothing; Dask with two workers against one; the automatic annotator on one
core (benchmarks/annotate_speed.py). Medians of --runs builds.

Run: python benchmarks/scale.py [--sizes 1000 10000] [--runs 3] [--peer-limit 10000] [--dask-limit 10000]
Prints the figures, then every ratio with its goal beside it (a Markdown table: the README's), and where
one shard's time goes, stage by stage. A benchmark, not a test: it prints figures.
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
    """The build's exact bytes and nothing else: Arrow tables from the rows with the declared schema, Parquet
    with the build's options, and the JSONL the build writes (orjson, schema key order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dprk_claims.core.schemas import arrow_schema
    from dprk_claims.write.canonical import PARQUET_OPTIONS, jsonl_bytes

    start = time.perf_counter()
    for config, rows in tables.items():
        table = pa.Table.from_pylist(rows, schema=arrow_schema(config))
        pq.write_table(table, out / f"{config}.parquet", **PARQUET_OPTIONS)
        (out / f"{config}.jsonl").write_bytes(jsonl_bytes(rows))
    return time.perf_counter() - start


def pandas_peer(tables: dict[str, list[dict[str, Any]]], out: Path) -> float:
    """The peer: pandas writes the same rows to Parquet and JSONL, with no validation at all."""
    import pandas as pd

    start = time.perf_counter()
    for config, rows in tables.items():
        df = pd.DataFrame(rows)
        df.to_parquet(out / f"{config}.parquet")
        df.to_json(out / f"{config}.jsonl", orient="records", lines=True, force_ascii=False)
    return time.perf_counter() - start


def annotator_speed() -> float | None:
    """Articles per second of the automatic annotator on one core, as benchmarks/annotate_speed.py prints it."""
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "annotate_speed.py"), "--articles", "200"],
                          cwd=ROOT, env=ENV, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        if line.startswith("annotate:"):
            return float(line.split()[1])
    return None


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
    from dprk_claims.build import document, shards
    from dprk_claims.read import lineage, seeds
    from dprk_claims.validate import checks

    kb = document._kb(str(ROOT / "kb" / "entities.json"), (ROOT / "kb" / "entities.json").read_bytes())
    times = dict.fromkeys(("read and parse the seed", "read, check and apply the annotation file",
                           "validate the records (schema, spans, sentences)", "serialise (JSONL, explorer JSON)",
                           "join the pieces; Parquet (JSON reader, zstd write); write"), 0.0)
    names = list(times)
    pieces = []
    for path in sorted((work / "seeds").glob("*.txt")):
        t0 = time.perf_counter()
        doc = document.parse_article(seeds.read_seed(path))
        t1 = time.perf_counter()
        document.annotate_one(doc, work / "annotations" / f"{path.stem}.json", kb)
        lineage.apply(doc, None, "")  # as document.process does for an article with no lineage entry
        t2 = time.perf_counter()
        checks.document_problems(doc, curated=True)  # as document.process does for a curated article
        t3 = time.perf_counter()
        pieces.append(shards.piece(doc, None, True))
        t4 = time.perf_counter()
        for name, (a, b) in zip(names, ((t0, t1), (t1, t2), (t2, t3), (t3, t4)), strict=False):
            times[name] += b - a
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        shards.encode(0, pieces, tmp, 1)  # the shard's files, written as a worker writes them
        times[names[4]] = time.perf_counter() - t0
    return times


def edit_one(work: Path) -> None:
    """Correct one article's first claim's normalised text, as an annotator would."""
    path = sorted((work / "annotations").glob("*.json"))[len(list((work / "annotations").glob("*.json"))) // 2]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["claims"][0]["normalized"] = (data["claims"][0]["normalized"] or "") + " (corrected)"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


GOALS = (  # (label, figure, goal text, met): from issue #16
    ("build / exact-bytes floor (time ratio)", lambda r: r["floor_s"] / r["build_s"], "≥ 0.7×", lambda x: x >= 0.7),
    ("pandas without validation / our build (time ratio)", lambda r: r["peer_s"] / r["build_s"], "> 1× (we are faster)", lambda x: x > 1),
    ("rebuild after editing 1 article / full build", lambda r: r["incremental_s"] / r["build_s"], "≤ 5%", lambda x: x <= 0.05),
    ("rebuild with nothing changed / full build", lambda r: r["cached_s"] / r["build_s"], "≤ 5%", lambda x: x <= 0.05),
    ("Dask, 2 workers against 1 (speed-up)", lambda r: r["dask1_s"] / r["dask2_s"], "≥ 1.7×", lambda x: x >= 1.7),
    ("peak memory of the build (MiB)", lambda r: r["rss_mib"], "< 1024", lambda x: x < 1024),
)


def measure(n: int, args: argparse.Namespace) -> dict[str, float]:
    from synthetic import make_corpus

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_corpus(n, work)
        runs = [run_build(work) for _ in range(args.runs)]  # the median wall time; the largest peak RSS
        wall, rss = sorted(w for w, _ in runs)[len(runs) // 2], max(m for _, m in runs)
        tables = {c: rows_of(work / "dataset", c) for c in ("articles", "claims", "sentences")}
        scratch = work / "scratch"
        scratch.mkdir()
        r = {"articles": n, "claims": len(tables["claims"]), "build_s": wall, "rss_mib": rss / 2**20,
             "floor_s": sorted(floor(tables, scratch) for _ in range(args.runs))[args.runs // 2]}
        if n <= args.peer_limit:
            r["peer_s"] = sorted(pandas_peer(tables, scratch) for _ in range(args.runs))[args.runs // 2]
        del tables
        cache = ["--cache", str(work / "cache")]
        r["cached_full_s"], _ = run_build(work, cache)  # fills the cache
        edit_one(work)
        r["incremental_s"], _ = run_build(work, cache)
        r["cached_s"], _ = run_build(work, cache)  # nothing changed: every shard from the cache
        if n <= args.dask_limit:
            r["dask1_s"], r["dask2_s"] = dask_builds(work)
        if n == min(args.sizes):
            r["stages"] = stage_times(work)  # type: ignore[assignment]
        return r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--peer-limit", type=int, default=10000, help="largest corpus the pandas peer is timed on")
    parser.add_argument("--runs", type=int, default=3, help="full builds, floors and peers timed per size (the median is shown)")
    parser.add_argument("--dask-limit", type=int, default=10000, help="largest corpus the Dask engine is timed on")
    args = parser.parse_args()
    results = {n: measure(n, args) for n in args.sizes}
    print(f"{'articles':>9} {'claims':>8} {'build s':>8} {'floor s':>8} {'pandas s':>9} {'RSS MiB':>8} "
          f"{'1-edit s':>9} {'cached s':>9} {'dask1 s':>8} {'dask2 s':>8}")
    for n, r in results.items():
        print(f"{n:>9} {r['claims']:>8} {r['build_s']:>8.2f} {r['floor_s']:>8.2f} {r.get('peer_s', float('nan')):>9.2f} "
              f"{r['rss_mib']:>8.0f} {r['incremental_s']:>9.2f} {r['cached_s']:>9.2f} "
              f"{r.get('dask1_s', float('nan')):>8.2f} {r.get('dask2_s', float('nan')):>8.2f}")
    print()
    sizes = sorted(results)
    print("| measure | " + " | ".join(f"{n:,} articles" for n in sizes) + " | goal |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for label, figure, goal, met in GOALS:
        cells = []
        for n in sizes:
            try:
                x = figure(results[n])
            except KeyError:
                cells.append("—")
                continue
            shown = f"{100 * x:.1f}%" if "/ full" in label else f"{x:.0f}" if "MiB" in label else f"{x:.2f}×"
            cells.append(shown + ("" if met(x) else " (not met)"))
        print(f"| {label} | " + " | ".join(cells) + f" | {goal} |")
    speed = annotator_speed()
    cells = "".join(" |" for _ in sizes[1:])  # one corpus: the figure stands in the first size's column
    print(f"| automatic annotator, one core (articles/s) | {speed if speed is not None else '—'} |{cells} ≥ 100 |")
    stages = results[min(sizes)]["stages"]
    total = sum(stages.values())  # type: ignore[attr-defined]
    print(f"\nwhere the time of one {min(sizes)}-article run of the per-shard work goes (one process, {total:.2f} s):")
    for stage, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):  # type: ignore[attr-defined]
        print(f"  {stage:<46} {seconds:6.2f} s  {100 * seconds / total:3.0f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
