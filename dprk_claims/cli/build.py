"""The build (no command): dataset/ from seeds/ and annotations/; with --keep-going, every problem is reported and nothing written."""

from __future__ import annotations

import argparse
from pathlib import Path

from dprk_claims.build.guard import check_writes

from .common import inputs as inputs_of

NOTE_IDS = 20  # article ids named in the note on automatic annotations


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.build.pipeline import build, survey

    inputs = inputs_of(args)
    if args.keep_going:  # a survey builds into a temporary folder and writes nothing
        found = survey(inputs, args.text_free)
        print(f"keep-going: no problems in {found.articles} articles ({found.claims} claims); nothing was written")
        return
    check_writes(inputs, out)  # before any work: nothing the tool did not write is replaced
    report = build(inputs, out, args.text_free)
    variant = " (text-free)" if args.text_free else ""
    print(f"built {out}{variant}: {report.articles} articles ({len(report.curated)} curated), {report.claims} claims, "
          f"version {report.version}")
    for note in report.notes:
        print(f"note: {note}")
    if report.unannotated:
        shown = report.unannotated[:NOTE_IDS] + ([f"… and {len(report.unannotated) - NOTE_IDS} more"]
                                                if len(report.unannotated) > NOTE_IDS else [])
        print(f"note: {len(report.unannotated)} article(s) have no curated annotations and were annotated automatically: "
              + ", ".join(shown))
