"""The command line: the only place that prints, formats problems and picks exit codes.

Exit codes: 0 ok, 1 bad input or data (or ``--check``, ``verify``, ``release``, ``rehydrate`` or ``publish``
found a problem), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .docs import refresh_docs
from .errors import CheckFailed, DatasetError, Problem, PublishError, RehydrateError, ReleaseRefused, UsageError, VerifyFailed, os_problem
from .options import parser
from .pipeline import Inputs, build, check, survey

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def format_problems(problems: Sequence[Problem], as_json: bool, table: bool = False) -> str:
    if as_json:
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    if table:
        return problem_table(problems)
    return "\n".join(f"error: {p.render()}" for p in problems)


_FAILED = {
    CheckFailed: "check failed: {out} is not what the build makes:",
    VerifyFailed: "verify failed: {out} does not match its MANIFEST.json:",
    ReleaseRefused: "release refused, nothing was written:",
    RehydrateError: "rehydrate failed, {out} was left as it was:",
    PublishError: "publish failed:",
}


def run(args: argparse.Namespace, inputs: Inputs, out: Path) -> int:
    from .guard import check_command

    check_command(args, inputs, out)  # before any work: nothing the tool did not write is replaced
    if args.command == "docs":
        changed = refresh_docs(inputs, args.files)
        print(f"docs: {len(changed)} file(s) updated" + "".join(f"\n  {p}" for p in changed))
    elif args.command == "verify":
        from .manifest import verify

        meta = verify(out)
        print(f"verify ok: {out} matches its MANIFEST.json ({len(meta['files'])} files, version {meta['version']})")
    elif args.command == "release":
        from .release import release, tag_commands

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
    elif args.command == "rehydrate":
        from .rehydrate import rehydrate

        meta = rehydrate(args.text_free_dir, args.copies, out)
        print(f"rehydrated {args.text_free_dir} into {out}: version {meta['version']}, every article matched its text_sha256")
    elif args.command == "publish":
        from .publish import publish

        plan = publish(out, args.repo_id, args.dry_run, args.private)
        if args.dry_run:
            print("dry run, nothing sent:\n" + "\n".join(plan.lines()))
        else:
            print(f"published {plan.version} to https://huggingface.co/datasets/{plan.repo_id}, tagged {plan.tag}")
    elif args.command == "name":
        from .seeds import fresh_names

        print("\n".join(fresh_names(args.seeds, args.files)))
    elif args.keep_going and not args.check:
        report = survey(inputs, args.text_free)
        print(f"keep-going: no problems in {report.articles} articles ({report.claims} claims); nothing was written")
    elif args.check:
        report = check(inputs, out, args.text_free)
        print(f"check ok: {out} is what the build makes ({report.articles} articles, {report.claims} claims, version {report.version})")
    else:
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
    return EXIT_OK


def note_ignored(seeds_dir: Path) -> None:
    """Name, on standard error, the files of the seed folder that are not articles and were left out."""
    from .seeds import ignored

    names = ignored(seeds_dir)
    if names:
        print(f"note: {seeds_dir}: {len(names)} file(s) that are not articles were ignored (a dotfile, not .txt, or "
              f"README*/NOTES*): {', '.join(names)}", file=sys.stderr)


def problem_table(problems: Sequence[Problem]) -> str:
    """Problems as an aligned text table: file, record, field, code, value, and what is wrong and how to fix it."""
    head = ("file", "record", "field", "code", "value", "problem and fix")
    rows = [(p.file, p.record or "", p.field or "", p.code, p.value or "",
             p.message + (f". Fix: {p.hint}" if p.hint else "") + p.follow_note()) for p in problems]
    widths = [min(60, max(len(r[i]) for r in [head, *rows])) for i in range(5)]
    lines = []
    for r in [head, *rows]:
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(5)) + "  " + r[5])
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 15)
    return "\n".join(lines)


PROGRESS_MIN = 200  # articles: smaller builds finish before a progress report would help


NOTE_IDS = 20  # article ids named in the note on automatic annotations


def progress_reporter(stream: Any = None) -> Callable[[int, int], None]:
    """A progress bar (tqdm) on a terminal; plain lines (every 10%) otherwise, e.g. in CI logs."""
    stream = stream if stream is not None else sys.stderr
    state: dict[str, Any] = {}

    def report(done: int, total: int) -> None:
        if total < PROGRESS_MIN:
            return
        if stream.isatty():
            if "bar" not in state:
                from tqdm import tqdm

                state["bar"] = tqdm(total=total, unit="article", file=stream)
            state["bar"].update(done - state["bar"].n)
            if done == total:
                state["bar"].close()
        elif done == total or done * 10 // total > state.get("tenth", 0):
            state["tenth"] = done * 10 // total
            print(f"progress: {done}/{total} articles", file=stream, flush=True)

    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)  # argparse exits 2 on usage errors
    out = args.out or Path("dataset-text-free" if args.text_free else "dataset")
    inputs = Inputs(seeds=args.seeds, annotations=args.annotations, kb=args.kb, last_release=args.last_release,
                    keep_going=args.keep_going, engine=args.engine, workers=args.workers, scheduler=args.scheduler,
                    cache=None if args.no_cache else args.cache, progress=progress_reporter(), shard_articles=args.shard_articles)
    if args.command in (None, "docs", "release") and not args.json:  # --json: standard error holds only the JSON
        note_ignored(args.seeds)
    try:
        return run(args, inputs, out)
    except DatasetError as err:
        header = next((text for kind, text in _FAILED.items() if isinstance(err, kind)), None)
        if header:
            print(header.format(out=out), file=sys.stderr)
        print(format_problems(err.problems, args.json, table=args.keep_going), file=sys.stderr)
        if header is None and args.command != "name":
            print(f"build failed with {len(err.problems)} problem(s); {out} was left as it was", file=sys.stderr)
        return EXIT_DATA
    except UsageError as err:
        print(f"usage error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:  # the disk is full or read-only, a folder cannot be written: a message, not a traceback
        print(format_problems([os_problem(out, err, "written" if err.errno in WRITE_ERRORS else "read or written")], args.json),
              file=sys.stderr)
        print(f"stopped; {out} was left as it was", file=sys.stderr)
        return EXIT_DATA


WRITE_ERRORS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG}
