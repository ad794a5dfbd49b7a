"""The options of ``build_dataset.py``, defined once and shared by the commands that use them.

Each group of options is a parent parser. The top-level parser has every group (with its defaults), so
an option works before the command; each command's parser has the groups it uses, so the option also
works after the command and the command's ``--help`` lists it. In a command's parser the defaults are
``SUPPRESS``: an option left out after the command keeps the value given (or defaulted) before it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from .shards import SHARD_ARTICLES

Group = Callable[[argparse.ArgumentParser, Callable[[object], object]], None]


def _seeds(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    p.add_argument("--seeds", type=Path, default=d(Path("seeds")), help="folder of NNN_<hex>.txt articles (default: seeds)")


def _inputs(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    g = p.add_argument_group("inputs")
    g.add_argument("--annotations", type=Path, default=d(Path("annotations")),
                   help="folder of curated <article_id>.json annotation files (default: annotations)")
    g.add_argument("--kb", type=Path, default=d(Path("kb/entities.json")), help="knowledge base (default: kb/entities.json)")


def _out(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    p.add_argument("--out", type=Path, default=d(None),
                   help="the dataset folder (default: dataset, or dataset-text-free with --text-free)")


def _variant(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    p.add_argument("--text-free", action="store_true", default=d(False),
                   help="the text-free variant: no article text, no span text longer than a short quote")


def _last_release(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    p.add_argument("--last-release", type=Path, default=d(Path("last-release")),
                   help="folder keeping what the last release held (default: last-release)")


def _engine(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    g = p.add_argument_group("how the build runs")
    g.add_argument("--workers", type=int, default=d(None),
                   help="local worker processes making the shards (default: one per core; a single shard runs in this process)")
    g.add_argument("--shard-articles", type=int, default=d(SHARD_ARTICLES), metavar="N",
                   help=f"articles per Parquet shard (train-NNNNN-of-MMMMM.parquet), the unit of work (default: {SHARD_ARTICLES})")
    g.add_argument("--engine", choices=("local", "dask"), default=d("local"),
                   help="where the per-shard work runs: local processes, or a Dask cluster (needs --scheduler)")
    g.add_argument("--scheduler", default=d(None), help="the Dask scheduler's address, e.g. tcp://10.0.0.5:8786")
    g.add_argument("--cache", type=Path, default=d(Path(".build-cache")),
                   help="folder for incremental builds: unchanged articles and shards are not made again (default: .build-cache)")
    g.add_argument("--no-cache", action="store_true", default=d(False), help="process every article afresh and keep no cache")
    g.add_argument("--keep-going", action="store_true", default=d(False),
                   help="check every input and report every problem in one run, as a table (or JSON with --json); nothing is written")


def _json(p: argparse.ArgumentParser, d: Callable[[object], object]) -> None:
    p.add_argument("--json", action="store_true", default=d(False), help="print problems as JSON instead of one line each")


GROUPS: dict[str, Group] = {"seeds": _seeds, "inputs": _inputs, "out": _out, "variant": _variant, "last_release": _last_release,
                            "engine": _engine, "json": _json}

# The option groups each command uses (the build, with no command, uses them all).
USES = {
    "docs": ("seeds", "inputs", "last_release", "engine", "json"),
    "release": ("seeds", "inputs", "out", "last_release", "engine", "json"),
    "verify": ("out", "variant", "json"),
    "rehydrate": ("out", "json"),
    "publish": ("out", "variant", "json"),
    "name": ("seeds", "json"),
}


def _parent(groups: tuple[str, ...], suppress: bool) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    for name in groups:
        GROUPS[name](parent, default)
    return parent


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build_dataset.py", parents=[_parent(tuple(GROUPS), suppress=False)],
        description="Build dataset/ (Parquet, JSONL, the dataset card, croissant.json, MANIFEST.json) from seeds/ and annotations/. "
                    "Options work before or after the command; `build_dataset.py COMMAND --help` lists a command's options.")
    p.add_argument("--check", action="store_true",
                   help="rebuild into a temporary folder and exit 1 if --out differs from it")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, parents=[_parent(USES[name], suppress=True)])

    docs = command("docs", "rewrite the generated blocks (field tables, counts, version) of DATASHEET.md")
    docs.add_argument("files", nargs="*", type=Path, default=[Path("DATASHEET.md")], help="documents to refresh")
    rel = command("release", "cut a release: check, version, CHANGELOG.md, CITATION.cff, MANIFEST.json")
    rel.add_argument("version", help="the new version, MAJOR.MINOR.PATCH")
    rel.add_argument("--date", help="release date YYYY-MM-DD (default: today, UTC)")
    rel.add_argument("--allow-automatic", action="store_true",
                     help="release articles annotated automatically (no curated file); without it, release refuses them")
    rel.add_argument("--allow-dirty", action="store_true",
                     help="release although the git checkout holding the inputs has uncommitted changes (or is none)")
    command("verify", "check the --out folder against its MANIFEST.json")
    hyd = command("rehydrate", "rebuild the full dataset in --out from a text-free folder and your copies of the articles")
    hyd.add_argument("text_free_dir", type=Path, help="the text-free dataset folder")
    hyd.add_argument("copies", type=Path, help="folder holding your copies of the articles")
    pub = command("publish", "upload the --out folder (a release) to the Hugging Face Hub and tag it")
    pub.add_argument("--repo-id", required=True, help="the Hub dataset repository, OWNER/NAME")
    pub.add_argument("--dry-run", action="store_true", help="list exactly what would be sent, and send nothing")
    pub.add_argument("--private", action="store_true", help="create the repository as private if it does not exist")
    name = command("name", "print a fresh seed file name NNN_<hex>.txt for each FILE (the next free numbers in --seeds)")
    name.add_argument("files", nargs="+", type=Path, metavar="FILE", help="an article to add to the seed folder")
    return p
