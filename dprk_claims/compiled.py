"""Compiled JSON Schema validators for the hot path (valid records pass jsonschema-rs; see ``checker``).

``fastjsonschema`` turns a schema into Python code. Compiling at every build costs about 100 ms, so the
generated code is kept in ``dprk_claims/_compiled/`` with the sha256 of the schema it was made from; a
module whose hash no longer matches is ignored and the schema is compiled afresh. Regenerate with
``python -m dprk_claims.compiled``; a test checks that the stored modules are current.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .errors import Problem, show

HERE = Path(__file__).resolve().parent / "_compiled"


def _digest(schema: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema validated on the build path: one per config, and the annotation-file schema."""
    from .annotations import file_schema
    from .schemas import CONFIGS, load

    found = {config: load(config) for config in CONFIGS}
    found["annotation_file"] = file_schema()
    return found


@cache
def validator(name: str, schema_json: str) -> Callable[[Any], Any]:
    schema = json.loads(schema_json)
    try:
        module = importlib.import_module(f"dprk_claims._compiled.{name}")
        if getattr(module, "SCHEMA_SHA256", None) == _digest(schema):
            return module.validate  # type: ignore[no-any-return]
    except ImportError:
        pass
    import fastjsonschema

    return fastjsonschema.compile(schema)


def hint(rule: str | None, definition: Any, fallback: str) -> str:
    """How to fix a value that broke one schema rule (used for annotation files and built records alike)."""
    if rule == "enum":
        return "use one of " + ", ".join(repr(v) for v in definition["enum"] if v is not None)
    if rule == "required":
        return "add the missing field (see docs/annotation-guidelines.md, section 4)"
    if rule == "additionalProperties":
        return "remove the field or check its spelling against docs/annotation-guidelines.md"
    if rule == "type":
        return f"give a value of type {definition.get('type')}"
    if rule == "pattern":
        return f"the value must match {definition.get('pattern')}"
    return fallback


Path_ = list[str | int]
Locate = Callable[[Path_], tuple[str | None, Path_]]


def schema_problem(err: Any, file: str, fix: str, record: str | None = None, locate: Locate | None = None, *,
                   name_missing: bool = True, dotted_indexes: bool = False) -> Problem:
    """The Problem for a fastjsonschema error, for every input and output checked against a schema.

    The path below the top ("data") is the field, array indexes written ``[0]`` (``dotted_indexes``: ``.0``,
    as the lineage file's messages have them); ``locate`` may take the record from its front (a claim of an
    annotation file, an article of the lineage file), else the record is ``record``. The message is the broken
    rule without the path, the value is shown, and the fix is ``hint`` (``fix`` for rules it has no words for).
    A missing property is named as the field ("is missing", no value) unless ``name_missing`` is False, when the
    object that lacks it is the field and the value (as for built rows).
    """
    parts: Path_ = [int(p) if str(p).isdigit() else str(p) for p in err.path[1:]]
    message = err.message.replace(str(err.name) + " ", "", 1)
    missing = name_missing and err.rule == "required" and isinstance(err.value, dict)
    if missing:
        parts += [k for k in err.definition.get("required", []) if k not in err.value][:1]
        message = "is missing"
    if locate is not None:
        record, parts = locate(parts)
    field = "".join(f".{p}" if dotted_indexes or not isinstance(p, int) else f"[{p}]" for p in parts).lstrip(".") or None
    return Problem(file, record, field, "schema", message, None if missing else show(err.value), hint(err.rule, err.definition, fix))


def get(name: str, schema: dict[str, Any]) -> Callable[[Any], Any]:
    return validator(name, json.dumps(schema, sort_keys=True))


@cache
def _native(schema_json: str) -> Callable[[Any], bool] | None:
    try:
        import jsonschema_rs
    except ImportError:  # not installed: fastjsonschema alone
        return None
    return jsonschema_rs.validator_for(json.loads(schema_json)).is_valid


def checker(name: str, schema: dict[str, Any]) -> Callable[[Any], Any]:
    """The hot-path check: a value that jsonschema-rs (native code) finds valid passes at once; any other is
    checked by the fastjsonschema validator, which decides, and whose exception names the field and the rule
    that a message needs. So the verdict and the messages are fastjsonschema's, at the speed of the native
    validator for the valid records that are nearly all of them."""
    text = json.dumps(schema, sort_keys=True)
    slow, fast = validator(name, text), _native(text)
    if fast is None:
        return slow

    def check(value: Any) -> Any:
        return value if fast(value) else slow(value)

    return check


def code(schema: dict[str, Any]) -> str:
    import fastjsonschema

    source = fastjsonschema.compile_to_code(schema)
    entry = re.search(r"^def (validate\w*)\(", source, flags=re.M)
    if entry is None:
        raise RuntimeError("fastjsonschema produced no validate function")
    header = f'# Generated by `python -m dprk_claims.compiled` from a JSON Schema; do not edit.\nSCHEMA_SHA256 = "{_digest(schema)}"\n'
    return header + source + f"\n\nvalidate = {entry.group(1)}\n"


def generate() -> list[Path]:
    HERE.mkdir(exist_ok=True)
    (HERE / "__init__.py").write_text('"""Generated validators (see dprk_claims.compiled)."""\n', encoding="utf-8")
    written = []
    for name, schema in schemas().items():
        path = HERE / f"{name}.py"
        path.write_text(code(schema), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in generate():
        sys.stdout.write(f"wrote {path}\n")
