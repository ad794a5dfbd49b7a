"""``release VERSION``: check, version, CHANGELOG.md, CITATION.cff, MANIFEST.json."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from dprk_claims.build.guard import check_writes
from dprk_claims.core.errors import UsageError

from .common import inputs as inputs_of

HELP = "cut a release: check, version, CHANGELOG.md, CITATION.cff, MANIFEST.json"
USES = ("seeds", "annotations", "kb", "out", "last_release", "engine", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("version", help="the new version, MAJOR.MINOR.PATCH")
    p.add_argument("--date", help="release date YYYY-MM-DD (default: today, UTC)")
    p.add_argument("--allow-automatic", action="store_true",
                   help="release articles annotated automatically (no curated file); without it, release refuses them")
    p.add_argument("--allow-dirty", action="store_true",
                   help="release although the git checkout holding the inputs has uncommitted changes (or is none)")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.release.release import release, tag_commands

    inputs = inputs_of(args)
    check_writes(inputs, out, release=True)
    if args.text_free:
        raise UsageError("release the full dataset; build the text-free variant from the release afterwards")
    date = args.date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    done = release(inputs, out, args.version, date, allow_dirty=args.allow_dirty, allow_automatic=args.allow_automatic)
    if done.finished:
        print(f"finished release {done.version} ({done.date}), which was interrupted while its files moved")
    for warning in done.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"released {done.version} ({done.date}, {done.level}): wrote " + ", ".join(done.written))
    print("\n" + done.entry)
    commands = tag_commands(done.version, done.written)
    print("Commit the release and tag it:\n" + "\n".join(f"  {c}" for c in commands))
    print("Then publish it if you like: python build_dataset.py publish --repo-id OWNER/NAME (try --dry-run first)")
