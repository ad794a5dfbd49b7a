"""The explorer: one self-contained HTML page (no CDN, no network) showing every article with its claims
highlighted, the details of a claim one click away, and filters by speaker, type, check-worthiness and
origin. Article and annotation text is never parsed as HTML: the data is embedded as JSON and rendered
with ``textContent`` only, and the page's Content-Security-Policy forbids loading anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

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


def write(path: Path, articles: Iterable[bytes], claims: Iterable[bytes], links: list[dict[str, Any]],
          verdicts: list[dict[str, Any]]) -> None:
    """Write the page, streaming the articles' and claims' JSON (comma-joined runs, as ``fragments`` makes
    them) so a large corpus is never held in memory at once."""
    head, tail = _template()
    with path.open("wb") as out:
        out.write((head + '{"articles":[').encode("utf-8"))
        _join(out, articles)
        out.write(('],"claim_links":' + _embed(links) + ',"claims":[').encode("utf-8"))
        _join(out, claims)
        out.write(('],"verdicts":' + _embed(verdicts) + "}" + tail).encode("utf-8"))


def _join(out: BinaryIO, runs: Iterable[bytes]) -> None:
    first = True
    for run in runs:
        if run:
            out.write(run if first else b"," + run)
            first = False
