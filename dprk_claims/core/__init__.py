"""Knows no stage: errors and the problem-code catalog, record types, the JSON Schemas, strict JSON, versions, metadata."""
