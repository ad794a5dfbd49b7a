"""The cache is verified before use, --check does not read it, keys cover what changes the bytes, and an
article's rows are made from the very bytes its key was hashed from."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTICLE, ARTICLE_ID, Project, tree

from dprk_claims import cli
from dprk_claims.build import cache, shards


def build(small: Project, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    code = cli.main([*small.args("--cache", str(small.root / "cache")), *extra])
    out, err = capsys.readouterr()
    return code, out.replace(str(small.root) + "/", ""), err.replace(str(small.root) + "/", "")


def fresh(small: Project) -> dict[str, bytes]:
    out = small.root / "fresh"
    assert cli.main([*small.args("--no-cache"), "--out", str(out)]) == 0
    return tree(out)


def only(folder: Path) -> Path:
    [entry] = list(folder.iterdir())
    return entry


def test_a_truncated_cached_parquet_is_made_again(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(small, capsys)[0] == 0
    entry = only(small.root / "cache" / "shards")
    parquet = entry / "claims.parquet"
    parquet.write_bytes(parquet.read_bytes()[:100])
    code, out, _ = build(small, capsys)
    assert code == 0
    assert f"note: cache/shards/{entry.name}: the cached shard did not match its digests; it was made again\n" in out
    assert tree(small.out) == fresh(small)
    assert len(parquet.read_bytes()) > 100  # the entry was stored again, whole


def test_an_edited_cached_jsonl_line_is_made_again(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(small, capsys)[0] == 0
    entry = only(small.root / "cache" / "shards")
    jsonl = entry / "claims.jsonl"
    jsonl.write_bytes(jsonl.read_bytes().replace(b"Saturday", b"Sunday"))
    piece = only(small.root / "cache" / "articles")
    piece.write_bytes(piece.read_bytes().replace(b"Saturday", b"Sunday"))
    shutil.rmtree(small.root / "cache" / "builds")  # as after a change elsewhere: not a build with nothing changed
    code, out, _ = build(small, capsys)
    assert code == 0
    assert f"note: cache/articles/{piece.name}: the cached article did not match its digest; it was made again\n" in out
    assert tree(small.out) == fresh(small)


def test_check_does_not_read_the_cache(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert build(small, capsys)[0] == 0
    entry = only(small.root / "cache" / "shards")
    for path in entry.iterdir():  # a consistently wrong entry (its digests made for the wrong bytes)
        path.unlink()
    entry.rmdir()
    piece = only(small.root / "cache" / "articles")
    body = cache.unsealed(piece.read_bytes())
    assert body is not None
    piece.write_bytes(cache.sealed(body.replace(b"Saturday", b"Sunday")))
    assert build(small, capsys)[0] == 0
    assert b"Sunday" in (small.out / "jsonl" / "claims.jsonl").read_bytes()  # the cache can be fooled ...
    code, _, err = build(small, capsys, "--check")
    assert code == 1  # ... but --check rebuilds without it
    assert "error: dataset: differs: jsonl/claims.jsonl (0 added, 0 removed, 1 changed, e.g. 100_abcd:c001)" in err


def test_the_code_version_covers_every_file_of_the_package_and_the_libraries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package, schemas = tmp_path / "dprk_claims", tmp_path / "schema"
    (package / "annotate" / "models").mkdir(parents=True)
    schemas.mkdir()
    (package / "a.py").write_text("x = 1\n")
    monkeypatch.setattr(cache, "PACKAGE", package)
    monkeypatch.setattr(cache, "SCHEMAS", schemas)

    def version() -> str:
        cache.code_version.cache_clear()
        return cache.code_version()

    try:
        first = version()
        (package / "annotate" / "models" / "weights.bin").write_bytes(b"\x00\x01")
        second = version()
        monkeypatch.setattr(cache, "_version", lambda name: "9.9.9" if name == "spacy" else "1.0")
        third = version()
    finally:
        monkeypatch.undo()
        cache.code_version.cache_clear()
    assert len({first, second, third}) == 3


def test_a_seed_edited_after_it_was_read_is_cached_under_what_was_read(
    small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = small.seeds / f"{ARTICLE_ID}.txt"
    edited = ARTICLE.replace("officials said", "officials SAID")
    read = shards.read

    def edit_after_reading(one: Any, kb: bytes, lineage: bytes | None) -> Any:  # read and hashed; then the file changes
        got = read(one, kb, lineage)
        if Path(one[0]).name == seed.name:
            seed.write_text(edited, encoding="utf-8")
        return got

    small.annotations.joinpath(f"{ARTICLE_ID}.json").unlink()  # automatic annotations: the edited text builds too
    monkeypatch.setattr(shards, "read", edit_after_reading)
    assert build(small, capsys)[0] == 0
    assert b"officials SAID" not in (small.out / "jsonl" / "articles.jsonl").read_bytes()  # the rows are of the bytes read
    monkeypatch.undo()
    assert build(small, capsys)[0] == 0  # the key was made from those bytes too: the edited file is not taken for them
    assert b"officials SAID" in (small.out / "jsonl" / "articles.jsonl").read_bytes()
    assert tree(small.out) == fresh(small)
