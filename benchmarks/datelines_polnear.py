"""How the page parser's wire datelines and printed dates do on PolNeAR articles, against the corpus's metadata.

Run: python benchmarks/datelines_polnear.py [--data ../shared/data] [--split dev]
PolNeAR (Newell, Margolin and Ruths, LREC 2018) ships each article's text with its publisher, publication
date and wire agency (AP, AFP, Reuters, UPI) in `metadata.tsv`. For every article of the split this prints
how many datelines name an agency, how many of those agree with the metadata's wire, how many wire
articles get no outlet, and how many articles get a publication date and whether it is the metadata's
day. The texts have no page furniture (no timestamp lines), so few dates are expected. The parser was
written without looking at the dev split; the train split was looked at once (it showed datelines with a
date and no place, "Dec 29 (Reuters) -", and a correction's date below the report). No text is printed
beyond article names.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="folder holding polnear/ (default ../shared/data)")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="PolNeAR split (default dev)")
    args = parser.parse_args()
    root = args.data / "polnear"
    if not (root / "metadata.tsv").is_file():
        print(f"{root / 'metadata.tsv'}: not found; give --data the folder that holds polnear/")
        return 2
    from dprk_claims.parse import layout

    with (root / "metadata.tsv").open(encoding="utf-8") as handle:
        meta = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    n: Counter[str] = Counter()
    wrong: list[str] = []
    for path in sorted((root / args.split / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paras = layout.paragraphs(text)
        row = meta.get(path.stem, {})
        wire = (row.get("wire") or "").lower()
        wire = wire if wire in ("ap", "afp", "reuters", "upi") else ""
        outlet = layout.outlet(text, paras)
        published = layout.timestamps(text, paras).get("published", {}).get("value")
        n["articles"] += 1
        n["wire articles (metadata)"] += bool(wire)
        if outlet is not None:
            n["outlets from a dateline"] += 1
            agrees = bool(wire) and outlet[0].lower() == wire
            n["  of which agree with the wire"] += agrees
            n["  of which the metadata names no wire"] += not wire
            if wire and not agrees:
                wrong.append(f"{path.stem}: {outlet[0]} (metadata: {wire})")
        elif wire:
            n["wire articles with no outlet"] += 1
        if published:
            n["publication dates"] += 1
            n["  of which the metadata's day"] += published[:10] == row.get("publication_date")
    print(f"PolNeAR {args.split}:")
    for key, value in n.items():
        print(f"  {key}: {value}")
    for line in wrong:
        print(f"  disagrees: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
