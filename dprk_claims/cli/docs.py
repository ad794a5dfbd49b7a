"""``docs``: rewrite the generated blocks of DATASHEET.md (or the documents named)."""

from __future__ import annotations

import argparse
from pathlib import Path

from dprk_claims.build.guard import check_writes

from .common import inputs as inputs_of

HELP = "rewrite the generated blocks (field tables, counts, version) of DATASHEET.md"
USES = ("seeds", "annotations", "kb", "last_release", "engine", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="*", type=Path, default=[Path("DATASHEET.md")], help="documents to refresh")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.release.docs import refresh_docs

    inputs = inputs_of(args)
    check_writes(inputs, docs=args.files)
    changed = refresh_docs(inputs, args.files)
    print(f"docs: {len(changed)} file(s) updated" + "".join(f"\n  {p}" for p in changed))
