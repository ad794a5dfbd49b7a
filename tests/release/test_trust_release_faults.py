"""A release is atomic as a whole: killed at any moment, it leaves the old release whole (last-release/,
dataset/, CHANGELOG.md, CITATION.cff), or the next run completes it. A release that changes nothing, or is
dated before the last, is refused."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ARTICLE, ARTICLE_ID, ROOT, Project, annotation_file, claim_item

from dprk_claims import cli
from dprk_claims.release import transaction

PARTS = ("last-release", "dataset", "CHANGELOG.md", "CITATION.cff")


def snapshot(root: Path) -> dict[str, bytes]:
    found = {}
    for part in PARTS:
        path = root / part
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
        found.update({str(p.relative_to(root)): p.read_bytes() for p in files})
    return found


def restore(root: Path, state: dict[str, bytes]) -> None:
    for part in PARTS:
        path = root / part
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    for rel, data in state.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)


def with_a_second_claim(project: Project) -> None:
    data = annotation_file(ARTICLE)
    data["claims"].append(claim_item(ARTICLE, "We condemn the launch", cid="c002", checkworthiness="NFS"))
    project.annotate(ARTICLE_ID, data)
    assert project.run().returncode == 0


def release_process(project: Project) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build_dataset.py"),
            *project.args("--no-cache"),
            "release",
            "1.1.0",
            "--date",
            "2026-02-03",
            "--allow-dirty",
        ],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_release_killed_at_random_moments(released: Project) -> None:
    with_a_second_claim(released)
    old = snapshot(released.root)
    start = time.perf_counter()
    assert release_process(released).wait() == 0
    duration = time.perf_counter() - start
    new = snapshot(released.root)
    assert new != old
    rng = random.Random(20261203)
    seen = {"old": 0, "new": 0, "finished": 0}
    for _ in range(8):
        restore(released.root, old)
        proc = release_process(released)
        time.sleep(rng.uniform(duration * 0.3, duration * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = snapshot(released.root)
        if (released.root / transaction.JOURNAL).exists():  # killed while the files moved: the next run finishes it
            assert release_process(released).wait() == 0
            assert snapshot(released.root) == new
            seen["finished"] += 1
        else:
            assert now in (old, new), "a release killed at this moment left a mixture of two releases"
            seen["old" if now == old else "new"] += 1
    assert seen["old"] > 0


@pytest.mark.parametrize("moves_done", [0, 1, 2, 3])
def test_release_interrupted_between_moves_is_finished_by_the_next_run(
    released: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, moves_done: int
) -> None:
    with_a_second_claim(released)
    monkeypatch.chdir(released.root)
    argv = [*released.args("--no-cache"), "release", "1.1.0", "--date", "2026-02-03", "--allow-dirty"]
    old = snapshot(released.root)
    assert cli.main(argv) == 0
    new = snapshot(released.root)
    restore(released.root, old)
    real_apply = transaction._apply

    def interrupted(journal: Path, moves: list[tuple[Path, Path]]) -> None:  # the process dies after some of the moves
        for staged, target in moves[:moves_done]:
            if staged.is_dir():
                shutil.rmtree(target, ignore_errors=True)
                os.rename(staged, target)
            else:
                os.replace(staged, target)
        raise SystemExit(137)

    monkeypatch.setattr(transaction, "_apply", interrupted)
    with pytest.raises(SystemExit):
        cli.main(argv)
    assert (released.root / transaction.JOURNAL).exists()
    monkeypatch.setattr(transaction, "_apply", real_apply)
    capsys.readouterr()
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.startswith("finished release 1.1.0 (2026-02-03), which was interrupted while its files moved\n")
    assert snapshot(released.root) == new
    assert not (released.root / transaction.JOURNAL).exists() and not (released.root / transaction.STAGING).exists()


def test_a_release_that_changes_nothing(released: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(released.root)
    before = snapshot(released.root)
    assert cli.main([*released.args("--no-cache"), "release", "1.0.1", "--date", "2026-01-05", "--allow-dirty"]) == 1
    assert capsys.readouterr().err == (
        "release refused, nothing was written:\nerror: last-release/release.json: field 'version': "
        "release 1.0.1 would hold exactly what release 1.0.0 holds (value: 1.0.1). Fix: change the "
        "data or the schemas first; a release that changes nothing is not made\n"
    )
    assert snapshot(released.root) == before


def test_a_release_dated_before_the_last(released: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    with_a_second_claim(released)
    monkeypatch.chdir(released.root)
    before = snapshot(released.root)
    assert cli.main([*released.args("--no-cache"), "release", "1.1.0", "--date", "2025-12-31", "--allow-dirty"]) == 1
    err = capsys.readouterr().err.replace(str(released.root) + "/", "")
    assert err == (
        "release refused, nothing was written:\nerror: last-release/release.json: field 'date': release 1.1.0 is dated "
        "2025-12-31, before the last release 1.0.0 (2026-01-02) (value: 2025-12-31). Fix: date it 2026-01-02 or later "
        "(--date YYYY-MM-DD; the default is today)\n"
    )
    assert snapshot(released.root) == before
