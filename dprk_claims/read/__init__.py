"""Stage 1 and the curated inputs: seed files, curated annotation files and the knowledge base, lineage, raw passes, verdicts."""
