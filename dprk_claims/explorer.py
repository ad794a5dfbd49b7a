"""The explorer: an offline HTML page (no CDN, no network) showing every article with its claims
highlighted, the details of a claim one click away, text search and filters by speaker, type,
check-worthiness, origin and verdict. Article and annotation text is never parsed as HTML: the data is
JSON rendered with ``textContent`` only, and the page's Content-Security-Policy forbids any request
but the page's own data files.

A corpus of one shard is one self-contained file, ``explorer.html``. A larger one is an index page (each
article's id, label, date and the facets of its claims, which the filters count) and one data file per
shard, ``explorer/part-NNNNN.js``, which the page loads with a script element when one of its articles
is shown (``fetch`` is refused on ``file:`` pages; a script element is not).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

ARTICLE_FIELDS = ("article_id", "text", "headline", "published", "outlet", "language", "provenance", "paragraphs", "annotation",
                  "lineage")
PART_DIR = "explorer"
LABEL_CHARS = 70  # an article without a headline is listed by its first characters
FACETS = ("speaker", "type", "cw", "origin")


def _escape(text: str) -> str:
    """JSON text made safe inside a <script> element: no '</', '<!--' or line separators can end it early."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _embed(data: Any) -> str:
    return _escape(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def fragments(article: dict[str, Any], claims_jsonl: str, claims: list[dict[str, Any]]) -> tuple[str, str, str]:
    """One article's part of the data: its JSON, its claims' JSON joined by commas (their JSONL lines as
    written, schema key order, so they are serialised only once), and its row of the index (made here,
    in the worker, so that the page never parses the articles again)."""
    facets = [[c["claim_id"].rsplit(":", 1)[-1], c["attribution"]["speaker_normalized"] or "", c["claim_types"],
               c["checkworthiness"], c["annotation"]["origin"]] for c in claims]
    label = article["headline"] or " ".join(article["text"][:LABEL_CHARS].split())
    row = orjson.dumps([article["article_id"], label, article["published"]["value"], facets]).decode("utf-8")
    return _embed({k: article[k] for k in ARTICLE_FIELDS}), _escape(claims_jsonl.rstrip("\n").replace("\n", ",")), row


def part_path(index: int) -> str:
    return f"{PART_DIR}/part-{index:05d}.js"


def _template() -> tuple[str, str]:
    template = resources.files("dprk_claims").joinpath("templates/explorer.html").read_text(encoding="utf-8")
    head, tail = template.split("__DATA__", 1)
    return head, tail


class Index:
    """What the filters of a many-part page need of every article, without its text or claims: facet
    values are numbered once (``values``) and each claim is ``[local id, speaker, type mask, cw, origin]``."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, int]] = {f: {} for f in FACETS}
        self.rows: list[list[Any]] = []

    def _number(self, facet: str, value: str) -> int:
        numbers = self.values[facet]
        found = numbers.get(value)
        if found is None:
            found = numbers[value] = len(numbers)
        return found

    def add(self, part: int, rows: list[list[Any]]) -> None:
        """One shard's index rows as ``fragments`` makes them: [article id, label, date, claims with facet values]."""
        masks: dict[tuple[str, ...], int] = {}
        for article_id, label, published, claims in rows:
            numbered = []
            for cid, speaker, types, cw, origin in claims:
                key = tuple(types)
                mask = masks.get(key)
                if mask is None:
                    mask = masks[key] = sum(1 << self._number("type", t) for t in types)
                numbered.append([cid, self._number("speaker", speaker), mask, self._number("cw", cw), self._number("origin", origin)])
            self.rows.append([article_id, label, published, part, numbered])

    def data(self) -> dict[str, Any]:
        return {"index": self.rows, "facets": {f: list(v) for f, v in self.values.items()}}


class Page:
    """The explorer, written as the shards arrive. One shard: the claims go straight into the page and
    the articles (a fraction of the size) are spooled beside it and copied in at the end. More shards:
    each shard's data file is written when it arrives and only the index is kept. Either way the data is
    written once and nothing grows with the corpus but the index. ``JSON.parse`` does not care in which
    order the keys come."""

    def __init__(self, tmp: Path, shard_count: int):
        self.head, self.tail = _template()
        self.tmp, self.parts = tmp, shard_count > 1
        self.files = ["explorer.html"]
        self.spool_path = tmp / ".explorer-articles"
        self.index = Index()
        self.added = 0
        self.sha: dict[str, str] = {}  # of the data files written, by relative path
        if self.parts:  # the page may load its own data files ('self' is the page's folder tree), nothing else
            self.head = self.head.replace("script-src 'unsafe-inline'", "script-src 'unsafe-inline' 'self'", 1)
            (tmp / PART_DIR).mkdir()
        else:
            self.out, self.spool = (tmp / "explorer.html").open("wb"), self.spool_path.open("wb+")
            self.out.write((self.head + '{"claims":[').encode("utf-8"))
            self.first = [True, True]

    def add(self, articles: bytes, claims: bytes, index: bytes) -> None:
        """One shard's runs of article JSON, claim JSON and index rows, as ``fragments`` makes them, comma-joined."""
        if self.parts:
            rel = part_path(self.added)
            digest = hashlib.sha256()
            with (self.tmp / rel).open("wb") as f:  # the runs as they came, without joining them first
                for run in (b'explorerPart(%d,{"articles":[' % self.added, articles, b'],"claims":[', claims, b"]});\n"):
                    f.write(run)
                    digest.update(run)
            self.sha[rel] = digest.hexdigest()
            self.files.append(rel)
            self.index.add(self.added, orjson.loads(b"[" + index + b"]"))
        else:
            for k, (handle, run) in enumerate(((self.spool, articles), (self.out, claims))):
                if run:
                    handle.write(run if self.first[k] else b"," + run)
                    self.first[k] = False
        self.added += 1

    def close(self, links: list[dict[str, Any]], verdicts: list[dict[str, Any]]) -> list[str]:
        """Finish the page; the files written, relative to the folder (the page first)."""
        tail = ',"claim_links":' + _embed(links) + ',"verdicts":' + _embed(verdicts) + "}" + self.tail
        if self.parts:
            data = self.index.data()
            data["parts"] = self.added
            page = self.head + _embed(data)[:-1] + tail
            (self.tmp / "explorer.html").write_text(page, encoding="utf-8")
            return self.files
        self.out.write(b'],"articles":[')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out, 1 << 20)
        self.out.write(("]" + tail).encode("utf-8"))
        self.out.close()
        self.spool.close()
        self.spool_path.unlink()
        return self.files
