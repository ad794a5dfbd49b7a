"""A rebuild with nothing changed reads and writes nothing: the record of the last build (``uptodate``)
holds only while every input and every output file has the stat it recorded; any change, even one that
keeps the size and the mtime, or a damaged record, gives a real build."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from conftest import ARTICLE_ID, Project, cli_run, tree

from dprk_claims.build import cache, uptodate
from dprk_claims.read import seeds

UNCHANGED = "nothing changed since the last build into"


def build(project: Project) -> str:
    done = cli_run(project.args("--cache", str(project.root / "cache")), cwd=project.root)
    assert done.returncode == 0, done.stderr
    return done.stdout


def stats(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def record(project: Project) -> Path:
    [path] = (project.root / "cache" / "builds").glob("*.json")
    return path


def test_nothing_changed_reads_and_writes_nothing(small: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    assert UNCHANGED not in build(small)
    before = stats(small.out)
    reads: list[str] = []
    read_limited = seeds.read_limited
    monkeypatch.setattr(seeds, "read_limited", lambda path: reads.append(str(path)) or read_limited(path))
    out = build(small)
    assert UNCHANGED in out
    assert "1 articles (1 curated), 1 claims, version 0.0.0+dev" in out  # the recorded report
    assert reads == []
    assert stats(small.out) == before  # not one file written again


@pytest.mark.parametrize("where", ["input", "output"])
def test_an_edit_that_keeps_size_and_mtime_is_seen(small: Project, where: str) -> None:
    build(small)
    first = tree(small.out)
    path = small.annotations / f"{ARTICLE_ID}.json" if where == "input" else small.out / "jsonl" / "claims.jsonl"
    st = os.stat(path)
    data = path.read_bytes()
    with path.open("r+b") as f:  # in place: the same inode, the same size
        f.write(b"[" if where == "output" else data[:1])
    if where == "input":
        path.write_bytes(data.replace(b'"test"', b'"tset"'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the mtime set back: only the ctime tells
    assert os.stat(path).st_size == st.st_size and os.stat(path).st_mtime_ns == st.st_mtime_ns
    assert UNCHANGED not in build(small)
    claims = (small.out / "jsonl" / "claims.jsonl").read_bytes()
    assert (b'"tset"' in claims) if where == "input" else tree(small.out) == first  # the edit built; the damage mended


def test_a_file_added_to_the_inputs_or_removed_from_the_output_is_seen(small: Project) -> None:
    build(small)
    (small.annotations / "notes.txt").write_text("a reader's note", encoding="utf-8")
    assert UNCHANGED not in build(small)
    assert UNCHANGED in build(small)
    (small.out / "LICENSE.md").unlink()
    assert UNCHANGED not in build(small)
    assert (small.out / "LICENSE.md").is_file()


def test_a_damaged_record_gives_a_real_build(small: Project) -> None:
    build(small)
    path = record(small)
    path.write_bytes(path.read_bytes()[:-10])  # cut short: the seal no longer matches
    assert UNCHANGED not in build(small)
    assert UNCHANGED in build(small)


def test_an_input_changed_just_before_the_build_is_checked_by_its_bytes(small: Project,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Within RACY_NS of the scan a change could share the clock tick of the stat: such a file is recorded
    with the sha256 of the bytes the build read, and the record holds only while its bytes still have it."""
    monkeypatch.setattr(uptodate, "RACY_NS", 10**18)  # every input counts as just changed
    build(small)
    body = cache.unsealed(record(small).read_bytes())
    assert body is not None
    data = orjson.loads(body)
    seed = str(small.seeds / f"{ARTICLE_ID}.txt")
    assert data["racy"][seed] == cache.sha256((small.seeds / f"{ARTICLE_ID}.txt").read_bytes())
    assert set(data["racy"]) == set(data["inputs"])
    assert UNCHANGED in build(small)
    data["racy"][seed] = "0" * 64  # as if the seed had changed within the tick of its recorded stat
    record(small).write_bytes(cache.sealed(orjson.dumps(data)))
    assert UNCHANGED not in build(small)


def test_check_never_trusts_the_record(small: Project) -> None:
    build(small)
    claims = small.out / "jsonl" / "claims.jsonl"
    claims.write_bytes(claims.read_bytes() + b"\n")
    done = cli_run([*small.args("--cache", str(small.root / "cache")), "--check"], cwd=small.root)
    assert done.returncode != 0 and "differs: jsonl/claims.jsonl" in done.stdout + done.stderr


def test_a_knowledge_base_given_through_a_link_is_followed(small: Project) -> None:
    real = small.root / "kb-real.json"
    small.kb.rename(real)
    small.kb.symlink_to(real)
    build(small)
    data = real.read_bytes()
    real.write_bytes(data.replace(b"North Korea", b"NORTH KOREA"))  # the linked file changes; the link does not
    assert UNCHANGED not in build(small)


def test_after_an_edit_only_the_edited_shard_reads_its_inputs(small: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import ARTICLE, annotation_file

    other = "101_abcd"
    small.seed(other, ARTICLE)
    small.annotate(other, annotation_file(ARTICLE, other))
    monkeypatch.setattr(uptodate, "RACY_NS", 0)  # the files were written just now: trust their stat all the same
    argv = small.args("--cache", str(small.root / "cache"), "--shard-articles", "1", "--workers", "1")  # in this process
    assert cli_run(argv, cwd=small.root).returncode == 0
    reads: list[str] = []
    read_limited = seeds.read_limited
    monkeypatch.setattr(seeds, "read_limited", lambda path: reads.append(Path(path).name) or read_limited(path))
    path = small.annotations / f"{other}.json"
    path.write_bytes(path.read_bytes().replace(b'"test"', b'"tset"'))
    done = cli_run(argv, cwd=small.root)
    assert done.returncode == 0, done.stderr
    assert reads == [f"{other}.txt"]  # the unchanged shard came from the cache unread
    fresh = small.root / "fresh"
    assert cli_run([*small.args("--no-cache", "--shard-articles", "1"), "--out", str(fresh)], cwd=small.root).returncode == 0
    assert tree(small.out) == tree(fresh)
