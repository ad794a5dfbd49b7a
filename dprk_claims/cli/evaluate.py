"""``evaluate``: the automatic annotator against the gold (see :mod:`dprk_claims.curate.evaluate`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "score the automatic annotator against the curated annotations (the README's evaluation tables)"
USES = ("seeds", "annotations", "kb", "data")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cv", action="store_true",
                   help="recompute the ClaimBuster cross-validation (otherwise taken from the committed models/manifest.json)")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                   help="print every figure (and any problem) as JSON instead of the table")
    p.add_argument("--write", type=Path, nargs="?", const=Path("README.md"), default=None, metavar="FILE",
                   help="rewrite the generated evaluation blocks of FILE (default README.md)")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.curate import evaluate

    result = evaluate.compute(args.seeds, args.annotations, args.kb, args.data, args.cv)
    tables = evaluate.blocks(result)
    if args.write is not None:
        evaluate.write(args.write, tables)
    sys.stdout.write((json.dumps(result, indent=2) if args.json else "\n\n".join(tables.values())) + "\n")
