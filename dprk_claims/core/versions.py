"""Data versions (docs/versioning.md): semantic versions, the stored last release, and schema changes.

The data version is not written by hand anywhere. ``last-release/`` holds what the last release held (its
``release.json`` with the version and date, its JSONL and its schemas). A build whose rows and schemas
are byte-identical to it carries that version; any other build carries ``<last>+dev`` (``0.0.0+dev``
before the first release), which no one can mistake for a release.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import UsageError
from dprk_claims.core.schemas import CONFIGS, SCHEMA_DIR, json_type, schema_version

LEVELS = ("PATCH", "MINOR", "MAJOR")
RELEASE_FILE = "release.json"
UNRELEASED = "0.0.0"
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse(version: str) -> tuple[int, int, int]:
    match = _SEMVER.match(version)
    if not match:
        raise UsageError(f"{version!r} is not a version: write MAJOR.MINOR.PATCH, for example 1.0.0")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def check_date(date: str) -> str:
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        ok = False
    else:
        ok = bool(_DATE.match(date))
    if not ok:
        raise UsageError(f"{date!r} is not a date: write YYYY-MM-DD")
    return date


def level(old: str, new: str) -> str | None:
    """PATCH, MINOR or MAJOR: the highest part that goes up from old to new; None if new is not above old."""
    a, b = parse(old), parse(new)
    if b <= a:
        return None
    return "MAJOR" if b[0] > a[0] else "MINOR" if b[1] > a[1] else "PATCH"


def next_versions(old: str) -> dict[str, str]:
    major, minor, patch = parse(old)
    return {"PATCH": f"{major}.{minor}.{patch + 1}", "MINOR": f"{major}.{minor + 1}.0", "MAJOR": f"{major + 1}.0.0"}


@dataclass(frozen=True)
class Stamp:
    """The version a build carries, and the release date when it is a release."""

    version: str
    date: str | None = None

    @property
    def released(self) -> bool:
        return "+" not in self.version


@dataclass(frozen=True)
class LastRelease:
    folder: Path
    version: str
    date: str

    def jsonl(self, config: str) -> bytes:
        path = self.folder / "jsonl" / f"{config}.jsonl"
        return path.read_bytes() if path.is_file() else b""

    def schema_bytes(self, config: str) -> bytes:
        path = self.folder / "schema" / f"{config}.schema.json"
        return path.read_bytes() if path.is_file() else b""

    def schema(self, config: str) -> dict[str, Any] | None:
        data = self.schema_bytes(config)
        return json.loads(data) if data else None


def read_last(folder: Path | None) -> LastRelease | None:
    if folder is None or not (folder / RELEASE_FILE).is_file():
        return None
    from dprk_claims.core import strictjson
    from dprk_claims.core.errors import DatasetError, Problem

    path = folder / RELEASE_FILE
    hint = "restore the last release's folder from git (`git checkout -- last-release`)"
    meta = strictjson.read(path, DatasetError, hint)
    version = meta.get("version") if isinstance(meta, dict) else None
    if not (isinstance(version, str) and _SEMVER.match(version) and isinstance(meta.get("date"), str) and _DATE.match(meta["date"])):
        raise DatasetError([Problem(str(path), None, "version", "bad_release_file", "not a release.json this tool writes",
                                    None, hint)])
    return LastRelease(folder, version, str(meta["date"]))


def current_schema_bytes(config: str) -> bytes:
    return (SCHEMA_DIR / f"{config}.schema.json").read_bytes()


def stamp(last: LastRelease | None, digests: dict[str, str]) -> Stamp:
    """The version of a build whose full (not text-free) JSONL has these sha256 digests, by config."""
    if last is None:
        return Stamp(f"{UNRELEASED}+dev")
    same = all(hashlib.sha256(last.jsonl(c)).hexdigest() == digests[c] and last.schema_bytes(c) == current_schema_bytes(c)
               for c in CONFIGS)
    return Stamp(last.version, last.date) if same else Stamp(f"{last.version}+dev")


def release_json(version: str, date: str) -> str:
    return json.dumps({"version": version, "date": date,
                       "schema_versions": {c: schema_version(c) for c in CONFIGS}}, indent=2) + "\n"


# --- schema changes between two releases ---------------------------------------------------------------

@dataclass(frozen=True, order=True)
class SchemaChange:
    config: str
    field: str
    what: str
    breaking: bool

    @property
    def level(self) -> str:
        return "MAJOR" if self.breaking else "MINOR"


def _flatten(node: dict[str, Any], prefix: str = "") -> dict[str, tuple[str, bool, tuple[Any, ...], str]]:
    """{dotted field: (type, nullable, enum values, description)}; list items are written name[]."""
    out: dict[str, tuple[str, bool, tuple[Any, ...], str]] = {}
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        kind, nullable = json_type(sub)
        items = sub["items"] if kind == "array" else None
        item_kind = json_type(items)[0] if items else None
        enum = tuple(v for v in (items or sub).get("enum", []) if v is not None)
        out[path] = (f"list of {item_kind}" if item_kind else kind, nullable, enum, sub.get("description", ""))
        if kind == "object":
            out.update(_flatten(sub, path + "."))
        elif items is not None and item_kind == "object":
            out.update(_flatten(items, path + "[]."))
    return out


DOC_CHANGE = "description corrected"


def is_doc_change(change: SchemaChange) -> bool:
    """A corrected description changes no data a reader gets: PATCH for the data and the schema version."""
    return change.what == DOC_CHANGE


def schema_changes(config: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[SchemaChange]:
    """What changed for readers between two versions of a config's schema. Removing a field, changing its
    type or letting it be null breaks readers; adding a field or enum values does not."""
    if old is None:
        return []
    a, b = _flatten(old), _flatten(new)
    changes = [SchemaChange(config, f, "removed", True) for f in a if f not in b]
    changes += [SchemaChange(config, f, "added", False) for f in b if f not in a]
    for f in sorted(set(a) & set(b)):
        (kind_a, null_a, enum_a, doc_a), (kind_b, null_b, enum_b, doc_b) = a[f], b[f]
        if doc_a != doc_b:
            changes.append(SchemaChange(config, f, DOC_CHANGE, False))
        if kind_a != kind_b:
            changes.append(SchemaChange(config, f, f"type changed from {kind_a} to {kind_b}", True))
        if null_b and not null_a:
            changes.append(SchemaChange(config, f, "may now be null", True))
        if set(enum_a) - set(enum_b) and enum_b:
            changes.append(SchemaChange(config, f, "values removed: " + ", ".join(sorted(set(enum_a) - set(enum_b))), False))
        if set(enum_b) - set(enum_a) and enum_a:
            changes.append(SchemaChange(config, f, "values added: " + ", ".join(sorted(set(enum_b) - set(enum_a))), False))
    return sorted(changes)
