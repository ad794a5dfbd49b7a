"""``rehydrate TEXT_FREE_DIR COPIES_DIR``: the full dataset in --out from a text-free folder and copies of the articles."""

from __future__ import annotations

import argparse
from pathlib import Path

from dprk_claims.build.guard import check_writes

from .common import inputs

HELP = "rebuild the full dataset in --out from a text-free folder and your copies of the articles"
USES = ("out", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("text_free_dir", type=Path, help="the text-free dataset folder")
    p.add_argument("copies", type=Path, help="folder holding your copies of the articles")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.release.rehydrate import rehydrate

    check_writes(inputs(args), out, out_inputs=[args.text_free_dir, args.copies], cache=False)
    meta = rehydrate(args.text_free_dir, args.copies, out)
    print(f"rehydrated {args.text_free_dir} into {out}: version {meta['version']}, every article matched its text_sha256")
