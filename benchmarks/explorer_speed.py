"""Explorer benchmark: the page of a synthetic corpus in headless Chromium (Debian's chromium, driven by
Playwright), at each size: the first view (navigation start until the first article's claims are drawn),
a filter change (until the list, counts and highlights are redrawn), and showing another article (one
in a part already loaded, one in a part not yet loaded). Medians of --runs page loads and of --clicks
clicks; the goals of issue #16 are printed beside them. A benchmark, not a test: it prints figures.

Run: python benchmarks/explorer_speed.py [--sizes 1000 10000] [--runs 3] [--clicks 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
GOALS = {"first view": 2.0, "filter click": 0.1, "article (loaded part)": 0.1}  # issue #16, at 10k
GOALS_1K = {**GOALS, "first view": 1.0}  # at 1k the page should load within a second

# Times a change of a select element, as the page's own listener handles it (synchronously).
CHANGE = """([id, value]) => { const s = document.getElementById(id); const t = performance.now();
  s.value = value; s.dispatchEvent(new Event("change")); return (performance.now() - t) / 1000; }"""
# Shows an article and resolves when its claims are drawn (its part may have to be loaded first).
SHOW = """(id) => new Promise(done => { const t = performance.now();
  showArticle(id, () => done((performance.now() - t) / 1000)); })"""


def build(n: int, work: Path) -> Path:
    from synthetic import make_corpus

    make_corpus(n, work)
    out = work / "dataset"
    cmd = [sys.executable, str(ROOT / "build_dataset.py"), "--seeds", str(work / "seeds"), "--annotations", str(work / "annotations"),
           "--kb", str(ROOT / "kb" / "entities.json"), "--out", str(out), "--no-cache"]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return out


def measure(browser: Any, page_path: Path, runs: int, clicks: int) -> dict[str, float]:
    loads, filters, near, far = [], [], [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_selector("mark.claim")
        loads.append(time.perf_counter() - start)
        index = page.evaluate("index.map(r => [r[0], r[3]])")
        speakers = page.evaluate("[...document.getElementById('f-speaker').options].map(o => o.value)")
        for k in range(clicks):
            filters.append(page.evaluate(CHANGE, ["f-speaker", speakers[1 + k % (len(speakers) - 1)]]))
        page.evaluate(CHANGE, ["f-speaker", ""])
        first_part = index[0][1]
        same = [a for a, part in index[1:] if part == first_part][:clicks]
        for article_id in same:
            near.append(page.evaluate(SHOW, article_id))
        other = next((a for a, part in index if part != first_part), None)
        if other is not None:
            far.append(page.evaluate(SHOW, other))
        page.close()
    figures = {"first view": statistics.median(loads), "filter click": statistics.median(filters)}
    if near:
        figures["article (loaded part)"] = statistics.median(near)
    if far:
        figures["article (part not loaded)"] = statistics.median(far)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="page loads per size (the median is shown)")
    parser.add_argument("--clicks", type=int, default=10, help="filter changes and article switches per load")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs Debian's chromium (apt-get install chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    print("| articles | page | data files | measure | seconds | goal |")
    print("|---|---|---|---|---|---|")
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for n in args.sizes:
            out = build(n, Path(tmp) / str(n))
            parts = sorted((out / "explorer").glob("*.js")) if (out / "explorer").is_dir() else []
            page_mb = (out / "explorer.html").stat().st_size / 1e6
            data_mb = sum(p.stat().st_size for p in parts) / 1e6
            for name, value in measure(browser, out / "explorer.html", args.runs, args.clicks).items():
                goal = (GOALS_1K if n <= 1000 else GOALS).get(name)
                print(f"| {n:,} | {page_mb:.1f} MB | {len(parts)} ({data_mb:.0f} MB) | {name} | {value:.3f} | "
                      f"{'≤ ' + str(goal) if goal else '—'} |")
            shutil.rmtree(Path(tmp) / str(n))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
