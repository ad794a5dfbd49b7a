"""The cache is keyed by the digests of the bytes the build reads: each input is read once, any change is
seen (whatever its stat), and what did not change is taken whole, down to the whole-corpus files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ARTICLE_ID, Project, tree

from dprk_claims import cli
from dprk_claims.build import uptodate
from dprk_claims.publish import manifest
from dprk_claims.read import seeds


def build(project: Project, *extra: str) -> None:
    assert cli.main(project.args("--cache", str(project.root / "cache"), *extra)) == 0


def fresh(project: Project) -> dict[str, bytes]:
    out = project.root / "fresh"
    assert cli.main([*project.args("--no-cache"), "--out", str(out)]) == 0
    return tree(out)


def test_a_change_of_the_same_size_and_mtime_is_seen(small: Project) -> None:
    build(small)
    path = small.annotations / f"{ARTICLE_ID}.json"
    st = os.stat(path)
    data = path.read_bytes()
    assert b'"test"' in data
    path.write_bytes(data.replace(b'"test"', b'"tset"'))  # another annotator: the same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime
    build(small)
    assert b'"tset"' in (small.out / "jsonl" / "claims.jsonl").read_bytes()
    assert tree(small.out) == fresh(small)


def test_each_input_is_read_once(small: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uptodate, "RACY_NS", 0)  # a file changed just before a build is hashed by its scan too (racy)
    reads: list[str] = []
    hashed: list[str] = []
    read_limited, sha256_file = seeds.read_limited, manifest.sha256_file
    monkeypatch.setattr(seeds, "read_limited", lambda path: reads.append(str(path)) or read_limited(path))
    monkeypatch.setattr(manifest, "sha256_file", lambda path: hashed.append(str(path)) or sha256_file(path))
    for _ in range(2):  # a cold cache, then a warm one
        reads.clear()
        hashed.clear()
        shutil.rmtree(small.root / "cache" / "builds", ignore_errors=True)  # not a build with nothing changed (uptodate)
        build(small)
        assert reads == [str(small.seeds / f"{ARTICLE_ID}.txt")]
        assert not [h for h in hashed if Path(h).name.startswith(ARTICLE_ID)]  # the manifest took the build's digests


def test_nothing_changed_takes_the_whole_files_and_a_damaged_one_is_made_again(small: Project) -> None:
    build(small)
    first = tree(small.out)
    whole = sorted((small.root / "cache" / "whole").glob("*.jsonl"))
    assert len(whole) == 3  # articles, claims, sentences
    claims = (small.out / "jsonl" / "claims.jsonl").read_bytes()
    [stored] = [w for w in whole if w.read_bytes() == claims]
    build(small)
    assert tree(small.out) == first
    assert os.path.samefile(stored, small.out / "jsonl" / "claims.jsonl")  # linked, not written again
    stored.write_bytes(claims[:100])  # cut short (and, through the link, the dataset's file with it)
    build(small)
    assert tree(small.out) == first == fresh(small)
