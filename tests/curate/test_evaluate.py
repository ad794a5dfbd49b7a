"""The evaluation of the automatic annotator: the README table is current, and the scoring is right."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import NO_DATA, ROOT, training_data

from dprk_claims import cli
from dprk_claims.curate import evaluate
from dprk_claims.publish import card


@pytest.mark.skipif(training_data() is None, reason=NO_DATA)
def test_readme_evaluation_tables_are_current() -> None:
    """Recomputed: every figure of the first table (check-worthiness by models retrained without each
    article) and the leave-one-article-out rows of the second; its ClaimBuster row is the committed
    manifest's, which test_models recomputes by retraining."""
    result = evaluate.compute(ROOT / "seeds", ROOT / "annotations", ROOT / "kb" / "entities.json", training_data())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert card.refresh(readme, evaluate.blocks(result)) == readme, "run: python build_dataset.py evaluate --write"
    assert result["articles"] == ["000_f1b1ddaf935b3b0b", "001_dcef56b5910aa8bc", "003_e937a408929e9cc6"]
    assert result["checkworthiness_model"]["claimbuster_cv_source"] == "models/manifest.json"


def test_evaluate_without_the_training_data_says_where_to_put_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["evaluate", "--data", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'claimbuster' / 'crowdsourced_8k.json'}: the ClaimBuster training data is not there (needed to "
        "retrain without each curated article). Fix: pass --data with the folder holding claimbuster/ (e.g. ../shared/data) "
        "or set $DPRK_CLAIMS_DATA\n")


def _gold() -> dict:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "annotations").glob("0*.json"))}


def test_gold_scored_against_itself_is_perfect() -> None:
    gold = _gold()
    figures = evaluate.score({a: copy.deepcopy(d["claims"]) for a, d in gold.items()}, gold, ROOT / "seeds")
    assert figures["claim_spans_exact"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert figures["checkworthiness"]["kappa"] == 1.0 and figures["speaker_accuracy"] == 1.0
    assert figures["time_expressions"]["value_accuracy"] == 1.0 and figures["entities"]["value_accuracy"] == 1.0


def test_a_wrong_date_and_a_missing_claim_are_counted() -> None:
    gold = _gold()
    auto = {a: copy.deepcopy(d["claims"]) for a, d in gold.items()}
    dated = next(c for claims in auto.values() for c in claims if c["time_expressions"])
    dated["time_expressions"][0]["value"] = "1999"
    first = sorted(auto)[0]
    auto[first] = auto[first][1:]
    figures = evaluate.score(auto, gold, ROOT / "seeds")
    n = sum(len(d["claims"]) for d in gold.values())
    assert figures["claim_spans_exact"]["precision"] == 1.0 and figures["claim_spans_exact"]["recall"] == round((n - 1) / n, 4)
    assert figures["time_expressions"]["value_accuracy"] < 1.0


def test_kb_leave_one_out_removes_only_what_the_held_out_article_alone_uses() -> None:
    from dprk_claims.read.annotations import load_kb

    kb = load_kb(ROOT / "kb" / "entities.json")
    gold = _gold()
    reduced = evaluate._kb_without(kb, gold, "003_e937a408929e9cc6")
    assert "linda_thomas_greenfield" not in reduced and "north_korea" in reduced and "kim_song" in reduced
