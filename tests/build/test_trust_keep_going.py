"""--keep-going checks everything and writes nothing: no dataset/ change, no cache."""

from __future__ import annotations

import pytest
from conftest import Project, tree

from dprk_claims import cli


def test_keep_going_on_good_input_writes_nothing(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main([*small.args("--cache", str(small.root / "cache")), "--keep-going"])
    assert code == 0
    assert capsys.readouterr().out == "keep-going: no problems in 1 articles (1 claims); nothing was written\n"
    assert not small.out.exists() and not (small.root / "cache").exists()


def test_keep_going_on_bad_input_leaves_the_dataset_and_writes_no_cache(small: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(small.args("--no-cache")) == 0
    before = tree(small.out)
    small.seed("101_beef", "Council meets\n\nThe Council met on Monday.\n")
    small.seed("102_beef", b"\xef\xbb\xbfBOM\n")
    code = cli.main([*small.args("--cache", str(small.root / "cache")), "--keep-going"])
    assert code == 1
    assert "the file starts with a UTF-8 byte-order mark" in capsys.readouterr().err
    assert tree(small.out) == before
    assert not (small.root / "cache").exists()
