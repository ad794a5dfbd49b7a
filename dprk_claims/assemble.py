"""Stage 6: write a whole dataset folder, one shard at a time: the Parquet shards and JSONL of every
config, the card (``README.md``), ``LICENSE.md``, the explorer, ``croissant.json`` and, last,
``MANIFEST.json`` over all of them.

``Folder`` takes the shards in order and keeps only what the card and the version stamp need (counts and
running hashes), so memory does not grow with the corpus. Everything goes into a temporary folder beside
``out`` that replaces it in one step (see ``atomic.replace_dir``), so a failed build leaves the previous
folder as it was. The build and ``rehydrate`` both come through here, which is what makes their output
byte-identical; a release stamps its one build with the new version (``describe``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from . import about, atomic, card, croissant, explorer, manifest, shards, summary, write
from .schemas import CONFIGS
from .versions import Stamp

GLOBAL = tuple(c for c in CONFIGS if c not in shards.PER_ARTICLE)  # small configs written in one file each


@dataclass
class Written:
    files: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def croissant_meta(stamp: Stamp, text_free_limit: int | None) -> dict[str, Any]:
    description = about.SUMMARY + (" Text-free variant: article texts and long span texts are left out." if text_free_limit else "")
    return {"name": manifest.NAME, "description": description, "version": stamp.version, "date_published": stamp.date,
            "cite_as": about.citation(stamp), "keywords": about.HUB_METADATA["tags"], "language": "en",
            "license_name": about.LICENSE_NAME, "license_url": about.LICENSE_URL, "creator": about.CREATOR}


class Folder:
    """A dataset folder being written into tmp: ``add`` each shard in order, ``add_config`` the small
    configs, then ``finish``. The explorer's data is spooled to files beside the shards."""

    def __init__(self, tmp: Path, shard_count: int, text_free_limit: int | None = None, per_shard: int = shards.SHARD_ARTICLES):
        self.tmp, self.count, self.limit, self.per_shard = tmp, shard_count, text_free_limit, per_shard
        self.done = Written()
        self.parquet: dict[str, list[str]] = {c: [] for c in CONFIGS}
        self.digests = {c: hashlib.sha256() for c in CONFIGS}  # of the full JSONL: the version stamp
        self.written = {c: hashlib.sha256() for c in shards.PER_ARTICLE}  # of the JSONL written (text-free or not)
        self.sha: dict[str, str] = {}  # of the files written so far, by relative path
        self.inputs: dict[str, str] = {}  # of the input files the shards read, by str(path)
        self.summary = summary.Summary({c: 0 for c in CONFIGS}, [], {})
        self.labels: Counter[str] = Counter()
        self.cfs_curated: list[str] = []
        (tmp / "jsonl").mkdir(parents=True, exist_ok=True)
        self._jsonl: dict[str, BinaryIO] = {c: (tmp / write.jsonl_path(c)).open("wb") for c in shards.PER_ARTICLE}
        self._page = None if text_free_limit else explorer.Page(tmp, shard_count)

    def add(self, shard: shards.Shard) -> None:
        for config in shards.PER_ARTICLE:
            rel = write.parquet_path(config, shard.index, self.count)
            path = self.tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(shard.parquet[config])
            self._jsonl[config].write(shard.jsonl[config])
            self.digests[config].update(shard.full[config])
            if self.limit:  # text-free: the file written is not the full rows, so it has a hash of its own
                self.written[config].update(shard.jsonl[config])
            self.sha[rel] = shard.parquet_sha[config]
            rows = shard.jsonl[config].count(b"\n")
            self.done.rows[rel] = rows
            self.summary.counts[config] += rows
            self.parquet[config].append(rel)
        if self._page is not None:
            if shard.explorer is None:
                raise RuntimeError(f"shard {shard.index} has no explorer data")
            self._page.add(*shard.explorer)
        self.inputs.update(shard.inputs)
        self.summary.articles += shard.summary
        self.labels.update(shard.labels)
        self.cfs_curated += shard.cfs_curated

    def add_config(self, config: str, rows: list[dict[str, Any]], full: bytes | None = None) -> None:
        """A config written in one file (the rows as written; full: the full rows' JSONL, when they differ)."""
        data = write.jsonl_bytes(rows)
        written = write.write_config(self.tmp, config, rows, data)
        self.digests[config].update(full if full is not None else data)
        self.summary.counts[config] = len(rows)
        self.parquet[config] = [p for p, kind in written.items() if kind == "parquet"]
        for path in written:
            self.done.rows[path] = len(rows)
        self.done.files.extend(written)

    def hexdigests(self) -> dict[str, str]:
        return {c: d.hexdigest() for c, d in self.digests.items()}

    def finish(self, out: Path, stamp: Stamp, inputs: dict[str, dict[str, str]], links: list[dict[str, Any]],
               verdicts: list[dict[str, Any]], reviews: list[dict[str, Any]] | None) -> Written:
        """Write the card, licence, explorer, ClaimReview, Croissant and manifest, and swap tmp into out."""
        for handle in self._jsonl.values():
            handle.close()
        tmp, done = self.tmp, self.done
        per_article = [f for c in shards.PER_ARTICLE for f in (*self.parquet[c], write.jsonl_path(c))]
        done.files = sorted(per_article) + done.files
        for config in shards.PER_ARTICLE:
            done.rows[write.jsonl_path(config)] = self.summary.counts[config]
            self.sha[write.jsonl_path(config)] = (self.written if self.limit else self.digests)[config].hexdigest()
        self._data_files = list(done.files)
        self.summary.labels = dict(self.labels)
        self.summary.judge(verdicts)
        (tmp / "LICENSE.md").write_text(about.license_text(), encoding="utf-8")
        if self._page is not None:  # it shows the article text, which the text-free variant leaves out
            done.files.extend(self._page.close(links, verdicts))
        if reviews:
            (tmp / "claimreview.jsonld").write_text(json.dumps(reviews, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            done.files.append("claimreview.jsonld")
        self._inputs = inputs
        self.describe(tmp, stamp)
        done.files += ["README.md", "LICENSE.md", "croissant.json", manifest.MANIFEST]
        atomic.replace_dir(tmp, out)
        return done

    def describe(self, root: Path, stamp: Stamp) -> None:
        """Write the files that carry the version (the card, ``croissant.json``, then ``MANIFEST.json`` over
        every file) into root, the finished folder: a release stamps its one build with the new version."""
        data_files = self._data_files
        (root / "README.md").write_text(card.render(self.parquet, self.summary, stamp, self.limit), encoding="utf-8")
        sha = {path: self.sha.get(path) or manifest.sha256_file(root / path) for path in data_files}
        meta = croissant_meta(stamp, self.limit)
        (root / "croissant.json").write_text(croissant.render(meta, self.parquet, sha), encoding="utf-8")
        variant = {"text_free": bool(self.limit), "short_quote_limit": self.limit, "shard_articles": self.per_shard}
        known = {**sha, **(self._page.sha if self._page is not None else {})}
        (root / manifest.MANIFEST).write_text(manifest.render(root, stamp, self.done.rows, self._inputs, variant, known),
                                              encoding="utf-8")
