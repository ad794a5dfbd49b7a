"""``--check``: rebuild into a temporary folder and fail if --out is not byte-identical to it."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import inputs


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.build.pipeline import check

    report = check(inputs(args), out, args.text_free)  # builds into a temporary folder
    print(f"check ok: {out} is what the build makes ({report.articles} articles, {report.claims} claims, version {report.version})")
