"""The changelog entry of a release, computed from the data: the rows of every config added, removed and
changed since the last release (by ID, with the fields that changed), and the schema changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dprk_claims.core.schemas import CONFIGS, row_key
from dprk_claims.core.versions import SchemaChange

HEADER = """# Changelog

What changed in the data from one release to the next. Versions follow `docs/versioning.md`: MAJOR for a
schema change that breaks readers, MINOR for new articles, claims or fields, PATCH for corrections.
Each entry is written by `python build_dataset.py release VERSION` from the data itself, compared with
the previous release (kept in `last-release/`).
"""
DETAILED = ("articles", "claims")


@dataclass
class TableDiff:
    config: str
    rows: int = 0
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # row key -> dotted fields that changed

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def changed_fields(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted names of the fields that differ; lists are compared whole."""
    if isinstance(old, dict) and isinstance(new, dict):
        found: list[str] = []
        for name in [*old, *(k for k in new if k not in old)]:
            if old.get(name, ...) != new.get(name, ...):
                found += changed_fields(old.get(name), new.get(name), f"{prefix}{name}.") or [f"{prefix}{name}"]
        return found
    return [] if old == new else [prefix.rstrip(".")] if prefix else []


def diff(config: str, old_rows: list[dict[str, Any]], new_rows: list[dict[str, Any]]) -> TableDiff:
    old = {row_key(config, r): r for r in old_rows}
    new = {row_key(config, r): r for r in new_rows}
    result = TableDiff(config, rows=len(new_rows), added=[k for k in new if k not in old], removed=[k for k in old if k not in new])
    for k in new:
        if k in old and old[k] != new[k]:
            result.changed[k] = changed_fields(old[k], new[k])
    return result


def _ids(config: str, keys: list[str]) -> str:
    if config != "claims":
        return " " + ", ".join(f"`{k}`" for k in keys)
    by_article: dict[str, list[str]] = {}
    for k in keys:
        article, _, local = k.partition(":")
        by_article.setdefault(article, []).append(local)
    return "".join(f"\n  - `{a}` ({len(ids)}): {', '.join(ids)}" for a, ids in by_article.items())


def _detail(d: TableDiff) -> list[str]:
    lines = [f"### {d.config.capitalize()}", ""]
    if d.empty:
        return [*lines, "No change.", ""]
    if d.added:
        lines.append(f"- Added ({len(d.added)}):" + _ids(d.config, d.added))
    if d.removed:
        lines.append(f"- Removed ({len(d.removed)}):" + _ids(d.config, d.removed))
    if d.changed:
        lines.append(f"- Changed ({len(d.changed)}):")
        lines += [f"  - `{k}`: " + ", ".join(f"`{f}`" for f in fields) for k, fields in d.changed.items()]
    return [*lines, ""]


def entry(version: str, date: str, last: str | None, diffs: dict[str, TableDiff], schema: list[SchemaChange],
          level: str, schema_versions: dict[str, str]) -> str:
    """The Markdown entry of one release."""
    if last is None:
        what = "First release: every article, claim and row is added."
    else:
        what = f"{level} release after {last}."
    versions = sorted(set(schema_versions.values()))
    schema_line = (f"Schema version {versions[0]} (every config)." if len(versions) == 1
                   else "Schema versions: " + ", ".join(f"{c} {v}" for c, v in schema_versions.items()) + ".")
    lines = [f"## {version} — {date}", "", what + " " + schema_line, ""]
    if schema:
        lines += ["### Schema", ""]
        lines += [f"- `{c.config}.{c.field}`: {c.what}" + (" (breaks readers)" if c.breaking else "") for c in schema]
        lines.append("")
    for config in DETAILED:
        lines += _detail(diffs[config])
    lines += ["### Other configs", "", "| config | rows | added | removed | changed |", "|---|---|---|---|---|"]
    for config in CONFIGS:
        if config not in DETAILED:
            d = diffs[config]
            lines.append(f"| `{config}` | {d.rows} | {len(d.added)} | {len(d.removed)} | {len(d.changed)} |")
    return "\n".join(lines) + "\n"


def prepend(path: Path, text: str) -> None:
    """Put the entry first in the changelog, below its header (written when the file is new)."""
    old = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    head, sep, rest = old.partition("\n## ")
    body = head.rstrip("\n") + "\n\n" + text + ("\n## " + rest if sep else "")
    path.write_text(body, encoding="utf-8")
