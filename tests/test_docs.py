"""Docs are tested: every command and option is in the README, and generated blocks are current."""

from __future__ import annotations

import argparse
import json

from conftest import ROOT

from dprk_claims import card, cli
from dprk_claims.agreement import markdown
from dprk_claims.pipeline import Inputs, collect

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    blocks = README.split("```bash\n")[1:3]
    assert blocks[0].startswith("pip install -e . && python build_dataset.py\n")
    assert blocks[1].startswith("pip install -e '.[test]' && pytest\n")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && pytest\n" in ci


def test_every_option_and_command_is_documented() -> None:
    parser = cli.parser()
    for action in parser._actions:
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"`{option}" in README, option
        if isinstance(action, argparse._SubParsersAction):
            for name in action.choices:
                assert f"`{name}" in README, name


def test_every_config_is_described_in_the_readme() -> None:
    from dprk_claims.schemas import CONFIGS

    for config in CONFIGS:
        assert f"`{config}`" in README, config


def test_datasheet_generated_blocks_are_current() -> None:
    tables, _ = collect(Inputs(seeds=ROOT / "seeds", annotations=ROOT / "annotations", kb=ROOT / "kb" / "entities.json"))
    blocks = card.generated_blocks(tables)
    blocks["agreement"] = markdown(json.loads((ROOT / "annotations" / "passes" / "agreement.json").read_text(encoding="utf-8")))
    text = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    assert card.refresh(text, blocks) == text, "run: python build_dataset.py docs"
    assert "<!-- generated:agreement -->" in text
