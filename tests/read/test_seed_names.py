"""Seed names: the rule is stated where a name is refused, `name FILE` prints a fresh valid name, and
files that are not articles (README, notes, .md, dotfiles) are ignored with a note instead of failing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import ARTICLE, Project

from dprk_claims import cli

RULE = ("Fix: name an article NNN_<hex>.txt: three or more digits, an underscore, and an id of 4 to 64 lower-case hex digits "
        "unique to the article, e.g. 004_a1b2c3d4.txt; `python build_dataset.py name FILE` prints a fresh name for FILE. "
        "A file that is not an article is ignored if its name starts with README, NOTES or a dot, or does not end in .txt")


def stderr_of(project: Project) -> tuple[int, list[str]]:
    result = project.run("--no-cache")
    return result.returncode, result.stderr.replace(str(project.root) + "/", "").splitlines()


@pytest.mark.parametrize(("name", "fault"), [
    ("004_abc.txt", "the hex id 'abc' has 3 digits, and it needs 4 to 64"),
    ("004_ABCD.txt", "the hex id 'ABCD' has characters other than 0-9 and a-f (lower case)"),
    ("04_abcd.txt", "the number '04' is not three or more digits"),
    ("004-abcd.txt", "it has no underscore between the number and the hex id"),
])
def test_a_bad_seed_name_is_refused_with_the_rule(small: Project, name: str, fault: str) -> None:
    (small.seeds / name).write_text(ARTICLE, encoding="utf-8")
    code, lines = stderr_of(small)
    assert code == 1
    assert lines[0] == f"error: seeds/{name}: field 'file name': not a seed file name: {fault} (value: '{name}'). {RULE}"


def test_files_that_are_not_articles_are_ignored_with_a_note(small: Project) -> None:
    for name in ("README.txt", "notes.md", "NOTES-sources.txt", ".DS_Store"):
        (small.seeds / name).write_text("about these articles\n", encoding="utf-8")
    code, lines = stderr_of(small)
    assert code == 0, lines
    assert lines == ["note: seeds: 4 file(s) that are not articles were ignored (a dotfile, not .txt, or README*/NOTES*): "
                     ".DS_Store, NOTES-sources.txt, README.txt, notes.md"]
    manifest = (small.out / "MANIFEST.json").read_text(encoding="utf-8")
    assert "README.txt" not in manifest and "notes.md" not in manifest  # not inputs either


def test_name_prints_the_next_free_number_and_the_sha256_prefix(small: Project, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    small.seed("007_beef", ARTICLE.replace("Saturday", "Sunday"))  # numbers are not counted: the next follows the highest, 100
    first, second = tmp_path / "new one.txt", tmp_path / "other.txt"
    first.write_text("Council meets\n\nThe Security Council met on Monday.\n", encoding="utf-8")
    second.write_text("Council meets again\n\nThe Security Council met on Tuesday.\n", encoding="utf-8")
    assert cli.main(["name", str(first), str(second), "--seeds", str(small.seeds)]) == 0
    names = capsys.readouterr().out.splitlines()
    assert names == [f"101_{hashlib.sha256(first.read_bytes()).hexdigest()[:16]}.txt",
                     f"102_{hashlib.sha256(second.read_bytes()).hexdigest()[:16]}.txt"]
    shutil.copyfile(first, small.seeds / names[0])
    code, lines = stderr_of(small)
    assert code == 0, lines


def test_name_refuses_a_file_that_is_not_a_clean_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crlf = tmp_path / "windows.txt"
    crlf.write_bytes(b"Council meets\r\n")
    assert cli.main(["name", str(crlf), "--seeds", str(tmp_path / "seeds")]) == 1
    assert capsys.readouterr().err == (f"error: {crlf}: line 1, byte 13: field 'text': the file has CR or CRLF line endings "
                                       "(value: '\\r\\n'). Fix: convert the line endings to LF (e.g. dos2unix FILE)\n")
