"""``name FILE ...``: a fresh seed file name NNN_<hex>.txt for each file."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "print a fresh seed file name NNN_<hex>.txt for each FILE (the next free numbers in --seeds)"
USES = ("seeds", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="an article to add to the seed folder")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.read.seeds import fresh_names

    print("\n".join(fresh_names(args.seeds, args.files)))
