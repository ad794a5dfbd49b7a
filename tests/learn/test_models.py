"""The committed models: they load, match their manifest and card, store no training text, and are what
``python build_dataset.py train`` makes (retrained on a sample twice: same bytes)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import NO_DATA, ROOT, training_data

from dprk_claims.annotate import checkworthy
from dprk_claims.build import cache
from dprk_claims.curate import train
from dprk_claims.learn import linear

MODELS = ROOT / "dprk_claims" / "annotate" / "models"


def test_manifest_lists_every_artifact_with_its_hash() -> None:
    manifest = train.read_manifest(MODELS)
    listed = {rel: sha for entry in manifest["models"].values() for rel, sha in entry["files"].items()}
    on_disk = {p.relative_to(MODELS).as_posix() for p in MODELS.rglob("*") if p.is_file()} - {"manifest.json", "MODEL_CARD.md"}
    assert set(listed) == on_disk
    assert all(train.sha256(MODELS / rel) == sha for rel, sha in listed.items())


def test_model_card_shows_the_manifest() -> None:
    from dprk_claims.publish.card import refresh

    text = (MODELS / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert refresh(text, train.card_blocks(train.read_manifest(MODELS))) == text, "run: python build_dataset.py train"


def test_artifacts_total_at_most_25_mb() -> None:
    assert sum(p.stat().st_size for p in MODELS.rglob("*") if p.is_file()) <= 25 * 2**20


def test_checkworthiness_model_loads_and_labels_claims() -> None:
    model = checkworthy.model()
    assert sorted(model.classes) == ["CFS", "NFS", "UFS"]
    assert model.predict([("North Korea fired 13 ballistic missiles in 2019.", ("qt=none",)),
                          ("We stand ready to collaborate", ("qt=direct", "cue=said"))]) == ["CFS", "NFS"]
    assert re.fullmatch(r"model:checkworthiness sha256:[0-9a-f]{16}", checkworthy.model_id())


def test_automatic_claims_name_the_model_that_labelled_them() -> None:
    from conftest import annotate_text

    claims, _ = annotate_text("North Korea fired 13 ballistic missiles in 2019.\n")
    assert claims[0]["annotation"]["annotators"][1] == checkworthy.model_id()


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_no_training_text_is_stored_in_an_artifact() -> None:
    """Arrays are numbers only; the one JSON file holds settings, whose strings are all known here."""
    import numpy as np

    folder = MODELS / "checkworthiness"
    assert sorted(p.name for p in folder.iterdir()) == ["columns.npy", "model.json", "weights.npy"]
    for name in ("columns.npy", "weights.npy"):
        assert np.load(folder / name, allow_pickle=False).dtype.kind in "fi"
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert sorted(set(_strings(meta))) == sorted({
        "C", "CFS", "NFS", "UFS", "balanced", "chars", "class_weight", "classes", "folds", "format", "intercept", "method",
        "n_features", "params", "random_state", "seed_weight", "dprk_claims.learn.linear 1",
        "LinearSVC on hashed spaCy-tokenizer features"})


def test_a_missing_model_file_is_one_line_with_a_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dprk_claims.core.errors import DatasetError

    monkeypatch.setattr(checkworthy, "FOLDER", tmp_path)
    checkworthy.model.cache_clear()
    try:
        with pytest.raises(DatasetError) as err:
            checkworthy.model()
    finally:
        checkworthy.model.cache_clear()
    assert str(err.value) == (f"{tmp_path / 'model.json'}: the check-worthiness model is missing. Fix: reinstall the package, "
                              "or train it: python build_dataset.py train --only checkworthiness")


def test_model_files_are_part_of_the_cache_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "annotate" / "models" / "m").mkdir(parents=True)
    weights = tmp_path / "annotate" / "models" / "m" / "weights.npy"
    weights.write_bytes(b"one")
    monkeypatch.setattr(cache, "PACKAGE", tmp_path)
    monkeypatch.setattr(cache, "SCHEMAS", tmp_path / "schema")
    before = cache.code_version.__wrapped__()
    weights.write_bytes(b"two")
    assert cache.code_version.__wrapped__() != before


def test_linear_model_round_trips_through_its_files(tmp_path: Path) -> None:
    import numpy as np

    coef = np.zeros((2, 16), dtype=np.float32)
    coef[0, 3], coef[1, 5] = 1.5, -2.0
    linear.save(tmp_path, ["A", "B"], coef, np.array([0.1, -0.1]), False, 16, {})
    model = linear.load(tmp_path)
    assert np.array_equal(model.dense, coef.T) and model.classes == ("A", "B")
    assert np.load(tmp_path / "columns.npy").tolist() == [3, 5]


@pytest.mark.skipif(training_data() is None, reason=NO_DATA)
def test_training_on_a_sample_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    data = training_data()
    assert data is not None
    runs = []
    for name in ("a", "b"):
        train.train(data, tmp_path / name, ["checkworthiness"], sample=300)
        runs.append({p.relative_to(tmp_path / name).as_posix(): p.read_bytes() for p in sorted((tmp_path / name).rglob("*"))
                     if p.is_file()})
    assert runs[0] == runs[1] and "checkworthiness/weights.npy" in runs[0]
    assert json.loads(runs[0]["manifest.json"])["models"]["checkworthiness"]["sample"] == 300


@pytest.mark.skipif(training_data() is None, reason=NO_DATA)
def test_the_committed_model_and_its_figures_are_what_training_makes(tmp_path: Path) -> None:
    """The full check-worthiness training (about a minute): same artifact bytes, same published figures."""
    data = training_data()
    assert data is not None
    fresh = train.train(data, tmp_path, ["checkworthiness"])["models"]["checkworthiness"]
    committed = train.read_manifest(MODELS)["models"]["checkworthiness"]
    assert fresh == committed
