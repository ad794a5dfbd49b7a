"""The configs that join claims across articles: ``annotator_labels`` (the raw passes matched to the gold),
``claim_links`` and ``verdicts``, and the checks that every claim they name exists.

They need only the claims of a few articles (those with passes, links or verdicts), so a streaming
build keeps just those (``Selection``) while every other row goes straight to disk.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from dprk_claims.build.shards import Shard
from dprk_claims.core.errors import DatasetError, Problem
from dprk_claims.read import annotations as curated
from dprk_claims.read import passes, verdicts
from dprk_claims.validate import checks

Rows = dict[str, list[dict[str, Any]]]
SEED_ID = re.compile(r"^[0-9]{3,}_[0-9a-f]{4,64}\.(txt|json)$")  # a seed file or the annotation file of one article


def _article_of(claim_id: Any) -> str | None:
    return claim_id.split(":", 1)[0] if isinstance(claim_id, str) and ":" in claim_id else None


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # a broken file is reported where it is read for real (``rows``)


def wanted(annotations: Path) -> set[str]:
    """The articles whose rows the cross-article configs read: those with raw passes, links or verdicts."""
    found: set[str] = set()
    passes_dir = annotations / "passes"
    if passes_dir.is_dir():
        found |= {p.stem for folder in passes_dir.iterdir() if folder.is_dir() for p in folder.glob("*.json")}
    links = _json(annotations / curated.LINKS_FILE)
    for row in (links.get("links", []) if isinstance(links, dict) else links if isinstance(links, list) else []):
        if isinstance(row, dict):
            found |= {a for a in (_article_of(row.get("claim_id_a")), _article_of(row.get("claim_id_b"))) if a}
    for name in ("V1.json", "V2.json", "adjudication.json"):
        data = _json(annotations / "verdicts" / name)
        for row in (data.get("verdicts", []) + data.get("decisions", []) if isinstance(data, dict) else []):
            if isinstance(row, dict) and (a := _article_of(row.get("claim_id"))):
                found.add(a)
    return found


class Selection:
    """The claims and articles of the wanted articles, picked from the shards as they pass."""

    def __init__(self, articles: set[str]):
        self.want = articles
        self.claims: dict[str, dict[str, Any]] = {}
        self.articles: dict[str, dict[str, Any]] = {}

    def add(self, shard: Shard) -> None:
        """The wanted rows the worker sent back (``ShardTask.want``)."""
        for article in shard.selected.get("articles", []):
            self.articles[article["article_id"]] = article
        for claim in shard.selected.get("claims", []):
            self.claims[claim["claim_id"]] = claim



def rows(annotations: Path, claims: dict[str, dict[str, Any]], articles: dict[str, dict[str, Any]],
         cfs_curated: list[str]) -> tuple[Rows, list[Problem]]:
    """The rows of the cross-article configs and every problem with them. claims and articles (by id) hold
    at least the wanted articles' rows; cfs_curated: every CFS claim of a curated article (each needs a verdict)."""
    links_file, verdict_dir = annotations / curated.LINKS_FILE, annotations / "verdicts"
    gold: dict[str, list[dict[str, Any]]] = {a: [] for a, art in articles.items() if art["annotation"]["origin"] == "curated"}
    for claim in claims.values():  # in canonical order: the claims came in that order
        if claim["article_id"] in gold:
            gold[claim["article_id"]].append(claim)
    tables: Rows = {"annotator_labels": passes.label_rows(annotations / "passes", gold)}
    tables["claim_links"] = sorted(curated.load_links(links_file), key=lambda r: (r.get("claim_id_a"), r.get("claim_id_b")))
    tables["verdicts"], found = verdicts.rows(verdict_dir, claims, articles)
    if tables["verdicts"] or found:
        found += verdicts.missing(cfs_curated, tables["verdicts"], str(verdict_dir / "V1.json"), verdicts.removals(verdict_dir))
    try:
        checks.cross_check(tables, claims, {"claim_links": str(links_file), "annotator_labels": str(annotations / "passes"),
                                              "verdicts": str(verdict_dir)})
    except DatasetError as err:
        found += err.problems
    return tables, found


FOLLOWS = "links and verdicts to claims of this article, which failed to load"


def _named_claim(problem: Problem) -> str | None:
    """The claim id an ``unknown_claim`` problem names (its value is the id's repr), else None."""
    if problem.code != "unknown_claim" or problem.value is None:
        return None
    try:
        value = ast.literal_eval(problem.value)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def fold(problems: list[Problem], found: list[Problem], loaded: set[str]) -> list[Problem]:
    """problems (those of the articles) and found (those of the cross-article configs) as one list, in which
    every cross-article problem that names a claim of an article that failed to load (one not in loaded) is
    not listed but counted on that article's first problem, its cause: one cause, one problem."""
    causes: dict[str, Problem] = {}
    for problem in sorted(problems):
        name = Path(problem.file).name
        aid = name.rsplit(".", 1)[0] if SEED_ID.match(name) else None
        if aid is not None and aid not in loaded:
            causes.setdefault(aid, problem)
    folded: dict[Problem, list[Problem]] = {}
    kept = list(problems)
    for problem in found:
        cause = causes.get(_article_of(_named_claim(problem)) or "")
        if cause is None:
            kept.append(problem)
        else:
            folded.setdefault(cause, []).append(problem)
    for cause, follow in folded.items():
        files = ", ".join(sorted({p.file for p in follow}))
        kept[kept.index(cause)] = replace(cause, follows=len(follow), follows_what=f"{FOLLOWS}, in {files}")
    return kept
