"""The build's one schema engine (jsonschema-rs) agrees with the reference ``jsonschema`` validator on every
committed row and on rows broken in each way a schema can catch, and its errors become one-line Problems."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from conftest import ROOT

from dprk_claims.core import schemas
from dprk_claims.read import lineage
from dprk_claims.validate import checks, compiled, curated_schema

CONFIGS = schemas.CONFIGS


def rows(config: str) -> list[dict[str, Any]]:
    text = (ROOT / "dataset" / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def verdicts(config: str, row: Any) -> tuple[bool, bool, bool]:
    """(engine, build's check, reference) verdicts on one row."""
    schema = schemas.load(config)
    found = checks.schema_problems(config, row, "f", "r")
    return compiled.build(schema).is_valid(row), not found, jsonschema.Draft202012Validator(schema).is_valid(row)


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
    assert verdicts("claims", row) == (False, False, False)


def test_input_files_agree_with_the_reference() -> None:
    """The annotation and lineage files of the repository, and each broken, are judged alike by both engines."""
    for schema, path in ((curated_schema.file_schema(), next((ROOT / "annotations").glob("[0-9]*.json"))),
                         (lineage.file_schema(), ROOT / "annotations" / "lineage.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        broken = copy.deepcopy(data)
        broken["surprise"] = 1
        for value, valid in ((data, True), (broken, False)):
            assert compiled.build(schema).is_valid(value) is valid, path
            assert jsonschema.Draft202012Validator(schema).is_valid(value) is valid, path


SCHEMA = {"type": "object", "properties": {
    "xs": {"type": "array", "items": {"type": "object", "required": ["b"], "additionalProperties": False, "properties": {
        "b": {"type": "string", "enum": ["y", None]}, "n": {"type": "integer", "minimum": 0}, "p": {"type": ["string", "null"]}}}},
    "m": {"type": "object", "propertyNames": {"pattern": "^c[0-9]+$"}}}}


def problem(data: Any, **options: Any) -> str:
    found = compiled.schema_problems(compiled.build(SCHEMA), data, "f.json", "fix it", "rec", **options)
    assert len(found) == 1, found
    return found[0].render()


def test_one_schema_problem_for_every_input() -> None:
    """The field is the instance path; a missing property is named as the field (or, for built rows, the object
    that lacks it is shown); the lineage file writes array indexes with dots; a bad key is the value."""
    assert compiled.schema_problems(compiled.build(SCHEMA), {"xs": [{"b": "y"}]}, "f.json", "fix it") == []
    assert problem({"xs": [{}]}) == (
        "f.json: rec: field 'xs[0].b': is missing. Fix: add the missing field (see docs/annotation-guidelines.md, section 4)")
    assert problem({"xs": [{}]}, name_missing=False) == (
        "f.json: rec: field 'xs[0]': has no field 'b' (value: {}). "
        "Fix: add the missing field (see docs/annotation-guidelines.md, section 4)")
    assert problem({"xs": [{"b": "n"}]}, locate=lambda parts: (f"x {parts[1]}", parts[2:])) == (
        "f.json: x 0: field 'b': must be one of ['y', None] (value: 'n'). Fix: use one of 'y'")
    assert problem({"xs": [{"b": "n"}]}, dotted_indexes=True) == (
        "f.json: rec: field 'xs.0.b': must be one of ['y', None] (value: 'n'). Fix: use one of 'y'")
    assert problem({"xs": [{"b": "y", "z": 1, "q": 2}]}) == (
        "f.json: rec: field 'xs[0]': must not contain the fields 'z', 'q' (value: {'b': 'y', 'z': 1, 'q': 2}). "
        "Fix: remove the field or check its spelling against docs/annotation-guidelines.md")
    assert problem({"xs": [{"b": "y", "n": -1}]}) == (
        "f.json: rec: field 'xs[0].n': must be bigger than or equal to 0 (value: -1). Fix: fix it")
    assert problem({"xs": [{"b": "y", "p": 3}]}) == (
        "f.json: rec: field 'xs[0].p': must be string or null (value: 3). Fix: give a value of type ['string', 'null']")
    assert problem({"m": {"c1": 1, "d2": 2}}) == (
        "f.json: rec: field 'm': the key must match pattern ^c[0-9]+$ (value: 'd2'). Fix: the value must match ^c[0-9]+$")


def kept(node: Any, path: str = "") -> set[str]:
    """The fields a schema node still checks (a field whose node is ``true`` checks nothing)."""
    if node is True:
        return set()
    if "properties" in node:
        return {path or "."} | set().union(*(kept(sub, f"{path}.{name}".lstrip(".")) for name, sub in node["properties"].items()))
    if isinstance(node.get("items"), dict):
        return kept(node["items"], path + "[]")
    return {path}


def test_a_curated_row_is_checked_only_where_its_file_check_leaves_it_unproven() -> None:
    """Issue #16: a curated claim's item is checked when its annotation file is read; its row then only for the
    derived fields, the values to_claim changes or fills in, and the objects that hold them."""
    fidelity = kept(schemas.load("claims")["properties"]["fidelity"], "fidelity")
    annotation = kept(schemas.load("claims")["properties"]["annotation"], "annotation")
    assert kept(curated_schema.row_schema()) == {".", "claim_id", "article_id", "paragraph_index", *annotation, *fidelity,
                                              "entities[]", "entities[].qid", "time_expressions[]", "time_expressions[].begin_point",
                                              "time_expressions[].end_point", "quantities[]", "quantities[].value"}


def paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, sub in items:
        found += paths(sub, (*path, key))
    return found


def put(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    """A copy of value with new at path (None if value has no such path)."""
    out = copy.deepcopy(value)
    at = out
    for key in path[:-1]:
        at = at[key]
    if isinstance(at, dict) and path[-1] not in at or isinstance(at, list) and not 0 <= path[-1] < len(at):
        return None
    at[path[-1]] = new
    return out


def test_no_check_of_a_curated_row_is_lost() -> None:
    """Every bad value the whole claims schema rejects in a curated row is rejected by the row's remaining check,
    or, put at the same place in the item the row was made from, by the annotation file's check. Each place
    (array indexes aside) is broken in each way once, in the first curated row that has it."""
    full, left, file_check = (compiled.build(s)
                              for s in (schemas.load("claims"), curated_schema.row_schema(), curated_schema.file_schema()))
    files = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "annotations").glob("[0-9]*.json")}
    caught, seen = {"row": 0, "file": 0}, set()
    for row in (r for r in rows("claims") if r["annotation"]["origin"] == "curated"):
        data = files[row["article_id"]]
        index = next(i for i, c in enumerate(data["claims"]) if f"{row['article_id']}:{c['id']}" == row["claim_id"])
        for path in paths(row):
            place = tuple("[]" if isinstance(p, int) else p for p in path)
            if place in seen:
                continue
            seen.add(place)
            for bad in ({"bad": 1}, None, -1, 1.5, "", "zz", [], True):
                broken = put(row, path, bad)
                if full.is_valid(broken):
                    continue
                if not left.is_valid(broken):
                    caught["row"] += 1
                    continue
                item = put(data["claims"][index], path, bad)
                assert item is not None, (row["claim_id"], path, bad)
                assert not file_check.is_valid({**data, "claims": [*data["claims"][:index], item, *data["claims"][index + 1:]]}), \
                    (row["claim_id"], path, bad)
                caught["file"] += 1
    assert caught["row"] and caught["file"] > caught["row"], caught
