"""``agreement``: inter-annotator agreement of the raw passes and the gold (see :mod:`dprk_claims.curate.agreement`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "inter-annotator agreement of the annotation passes (annotations/passes/) and the gold, as JSON"
USES = ("seeds", "annotations", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    from dprk_claims.curate.agreement import PASSES_DIR

    p.add_argument("--passes", type=Path, default=PASSES_DIR, help=f"folder holding one sub-folder per pass (default: {PASSES_DIR})")
    p.add_argument("--write", action="store_true", help="store the figures in <passes>/agreement.json")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.curate import agreement

    result = agreement.compute(args.passes, args.annotations, args.seeds)
    sys.stdout.write(agreement.store(args.passes, result) if args.write else agreement.text(result))
