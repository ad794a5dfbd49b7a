"""Docs are tested: every command and option is in the README, and generated blocks are current."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from conftest import ROOT

from dprk_claims import cli
from dprk_claims.annotate import core as annotate_core
from dprk_claims.build.pipeline import build, tables_of
from dprk_claims.build.tasks import Inputs
from dprk_claims.core import records
from dprk_claims.curate.agreement import markdown
from dprk_claims.curate.model_figures import docs_blocks
from dprk_claims.publish import card

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    blocks = README.split("```bash\n")[1:3]
    assert blocks[0].startswith("pip install -e . && python build_dataset.py\n")
    assert blocks[1].startswith("pip install -e '.[test]' && pytest\n")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && pytest\n" in ci


def test_every_option_and_command_is_documented() -> None:
    """Every option of the command and of each subcommand, and every subcommand, is in the README's table."""
    table = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    parsers = [("", cli.parser())]  # (the command's words, e.g. "labelstudio export ", its parser)
    seen = commands = 0
    while parsers:
        words, parser = parsers.pop()
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in table or f" {option}" in table, f"{words}{option}"
                    seen += 1
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    assert f"| `{words}{name}" in table, f"{words}{name}"
                    parsers.append((f"{words}{name} ", sub))
                    commands += 1
    assert seen >= 12 and commands >= 13


def test_every_config_is_described_in_the_readme() -> None:
    from dprk_claims.core.schemas import CONFIGS

    for config in CONFIGS:
        assert f"`{config}`" in README, config


def test_datasheet_generated_blocks_are_current(tmp_path: Path) -> None:
    inputs = Inputs(seeds=ROOT / "seeds", annotations=ROOT / "annotations", kb=ROOT / "kb" / "entities.json",
                    last_release=ROOT / "last-release")
    report = build(inputs, tmp_path / "dataset")
    tables = tables_of(tmp_path / "dataset")
    blocks = card.generated_blocks(tables, report.stamp) | docs_blocks()
    blocks["agreement"] = markdown(json.loads((ROOT / "annotations" / "passes" / "agreement.json").read_text(encoding="utf-8")))
    text = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    assert card.refresh(text, blocks) == text, "run: python build_dataset.py docs"
    assert "<!-- generated:agreement -->" in text
    assert "<!-- generated:version -->" in text
    assert "<!-- generated:models:checkworthiness -->" in text


def test_one_guideline_version_as_the_guidelines_give_it() -> None:
    """The guidelines' header, the top of their version history, the version curated and converted files take
    (records.GUIDELINE_VERSION) and the one the automatic annotator records are the same."""
    guidelines = (ROOT / "docs" / "annotation-guidelines.md").read_text(encoding="utf-8")
    header = re.search(r"^\*\*Version ([0-9]+\.[0-9]+\.[0-9]+)\.\*\*", guidelines, re.MULTILINE)
    history = re.search(r"^- \*\*([0-9]+\.[0-9]+\.[0-9]+)\*\*", guidelines, re.MULTILINE)
    assert header and history
    assert header[1] == history[1] == records.GUIDELINE_VERSION == annotate_core.GUIDELINE_VERSION
