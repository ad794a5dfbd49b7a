"""The JSON Schema of a curated annotation file, derived from the claims and articles schemas, and what a
curated claim's row must still be checked against once its file was checked (``row_schema``).
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from dprk_claims.core.schemas import load
from dprk_claims.validate.compiled import unproven

_DATE = (r"(?:[0-9X]{4}(?:-(?:[0-9X]{2}(?:-[0-9X]{2})?|W(?:[0-9]{2}|XX)(?:-[1-7X])?|Q[1-4]|H[12]|SP|SU|FA|WI))?"
         r"(?:T[0-9]{2}(?::[0-9]{2}(?::[0-9]{2})?)?)?|PRESENT_REF|PAST_REF|FUTURE_REF)")
_DURATION = r"(?:P(?:(?:[0-9]+|X)[YMWD])+(?:T(?:(?:[0-9]+|X)[HMS])+)?|PT(?:(?:[0-9]+|X)[HMS])+)"
TIMEX3 = f"^(?:{_DATE}|{_DURATION})$"  # a TIMEX3 value: a date or a duration, never an interval (validate checks the calendar)
TIMEX3_POINT = f"^{_DATE}$"  # begin_point / end_point of an anchored period
PERIOD_POINTS = ("begin_point", "end_point")  # optional in an annotation file (null when absent)

# Output fields the build derives; an annotation file does not carry them.
DERIVED_CLAIM_FIELDS = ("claim_id", "article_id", "paragraph_index", "annotation", "fidelity")  # fidelity: lineage.py
# Values of a claim item that to_claim changes on the way to the row (their check on the row stays; see row_schema).
CHANGED_CLAIM_VALUES = (("entities", "qid"), ("time_expressions", "begin_point"), ("time_expressions", "end_point"),
                        ("quantities", "value"))


@cache
def file_schema() -> dict[str, Any]:
    """JSON Schema of one annotation file, built from the claims and articles schemas."""
    claims = load("claims")
    articles = load("articles")
    item = copy.deepcopy(claims["properties"])
    for name in DERIVED_CLAIM_FIELDS:
        item.pop(name)
    ent = item["entities"]["items"]
    ent["properties"].pop("qid")
    ent["required"].remove("qid")
    for layer in ("entities", "time_expressions", "quantities"):
        item[layer]["items"]["properties"]["text"]["minLength"] = 1  # a span holds at least one character
    timex = item["time_expressions"]["items"]
    timex["properties"]["value"]["pattern"] = TIMEX3
    for name in PERIOD_POINTS:
        timex["properties"][name]["pattern"] = TIMEX3_POINT
        timex["required"].remove(name)
    item = {"id": {"type": "string", "pattern": "^c[0-9]{3,}$"}, **item}
    claim = {"type": "object", "properties": item, "required": list(item), "additionalProperties": False}
    dated = copy.deepcopy(articles["properties"]["published"])
    dated["type"] = ["object", "null"]
    valued = {"type": ["object", "null"], "required": ["value", "source", "evidence"], "additionalProperties": False,
              "properties": {"value": {"type": ["string", "null"]},
                             "source": copy.deepcopy(articles["properties"]["provenance"]["items"]["properties"]["source"]),
                             "evidence": {"type": ["string", "null"]}}}
    role = {"type": "object", "required": ["index", "role"], "additionalProperties": False,
            "properties": {"index": {"type": "integer", "minimum": 0},
                           "role": copy.deepcopy(articles["properties"]["paragraphs"]["items"]["properties"]["role"]),
                           "evidence": {"type": ["string", "null"]}}}
    metadata = {"type": "object", "additionalProperties": False,
                "properties": {"published": dated, "updated": dated, "outlet": valued, "url": valued,
                               "language": valued, "paragraph_roles": {"type": "array", "items": role}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["article_id", "text_sha256", "guideline_version", "annotators", "claims"],
        "additionalProperties": False,
        "properties": {
            "article_id": {"type": "string"},
            "text_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "guideline_version": {"type": "string", "pattern": r"^[0-9]+\.[0-9]+\.[0-9]+$"},
            "annotators": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "notes": {"type": ["string", "null"]},
            "metadata": metadata,
            "sentences": {"type": "array", "items": {
                "type": "object", "required": ["char_start", "char_end"], "additionalProperties": False,
                "properties": {"char_start": {"type": "integer", "minimum": 0}, "char_end": {"type": "integer", "minimum": 0}}}},
            "claims": {"type": "array", "items": claim},
        },
    }


@cache
def row_schema() -> dict[str, Any]:
    """What a curated claim row must still be checked against: the claims schema less what ``annotations.read_file``'s
    check of the annotation file already proved of the item the row was copied from (``compiled.unproven``):
    the derived fields, the values ``annotations.to_claim`` changes or fills in, and the structure around them."""
    result: dict[str, Any] = unproven(load("claims"), file_schema()["properties"]["claims"]["items"], CHANGED_CLAIM_VALUES)
    return result
