"""Inputs stay inside their folders: links in seeds/ and annotations/ are refused, and so are paths in a
manifest that leave the dataset folder."""

from __future__ import annotations

import json

import pytest
from conftest import ARTICLE, ARTICLE_ID, Project, annotation_file, tree

from dprk_claims import cli


def fails(project: Project, capsys: pytest.CaptureFixture[str]) -> list[str]:
    before = tree(project.out) if project.out.exists() else {}
    capsys.readouterr()
    assert cli.main(project.args("--no-cache")) == 1
    assert (tree(project.out) if project.out.exists() else {}) == before
    return capsys.readouterr().err.replace(str(project.root) + "/", "").splitlines()


def test_a_seed_that_links_to_a_host_file(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    secret = small.root / "secret.txt"
    secret.write_text("Host secrets\n\nThe password is swordfish.\n")
    (small.seeds / "101_abcd.txt").symlink_to(secret)
    assert fails(small, capsys)[0] == (
        "error: seeds/101_abcd.txt: field 'file': is a symbolic link; a seed is read only from a "
        "plain file inside the seed folder (value: 'secret.txt'). Fix: copy the article into the "
        "folder instead of linking to it"
    )
    assert "swordfish" not in "".join(capsys.readouterr())


def test_a_seed_that_links_inside_the_folder(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (small.seeds / "101_abcd.txt").symlink_to(f"{ARTICLE_ID}.txt")
    assert fails(small, capsys)[0].startswith("error: seeds/101_abcd.txt: field 'file': is a symbolic link")


def test_an_annotation_file_that_is_a_link(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = small.root / "elsewhere.json"
    elsewhere.write_text(json.dumps(annotation_file(ARTICLE)))
    (small.annotations / f"{ARTICLE_ID}.json").unlink()
    (small.annotations / f"{ARTICLE_ID}.json").symlink_to(elsewhere)
    assert fails(small, capsys)[0] == (
        f"error: annotations/{ARTICLE_ID}.json: field 'file': is a symbolic link; annotations are "
        f"read only from plain files inside the annotations folder (value: 'elsewhere.json'). "
        "Fix: copy the file into the folder instead of linking to it"
    )


def test_a_linked_folder_in_the_annotations(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (small.root / "mine").mkdir()
    (small.annotations / "passes").symlink_to(small.root / "mine")
    assert fails(small, capsys)[0].startswith("error: annotations/passes: field 'file': is a symbolic link")


@pytest.mark.parametrize("bad", ["../outside.txt", "/etc/passwd", "data/../../x"])
def test_a_manifest_path_that_leaves_the_folder(small: Project, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    assert cli.main(small.args("--no-cache")) == 0
    manifest = small.out / "MANIFEST.json"
    meta = json.loads(manifest.read_text(encoding="utf-8"))
    meta["files"].append({"path": bad, "sha256": "0" * 64, "bytes": 1, "rows": None})
    manifest.write_text(json.dumps(meta), encoding="utf-8")
    capsys.readouterr()
    assert cli.main([*small.args(), "verify"]) == 1
    err = capsys.readouterr().err.replace(str(small.root) + "/", "")
    assert err.splitlines()[1] == (
        f"error: dataset/MANIFEST.json: file {bad!r}: field 'path': the path leaves the dataset folder "
        f"(value: {bad!r}). Fix: a manifest lists only relative paths inside its folder; restore it from "
        "the release"
    )
