"""Stage 6: write a whole dataset folder, one shard at a time: the Parquet shards and JSONL of every
config, the card (``README.md``), ``LICENSE.md``, the explorer, ``croissant.json`` and, last,
``MANIFEST.json`` over all of them.

``Folder`` takes the shards in order, as their workers wrote them (``shards.Shard``: digests and counts,
never bytes), and keeps only what the card and the version stamp need, so memory does not grow with the
corpus; the whole-corpus JSONL files are the shards' parts joined byte for byte. Everything goes into a
temporary folder beside ``out`` that replaces it in one step (see ``atomic.replace_dir``), so a failed
build leaves the previous folder as it was. The build and ``rehydrate`` both come through here, which is what makes their output
byte-identical; a release stamps its one build with the new version (``describe``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dprk_claims.build import cache, shards
from dprk_claims.core import about
from dprk_claims.core.schemas import CONFIGS
from dprk_claims.core.versions import Stamp
from dprk_claims.publish import card, croissant, explorer, manifest, summary
from dprk_claims.write import atomic, canonical

GLOBAL = tuple(c for c in CONFIGS if c not in shards.PER_ARTICLE)  # small configs written in one file each


class _Joiner:
    """A whole-corpus JSONL file joined part by part as its shards arrive (its sha256 taken on the way; dst
    None: only hashed); each part is removed once copied."""

    def __init__(self, dst: Path | None):
        self.digest = hashlib.sha256()
        self.out = dst.open("wb") if dst is not None else None

    def add(self, part: Path) -> None:
        with part.open("rb") as f:
            while block := f.read(1 << 20):
                self.digest.update(block)
                if self.out is not None:
                    self.out.write(block)
        part.unlink()

    def close(self) -> str:
        if self.out is not None:
            self.out.close()
        return self.digest.hexdigest()


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
    """A dataset folder being written into tmp: ``add`` each shard in order (``shards.Shard``: the worker has
    written its files into tmp), ``add_config`` the small configs, then ``finish``. The whole-corpus JSONL
    files are the shards' parts joined byte for byte, or, when no part changed, the stored file (cache)."""

    def __init__(self, tmp: Path, shard_count: int, text_free_limit: int | None = None, per_shard: int = shards.SHARD_ARTICLES,
                 cache_dir: Path | None = None):
        self.tmp, self.count, self.limit, self.per_shard, self.cache = tmp, shard_count, text_free_limit, per_shard, cache_dir
        self.done = Written()
        self.parquet: dict[str, list[str]] = {c: [] for c in CONFIGS}
        self.parts: dict[str, list[tuple[Path, str]]] = {c: [] for c in shards.PER_ARTICLE}  # JSONL parts: path, sha256
        self.full_parts: dict[str, list[tuple[Path, str]]] = {c: [] for c in shards.PER_ARTICLE}  # text-free: the full rows'
        self.digests: dict[str, str] = {}  # sha256 of each config's full JSONL: the version stamp
        self.sha: dict[str, str] = {}  # of the files written so far, by relative path
        self.inputs: dict[str, str] = {}  # of the input files the shards read, by str(path)
        self.used: list[str] = []  # the cache entries of the whole files
        self.summary = summary.Summary({c: 0 for c in CONFIGS}, [], {})
        self.labels: Counter[str] = Counter()
        self.cfs_curated: list[str] = []
        self._joined = False
        (tmp / "jsonl").mkdir(parents=True, exist_ok=True)
        # without a cache the whole files are joined while the shards arrive (the workers still running);
        # with one, at the end, since an unchanged whole file is taken from the cache instead
        self._live: dict[str, _Joiner] | None = None
        if cache_dir is None:
            self._live = {c: _Joiner(tmp / canonical.jsonl_path(c)) for c in shards.PER_ARTICLE}
            if text_free_limit:
                self._live.update({f"{c}.full": _Joiner(None) for c in shards.PER_ARTICLE})
        self._page = None if text_free_limit else explorer.Page(tmp, shard_count)

    def add(self, shard: shards.Shard, place: bool = True) -> None:
        """Take a shard in order. place=False (the build has a problem, so it will not be written): only what
        the last checks need is kept, since a shard with a failed article may lack some of its files."""
        if place:
            self._place(shard)
        elif self._live is not None:  # the build will not be written: stop joining
            for joiner in self._live.values():
                joiner.close()
            self._live = None
        self.inputs.update(shard.inputs)
        self.summary.articles += shard.summary
        self.labels.update(shard.labels)
        self.cfs_curated += shard.cfs_curated

    def _place(self, shard: shards.Shard) -> None:
        spool = Path(shard.spool)
        for config in shards.PER_ARTICLE:
            rel = canonical.parquet_path(config, shard.index, self.count)
            self.sha[rel] = shard.placed[rel]
            self.done.rows[rel] = shard.rows[config]
            self.summary.counts[config] += shard.rows[config]
            self.parquet[config].append(rel)
            self.parts[config].append((spool / f"{config}.jsonl", shard.names[f"{config}.jsonl"]))
            if self.limit:
                self.full_parts[config].append((spool / f"{config}.full.jsonl", shard.names[f"{config}.full.jsonl"]))
            if self._live is not None:
                self._live[config].add(spool / f"{config}.jsonl")
                if self.limit:
                    self._live[f"{config}.full"].add(spool / f"{config}.full.jsonl")
        if self._page is not None:
            part = explorer.part_path(shard.index)
            single = (spool / "explorer-c", spool / "explorer-a") if "explorer-c" in shard.names else None
            self._page.add(shard.index_rows, (part, shard.placed[part]) if part in shard.placed else None, single)

    def _whole(self, name: str, parts: list[tuple[Path, str]], dst: Path | None) -> str:
        """The sha256 of the parts joined, written to dst (None: only hashed); taken from the cache when
        the same parts were joined before (the sha256 of a whole cannot be made from its parts')."""
        key = cache.hash_of([name, *(sha for _, sha in parts)])
        if self.cache is not None:
            self.used.append(key)
            found = cache.take_whole(self.cache, key, dst)
            if found is not None:
                return found
        digest = hashlib.sha256()
        with dst.open("wb") if dst is not None else contextlib.nullcontext() as out:
            for path, _ in parts:
                with path.open("rb") as f:
                    while block := f.read(1 << 20):
                        digest.update(block)
                        if out is not None:
                            out.write(block)
        sha = digest.hexdigest()
        if self.cache is not None:
            cache.store_whole(self.cache, key, dst, sha)
        return sha

    def _join(self) -> None:
        """Write the whole-corpus JSONL of each per-article config, once."""
        if self._joined:
            return
        self._joined = True
        if self._live is not None:
            for config in shards.PER_ARTICLE:
                sha = self.sha[canonical.jsonl_path(config)] = self._live[config].close()
                self.digests[config] = self._live[f"{config}.full"].close() if self.limit else sha
            return
        from concurrent.futures import ThreadPoolExecutor

        def join(config: str) -> tuple[str, str]:
            rel = canonical.jsonl_path(config)
            sha = self._whole(config, self.parts[config], self.tmp / rel)
            return sha, self._whole(f"{config}.full", self.full_parts[config], None) if self.limit else sha

        # one thread per file: reading, writing and sha256 release the GIL, so the files are joined side by side
        with ThreadPoolExecutor(max_workers=len(shards.PER_ARTICLE)) as pool:
            for config, (sha, full) in zip(shards.PER_ARTICLE, pool.map(join, shards.PER_ARTICLE), strict=True):
                self.sha[canonical.jsonl_path(config)], self.digests[config] = sha, full

    def add_config(self, config: str, rows: list[dict[str, Any]], full: bytes | None = None) -> None:
        """A config written in one file (the rows as written; full: the full rows' JSONL, when they differ)."""
        data = canonical.jsonl_bytes(rows)
        written = canonical.write_config(self.tmp, config, rows, data)
        self.digests[config] = hashlib.sha256(full if full is not None else data).hexdigest()
        self.summary.counts[config] = len(rows)
        self.parquet[config] = [p for p, kind in written.items() if kind == "parquet"]
        for path in written:
            self.done.rows[path] = len(rows)
        self.done.files.extend(written)

    def hexdigests(self) -> dict[str, str]:
        self._join()
        return {c: self.digests[c] for c in CONFIGS}

    def finish(self, out: Path, stamp: Stamp, inputs: dict[str, dict[str, str]], links: list[dict[str, Any]],
               verdicts: list[dict[str, Any]], reviews: list[dict[str, Any]] | None) -> Written:
        """Write the card, licence, explorer, ClaimReview, Croissant and manifest, and swap tmp into out."""
        self._join()
        tmp, done = self.tmp, self.done
        per_article = [f for c in shards.PER_ARTICLE for f in (*self.parquet[c], canonical.jsonl_path(c))]
        done.files = sorted(per_article) + done.files
        for config in shards.PER_ARTICLE:
            done.rows[canonical.jsonl_path(config)] = self.summary.counts[config]
        self._data_files = list(done.files)
        self.summary.labels = dict(self.labels)
        self.summary.judge(verdicts)
        (tmp / "LICENSE.md").write_text(about.license_text(), encoding="utf-8")
        if self._page is not None:  # it shows the article text, which the text-free variant leaves out
            done.files.extend(self._page.close(links, verdicts))
        shutil.rmtree(tmp / shards.SPOOL, ignore_errors=True)  # the parts, joined
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
