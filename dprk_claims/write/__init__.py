"""Canonical JSONL and Parquet bytes, and replacing a folder in one step."""
