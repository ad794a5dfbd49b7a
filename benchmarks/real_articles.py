"""The automatic annotator on real articles it has never seen, scored sentence by sentence against labels
made by hand from the guidelines (a folder kept outside the repository: the articles are other people's
text). Each article is built as a new user would: copied into an empty project's seeds/ with no
annotation file, then ``python build_dataset.py``; the claims it writes are compared with the labels.

Run: python benchmarks/real_articles.py DIR      (DIR/texts/<name>.txt and DIR/labels/<name>.json)

A label file: {"url", "outlet", "published", "text_sha256", "sentences": [{"char_start", "char_end", "text",
"claim": bool, "checkworthiness": "CFS"|"UFS"|"NFS"|null, "speaker": name|null|"UNKNOWN",
"dates": [{"text", "value"}]}]}. A sentence is a claim sentence for the annotator when one of its claims
overlaps it; its check-worthiness is that of the most check-worthy such claim, and its speaker that of the
claim overlapping it most. The three-class kappa counts a sentence without a claim as NFS (ClaimBuster's
convention: not a factual claim). A date is normalised when a time expression of the annotator overlaps it
with the same value. A benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ORDER = {"CFS": 0, "UFS": 1, "NFS": 2}


def kappa(a: list[Any], b: list[Any]) -> float:
    from sklearn.metrics import cohen_kappa_score

    return float(cohen_kappa_score(a, b)) if len(set(a) | set(b)) > 1 else float("nan")


def build(texts: dict[str, str], work: Path) -> dict[str, dict[str, Any]]:
    """Each text as a seed of a fresh project; its claims and article row, by name."""
    names = {}
    seeds, annotations = work / "seeds", work / "annotations"
    seeds.mkdir()
    annotations.mkdir()
    for k, (name, text) in enumerate(sorted(texts.items())):
        article_id = f"{k:03d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}"
        (seeds / f"{article_id}.txt").write_text(text, encoding="utf-8", newline="")
        names[article_id] = name
    cmd = [sys.executable, str(ROOT / "build_dataset.py"), "--seeds", str(seeds), "--annotations", str(annotations),
           "--kb", str(ROOT / "kb" / "entities.json"), "--out", str(work / "dataset"), "--no-cache"]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=work)
    if done.returncode != 0:
        raise SystemExit(f"the build failed:\n{done.stderr}")
    out: dict[str, dict[str, Any]] = {n: {"claims": []} for n in names.values()}
    for config in ("claims", "articles"):
        for line in (work / "dataset" / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            name = names[row["article_id"]]
            if config == "claims":
                out[name]["claims"].append(row)
            else:
                out[name]["article"] = row
    return out


def predicted(sentence: dict[str, Any], claims: list[dict[str, Any]]) -> tuple[bool, str | None, str | None]:
    s, e = sentence["char_start"], sentence["char_end"]
    inside = [(min(e, c["char_end"]) - max(s, c["char_start"]), c) for c in claims if c["char_start"] < e and s < c["char_end"]]
    if not inside:
        return False, None, None
    cw = min((c["checkworthiness"] for _, c in inside), key=ORDER.__getitem__)
    main = max(inside, key=lambda x: x[0])[1]
    return True, cw, main["attribution"]["speaker_normalized"]


def same_speaker(gold: str | None, auto: str | None) -> bool:
    norm = lambda x: (x or "").casefold().replace("the ", "").strip()  # noqa: E731
    return norm(gold) == norm(auto) or (bool(gold) and bool(auto) and (norm(gold) in norm(auto) or norm(auto) in norm(gold)))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder with texts/<name>.txt and labels/<name>.json")
    args = parser.parse_args()
    labels = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((args.folder / "labels").glob("*.json"))}
    texts = {n: (args.folder / "texts" / f"{n}.txt").read_text(encoding="utf-8") for n in labels}
    with tempfile.TemporaryDirectory() as tmp:
        built = build(texts, Path(tmp))
    gold_claim, auto_claim, gold_cw, auto_cw = [], [], [], []
    speakers = Counter[str]()
    dates = Counter[str]()
    per_article = []
    for name, label in labels.items():
        claims = built[name]["claims"]
        times = [t for c in claims for t in c["time_expressions"]]
        n0 = len(gold_claim)
        for s in label["sentences"]:
            is_claim, cw, speaker = predicted(s, claims)
            gold_claim.append(bool(s["claim"]))
            auto_claim.append(is_claim)
            gold_cw.append(s["checkworthiness"] if s["claim"] else "NFS")
            auto_cw.append(cw if is_claim else "NFS")
            if s["claim"] and is_claim and s["speaker"] != "UNKNOWN":
                speakers["right" if same_speaker(s["speaker"], speaker) else "wrong"] += 1
            start = s["char_start"]
            for d in s["dates"]:
                if d["value"] is None:
                    continue
                at = texts[name].find(d["text"], start, s["char_end"])
                end = at + len(d["text"])
                hit = at >= 0 and any(t["char_start"] < end and at < t["char_end"] and t["value"] == d["value"] for t in times)
                dates["right" if hit else "missed"] += 1
        article = built[name].get("article", {})
        per_article.append((name, label.get("outlet"), len(label["sentences"]), sum(gold_claim[n0:]), sum(auto_claim[n0:]),
                            (article.get("published") or {}).get("value"), label.get("published")))
    from sklearn.metrics import f1_score

    print("| article | outlet | sentences | claim sentences (labels / annotator) | published (annotator / label) |")
    print("|---|---|---|---|---|")
    for name, outlet, n, g, a, pub, want in per_article:
        print(f"| {name} | {outlet} | {n} | {g} / {a} | {pub} / {want} |")
    print()
    print(f"{len(labels)} articles, {len(gold_claim)} sentences, {sum(gold_claim)} claim sentences in the labels")
    print("| measure | value | goal |")
    print("|---|---|---|")
    print(f"| claim sentences F1 | {f1_score(gold_claim, auto_claim):.2f} | ≥ 0.90 |")
    print(f"| claim / not-claim Cohen's kappa | {kappa(gold_claim, auto_claim):.2f} | ≥ 0.5 |")
    print(f"| CFS / UFS / NFS kappa | {kappa(gold_cw, auto_cw):.2f} | ≥ 0.4 |")
    total = sum(speakers.values())
    print(f"| speaker of claims | {speakers['right'] / total:.0%} of {total} | ≥ 85% |" if total else "| speaker of claims | — | ≥ 85% |")
    total = sum(dates.values())
    print(f"| dates normalised | {dates['right'] / total:.0%} of {total} | ≥ 90% |" if total else "| dates normalised | — | ≥ 90% |")
    base = [True] * len(gold_claim)
    print(f"\nfloor: every sentence a claim scores F1 {f1_score(gold_claim, base):.2f}, kappa 0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
