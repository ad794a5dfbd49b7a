"""Stage 6: write a whole dataset folder from its rows: the Parquet and JSONL of every config, the card
(``README.md``), ``LICENSE.md``, ``croissant.json`` and, last, ``MANIFEST.json`` over all of them.

Everything is written into a temporary folder beside ``out`` that replaces it in one step (see
``write.replace_dir``), so a failed build leaves the previous folder as it was. The build and
``rehydrate`` both come through here, which is what makes their output byte-identical.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import about, card, croissant, explorer, manifest, verdicts, write
from .schemas import CONFIGS
from .versions import Stamp


@dataclass
class Written:
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def croissant_meta(stamp: Stamp, text_free_limit: int | None) -> dict[str, Any]:
    description = about.SUMMARY + (" Text-free variant: article texts and long span texts are left out." if text_free_limit else "")
    return {"name": manifest.NAME, "description": description, "version": stamp.version, "date_published": stamp.date,
            "cite_as": about.citation(stamp), "keywords": about.HUB_METADATA["tags"], "language": "en",
            "license_name": about.LICENSE_NAME, "license_url": about.LICENSE_URL, "creator": about.CREATOR}


def write_dataset(tables: dict[str, list[dict[str, Any]]], out: Path, stamp: Stamp, inputs: dict[str, dict[str, str]],
                  text_free_limit: int | None = None, jsonl: dict[str, bytes] | None = None) -> Written:
    """Write every file of the dataset folder out. tables holds the rows as they are to be written (already
    text-free when text_free_limit is set); jsonl, when given, is those rows already serialised."""
    done = Written()
    tmp = write.temp_dir_for(out)
    with write.Janitor(tmp, out):  # removes tmp even when the build is killed
        _write_all(tables, tmp, out, stamp, inputs, text_free_limit, done, jsonl or {})
    return done


def _write_all(tables: dict[str, list[dict[str, Any]]], tmp: Path, out: Path, stamp: Stamp, inputs: dict[str, dict[str, str]],
               text_free_limit: int | None, done: Written, jsonl: dict[str, bytes]) -> None:
    try:
        parquet: dict[str, list[str]] = {}
        for config in CONFIGS:
            written = write.write_config(tmp, config, tables[config], jsonl.get(config))
            parquet[config] = [p for p, kind in written.items() if kind == "parquet"]
            for path in written:
                done.rows[path] = len(tables[config])
            done.files.extend(written)
        data_files = list(done.files)
        (tmp / "README.md").write_text(card.render(parquet, tables, stamp, text_free_limit), encoding="utf-8")
        (tmp / "LICENSE.md").write_text(about.license_text(), encoding="utf-8")
        if not text_free_limit:  # both show the article text, which the text-free variant leaves out
            (tmp / "explorer.html").write_text(explorer.render(tables), encoding="utf-8")
            done.files.append("explorer.html")
            if tables["verdicts"]:
                claims = {c["claim_id"]: c for c in tables["claims"]}
                articles = {a["article_id"]: a for a in tables["articles"]}
                reviews = verdicts.claim_reviews(tables["verdicts"], claims, articles)
                (tmp / "claimreview.jsonld").write_text(json.dumps(reviews, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                done.files.append("claimreview.jsonld")
        sha = {path: manifest.sha256_file(tmp / path) for path in data_files}
        first = {config: files[0] for config, files in parquet.items()}
        (tmp / "croissant.json").write_text(croissant.render(croissant_meta(stamp, text_free_limit), first, sha), encoding="utf-8")
        variant = {"text_free": bool(text_free_limit), "short_quote_limit": text_free_limit}
        (tmp / manifest.MANIFEST).write_text(manifest.render(tmp, stamp, done.rows, inputs, variant), encoding="utf-8")
        done.files += ["README.md", "LICENSE.md", "croissant.json", manifest.MANIFEST]
        write.replace_dir(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
