"""Articles per second of the automatic annotator on one core, on a synthetic corpus.

Run: python benchmarks/annotate_speed.py [--articles N] [--seed S]
The corpus recombines the paragraphs of the seed articles: each synthetic article gets a headline and
8 to 14 body paragraphs drawn at random (with a fixed seed) from all seeds, so its length and mix are
those of a real article while the combinations are new. The process is pinned to one CPU where the OS
allows it; the spaCy pipeline is built once before timing (as a build does), then every article is
annotated in turn. Goal (issue 4): at least 100 articles per second. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(n: int, seed: int) -> list[dict[str, object]]:
    from dprk_claims.parse import layout
    from dprk_claims.read.seeds import read_seeds

    heads, bodies = [], []
    for s in read_seeds(ROOT / "seeds"):
        text = s["text"]
        for para in layout.paragraphs(text):
            piece = text[para["char_start"]:para["char_end"]]
            (heads if para["role"] in ("headline", "standfirst") else bodies if para["role"] == "body" else []).append(piece)
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        text = rng.choice(heads) + "\n\nPUBLISHED : Monday, 7 March, 2022, 9:00am\n\n"
        text += "\n".join(rng.sample(bodies, rng.randint(8, 14))) + "\n"
        articles.append({"article_id": f"{i % 1000:03d}_{i:08x}", "text": text, "paragraphs": layout.paragraphs(text),
                         "published": {"value": "2022-03-07", "precision": "day", "source": "stated", "evidence": "synthetic"}})
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="synthetic articles to annotate (default 500)")
    parser.add_argument("--seed", type=int, default=4, help="random seed of the corpus (default 4)")
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the corpus; the median is reported")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    from dprk_claims.annotate.core import annotate_article
    from dprk_claims.read.annotations import load_kb

    kb = load_kb(ROOT / "kb" / "entities.json")
    docs = corpus(args.articles, args.seed)
    annotate_article(docs[0], kb)  # builds and caches the spaCy pipeline
    times, claims = [], 0
    for _ in range(args.runs):
        start = time.perf_counter()
        claims = sum(len(annotate_article(d, kb)[0]) for d in docs)
        times.append(time.perf_counter() - start)
    t = statistics.median(times)
    chars = sum(len(str(d["text"])) for d in docs)
    print(f"{len(docs)} synthetic articles ({chars / len(docs):.0f} characters, {claims / len(docs):.1f} claims each), one core")
    print(f"annotate: {len(docs) / t:.0f} articles/s, {t / len(docs) * 1000:.2f} ms/article "
          f"(median of {args.runs} runs, min {min(times):.2f} s)  goal: >= 100 articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
