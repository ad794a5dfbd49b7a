"""Figures made from the data: claims by speaker, claim types by article, and a timeline of the dated
events mentioned in the claims. Writes docs/figures/*.png and, beside each, the plotted numbers as JSON
(tests check those numbers against the data).

Run: python examples/plots.py [DATASET_DIR] [OUT_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


EXTRA = "pip install -e '.[examples]'"  # the extra that installs duckdb, polars and matplotlib


def need(module: str) -> Any:
    """Import a module the examples use that the package itself does not install, or say which extra does."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{Path(__file__).name} needs {module}, which the package does not install: {EXTRA}") from None


def load(dataset: Path, config: str) -> list[dict[str, Any]]:
    text = (dataset / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def speaker_counts(claims: list[dict[str, Any]]) -> dict[str, int]:
    c = Counter(x["attribution"]["speaker_normalized"] or "(article's own voice)" for x in claims)
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def type_counts(claims: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for x in claims:
        for t in x["claim_types"]:
            out.setdefault(x["article_id"], {}).setdefault(t, 0)
            out[x["article_id"]][t] += 1
    return {a: dict(sorted(v.items())) for a, v in sorted(out.items())}


def timeline(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every DATE time expression whose value has at least a year, with its claim."""
    events = []
    for x in claims:
        for t in x["time_expressions"]:
            value = t["value"] or ""
            point = value.split("/")[0]
            if t["type"] == "DATE" and re.match(r"^\d{4}", point):
                events.append({"date": point, "text": t["text"], "claim_id": x["claim_id"], "article_id": x["article_id"]})
    return sorted(events, key=lambda e: (e["date"], e["claim_id"], e["text"]))


def _year(point: str) -> float:
    parts = point.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 6
    return year + (month - 0.5) / 12


def main(dataset: Path, out: Path) -> list[Path]:
    matplotlib = need("matplotlib")

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    claims = load(dataset, "claims")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    meta = {"Software": None}  # no version or date inside the PNG

    speakers = speaker_counts(claims)
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(speakers) + 1))
    labels = [name if len(name) <= 40 else name[:38] + "…" for name in speakers]
    ax.barh(labels[::-1], list(speakers.values())[::-1], color="#4a6fa5")
    ax.set_xlabel("claims")
    ax.set_title("Claims by speaker")
    fig.tight_layout()
    fig.savefig(out / "claims_by_speaker.png", dpi=100, metadata=meta)
    plt.close(fig)

    types = type_counts(claims)
    names = sorted({t for v in types.values() for t in v})
    fig, ax = plt.subplots(figsize=(8, 4))
    left = [0] * len(types)
    for name in names:
        values = [types[a].get(name, 0) for a in types]
        ax.barh(list(types), values, left=left, label=name)
        left = [x + y for x, y in zip(left, values, strict=True)]
    ax.set_xlabel("claims (a claim can have several types)")
    ax.set_title("Claim types by article")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "claim_types_by_article.png", dpi=100, metadata=meta)
    plt.close(fig)

    events = timeline(claims)
    arts = sorted({e["article_id"] for e in events})
    fig, ax = plt.subplots(figsize=(9, 3))
    for e in events:
        ax.plot(_year(e["date"]), arts.index(e["article_id"]), "o", color="#c0392b")
    ax.set_yticks(range(len(arts)), arts)
    ax.set_xlabel("date mentioned in a claim (year)")
    ax.set_title("Timeline of dated events mentioned in the claims")
    fig.tight_layout()
    fig.savefig(out / "timeline.png", dpi=100, metadata=meta)
    plt.close(fig)

    numbers = {"claims_by_speaker": speakers, "claim_types_by_article": types, "timeline": events}
    (out / "figures.json").write_text(json.dumps(numbers, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    written += [out / "claims_by_speaker.png", out / "claim_types_by_article.png", out / "timeline.png", out / "figures.json"]
    return written


def cli(argv: list[str]) -> int:
    """Draw the figures; 1, with the install command, when matplotlib is missing."""
    ds = Path(argv[0]) if argv else ROOT / "dataset"
    dest = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "figures"
    try:
        written = main(ds, dest)
    except ImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(cli(sys.argv[1:]))
