"""The commands that were modules of their own (agreement, train, evaluate, labelstudio) run under
build_dataset.py, in this process; only the cli package prints, parses arguments or picks exit codes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from dprk_claims import cli

PASSES = ROOT / "annotations" / "passes"


def test_agreement_prints_what_agreement_json_holds(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["agreement", "--passes", str(PASSES), "--annotations", str(ROOT / "annotations"), "--seeds", str(ROOT / "seeds")]
    assert cli.main(argv) == 0
    assert capsys.readouterr() == ((PASSES / "agreement.json").read_text(encoding="utf-8"), "")


def test_agreement_write_stores_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("A", "B"):
        (tmp_path / name).mkdir()
        for path in (PASSES / name).glob("*.json"):
            (tmp_path / name / path.name).write_bytes(path.read_bytes())
    argv = ["--seeds", str(ROOT / "seeds"), "agreement", "--passes", str(tmp_path), "--annotations", str(ROOT / "annotations"), "--write"]
    assert cli.main(argv) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "agreement.json").read_text(encoding="utf-8") == out
    assert '"passes": [\n    "A",\n    "B"\n  ]' in out and "comparisons" not in out  # pass C is not in tmp_path


def test_agreement_with_a_missing_seed_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["agreement", "--passes", str(PASSES), "--annotations", str(ROOT / "annotations"), "--seeds", str(tmp_path)]) == 1
    first = sorted(p.stem for p in (ROOT / "annotations").glob("0*.json"))[0]
    assert capsys.readouterr() == ("", f"error: {tmp_path / first}.txt: cannot be read or written: no such file or folder "
                                       "(value: ENOENT). Fix: check the path; was the file moved or deleted while the command ran?\n")


def test_agreement_without_the_passes_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["agreement", "--passes", str(tmp_path), "--annotations", str(ROOT / "annotations"), "--seeds", str(ROOT / "seeds")]
    assert cli.main(argv) == 1
    assert capsys.readouterr() == ("", f"error: {tmp_path / 'A'}: no folder of annotation pass A here. Fix: pass --passes with the "
                                       "folder holding one sub-folder per pass (default annotations/passes)\n")


def test_train_without_the_training_data_says_where_to_put_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    models = tmp_path / "models"
    assert cli.main(["train", "--data", str(tmp_path / "none"), "--out", str(models)]) == 1
    assert capsys.readouterr() == ("", f"error: {tmp_path / 'none'}: training data folder not found. Fix: pass --data with the "
                                       "folder holding claimbuster/ and polnear/ (e.g. ../shared/data)\n")
    assert not models.exists()


def test_train_problems_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--json", "train", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "models")]) == 1
    assert '"code": "no_data"' in capsys.readouterr().err


def test_an_unknown_model_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["train", "--only", "nonsense"])
    assert done.value.code == 2
    assert "argument --only: invalid choice: 'nonsense'" in capsys.readouterr().err


def test_python_dash_m_runs_the_command_line() -> None:
    """A real process: ``python -m dprk_claims.cli`` is the same command line as build_dataset.py."""
    result = subprocess.run([sys.executable, "-m", "dprk_claims.cli", "train", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("usage: build_dataset.py train ")


CLI_ONLY = re.compile(r"^def main\(|^import argparse|\bprint\(|sys\.exit|sys\.std(out|err)|\.parse_args\(|add_argument\(", re.MULTILINE)


def test_only_the_cli_package_prints_parses_arguments_or_exits() -> None:
    package = ROOT / "dprk_claims"
    found = [f"{path.relative_to(package)}: {m[0]}" for path in sorted(package.rglob("*.py"))
             if "cli" not in path.relative_to(package).parts[:1]
             for m in CLI_ONLY.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
