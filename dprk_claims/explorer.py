"""The explorer: one self-contained HTML page (no CDN, no network) showing every article with its claims
highlighted, the details of a claim one click away, and filters by speaker, type, check-worthiness and
origin. Article and annotation text is never parsed as HTML: the data is embedded as JSON and rendered
with ``textContent`` only, and the page's Content-Security-Policy forbids loading anything.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

ARTICLE_FIELDS = ("article_id", "text", "headline", "published", "outlet", "language", "provenance", "paragraphs", "annotation")


def _escape(text: str) -> str:
    """JSON text made safe inside a <script> element: no '</', '<!--' or line separators can end it early."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _embed(data: Any) -> str:
    return _escape(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def fragments(article: dict[str, Any], claims_jsonl: str) -> tuple[str, str]:
    """One article's part of the embedded data: its JSON, and its claims' JSON joined by commas. The claims
    are their JSONL lines as written (schema key order), so they are serialised only once."""
    return _embed({k: article[k] for k in ARTICLE_FIELDS}), _escape(claims_jsonl.rstrip("\n").replace("\n", ","))


def _template() -> tuple[str, str]:
    template = resources.files("dprk_claims").joinpath("templates/explorer.html").read_text(encoding="utf-8")
    head, tail = template.split("__DATA__", 1)
    return head, tail


class Page:
    """explorer.html, written as the shards arrive: the claims go straight into the page and the articles
    (a fraction of the size) are spooled beside it and copied in at the end, so the page is written once and
    nothing grows in memory. ``JSON.parse`` does not care in which order the keys come."""

    def __init__(self, path: Path, spool: Path):
        head, self.tail = _template()
        self.spool_path = spool
        self.out, self.spool = path.open("wb"), spool.open("wb+")
        self.out.write((head + '{"claims":[').encode("utf-8"))
        self.first = [True, True]

    def add(self, articles: bytes, claims: bytes) -> None:
        """One shard's runs of article and claim JSON, as ``fragments`` makes them, comma-joined."""
        for k, (handle, run) in enumerate(((self.spool, articles), (self.out, claims))):
            if run:
                handle.write(run if self.first[k] else b"," + run)
                self.first[k] = False

    def close(self, links: list[dict[str, Any]], verdicts: list[dict[str, Any]]) -> None:
        self.out.write(b'],"articles":[')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.out, 1 << 20)
        self.out.write(('],"claim_links":' + _embed(links) + ',"verdicts":' + _embed(verdicts) + "}" + self.tail).encode("utf-8"))
        self.out.close()
        self.spool.close()
        self.spool_path.unlink()
