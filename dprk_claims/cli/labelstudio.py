"""``labelstudio export|import|config``: the Label Studio round trip (see :mod:`dprk_claims.curate.labelstudio`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import INPUTS, parent

HELP = "Label Studio round trip: export tasks, import a JSON export into --annotations, print the labeling config"
USES = (*INPUTS, "json")


def arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="labelstudio", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, parents=[parent(USES, suppress=True)])

    ex = command("export", "write Label Studio tasks (and the labeling config)")
    ex.add_argument("--out", type=Path, required=True, help="tasks JSON file to write")
    ex.add_argument("--config", type=Path, default=None, help="also write the labeling config (XML) here")
    ex.add_argument("--source", choices=("best", "gold", "automatic"), default="best",
                    help="predictions: gold where curated and automatic otherwise (best), gold only, or automatic only")
    im = command("import", "write --annotations from a Label Studio JSON export")
    im.add_argument("export", type=Path, help="the JSON export of the Label Studio project")
    im.add_argument("--dry-run", action="store_true", help="check the export and report, but write nothing")
    im.add_argument("--force", action="store_true",
                    help="replace annotation files changed since the export (each old file is kept beside it, as <file>.replaced-<hash>)")
    command("config", "print the labeling config")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.curate import labelstudio

    if args.labelstudio == "config":
        from dprk_claims.curate.labelstudio_convert import label_config

        sys.stdout.write(label_config())
    elif args.labelstudio == "export":
        count = labelstudio.export(args.seeds, args.annotations, args.kb, args.out, args.config, args.source)
        print(f"wrote {count} task(s) to {args.out}")
    else:
        kept: list[Path] = []
        written = labelstudio.import_export(args.export, args.seeds, args.annotations, args.kb, write=not args.dry_run,
                                            force=args.force, kept=kept)
        verb = "checked" if args.dry_run else "wrote"
        print(f"{verb} {len(written)} annotation file(s)" + "".join(f"\n  {args.annotations / a}.json" for a in sorted(written)))
        for path in kept:
            print(f"kept the file it replaced, changed since the export, at {path}")
