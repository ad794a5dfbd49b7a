"""The agreement script: kappa and span matching on tiny cases, and the published figures reproduce."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from dprk_claims.curate.agreement import compute
from dprk_claims.learn.matching import cohen_kappa, f1, match


def test_kappa_of_identical_labels_is_one() -> None:
    assert cohen_kappa(["CFS", "NFS", "UFS"], ["CFS", "NFS", "UFS"]) == 1.0


def test_kappa_textbook_case() -> None:
    # 2x2 table a=20 (yes/yes), b=5, c=10, d=15: po=0.7, pe=0.5, kappa=0.4
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_kappa_undefined_for_a_single_label() -> None:
    assert cohen_kappa(["x", "x"], ["x", "x"]) is None
    assert cohen_kappa([], []) is None


def test_matching_exact_then_largest_overlap() -> None:
    a = [(0, 10), (20, 30), (40, 50)]
    b = [(0, 10), (22, 30), (25, 35), (60, 70)]
    exact, over = match(a, b)
    assert exact == [(0, 0)]
    assert over == [(0, 0), (1, 1)]  # (20,30)~(22,30) overlaps more than (25,35); (40,50) matches nothing
    assert f1(len(exact), len(a), len(b)) == pytest.approx(2 / 7, abs=1e-4)


def test_published_figures_reproduce_from_the_stored_passes() -> None:
    stored = json.loads((ROOT / "annotations" / "passes" / "agreement.json").read_text(encoding="utf-8"))
    assert compute(ROOT / "annotations" / "passes", ROOT / "annotations", ROOT / "seeds") == stored
