"""A synthetic corpus with curated-style annotations, made by recombining the gold seed paragraphs.

Every article is a random run of body paragraphs from the gold articles; their claims, spans and
sentences move with them, with offsets recomputed (an attribution span in another paragraph is dropped:
its offsets and text become null). The result builds like real curated data.

Run: python benchmarks/synthetic.py N OUT_DIR   (writes OUT_DIR/seeds and OUT_DIR/annotations)
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def paragraph_pool(root: Path = ROOT) -> list[dict[str, Any]]:
    """Every body paragraph of the gold, with the claims and sentences that lie inside it (relative offsets)."""
    sys.path.insert(0, str(root))
    from dprk_claims.parse.layout import split_paragraphs

    pool = []
    for path in sorted((root / "annotations").glob("[0-9][0-9][0-9]_*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (root / "seeds" / f"{path.stem}.txt").read_text(encoding="utf-8")
        roles = {r["index"]: r["role"] for r in gold["metadata"]["paragraph_roles"]}
        for index, (start, end) in enumerate(split_paragraphs(text)):
            if roles.get(index) != "body":
                continue
            claims = [c for c in gold["claims"] if start <= c["char_start"] and c["char_end"] <= end]
            sentences = [s for s in gold["sentences"] if start <= s["char_start"] and s["char_end"] <= end]
            pool.append({"text": text[start:end], "start": start, "end": end, "claims": claims, "sentences": sentences,
                         "published": gold["metadata"].get("published")})
    return pool


def _shift(claim: dict[str, Any], para: dict[str, Any], delta: int) -> dict[str, Any]:
    c = copy.deepcopy(claim)
    inside = lambda s, e: s is not None and para["start"] <= s and e <= para["end"]  # noqa: E731
    c["char_start"] += delta
    c["char_end"] += delta
    for layer in ("entities", "time_expressions", "quantities"):
        for item in c[layer]:
            item["char_start"] += delta
            item["char_end"] += delta
    for link in [c["attribution"], *c["attribution"]["chain"]]:
        for kind in ("speaker", "cue"):
            s, e = link[f"{kind}_start"], link[f"{kind}_end"]
            if inside(s, e):
                link[f"{kind}_start"], link[f"{kind}_end"] = s + delta, e + delta
            else:
                link[kind] = link[f"{kind}_start"] = link[f"{kind}_end"] = None
    return c


def make_article(number: int, rng: random.Random, pool: list[dict[str, Any]]) -> tuple[str, str, dict[str, Any]]:
    paras = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(3, 8))]
    text = "\n".join(p["text"] for p in paras)
    article_id = f"{number:03d}_{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    claims, sentences, pos = [], [], 0
    for para in paras:
        delta = pos - para["start"]
        claims += [_shift(c, para, delta) for c in para["claims"]]
        sentences += [{"char_start": s["char_start"] + delta, "char_end": s["char_end"] + delta} for s in para["sentences"]]
        pos += len(para["text"]) + 1
    claims.sort(key=lambda c: (c["char_start"], c["char_end"]))
    for i, c in enumerate(claims, 1):
        c["id"] = f"c{i:03d}"
    annotation = {
        "article_id": article_id, "text_sha256": hashlib.sha256(text.encode()).hexdigest(), "guideline_version": "1.1.0",
        "annotators": ["synthetic"],
        "metadata": {"published": paras[0]["published"],
                     "paragraph_roles": [{"index": i, "role": "body", "evidence": "synthetic"} for i in range(len(paras))]},
        "sentences": sentences, "claims": claims,
    }
    return article_id, text, annotation


def make_corpus(n: int, out: Path, seed: int = 0, root: Path = ROOT) -> tuple[Path, Path]:
    pool = paragraph_pool(root)
    rng = random.Random(seed)
    seeds, annotations = out / "seeds", out / "annotations"
    seeds.mkdir(parents=True, exist_ok=True)
    annotations.mkdir(parents=True, exist_ok=True)
    for number in range(n):
        article_id, text, annotation = make_article(number, rng, pool)
        (seeds / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (annotations / f"{article_id}.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    return seeds, annotations


if __name__ == "__main__":
    s, a = make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"wrote {s} and {a}")
