"""``--check``: rebuild into a temporary folder and fail if --out is not byte-identical to it."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import checked_inputs


def run(args: argparse.Namespace, out: Path) -> None:
    from ..pipeline import check

    report = check(checked_inputs(args, out), out, args.text_free)
    print(f"check ok: {out} is what the build makes ({report.articles} articles, {report.claims} claims, version {report.version})")
