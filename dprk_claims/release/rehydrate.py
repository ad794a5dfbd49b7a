"""``rehydrate``: the full dataset rebuilt from a text-free folder and a user's own copies of the articles.

Each copy is matched to its article by sha256 (or by file name, to say what differs). The text-free
folder's own parts are read back part by part (its MANIFEST gives how many articles each holds), the
full rows restored (``textfree.restore``), and written by the build's writer (``assemble.Folder``), so
the folder is byte-identical to the full build's.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dprk_claims.build import assemble, shards
from dprk_claims.core.errors import Problem, RehydrateError, VerifyFailed
from dprk_claims.core.schemas import CONFIGS, SCHEMA_DIR
from dprk_claims.core.versions import Stamp
from dprk_claims.publish import manifest
from dprk_claims.publish.textfree import Rows, restore
from dprk_claims.read import verdicts
from dprk_claims.write import atomic, canonical

_REPAIRS: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("its Windows line endings (CRLF) are turned into LF", lambda b: b.replace(b"\r\n", b"\n")),
    ("its byte-order mark is removed", lambda b: b.removeprefix(b"\xef\xbb\xbf")),
    ("a final newline is added", lambda b: b + b"\n"),
    ("its final newline is removed", lambda b: b.removesuffix(b"\n")),
]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _diagnose(data: bytes, want: str) -> str:
    for what, repair in _REPAIRS:
        if _sha(repair(data)) == want:
            return f"the copy matches once {what}: fix the copy that way"
    return "use the article exactly as first published (the text the annotations were made on); an edited or re-saved copy differs"


def _copies(folder: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    by_name: dict[str, Path] = {}
    by_hash: dict[str, Path] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        by_name.setdefault(path.name, path)
        by_hash.setdefault(manifest.sha256_file(path), path)
    return by_name, by_hash


def rehydrate(folder: Path, copies: Path, out: Path) -> dict[str, Any]:
    """Rebuild the full dataset in out from the text-free folder and a folder of copies of the articles.
    Raises RehydrateError naming each article whose copy is missing or does not match its text_sha256."""
    try:
        meta = manifest.verify(folder)
    except VerifyFailed as err:  # reported as a rehydrate failure: the folder named is the text-free one
        raise RehydrateError(err.problems) from err
    if not meta["variant"].get("text_free"):
        raise RehydrateError([Problem(str(folder / manifest.MANIFEST), None, "variant", "not_text_free",
                                      "this folder is not a text-free variant", None, "rehydrate a folder built with --text-free")])
    schemas_now = {p.name: manifest.sha256_file(p) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}
    if meta["inputs"]["schema"] != schemas_now:
        raise RehydrateError([Problem(str(folder / manifest.MANIFEST), None, "inputs.schema", "schema_mismatch",
                                      f"version {meta['version']} was built with other schemas than this copy of dprk_claims has",
                                      None, f"check out the release's code first (`git checkout v{meta['version']}`)")])
    if not copies.is_dir():
        raise RehydrateError([Problem(str(copies), None, None, "no_copies", "folder of article copies not found", None,
                                      "pass the folder that holds your copies of the articles")])
    tables = {c: canonical.jsonl_rows((folder / "jsonl" / f"{c}.jsonl").read_bytes()) for c in CONFIGS}
    by_name, by_hash = _copies(copies)
    texts, problems = {}, []
    for article in tables["articles"]:
        aid, want = article["article_id"], article["text_sha256"]
        path = by_hash.get(want)
        if path is not None:
            texts[aid] = path.read_bytes().decode("utf-8")
            continue
        named = by_name.get(article["seed_file"])
        if named is None:
            problems.append(Problem(str(copies), f"article {aid}", "text_sha256", "missing_copy",
                                    f"no copy of the article: no file named {article['seed_file']} and no file with its sha256",
                                    want[:12] + "…", f"put your copy of the article at {copies / article['seed_file']}"))
        else:
            data = named.read_bytes()
            problems.append(Problem(str(named), f"article {aid}", "text_sha256", "copy_mismatch",
                                    f"the copy does not match the text the annotations were made on (sha256 {want[:12]}…)",
                                    _sha(data)[:12] + "…", _diagnose(data, want)))
    if problems:
        raise RehydrateError(problems)
    per_shard = meta["variant"].get("shard_articles") or shards.SHARD_ARTICLES  # the same shards as the text-free folder
    _write(restore(tables, texts), _parts(meta), out, Stamp(meta["version"], meta["released"]), meta["inputs"], per_shard)
    return meta


def _parts(meta: dict[str, Any]) -> list[int]:
    """How many articles each Parquet part of the folder holds, in order (its MANIFEST's row counts)."""
    prefix = f"{canonical.parquet_path('articles', 0, 1).rsplit('/', 1)[0]}/"
    return [int(f["rows"]) for f in sorted(meta["files"], key=lambda f: str(f["path"])) if str(f["path"]).startswith(prefix)]


def _shards(full: Rows, sizes: list[int]) -> Iterator[list[shards.Piece]]:
    """The restored rows, part by part as the text-free folder holds them, each article a piece."""
    by_article: dict[str, dict[str, list[dict[str, Any]]]] = {a["article_id"]: {"claims": [], "sentences": []} for a in full["articles"]}
    for config in ("claims", "sentences"):
        for row in full[config]:
            by_article[row["article_id"]][config].append(row)
    start = 0
    for size in sizes or [0]:
        articles = full["articles"][start:start + size]
        start += size
        yield [shards.piece({"article": a, "claims": by_article[a["article_id"]]["claims"],
                             "sentences": by_article[a["article_id"]]["sentences"], "source_files": []}, None, True)
               for a in articles]


def _write(full: Rows, sizes: list[int], out: Path, stamp: Stamp, inputs: dict[str, dict[str, str]], per_shard: int) -> None:
    """Write the full folder through the build's writer, replacing out in one step."""
    claims = {c["claim_id"]: c for c in full["claims"]}
    articles = {a["article_id"]: a for a in full["articles"]}
    reviews = verdicts.claim_reviews(full["verdicts"], claims, articles) if full["verdicts"] else None
    atomic.clean_stale(out)
    tmp = atomic.temp_dir_for(out)
    try:
        folder = assemble.Folder(tmp, max(len(sizes), 1), None, per_shard)
        for index, pieces in enumerate(_shards(full, sizes)):
            folder.add(shards.encode(index, pieces, str(tmp), folder.count))
        for config in assemble.GLOBAL:
            folder.add_config(config, full[config])
        folder.finish(out, stamp, inputs, full["claim_links"], full["verdicts"], reviews)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
