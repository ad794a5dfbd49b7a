"""Wall time of building the seeds, next to the start-up floor `python -c "import pyarrow.parquet"`.

Run: python benchmarks/build_speed.py [--runs N]
Prints the median of N whole-process runs of each command (a new process each time, after one warm-up
run of each), and the ratio.
Goal (issue 2): the build takes at most 2x the floor. This is a benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# As a user's machine runs it: byte-code caches are written (some sandboxes set PYTHONDONTWRITEBYTECODE=1,
# which makes every start-up recompile the package from source).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        commands = {
            "floor: python -c 'import pyarrow.parquet'": [sys.executable, "-c", "import pyarrow.parquet"],
            # as a user runs it again: the default cache, so after the warm-up it finds nothing changed
            "build: python build_dataset.py --out TMP": [sys.executable, "build_dataset.py", "--out", str(Path(tmp) / "ds")],
            # the build itself, every article made afresh (no goal: printed so the two are not confused)
            "build: ... --out TMP2 --no-cache": [sys.executable, "build_dataset.py", "--out", str(Path(tmp) / "ds2"), "--no-cache"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for cmd in commands.values():  # warm-up: byte-code caches and the file system cache
            timed(cmd)
        for _ in range(args.runs):  # interleaved, so machine load hits both alike
            for name, cmd in commands.items():
                times[name].append(timed(cmd))
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, value in medians.items():
        print(f"{name:45s} median {value * 1000:7.0f} ms  (min {min(times[name]) * 1000:.0f}, runs {args.runs})")
    floor, build, fresh = medians.values()
    print(f"{'ratio build / floor':45s} {build / floor:.2f}x  (goal: at most 2.00x)")
    print(f"{'ratio build --no-cache / floor':45s} {fresh / floor:.2f}x  (no goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
