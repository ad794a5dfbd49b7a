"""The explorer: one self-contained HTML page (no CDN, no network) showing every article with its claims
highlighted, the details of a claim one click away, and filters by speaker, type, check-worthiness and
origin. Article and annotation text is never parsed as HTML: the data is embedded as JSON and rendered
with ``textContent`` only, and the page's Content-Security-Policy forbids loading anything.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

ARTICLE_FIELDS = ("article_id", "text", "headline", "published", "outlet", "language", "provenance", "paragraphs", "annotation")


def _embed(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '</', '<!--' or line separators can end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(tables: dict[str, list[dict[str, Any]]]) -> str:
    data = {
        "articles": [{k: a[k] for k in ARTICLE_FIELDS} for a in tables["articles"]],
        "claims": tables["claims"],
        "claim_links": tables.get("claim_links", []),
        "verdicts": tables.get("verdicts", []),
    }
    template = resources.files("dprk_claims").joinpath("templates/explorer.html").read_text(encoding="utf-8")
    return template.replace("__DATA__", _embed(data))
