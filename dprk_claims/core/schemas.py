"""The JSON Schemas in ``schema/`` are the one source of truth for the records.

Everything else about the record shape is derived here: the Arrow schema written to Parquet, the
``dataset_info`` features block of the card (in the exact form ``datasets`` writes it), and the field
tables of the card and the DATASHEET. ``datasets`` itself is not imported on the build path; a test
checks that ``datasets.Features.from_arrow_schema`` agrees with what is derived here.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"
CONFIGS = ("claims", "articles", "sentences", "claim_links", "annotator_labels", "verdicts")
DEFAULT_CONFIG = "claims"
# JSON Schema integers are written as int32 and numbers as float64: offsets fit, and the widths are
# fixed so that pandas and datasets read the same types every time.
_SCALARS = {"string": "string", "integer": "int32", "number": "float64", "boolean": "bool"}


@cache
def load(config: str, schema_dir: str | None = None) -> dict[str, Any]:
    path = Path(schema_dir) if schema_dir else SCHEMA_DIR
    with open(path / f"{config}.schema.json", encoding="utf-8") as f:
        schema: dict[str, Any] = json.load(f)
    return schema


def schema_version(config: str = DEFAULT_CONFIG) -> str:
    return str(load(config)["x-schema-version"])


def json_type(node: dict[str, Any]) -> tuple[str, bool]:
    """(JSON type without null, nullable) of a schema node."""
    kind = node["type"]
    if isinstance(kind, list):
        non_null = [k for k in kind if k != "null"]
        if len(non_null) != 1:
            raise ValueError(f"unsupported union type {kind}")
        return non_null[0], "null" in kind
    return kind, False


def _arrow_type(node: dict[str, Any]) -> pa.DataType:
    import pyarrow as pa

    kind, _ = json_type(node)
    if kind == "object":
        return pa.struct([pa.field(name, _arrow_type(sub)) for name, sub in node["properties"].items()])
    if kind == "array":
        return pa.list_(_arrow_type(node["items"]))
    return {"string": pa.string(), "integer": pa.int32(), "number": pa.float64(), "boolean": pa.bool_()}[kind]


@cache
def arrow_schema(config: str) -> pa.Schema:
    """The Arrow schema of a config. Every field is nullable in Arrow; JSON Schema enforces non-null."""
    import pyarrow as pa

    props = load(config)["properties"]
    return pa.schema([pa.field(name, _arrow_type(node)) for name, node in props.items()])


def _feature(node: dict[str, Any]) -> Any:
    kind, _ = json_type(node)
    if kind == "object":
        return [{"name": n, **_feature_entry(sub)} for n, sub in node["properties"].items()]
    if kind == "array":
        return _feature_entry(node["items"])
    return _SCALARS[kind]


def _feature_entry(node: dict[str, Any]) -> dict[str, Any]:
    kind, _ = json_type(node)
    if kind == "object":
        return {"struct": _feature(node)}
    if kind == "array":
        inner = _feature_entry(node["items"])
        return {"list": inner["dtype"] if "dtype" in inner else inner.get("struct", inner)}
    return {"dtype": _SCALARS[kind]}


def card_features(config: str) -> list[dict[str, Any]]:
    """The ``dataset_info.features`` list exactly as ``datasets`` writes it into a card."""
    return [{"name": n, **_feature_entry(sub)} for n, sub in load(config)["properties"].items()]


def _type_label(node: dict[str, Any]) -> str:
    kind, nullable = json_type(node)
    if kind == "array":
        label = f"list of {_type_label(node['items'])}"
    elif kind == "object":
        label = "struct"
    else:
        label = _SCALARS[kind]
    if "enum" in node:
        label += " (" + ", ".join(f"`{v}`" for v in node["enum"] if v is not None) + ")"
    return label + (", nullable" if nullable else "")


def field_rows(config: str) -> list[tuple[str, str, str]]:
    """(dotted field name, type, description) for every field, nested ones included, in schema order."""
    rows: list[tuple[str, str, str]] = []

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for name, sub in node["properties"].items():
            path = f"{prefix}{name}"
            rows.append((path, _type_label(sub), sub.get("description", "")))
            kind, _ = json_type(sub)
            if kind == "object":
                walk(path + ".", sub)
            elif kind == "array" and json_type(sub["items"])[0] == "object":
                walk(path + "[].", sub["items"])

    walk("", load(config))
    return rows


def field_table(config: str) -> str:
    """A Markdown table of every field, generated from the schema (used in the card and DATASHEET)."""
    lines = ["| field | type | description |", "|---|---|---|"]
    for path, label, desc in field_rows(config):
        lines.append(f"| `{path}` | {label} | {desc.replace('|', '/')} |")
    return "\n".join(lines)


# --- annotations of the schema beyond JSON Schema (x- keywords), read by the card, Croissant and releases ---
#   x-key            (top level) the fields that identify a row, e.g. ["claim_id"]
#   x-references     "config.field" this field points to (claims.article_id -> "articles.article_id")
#   x-span           {"start": ..., "end": ...}: the string is article text[start:end], offsets in the same object
#   x-article-text   the article's full text
#   x-paragraph-role the text of the first paragraph with this role


def key(config: str) -> list[str]:
    return list(load(config)["x-key"])


def row_key(config: str, row: dict[str, Any]) -> str:
    """The row's identity as one string: the x-key values joined by '/'."""
    return "/".join(str(row[k]) for k in key(config))


def references(config: str) -> dict[str, str]:
    """{field: "config.field"} for every top-level field that points to another config."""
    return {name: node["x-references"] for name, node in load(config)["properties"].items() if "x-references" in node}


def enum(config: str, *path: str) -> list[str]:
    """The allowed values of the field at ``path`` (property names from the row down; arrays are stepped
    into), in the schema's order and without null."""
    node = load(config)
    for name in path:
        node = node.get("items", node)["properties"][name]
    return [v for v in node.get("items", node)["enum"] if v is not None]
