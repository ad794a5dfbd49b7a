"""``verify``: check the --out folder against its MANIFEST.json."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "check the --out folder against its MANIFEST.json"
USES = ("out", "variant", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    """No arguments of its own."""


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.publish.manifest import verify

    meta = verify(out)
    print(f"verify ok: {out} matches its MANIFEST.json ({len(meta['files'])} files, version {meta['version']})")
