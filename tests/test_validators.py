"""The hot-path check (jsonschema-rs first, fastjsonschema to decide and explain) agrees with the reference
``jsonschema`` validator on every committed row and on rows broken in each way a schema can catch."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import fastjsonschema
import jsonschema
import pytest
from conftest import ROOT

from dprk_claims import compiled, schemas

CONFIGS = schemas.CONFIGS


def rows(config: str) -> list[dict[str, Any]]:
    text = (ROOT / "dataset" / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def verdicts(config: str, row: Any) -> tuple[bool, bool, bool]:
    """(native, hot path, reference) verdicts on one row."""
    schema = schemas.load(config)
    text = json.dumps(schema, sort_keys=True)
    native = compiled._native(text)
    assert native is not None, "jsonschema-rs is a dependency and must be installed"
    try:
        compiled.checker(config, schema)(row)
        hot = True
    except fastjsonschema.JsonSchemaValueException:
        hot = False
    return native(row), hot, jsonschema.Draft202012Validator(schema).is_valid(row)


BREAKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "unknown field": lambda r: r.__setitem__("surprise", 1),
    "missing field": lambda r: r.pop(next(iter(r))),
    "wrong type": lambda r: r.__setitem__(next(k for k, v in r.items() if isinstance(v, str)), 12),
    "null everywhere": lambda r: r.update({k: None for k in r}),
    "list for a string": lambda r: r.__setitem__(next(k for k, v in r.items() if isinstance(v, str)), ["x"]),
}


@pytest.mark.parametrize("config", CONFIGS)
def test_every_committed_row_is_valid_for_all_three(config: str) -> None:
    for row in rows(config):
        assert verdicts(config, row) == (True, True, True), row


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("kind", BREAKS)
def test_broken_rows_are_invalid_for_all_three(config: str, kind: str) -> None:
    row = copy.deepcopy(rows(config)[0])
    BREAKS[kind](row)
    assert verdicts(config, row) == (False, False, False)


def test_enum_and_pattern_break_claims() -> None:
    row = copy.deepcopy(rows("claims")[0])
    row["checkworthiness"] = "maybe"
    assert verdicts("claims", row) == (False, False, False)
    row = copy.deepcopy(rows("claims")[0])
    row["claim_id"] = "not an id"
    native, hot, reference = verdicts("claims", row)
    assert native == hot == reference


SCHEMA_WITH_A_LIST_OF_OBJECTS = {"type": "object", "properties": {"xs": {"type": "array", "items": {
    "type": "object", "required": ["b"], "properties": {"b": {"type": "string", "enum": ["y"]}}}}}}


def schema_error(data: Any) -> Any:
    with pytest.raises(fastjsonschema.JsonSchemaValueException) as err:
        fastjsonschema.compile(SCHEMA_WITH_A_LIST_OF_OBJECTS)(data)
    return err.value


def test_one_schema_problem_for_every_input() -> None:
    """The field is the path below the top; a missing property is named as the field (or, for built rows, the
    object that lacks it is shown); the lineage file writes array indexes with dots."""
    missing, bad = schema_error({"xs": [{}]}), schema_error({"xs": [{"b": "n"}]})
    found = [compiled.schema_problem(missing, "f.json", "fix it", "rec"),
             compiled.schema_problem(missing, "f.json", "fix it", "rec", name_missing=False),
             compiled.schema_problem(bad, "f.json", "fix it", locate=lambda parts: (f"x {parts[1]}", parts[2:])),
             compiled.schema_problem(bad, "f.json", "fix it", dotted_indexes=True)]
    assert [p.render() for p in found] == [
        "f.json: rec: field 'xs[0].b': is missing. Fix: add the missing field (see docs/annotation-guidelines.md, section 4)",
        "f.json: rec: field 'xs[0]': must contain ['b'] properties (value: {}). Fix: add the missing field "
        "(see docs/annotation-guidelines.md, section 4)",
        "f.json: x 0: field 'b': must be one of ['y'] (value: 'n'). Fix: use one of 'y'",
        "f.json: field 'xs.0.b': must be one of ['y'] (value: 'n'). Fix: use one of 'y'"]
