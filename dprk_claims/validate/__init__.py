"""Records checked against the JSON Schemas (one engine) and the span, offset and coverage checks."""
