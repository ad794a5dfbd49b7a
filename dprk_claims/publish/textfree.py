"""The text-free variant: what it leaves out of the rows, and how the full rows are restored (``rehydrate``).

Which strings quote the article is read from the JSON Schemas: ``x-article-text`` (the whole text: left
out), ``x-span`` (a span with its offsets: left out when longer than ``SHORT_QUOTE``, the offsets stay)
and ``x-paragraph-role`` (the headline and standfirst: likewise, restored from the paragraphs). In every
other string of a row that belongs to an article (normalised claims, evidence notes), each run of more
than ``SHORT_QUOTE`` code points copied from the article becomes a reference ``⟦start:end⟧`` to the
article text. Rehydration reverses exactly these steps, so its rows, and the files written from them,
are byte-identical to the full build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

from dprk_claims.core.errors import DatasetError, Problem, show
from dprk_claims.core.schemas import CONFIGS, json_type, load, row_key
from dprk_claims.parse.layout import first_of

SHORT_QUOTE = 40
OPEN, CLOSE = "⟦", "⟧"
_REF = re.compile(r"⟦(\d+):(\d+)⟧")
Rows = dict[str, list[dict[str, Any]]]


class _Marker(Exception):
    """A string already holds the reference brackets, so a reference could not be told apart from it."""


def _windows(text: str, limit: int) -> set[str]:
    """Every run of limit + 1 code points of the text."""
    return {text[k : k + limit + 1] for k in range(len(text) - limit)}


def _quote_refs(value: str, matcher: SequenceMatcher[str] | None, limit: int, windows: Callable[[], set[str]]) -> str:
    if OPEN in value or CLOSE in value:
        raise _Marker(value)
    if matcher is None or len(value) <= limit:
        return value
    matcher.set_seq1(value)
    text_len = len(matcher.b)  # type: ignore[attr-defined]  # set by set_seq2, missing from the stubs
    runs, todo = [], [(0, len(value))]
    while todo:
        lo, hi = todo.pop()
        # A run longer than limit holds a window of limit + 1 found in the text; without one, the (slow) search
        # would find none, so it is skipped: the same runs either way.
        if hi - lo > limit and any(value[k : k + limit + 1] in windows() for k in range(lo, hi - limit)):
            m = matcher.find_longest_match(lo, hi, 0, text_len)
            if m.size > limit:
                runs.append(m)
                todo += [(lo, m.a), (m.a + m.size, hi)]
    out, pos = [], 0
    for m in sorted(runs):
        out += [value[pos:m.a], f"{OPEN}{m.b}:{m.b + m.size}{CLOSE}"]
        pos = m.a + m.size
    return "".join([*out, value[pos:]])


def _walk(props: dict[str, Any], obj: dict[str, Any], leaf: Callable[[dict[str, Any], dict[str, Any], str, Any], Any],
          text_fn: Callable[[str], str]) -> dict[str, Any]:
    """Rebuild obj key by key (its own key order), applying leaf to marked strings and text_fn to plain ones."""
    out: dict[str, Any] = {}
    for name, value in obj.items():
        node = props[name]
        kind, _ = json_type(node)
        if any(k in node for k in ("x-article-text", "x-span", "x-paragraph-role")):
            out[name] = leaf(node, obj, name, value)
        elif value is None:
            out[name] = None
        elif kind == "object":
            out[name] = _walk(node["properties"], value, leaf, text_fn)
        elif kind == "array" and json_type(node["items"])[0] == "object":
            out[name] = [_walk(node["items"]["properties"], item, leaf, text_fn) for item in value]
        elif kind == "array" and json_type(node["items"])[0] == "string":
            out[name] = [text_fn(item) for item in value]
        elif kind == "string":
            out[name] = text_fn(value)
        else:
            out[name] = value
    return out


def _refs_with(matcher: SequenceMatcher[str] | None, limit: int, windows: Callable[[], set[str]]) -> Callable[[str], str]:
    return lambda value: _quote_refs(value, matcher, limit, windows)


def strip(tables: Rows, limit: int = SHORT_QUOTE) -> Rows:
    """The text-free rows of every config (a config missing from tables has none; the input rows are not changed)."""
    matchers = {a["article_id"]: a["text"] for a in tables["articles"]}
    cache: dict[str, SequenceMatcher[str]] = {}

    def matcher(article_id: Any) -> SequenceMatcher[str] | None:
        if article_id not in matchers:
            return None
        if article_id not in cache:
            cache[article_id] = SequenceMatcher(None, "", matchers[article_id], autojunk=False)
        return cache[article_id]

    last: dict[str, Any] = {}  # the windows of one article at a time (rows come article by article): memory stays small

    def windows_of(article_id: Any) -> Callable[[], set[str]]:
        def windows() -> set[str]:
            if last.get("id") != article_id:
                last.update(id=article_id, windows=_windows(matchers[article_id], limit))
            found: set[str] = last["windows"]
            return found

        return windows

    def leaf(node: dict[str, Any], obj: dict[str, Any], name: str, value: Any) -> Any:
        if "x-article-text" in node or (isinstance(value, str) and len(value) > limit):
            return None
        return value

    out: Rows = {}
    problems = []
    for config in CONFIGS:
        props = load(config)["properties"]
        out[config] = []
        for row in tables.get(config, []):
            article_id = row.get("article_id")
            try:
                out[config].append(_walk(props, row, leaf, _refs_with(matcher(article_id), limit, windows_of(article_id))))
            except _Marker as err:
                problems.append(Problem(config, row_key(config, row), None, "reference_marker",
                                        f"a string holds {OPEN} or {CLOSE}, which the text-free variant keeps for references "
                                        "to the article text", show(str(err)), "replace the bracket in the annotation"))
    if problems:
        raise DatasetError(problems)
    return out


def restore(tables: Rows, texts: dict[str, str]) -> Rows:
    """The full rows from text-free rows and the article texts (by article_id)."""
    def expand(text: str | None) -> Callable[[str], str]:
        return lambda s: s if text is None else _REF.sub(lambda m: text[int(m[1]):int(m[2])], s)

    out: Rows = {}
    for config in CONFIGS:
        props = load(config)["properties"]
        out[config] = []
        for row in tables[config]:
            text = texts.get(row.get("article_id", ""))

            def leaf(node: dict[str, Any], obj: dict[str, Any], name: str, value: Any, text: str | None = text) -> Any:
                if text is None or value is not None and "x-article-text" not in node:
                    return value
                if "x-article-text" in node:
                    return text
                if "x-paragraph-role" in node:
                    return first_of(text, obj["paragraphs"], node["x-paragraph-role"])
                start, end = obj[node["x-span"]["start"]], obj[node["x-span"]["end"]]
                return None if start is None else text[start:end]

            out[config].append(_walk(props, row, leaf, expand(text)))
    return out
