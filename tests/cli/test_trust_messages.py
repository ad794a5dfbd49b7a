"""Messages, not tracebacks, for file-system and network failures: a full or read-only disk, a malformed
cache entry or MANIFEST.json, and a Hub that refuses the connection or never answers."""

from __future__ import annotations

import errno
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Project, tree

from dprk_claims import cli
from dprk_claims.release import publish


def failing_build(project: Project, capsys: pytest.CaptureFixture[str]) -> list[str]:
    before = tree(project.out)
    capsys.readouterr()
    assert cli.main(project.args("--no-cache")) == 1
    assert tree(project.out) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".dataset")] == []
    return capsys.readouterr().err.replace(str(project.root) + "/", "").splitlines()


def test_a_full_disk(built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.write_bytes

    def full(self: Path, data: bytes) -> int:  # type: ignore[override]
        if ".dataset.tmp-" in str(self) and self.suffix == ".parquet":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    lines = failing_build(built, capsys)
    assert lines[0].startswith("error: .dataset.tmp-")
    assert lines[0].endswith(
        "/data/articles/train-00000-of-00001.parquet: cannot be written: the disk is full (value: ENOSPC). "
        "Fix: free some space on that disk (or write elsewhere), then run the command again"
    )
    assert lines[1:] == ["stopped; dataset was left as it was"]


def test_a_read_only_disk(built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.mkdir

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        if self.name.startswith(".dataset.tmp-"):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", read_only)
    lines = failing_build(built, capsys)
    assert lines[0].startswith("error: .dataset.tmp-")
    assert lines[0].endswith(": cannot be written: the file system is read-only (value: EROFS). Fix: write to a folder on a writable disk")


def test_a_deeply_nested_knowledge_base(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    built.kb.write_text('{"entities": ' + "[" * 50000 + "]" * 50000 + "}")
    assert failing_build(built, capsys)[0] == (
        "error: kb.json: knowledge base is not readable: line 1, column 77: the data is nested "
        "more than 64 levels deep. Fix: fix the JSON; every entry needs kb_id, name, type, "
        "aliases, qid"
    )


@pytest.mark.parametrize("garbage", ['{"x": 5}', "[1, 2]", '"text"', '{"a": [1, 2, 3, 4, "x", 6]}', "{" * 5000])
def test_a_malformed_cache_is_made_again(small: Project, capsys: pytest.CaptureFixture[str], garbage: str) -> None:
    cache = small.root / "cache"
    args = small.args("--cache", str(cache))
    assert cli.main(args) == 0
    first = tree(small.out)
    (cache / "inputs.json").write_text(garbage)
    for meta in cache.glob("shards/*/meta.json"):
        meta.write_text(garbage)
    for piece in cache.glob("articles/*.json"):
        piece.write_text(garbage)
    assert cli.main(args) == 0
    assert tree(small.out) == first
    assert cli.main(args) == 0  # and the entries made again are good
    assert tree(small.out) == first


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ('{"files": 5}', "field 'files': not a MANIFEST.json this tool writes"),
        ("[" * 1000 + "]" * 1000, "line 1, column 65: the data is nested more than 64 levels deep"),
        ('{"name": "x", "name": "y"}', "line 1, column 15: field 'name': the key 'name' appears twice in one object"),
        ("{not json", "line 1, column 2: not valid JSON: Expecting property name enclosed in double quotes"),
    ],
)
def test_a_malformed_manifest(built: Project, capsys: pytest.CaptureFixture[str], manifest: str, message: str) -> None:
    (built.out / "MANIFEST.json").write_text(manifest)
    capsys.readouterr()
    assert cli.main([*built.args(), "verify"]) == 1
    err = capsys.readouterr().err.replace(str(built.root) + "/", "")
    assert err.splitlines()[1].startswith(f"error: dataset/MANIFEST.json: {message}")


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "is_offline_mode", lambda: False)
    monkeypatch.setenv("HF_TOKEN", "hf_" + "x" * 34)
    monkeypatch.setattr(publish, "TIMEOUT", 0.5)
    monkeypatch.setattr(publish, "CONNECT_TIMEOUT", 0.5)
    yield
    from huggingface_hub import set_client_factory
    from huggingface_hub.utils._http import default_client_factory

    set_client_factory(default_client_factory)


def publish_to(released: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, endpoint: str) -> str:
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "ENDPOINT", endpoint)
    capsys.readouterr()
    assert cli.main([*released.args(), "publish", "--repo-id", "me/claims"]) == 1
    return capsys.readouterr().err


def test_publish_to_a_hub_that_refuses_the_connection(
    released: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hub: None
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    err = publish_to(released, capsys, monkeypatch, f"http://127.0.0.1:{port}")
    assert err.startswith(f"publish failed:\nerror: http://127.0.0.1:{port}: cannot reach the Hub, tried 4 times: ")
    assert err.endswith(". Fix: check your network connection, proxy (HTTPS_PROXY) and HF_ENDPOINT, then publish again\n")


def test_publish_to_a_hub_that_never_answers(
    released: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, hub: None
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)  # accepts connections (the kernel's backlog) and never says a word
        port = s.getsockname()[1]
        err = publish_to(released, capsys, monkeypatch, f"http://127.0.0.1:{port}")
    assert err == (
        f"publish failed:\nerror: http://127.0.0.1:{port}: the Hub did not answer within 0.5 s (ReadTimeout). Fix: check "
        "your network or proxy and https://status.huggingface.co, then publish again (nothing is lost: publishing again "
        "sends the same files)\n"
    )
