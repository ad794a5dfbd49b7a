"""The command line: the only place that prints, formats problems and picks exit codes.

Exit codes: 0 ok, 1 bad input or data (or ``--check`` found a difference), 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import CheckFailed, DatasetError, Problem, UsageError
from .pipeline import Inputs, build, check, refresh_docs

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build_dataset.py",
        description="Build dataset/ (Parquet, JSONL and the dataset card) from seeds/ and annotations/.")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of NNN_<hex>.txt articles (default: seeds)")
    p.add_argument("--annotations", type=Path, default=Path("annotations"),
                   help="folder of curated <article_id>.json annotation files (default: annotations)")
    p.add_argument("--kb", type=Path, default=Path("kb/entities.json"), help="knowledge base (default: kb/entities.json)")
    p.add_argument("--out", type=Path, default=Path("dataset"), help="output folder (default: dataset)")
    p.add_argument("--check", action="store_true",
                   help="rebuild into a temporary folder and exit 1 if --out differs from it")
    p.add_argument("--json", action="store_true", help="print problems as JSON instead of one line each")
    p.add_argument("--keep-going", action="store_true",
                   help="check every input and report every problem in one run, as a table (or JSON with --json); nothing is written")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    docs = sub.add_parser("docs", help="rewrite the generated blocks (field tables, counts) of DATASHEET.md")
    docs.add_argument("files", nargs="*", type=Path, default=[Path("DATASHEET.md")], help="documents to refresh")
    return p


def format_problems(problems: Sequence[Problem], as_json: bool, table: bool = False) -> str:
    if as_json:
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    if table:
        return problem_table(problems)
    return "\n".join(f"error: {p.render()}" for p in problems)


def problem_table(problems: Sequence[Problem]) -> str:
    """Problems as an aligned text table: file, record, field, code, value, and what is wrong and how to fix it."""
    head = ("file", "record", "field", "code", "value", "problem and fix")
    rows = [(p.file, p.record or "", p.field or "", p.code, p.value or "", p.message + (f". Fix: {p.hint}" if p.hint else ""))
            for p in problems]
    widths = [min(60, max(len(r[i]) for r in [head, *rows])) for i in range(5)]
    lines = []
    for r in [head, *rows]:
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5])
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 15)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)  # argparse exits 2 on usage errors
    inputs = Inputs(seeds=args.seeds, annotations=args.annotations, kb=args.kb, keep_going=args.keep_going)
    try:
        if args.command == "docs":
            changed = refresh_docs(inputs, args.files)
            print(f"docs: {len(changed)} file(s) updated" + "".join(f"\n  {p}" for p in changed))
            return EXIT_OK
        if args.check:
            report = check(inputs, args.out)
            print(f"check ok: {args.out} is what the build makes ({report.articles} articles, {report.claims} claims)")
            return EXIT_OK
        report = build(inputs, args.out)
    except CheckFailed as err:
        print(f"check failed: {args.out} is not what the build makes:", file=sys.stderr)
        print(format_problems(err.problems, args.json), file=sys.stderr)
        return EXIT_DATA
    except DatasetError as err:
        print(format_problems(err.problems, args.json, table=args.keep_going), file=sys.stderr)
        print(f"build failed with {len(err.problems)} problem(s); {args.out} was left as it was", file=sys.stderr)
        return EXIT_DATA
    except UsageError as err:
        print(f"usage error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"built {args.out}: {report.articles} articles ({len(report.curated)} curated), {report.claims} claims")
    if report.unannotated:
        print(f"note: {len(report.unannotated)} article(s) have no curated annotations and were annotated automatically: "
              + ", ".join(report.unannotated))
    return EXIT_OK
