"""The README's analysis recipes (examples/recipes.py) and the figures (examples/plots.py) run, and what
they compute equals the same figures counted directly from the JSONL."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT


def module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def recipes() -> ModuleType:
    return module("recipes")


def rows(config: str) -> list[dict[str, Any]]:
    text = (ROOT / "dataset" / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def test_pandas_recipes(recipes: ModuleType) -> None:
    claims = rows("claims")
    speakers = Counter(c["attribution"]["speaker_normalized"] or "(article's own voice)" for c in claims)
    assert recipes.pandas_claims_per_speaker().to_dict() == dict(speakers)
    states = Counter(k for c in claims for k in {e["kb_id"] for e in c["entities"] if e["type"] == "state"})
    assert recipes.pandas_claims_per_country().to_dict() == dict(states)
    share = recipes.pandas_checkworthy_share().to_dict()
    for article_id, value in share.items():
        mine = [c for c in claims if c["article_id"] == article_id]
        assert value == pytest.approx(sum(c["checkworthiness"] == "CFS" for c in mine) / len(mine), abs=1e-4)
    assert recipes.pandas_quote_types().to_dict() == dict(Counter(c["attribution"]["quote_type"] for c in claims))


def test_duckdb_recipe_joins_claims_to_articles(recipes: ModuleType) -> None:
    claims = rows("claims")
    got = recipes.duckdb_claims_with_articles()
    expected = [(a["article_id"], a["headline"] or a["article_id"], a["published"]["value"],
                 sum(c["article_id"] == a["article_id"] for c in claims),
                 sum(c["article_id"] == a["article_id"] and c["checkworthiness"] == "CFS" for c in claims))
                for a in rows("articles")]
    assert got == expected


def test_polars_recipe_unnests_attribution_and_entities(recipes: ModuleType) -> None:
    df = recipes.polars_speakers_and_entities()
    claims = rows("claims")
    assert df.height == sum(len(c["entities"]) for c in claims)
    assert set(df.columns) == {"claim_id", "speaker_normalized", "quote_type", "text", "type", "kb_id", "qid"}
    first = df.row(0, named=True)
    claim = next(c for c in claims if c["claim_id"] == first["claim_id"])
    assert first["speaker_normalized"] == claim["attribution"]["speaker_normalized"]
    assert first["text"] in {e["text"] for e in claim["entities"]}


def test_figures_are_made_from_the_data(tmp_path: Path) -> None:
    plots = module("plots")
    written = plots.main(ROOT / "dataset", tmp_path)
    assert {p.name for p in written} == {"claims_by_speaker.png", "claim_types_by_article.png", "timeline.png", "figures.json"}
    for p in written:
        assert p.stat().st_size > 1000 or p.suffix == ".json"
    numbers = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    claims = rows("claims")
    assert sum(numbers["claims_by_speaker"].values()) == len(claims)
    assert sum(n for v in numbers["claim_types_by_article"].values() for n in v.values()) == sum(len(c["claim_types"]) for c in claims)
    assert {e["date"] for e in numbers["timeline"]} >= {"2016-11", "2019-12-10"}
    committed = json.loads((ROOT / "docs" / "figures" / "figures.json").read_text(encoding="utf-8"))
    assert committed == numbers, "run: python examples/plots.py (the committed figures are stale)"


@pytest.mark.parametrize(("name", "missing"), [("recipes", "duckdb"), ("recipes", "polars"), ("plots", "matplotlib")])
def test_an_example_without_its_module_says_which_extra_to_install(name: str, missing: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # the module cannot be imported, as when it is not installed
    example = module(name)
    entry = example.main if name == "recipes" else example.cli
    assert entry([str(ROOT / "dataset"), str(tmp_path / "figures")]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"error: {name}.py needs {missing}, which the package does not install: "
                                                "pip install -e '.[examples]'\n")
    assert not (tmp_path / "figures").exists()


def test_the_examples_extra_installs_what_the_examples_import() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert {r.split("==")[0] for r in extras["examples"]} == {"duckdb", "polars", "matplotlib"}
    assert set(extras["examples"]) <= set(extras["test"])  # the same pins as the tests run with
