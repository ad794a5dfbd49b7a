"""Nothing the tool did not write is replaced: every folder a command writes is checked before any work."""

from __future__ import annotations

import pytest
from conftest import Project, tree

from dprk_claims import cli


def refused(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str) -> str:
    """Run the command in the project folder; it must exit 2 and leave every file as it was."""
    monkeypatch.chdir(small.root)
    before = tree(small.root)
    code = cli.main(["--seeds", "seeds", "--annotations", "annotations", "--kb", "kb.json", *argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert tree(small.root) == before
    assert not (small.root / ".build-cache").exists()
    return err.strip()


FIX = "Fix: pass a new folder, or one a build wrote, e.g. --out dataset"


def test_out_is_the_checkout(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (small.root / ".git").mkdir()
    (small.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    err = refused(small, capsys, monkeypatch, "--out", ".")
    assert err == f"usage error: --out .: is the checkout {small.root.resolve()}; nothing was written. {FIX}"


def test_out_holds_the_inputs(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    err = refused(small, capsys, monkeypatch, "--out", ".")
    assert err == f"usage error: --out .: holds the input seeds; nothing was written. {FIX}"


@pytest.mark.parametrize(
    ("out", "why"),
    [
        ("seeds", "is the input seeds"),
        ("annotations", "is the input annotations"),
        ("seeds/new", "lies inside the input seeds"),
        ("kb.json", "is the input kb.json"),
    ],
)
def test_out_is_an_input(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, out: str, why: str) -> None:
    err = refused(small, capsys, monkeypatch, "--out", out)
    assert err == f"usage error: --out {out}: {why}; nothing was written. {FIX}"


def test_out_inside_git(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (small.root / ".git").mkdir()
    err = refused(small, capsys, monkeypatch, "--out", ".git/dataset")
    assert err == f"usage error: --out .git/dataset: lies inside a .git folder; nothing was written. {FIX}"


def test_out_a_folder_of_the_users_files(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (small.root / "notes").mkdir()
    (small.root / "notes" / "thesis.tex").write_text("my thesis")
    err = refused(small, capsys, monkeypatch, "--out", "notes")
    assert err == (
        "usage error: --out notes: holds files (thesis.tex, …) but no MANIFEST.json, so it is not a dataset "
        f"this tool wrote; nothing was written. {FIX}"
    )


def test_out_a_dataset_holding_a_file_of_the_users(
    small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(small.root)
    assert cli.main(small.args("--no-cache")) == 0
    (small.out / "my-notes.txt").write_text("mine")
    err = refused(small, capsys, monkeypatch, "--out", "dataset")
    assert err == (
        "usage error: --out dataset: holds my-notes.txt, which its MANIFEST.json does not list: a file the build "
        f"did not write; nothing was written. {FIX}"
    )


def test_out_with_a_foreign_manifest(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (small.root / "other").mkdir()
    (small.root / "other" / "MANIFEST.json").write_text('{"name": "my-corpus", "files": []}')
    err = refused(small, capsys, monkeypatch, "--out", "other")
    assert err == (
        f"usage error: --out other: its MANIFEST.json names the dataset 'my-corpus', not dprk-unsc-claims; nothing was written. {FIX}"
    )


def test_a_dataset_the_build_wrote_is_replaced(small: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small.root)
    assert cli.main(small.args("--no-cache")) == 0
    (small.root / "empty").mkdir()
    assert cli.main(small.args("--no-cache")) == 0
    assert cli.main([*small.args("--no-cache"), "--out", "empty"]) == 0
    assert tree(small.out) == tree(small.root / "empty")


def test_cache_a_folder_of_the_users_files(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (small.root / "home").mkdir()
    (small.root / "home" / "articles").mkdir()
    (small.root / "home" / "articles" / "draft.txt").write_text("draft")
    err = refused(small, capsys, monkeypatch, "--out", "dataset", "--cache", "home")
    assert err == (
        "usage error: --cache home: holds articles but no CACHEDIR.TAG, so it is not a cache this tool made; "
        "nothing was written. Fix: pass a new folder for the cache, e.g. --cache .build-cache"
    )


def test_cache_in_the_seeds(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    err = refused(small, capsys, monkeypatch, "--out", "dataset", "--cache", "seeds/.cache")
    assert err == (
        "usage error: --cache seeds/.cache: lies inside the input seeds; nothing was written. "
        "Fix: pass a new folder for the cache, e.g. --cache .build-cache"
    )


def test_last_release_a_folder_of_the_users_files(
    small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (small.root / "mine").mkdir()
    (small.root / "mine" / "todo.txt").write_text("todo")
    err = refused(small, capsys, monkeypatch, "--out", "dataset", "--last-release", "mine", "release", "1.0.0", "--date", "2026-01-02")
    assert err == (
        "usage error: --last-release mine: holds todo.txt, which this tool does not write there; nothing was written. "
        "Fix: pass the folder that keeps the last release, e.g. --last-release last-release"
    )


def test_rehydrate_into_the_copies(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    err = refused(small, capsys, monkeypatch, "--out", "seeds", "rehydrate", "dataset-text-free", "seeds")
    assert err == f"usage error: --out seeds: is the input seeds; nothing was written. {FIX}"


def test_docs_inside_the_annotations(small: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    err = refused(small, capsys, monkeypatch, "docs", "annotations/100_abcd.json")
    assert err == (
        "usage error: docs annotations/100_abcd.json: lies inside the input annotations; nothing was written. "
        "Fix: name the document to refresh, e.g. DATASHEET.md"
    )
