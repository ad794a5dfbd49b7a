"""``train``: the automatic annotator's models from the external corpora (see :mod:`dprk_claims.curate.train`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

HELP = "train the automatic annotator's models from the corpora in --data (deterministic), with their manifest and card"
USES = ("data", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    from dprk_claims.curate.train import TRAINERS

    p.add_argument("--out", type=Path, default=argparse.SUPPRESS,
                   help="models folder to write (default: the package's annotate/models)")
    p.add_argument("--only", action="append", choices=sorted(TRAINERS), metavar="NAME",
                   help=f"train only this model (repeatable; one of: {', '.join(sorted(TRAINERS))})")
    p.add_argument("--sample", type=int, default=None, metavar="N", help="train on the first N items of each corpus only (quick check)")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.curate.model_figures import default_data
    from dprk_claims.curate.train import MODELS, TRAINERS, train

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    manifest = train(args.data or default_data(), args.out or MODELS, args.only, args.sample)
    for name in args.only or sorted(TRAINERS):
        sys.stdout.write(f"{name}: " + json.dumps(manifest["models"][name]["figures"], sort_keys=True) + "\n")
