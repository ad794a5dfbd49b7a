"""The build's one JSON Schema engine: jsonschema-rs (native code) checks every record and input file, and
``schema_problem`` turns its error into the one line a person can act on.

Building a validator is cheap (all eight schemas of the build path together take about 6 ms), so nothing
generated is stored: each caller builds its validator once per process (``functools.cache``: see
``checks.compiled``, ``annotations._file_validator``, ``lineage._validator``). The reference ``jsonschema``
library is used only in the tests, which check that the two agree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from dprk_claims.core.errors import Problem, show

if TYPE_CHECKING:
    import jsonschema_rs


def build(schema: dict[str, Any]) -> jsonschema_rs.Validator:
    """A validator for the schema (the draft named by its ``$schema``, else 2020-12)."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema)


def hint(rule: str, kind: Any, fallback: str) -> str:
    """How to fix a value that broke one schema rule (used for input files and built records alike)."""
    if rule == "enum":
        return "use one of " + ", ".join(repr(v) for v in kind.options if v is not None)
    if rule == "required":
        return "add the missing field (see docs/annotation-guidelines.md, section 4)"
    if rule == "additionalProperties":
        return "remove the field or check its spelling against docs/annotation-guidelines.md"
    if rule == "type":
        types = _types(kind)
        return f"give a value of type {types[0] if len(types) == 1 else types}"
    if rule == "pattern":
        return f"the value must match {kind.pattern}"
    return fallback


def _types(kind: Any) -> list[str]:
    """The allowed types, null last (the engine sorts them; the schemas write "null" last)."""
    return sorted(kind.types, key=lambda t: t == "null")


def _message(rule: str, kind: Any, fallback: str) -> str:
    """What is wrong, without the path and the value (the Problem shows both)."""
    if rule == "type":
        return "must be " + " or ".join(_types(kind))
    if rule == "enum":
        return f"must be one of {kind.options!r}"
    if rule == "required":
        return f"has no field {kind.property!r}"
    if rule == "additionalProperties":
        return "must not contain the field" + ("s " if len(kind.unexpected) > 1 else " ") + ", ".join(map(repr, kind.unexpected))
    if rule == "pattern":
        return f"must match pattern {kind.pattern}"
    if rule == "minimum":
        return f"must be bigger than or equal to {kind.limit}"
    if rule == "minLength":
        return f"must be longer than or equal to {kind.limit} characters"
    if rule == "minItems":
        return f"must contain at least {kind.limit} items"
    return fallback


Path_ = list[str | int]
Locate = Callable[[Path_], tuple[str | None, Path_]]


def schema_problem(err: jsonschema_rs.ValidationError, data: Any, file: str, fix: str, record: str | None = None,
                   locate: Locate | None = None, *, name_missing: bool = True, dotted_indexes: bool = False) -> Problem:
    """The Problem for a jsonschema-rs error in ``data``: the one place where any input or output checked
    against a schema gets its message.

    The field is the error's instance path, array indexes written ``[0]`` (``dotted_indexes``: ``.0``, as the
    lineage file's messages have them); ``locate`` may take the record from its front (a claim of an
    annotation file, an article of the lineage file), else the record is ``record``. The message is the broken
    rule (from the error's kind), the value is shown as it is in ``data`` (the engine's copy has its keys
    sorted), and the fix is ``hint`` (``fix`` for rules it has no words for). A missing property is named as
    the field ("is missing", no value) unless ``name_missing`` is False, when the object that lacks it is the
    field and the value (as for built rows). A key that breaks ``propertyNames`` is reported with the object
    as the field and the key as the value.
    """
    kind: Any = err.kind
    rule, message = kind.name, err.message
    parts: Path_ = list(err.instance_path)
    value = data
    for part in parts:
        value = value[part]
    if rule == "propertyNames":  # the rule the key broke, e.g. its pattern; the key is the value
        inner = kind.error
        rule, kind, value = inner.kind.name, inner.kind, inner.instance
        message = "the key " + _message(rule, kind, inner.message)
    else:
        message = _message(rule, kind, message)
    missing = name_missing and rule == "required"
    if missing:
        parts.append(kind.property)
        message = "is missing"
    if locate is not None:
        record, parts = locate(parts)
    field = "".join(f".{p}" if dotted_indexes or not isinstance(p, int) else f"[{p}]" for p in parts).lstrip(".") or None
    return Problem(file, record, field, "schema", message, None if missing else show(value), hint(rule, kind, fix))


def schema_problems(validator: jsonschema_rs.Validator, value: Any, file: str, fix: str, record: str | None = None,
                    locate: Locate | None = None, *, name_missing: bool = True, dotted_indexes: bool = False) -> list[Problem]:
    """[] for a valid value (the native check, nothing else); else the Problem of its first error."""
    if validator.is_valid(value):
        return []
    err = next(iter(validator.iter_errors(value)))
    return [schema_problem(err, value, file, fix, record, locate, name_missing=name_missing, dotted_indexes=dotted_indexes)]


def unproven(target: dict[str, Any], checked: dict[str, Any], changed: Collection[tuple[str, ...]] = (),
             path: tuple[str, ...] = ()) -> Any:
    """What a value must still be checked against for schema ``target`` when it already passed ``checked``
    (its node in an input file's schema): ``True`` (nothing) where jsonschema-rs proves that every value
    ``checked`` admits, ``target`` admits too; where it cannot, an object's or array's own keywords are kept
    and its members reduced in turn, and any other node is kept whole. A property ``checked`` does not
    require (the build may fill it in) and the ``changed`` paths (property names from the top, arrays stepped
    into: values the build alters) keep their whole node, and so does everything above them."""
    import jsonschema_rs

    if not any(c[: len(path)] == path for c in changed) and \
            jsonschema_rs.canonicalize(target).covers(jsonschema_rs.canonicalize(checked)) == jsonschema_rs.canonical.Containment.YES:
        return True
    if isinstance(target.get("properties"), dict) and isinstance(checked.get("properties"), dict):
        given, required = checked["properties"], set(checked.get("required", []))
        return {**target, "properties": {
            name: unproven(node, given[name], changed, (*path, name)) if name in given and name in required and (*path, name) not in changed
            else node for name, node in target["properties"].items()}}
    if isinstance(target.get("items"), dict) and isinstance(checked.get("items"), dict):
        return {**target, "items": unproven(target["items"], checked["items"], changed, path)}
    return target
