"""Every option works before or after the command, and each command's --help lists the options it uses.
The command line runs in this process (cli.main with an argument list)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project

from dprk_claims import cli

# The options each command's --help must list (besides -h/--help and its own arguments).
USED = {
    "docs": ["--seeds", "--annotations", "--kb", "--last-release", "--workers", "--engine", "--cache", "--no-cache",
             "--keep-going", "--json"],
    "release": ["--seeds", "--annotations", "--kb", "--out", "--last-release", "--workers", "--cache", "--keep-going",
                "--json", "--date"],
    "verify": ["--out", "--text-free", "--json"],
    "rehydrate": ["--out", "--json"],
    "publish": ["--out", "--text-free", "--json", "--repo-id", "--dry-run", "--private"],
    "name": ["--seeds", "--json"],
    "labelstudio": ["--seeds", "--annotations", "--kb", "--json"],
    "evaluate": ["--seeds", "--annotations", "--kb", "--data", "--cv", "--json", "--write"],
    "agreement": ["--seeds", "--annotations", "--passes", "--write", "--json"],
    "train": ["--data", "--out", "--only", "--sample", "--json"],
}


def help_of(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(USED))
def test_each_commands_help_lists_the_options_it_uses(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(command, capsys)
    missing = [o for o in USED[command] if f"{o} " not in text and f"{o}\n" not in text and f"{o}," not in text]
    assert missing == []


def test_an_option_after_the_command_is_taken_and_one_before_it_is_kept() -> None:
    p = cli.parser()
    assert p.parse_args(["verify", "--out", "b"]).out == Path("b")
    assert p.parse_args(["--out", "a", "verify"]).out == Path("a")
    assert p.parse_args(["--out", "a", "verify", "--out", "b"]).out == Path("b")
    after = p.parse_args(["verify", "--json"])
    assert (after.json, after.out, after.seeds, after.text_free) == (True, None, Path("seeds"), False)
    release = p.parse_args(["release", "1.0.0", "--seeds", "s", "--keep-going", "--workers", "2"])
    assert (release.seeds, release.keep_going, release.workers, release.kb) == (Path("s"), True, 2, Path("kb/entities.json"))


def test_verify_with_out_after_the_command_runs_in_process(small: Project, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(small.root)
    assert cli.main(["--seeds", "seeds", "--annotations", "annotations", "--kb", "kb.json", "--no-cache"]) == 0
    (small.root / "dataset").rename(small.root / "built")
    capsys.readouterr()
    assert cli.main(["verify", "--out", "built"]) == 0
    assert capsys.readouterr().out.startswith("verify ok: built matches its MANIFEST.json (")
    assert cli.main(["verify", "--out", "nowhere", "--json"]) == 1
    assert '"code":' in capsys.readouterr().err
