"""benchmarks/attribution_methods.py: the cue pairing on an inline Doc, and a tiny end-to-end run on PolNeAR."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

SCRIPT = ROOT / "benchmarks" / "attribution_methods.py"
DATA = Path(os.environ.get("DPRK_CLAIMS_DATA") or ROOT.parent / "shared" / "data")
NO_POLNEAR = f"needs PolNeAR in ../shared/data/polnear (or $DPRK_CLAIMS_DATA); not found at {DATA}"


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("attribution_methods", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_cue_takes_the_nearest_source_and_content_of_its_sentence() -> None:
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Smith said the vote failed. Jones , an aide , told them it would pass.")
    label = {(0, 1): "SOURCE", (1, 2): "CUE", (2, 5): "CONTENT", (6, 7): "SOURCE", (8, 10): "SOURCE", (11, 12): "CUE",
             (13, 16): "CONTENT"}
    doc.spans["sc"] = [Span(doc, a, b, label=name) for (a, b), name in label.items()]
    rels = bench().relations_of(doc, 100)
    text = doc.text
    assert [text[r.cue[0][0] - 100:r.cue[0][1] - 100] for r in rels] == ["said", "told"]
    assert [text[r.source[0][0] - 100:r.source[0][1] - 100] for r in rels] == ["Smith", "an aide"]
    assert [text[r.content[0][0] - 100:r.content[0][1] - 100] for r in rels] == ["the vote failed", "it would pass"]


@pytest.mark.skipif(not (DATA / "polnear" / "train" / "text").is_dir(), reason=NO_POLNEAR)
def test_a_tiny_run_scores_both_methods_on_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    env = dict(os.environ, DPRK_CLAIMS_DATA=str(DATA), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, str(SCRIPT), "--sample", "5", "--max-steps", "20", "--out", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["dev_articles"] == 5 and got["train_articles"] == 5
    mod = bench()
    assert sorted(got["methods"]) == ["linear (LinearSVC taggers)", "spacy (span_finder + spancat)"]
    for fig in got["methods"].values():
        assert sorted(fig) == sorted(mod.KEYS)
        assert all(0.0 <= fig[k] <= 1.0 for k in mod.KEYS[:10]) and fig["articles_per_second"] > 0
    assert result.stdout.count("\n| ") == 3  # header and one row per method
