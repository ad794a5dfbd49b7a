"""The record types that flow through the pipeline, as TypedDicts.

Records are plain dicts shaped exactly like the rows of the output (the JSON Schemas in ``schema/``
are the source of truth for their fields), so no stage converts between objects and dicts.
"""

from __future__ import annotations

from typing import Any, TypedDict


class Seed(TypedDict):
    article_id: str
    seed_file: str
    path: str
    text: str
    text_sha256: str


class Paragraph(TypedDict):
    index: int
    char_start: int
    char_end: int
    role: str
    role_source: str


class Dated(TypedDict):
    value: str | None
    precision: str | None
    source: str | None
    evidence: str | None


# The version of docs/annotation-guidelines.md (its "**Version X.Y.Z.**" line), which every annotation made under
# the current guidelines records; tests/test_docs.py fails when the two differ.
GUIDELINE_VERSION = "1.3.0"


class Annotation(TypedDict):
    origin: str
    annotators: list[str]
    guideline_version: str


# Articles and claims have many nested fields; their exact shape is the JSON Schema's.
Article = dict[str, Any]
Claim = dict[str, Any]


class Document(TypedDict):
    """One article on its way through the pipeline, with the claims annotated on it."""

    article: Article
    claims: list[Claim]
    sentences: list[dict[str, Any]]
    source_files: list[str]
