"""The learned attribution model (models/attribution/): it loads, tags cue, source and content, is named in
the claims it shapes, stores no text, gives the published PolNeAR dev figures, and trains to the same bytes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import NO_DATA, ROOT, training_data

from dprk_claims.annotate import frames
from dprk_claims.curate import train
from dprk_claims.learn import attribution, attribution_fit, polnear

MODELS = ROOT / "dprk_claims" / "annotate" / "models"


def _tagged(text: str) -> list[tuple[str, str | None, str | None]]:
    out = []
    for r in attribution_fit.predict_article(frames.tagger(), text):
        cue, src, con = (" ".join(text[a:b] for a, b in part) or None for part in (r.cue, r.source, r.content))
        out.append((cue or "", src, con))
    return out


def test_a_reported_statement_gets_its_cue_source_and_content() -> None:
    assert _tagged("The ambassador said the sanctions had failed.") == [("said", "The ambassador", "the sanctions had failed")]


def test_a_quotation_before_its_cue_is_the_content_with_its_marks() -> None:
    assert _tagged("“We will not give in,” Smith told reporters.") == [("told", "Smith", "“We will not give in,”")]


def test_a_quotation_going_on_after_its_cue_sentence_stays_with_the_speaker() -> None:
    text = "“It is a joke,” Smith said. “They know nothing about trade. Nothing.”"
    assert _tagged(text) == [("said", "Smith", "“It is a joke,” “They know nothing about trade. Nothing.”")]


def test_a_sentence_with_no_reporting_has_no_attribution() -> None:
    assert _tagged("The council met on Monday in New York.") == []


def test_automatic_claims_name_the_attribution_model() -> None:
    from conftest import annotate_text

    claims, _ = annotate_text("North Korea fired 13 ballistic missiles in 2019, the ministry said.\n")
    assert frames.model_id() in claims[0]["annotation"]["annotators"]
    assert re.fullmatch(r"model:attribution sha256:[0-9a-f]{16}", frames.model_id())
    assert claims[0]["attribution"]["cue"] == "said" and claims[0]["attribution"]["speaker"] == "the ministry"


def test_no_text_is_stored_in_the_attribution_model() -> None:
    import numpy as np

    for part in ("cue", "role"):
        folder = MODELS / "attribution" / part
        assert sorted(p.name for p in folder.iterdir()) == ["columns.npy", "model.json", "weights.npy"]
        for name in ("columns.npy", "weights.npy"):
            assert np.load(folder / name, allow_pickle=False).dtype.kind in "fi"
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        assert set(meta["classes"]) == ({"B", "I", "O"} if part == "cue" else {"C", "O", "S"})
        assert set(meta["params"]) == set(attribution.PARAMS)


def test_a_missing_attribution_model_is_one_line_with_a_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dprk_claims.core.errors import DatasetError

    monkeypatch.setattr(frames, "FOLDER", tmp_path)
    frames.tagger.cache_clear()
    try:
        with pytest.raises(DatasetError) as err:
            frames.tagger()
    finally:
        frames.tagger.cache_clear()
    assert str(err.value) == (f"{tmp_path / 'cue' / 'model.json'}: the attribution model is missing. Fix: reinstall the package, "
                              "or train it: python build_dataset.py train --only attribution")


@pytest.mark.skipif(training_data() is None, reason=NO_DATA)
def test_the_committed_attribution_model_gives_the_published_polnear_dev_figures() -> None:
    data = training_data()
    assert data is not None
    dev = polnear.read(data, "dev")
    scored = polnear.score(dev, [attribution_fit.predict_article(frames.tagger(), a.text) for a in dev])
    published = train.read_manifest(MODELS)["models"]["attribution"]["figures"]["polnear_dev"]
    assert attribution_fit.figures(scored, len(dev)) == published


@pytest.mark.skipif(training_data() is None, reason=NO_DATA)
def test_training_attribution_on_a_sample_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    data = training_data()
    assert data is not None
    runs = []
    for name in ("a", "b"):
        train.train(data, tmp_path / name, ["attribution"], sample=8)
        runs.append({p.relative_to(tmp_path / name).as_posix(): p.read_bytes() for p in sorted((tmp_path / name).rglob("*"))
                     if p.is_file()})
    assert runs[0] == runs[1] and "attribution/role/weights.npy" in runs[0]
    assert json.loads(runs[0]["manifest.json"])["models"]["attribution"]["sample"] == 8
