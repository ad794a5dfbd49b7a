"""The command line: the only place that prints, formats problems and picks exit codes.

Exit codes: 0 ok, 1 bad input or data (or ``--check``, ``verify``, ``release``, ``rehydrate`` or ``publish``
found a problem), 2 usage.

One module per command (``build`` and ``check`` are the runs with no command); each names its ``HELP``, the
shared option groups it ``USES`` (:mod:`.options`), its own ``arguments`` and how it ``run``s.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from dprk_claims.core.errors import (
    CheckFailed,
    DatasetError,
    PublishError,
    RehydrateError,
    ReleaseRefused,
    UsageError,
    VerifyFailed,
    os_problem,
)

from .options import GROUPS, parent
from .problems import format_problems, note_ignored

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

COMMANDS = ("docs", "release", "verify", "rehydrate", "publish", "name", "labelstudio", "evaluate", "agreement", "train")
# Commands whose failure leaves --out as it was, and says so; the others name only the problems.
ON_OUT = (None, "docs", "release", "verify", "rehydrate", "publish")
WRITE_ERRORS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG}
_FAILED = {
    CheckFailed: "check failed: {out} is not what the build makes:",
    VerifyFailed: "verify failed: {out} does not match its MANIFEST.json:",
    ReleaseRefused: "release refused, nothing was written:",
    RehydrateError: "rehydrate failed, {out} was left as it was:",
    PublishError: "publish failed:",
}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f".{name}", __package__)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build_dataset.py", parents=[parent(tuple(GROUPS), suppress=False)],
        description="Build dataset/ (Parquet, JSONL, the dataset card, croissant.json, MANIFEST.json) from seeds/ and annotations/. "
                    "Options work before or after the command; `build_dataset.py COMMAND --help` lists a command's options.")
    p.add_argument("--check", action="store_true",
                   help="rebuild into a temporary folder and exit 1 if --out differs from it")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = command_module(name)
        module.arguments(sub.add_parser(name, help=module.HELP, description=module.HELP,
                                        parents=[parent(module.USES, suppress=True)]))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)  # argparse exits 2 on usage errors
    out = args.out or Path("dataset-text-free" if args.text_free else "dataset")
    module = command_module(args.command or ("check" if args.check else "build"))
    if args.command in (None, "docs", "release") and not args.json:  # --json: standard error holds only the JSON
        note_ignored(args.seeds)
    try:
        module.run(args, out)
        return EXIT_OK
    except DatasetError as err:
        header = next((text for kind, text in _FAILED.items() if isinstance(err, kind)), None)
        if header:
            print(header.format(out=out), file=sys.stderr)
        print(format_problems(err.problems, args.json, table=args.keep_going), file=sys.stderr)
        if header is None and args.command in ON_OUT:
            print(f"build failed with {len(err.problems)} problem(s); {out} was left as it was", file=sys.stderr)
        return EXIT_DATA
    except UsageError as err:
        print(f"usage error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # the disk is full or read-only, a folder cannot be written: a message, not a traceback
        where = out if args.command in (*ON_OUT, "name") else Path(".")
        print(format_problems([os_problem(where, err, "written" if err.errno in WRITE_ERRORS else "read or written")], args.json),
              file=sys.stderr)
        if args.command in (*ON_OUT, "name"):
            print(f"stopped; {out} was left as it was", file=sys.stderr)
        return EXIT_DATA
