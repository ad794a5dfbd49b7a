"""The options of ``build_dataset.py`` shared by several commands, each defined once here.

Each group of options is a parent parser. The top-level parser has every group (with its defaults), so
an option works before the command; each command's parser has the groups it uses, so the option also
works after the command and the command's ``--help`` lists it. In a command's parser the defaults are
``SUPPRESS``: an option left out after the command keeps the value given (or defaulted) before it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from dprk_claims.build.shards import SHARD_ARTICLES

Default = Callable[[object], object]
Group = Callable[[argparse.ArgumentParser, Default], None]


def _section(p: argparse.ArgumentParser, title: str) -> argparse._ArgumentGroup:
    """The parser's argument group of this title (made once, so two option groups can share a section)."""
    for group in p._action_groups:
        if group.title == title:
            return group
    return p.add_argument_group(title)


def _seeds(p: argparse.ArgumentParser, d: Default) -> None:
    p.add_argument("--seeds", type=Path, default=d(Path("seeds")), help="folder of NNN_<hex>.txt articles (default: seeds)")


def _annotations(p: argparse.ArgumentParser, d: Default) -> None:
    _section(p, "inputs").add_argument("--annotations", type=Path, default=d(Path("annotations")),
                                       help="folder of curated <article_id>.json annotation files (default: annotations)")


def _kb(p: argparse.ArgumentParser, d: Default) -> None:
    _section(p, "inputs").add_argument("--kb", type=Path, default=d(Path("kb/entities.json")),
                                       help="knowledge base (default: kb/entities.json)")


def _out(p: argparse.ArgumentParser, d: Default) -> None:
    p.add_argument("--out", type=Path, default=d(None),
                   help="the dataset folder (default: dataset, or dataset-text-free with --text-free)")


def _variant(p: argparse.ArgumentParser, d: Default) -> None:
    p.add_argument("--text-free", action="store_true", default=d(False),
                   help="the text-free variant: no article text, no span text longer than a short quote")


def _last_release(p: argparse.ArgumentParser, d: Default) -> None:
    p.add_argument("--last-release", type=Path, default=d(Path("last-release")),
                   help="folder keeping what the last release held (default: last-release)")


def _engine(p: argparse.ArgumentParser, d: Default) -> None:
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


def _data(p: argparse.ArgumentParser, d: Default) -> None:
    p.add_argument("--data", type=Path, default=d(None), metavar="DIR",
                   help="folder of the training corpora (default: $DPRK_CLAIMS_DATA, else ../shared/data)")


def _json(p: argparse.ArgumentParser, d: Default) -> None:
    p.add_argument("--json", action="store_true", default=d(False), help="print problems as JSON instead of one line each")


GROUPS: dict[str, Group] = {"seeds": _seeds, "annotations": _annotations, "kb": _kb, "out": _out, "variant": _variant,
                            "last_release": _last_release, "engine": _engine, "data": _data, "json": _json}
INPUTS = ("seeds", "annotations", "kb")


def parent(groups: tuple[str, ...], suppress: bool) -> argparse.ArgumentParser:
    """A parent parser holding these option groups; with ``suppress``, an option left out sets nothing."""
    p = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    for name in groups:
        GROUPS[name](p, default)
    return p
