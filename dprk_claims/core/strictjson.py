"""Strict JSON for every file a person or another tool writes (annotation files, the knowledge base, manifests,
Label Studio exports): what the standard would let a reader take silently is refused with its line.

Refused: duplicate keys in an object (the last would win), numbers that are not finite (``NaN``,
``Infinity``, ``1e400``), integers past 2**53 (they would be rounded), nesting deeper than ``MAX_DEPTH``,
and control characters other than newline and tab inside strings. orjson reads valid files fast; a file
it refuses, or whose parse looks suspect (more keys written than kept, a big integer, deep nesting), is
read again by a pure-Python scanner that names the line, the column and the key.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import math
import re
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import DatasetError, Problem, os_problem

MAX_DEPTH = 64
MAX_INT = 2**53
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"\s*(:?)', re.S)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls and DEL; newline and tab are fine


class StrictError(ValueError):
    def __init__(self, line: int, column: int, key: str | None, message: str):
        self.line, self.column, self.key, self.message = line, column, key, message
        super().__init__(f"line {line}, column {column}: {message}")

    @property
    def where(self) -> str:
        return f"line {self.line}, column {self.column}"


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _suspect(data: Any) -> tuple[int, bool]:
    """(keys kept, whether something needs the slow reading), walking the parsed data without recursion."""
    keys, stack = 0, [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return keys, True
        if isinstance(node, dict):
            keys += len(node)
            stack += [(v, depth + 1) for v in node.values()]
            if any(CONTROL.search(k) for k in node):
                return keys, True
        elif isinstance(node, list):
            stack += [(v, depth + 1) for v in node]
        elif isinstance(node, str):
            if CONTROL.search(node):
                return keys, True
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, int):
            if abs(node) > MAX_INT:
                return keys, True
        elif isinstance(node, float) and not math.isfinite(node):
            return keys, True
    return keys, False


_ESCAPED_CONTROL = re.compile(rb"\\u00[01289][0-9a-fA-F]|\\u007[fF]|\\[bfr]")
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')


def _containers(data: Any) -> tuple[int, bool]:
    """(keys kept, whether an integer past 2**53 or nesting past MAX_DEPTH is there), walking containers only.
    The data is what orjson made, so exact types are tested (``type(v) is``: faster than ``isinstance``)."""
    keys, stack = 0, [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if type(node) is dict:
            keys += len(node)
            values = node.values()
        else:
            values = node
        for v in values:
            kind = type(v)
            if kind is dict or kind is list:
                if depth + 1 > MAX_DEPTH:
                    return keys, True
                stack.append((v, depth + 1))
            elif kind is int and abs(v) > MAX_INT:
                return keys, True
    return keys, type(data) is int and abs(data) > MAX_INT


def _looks_clean(raw: bytes, data: Any) -> bool:
    """Whether what orjson read from ``raw`` is what the strict reading gives, decided on the bytes: orjson
    already refuses raw control characters, NaN and numbers too large for a double. Left to check: a DEL or
    C1 control written raw, a control character written as an escape (\\u0001, \\b, …; an escaped newline
    or tab only costs the slow reading), an integer past 2**53, nesting past MAX_DEPTH, and duplicate keys:
    every key is a closing quotation mark followed by a colon (a quotation mark inside a string is escaped),
    so the keys written are counted on the bytes when no escaped quotation mark is there, and by the
    string tokenizer when one is."""
    if b"\x7f" in raw or (b"\xc2" in raw and _C1.search(raw)) or (b"\\" in raw and _ESCAPED_CONTROL.search(raw)):
        return False
    kept, suspect = _containers(data) if isinstance(data, (dict, list)) else (0, type(data) is int and abs(data) > MAX_INT)
    if suspect:
        return False
    if b'\\"' in raw:
        written = sum(1 for colon in _STRING.findall(raw) if colon)
    else:
        written = raw.count(b'":') + len(_SPACED_KEY.findall(raw))
    return written == kept


def loads(raw: bytes) -> Any:
    """Parse strictly; raises StrictError (line, column, key) or json.JSONDecodeError / UnicodeDecodeError."""
    import orjson

    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _slow(raw.decode("utf-8"))
    if not _looks_clean(raw, data):
        return _slow(raw.decode("utf-8"))
    return data


class _Bad:
    """A refused number, kept until the object holding it can name its key."""

    def __init__(self, literal: str, message: str):
        self.literal, self.message = literal, message


class _Decoder(json.JSONDecoder):
    """The standard library's pure-Python scanner, with hooks that see where each object starts."""

    def __init__(self, text: str):
        super().__init__(parse_constant=self._constant, parse_float=self._float, parse_int=self._int)
        self.text = text
        self.parse_object = self._object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    def _fail(self, index: int, key: str | None, message: str) -> StrictError:
        line, column = _position(self.text, index)
        return StrictError(line, column, key, message)

    def _constant(self, name: str) -> Any:
        return _Bad(name, f"{name} is not a JSON number")

    def _float(self, literal: str) -> Any:
        value = float(literal)
        if not math.isfinite(value):
            return _Bad(literal, f"the number {literal} is too large to be stored (it would become infinity)")
        return value

    def _int(self, literal: str) -> Any:
        value = int(literal)
        if abs(value) > MAX_INT:
            return _Bad(literal, f"the integer {literal} is past 2**53 and would be rounded by most readers")
        return value

    def bad(self, value: Any, key: str | None, start: int) -> None:
        """Raise for a refused number (the value itself, or an item of a list value)."""
        found, todo = None, [value]
        while todo and found is None:  # the value, or an item of a list in it (objects checked their own)
            item = todo.pop()
            if isinstance(item, _Bad):
                found = item
            elif isinstance(item, list):
                todo += item
        if found is not None:
            match = re.compile(r"(?<![\w.\"])" + re.escape(found.literal) + r"(?![\w.])").search(self.text, start)
            raise self._fail(match.start() if match else start, key, found.message)

    def _object(
        self, s_and_end: tuple[str, int], strict: bool, scan_once: Any, object_hook: Any, object_pairs_hook: Any, memo: Any = None
    ) -> tuple[dict[str, Any], int]:
        start = s_and_end[1]
        pairs, end = json.decoder.JSONObject(s_and_end, strict, scan_once, None, list, memo)  # type: ignore[attr-defined]
        seen: dict[str, None] = {}
        for key, value in pairs:
            self.bad(value, key, start)
            if CONTROL.search(key):
                raise self._fail(start, key, "a key holds a control character")
            if isinstance(value, str) and CONTROL.search(value):
                at = self.text.find(json.dumps(key), start)
                char = value[CONTROL.search(value).start()]  # type: ignore[union-attr]
                raise self._fail(at if at >= 0 else start, key, f"the string holds the control character {char!r}")
            if key in seen:
                quoted = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:")
                hits = [m.start() for m in quoted.finditer(self.text, start, end)]
                raise self._fail(hits[1] if len(hits) > 1 else start, key, f"the key {key!r} appears twice in one object")
            seen[key] = None
        return dict(pairs), end


def _depth(text: str) -> None:
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, match.start())
                raise StrictError(line, column, None, f"the data is nested more than {MAX_DEPTH} levels deep")
        elif token in "]}":
            depth -= 1


def _slow(text: str) -> Any:
    _depth(text)
    decoder = _Decoder(text)
    data = decoder.decode(text)
    decoder.bad(data, None, 0)
    _, suspect = _suspect(data)
    if suspect:  # a control character in a string of a list (objects are checked as they are read)
        for match in re.finditer(r'"(?:[^"\\]|\\.)*"', text, re.S):
            if CONTROL.search(json.loads(match.group())):
                line, column = _position(text, match.start())
                raise StrictError(line, column, None, "a string holds a control character other than newline and tab")
    return data


def problem(file: str, err: ValueError, hint: str) -> Problem:
    """A parse error of ``loads`` as one Problem: the file, the line and column, the key, and a fix."""
    if isinstance(err, StrictError):
        fix = "write the number with digits, or null when it is unknown" if "number" in err.message or "integer" in err.message else hint
        return Problem(file, err.where, err.key, "bad_json", err.message, None, fix)
    if isinstance(err, json.JSONDecodeError):
        return Problem(
            file,
            f"line {err.lineno}, column {err.colno}",
            None,
            "bad_json",
            f"not valid JSON: {err.msg}",
            None,
            "fix the JSON syntax at that place",
        )
    if isinstance(err, UnicodeDecodeError):
        return Problem(file, f"byte {err.start}", None, "invalid_utf8", "the file is not valid UTF-8", None, "re-save it as UTF-8")
    return Problem(file, None, None, "bad_json", f"not valid JSON: {err}", None, hint)


def read(path: Path, error: type[DatasetError], hint: str) -> Any:
    """Read and parse a file strictly; any failure raises ``error`` with one Problem naming the file."""
    try:
        return loads(path.read_bytes())
    except OSError as err:
        raise error([os_problem(path, err)]) from None
    except ValueError as err:
        raise error([problem(str(path), err, hint)]) from None
