"""The input-digest index of the cache: an unchanged file is not read again; any change is seen."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from dprk_claims import cache
from dprk_claims.cache import INDEX, Digests


def old_file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    past = time.time_ns() - 60_000_000_000
    os.utime(path, ns=(past, past))
    return path


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the file's ctime is now (utime moves it): no racy window here
    f = old_file(tmp_path / "a.txt", b"hello")
    first = Digests(tmp_path / "cache")
    assert first(str(f)) == hashlib.sha256(b"hello").hexdigest()
    first.save()
    index = json.loads((tmp_path / "cache" / INDEX).read_text())
    index[str(f)][4] = "e" * 64  # were the file read, this could not come back
    (tmp_path / "cache" / INDEX).write_text(json.dumps(index))
    assert Digests(tmp_path / "cache")(str(f)) == "e" * 64


def test_a_change_of_the_same_size_and_mtime_is_seen(tmp_path: Path) -> None:
    f = old_file(tmp_path / "a.txt", b"hello")
    st = os.stat(f)
    first = Digests(tmp_path / "cache")
    first(str(f))
    first.save()
    f.write_bytes(b"HELLO")  # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime; the ctime still moves
    assert Digests(tmp_path / "cache")(str(f)) == hashlib.sha256(b"HELLO").hexdigest()


def test_a_file_hashed_right_after_it_changed_is_read_again(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"hello")  # mtime is now: within the racy window of the hash below
    first = Digests(tmp_path / "cache")
    first(str(f))
    first.save()
    index = json.loads((tmp_path / "cache" / INDEX).read_text())
    index[str(f)][4] = "stale"
    (tmp_path / "cache" / INDEX).write_text(json.dumps(index))
    assert Digests(tmp_path / "cache")(str(f)) == hashlib.sha256(b"hello").hexdigest()
