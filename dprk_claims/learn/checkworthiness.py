"""Check-worthiness (ClaimBuster's CFS / UFS / NFS) of a claim, learned.

Training data: the ClaimBuster crowdsourced sentences (debate turns, out of domain) and the claims of the
curated articles (in domain; each with its quote type and cue as context features, and a larger sample
weight). Model: a linear SVM (scikit-learn's LinearSVC, liblinear, fixed seed, balanced class weights)
on hashed word, bigram, shape, number and character features of spaCy's tokenizer (:mod:`.features`).

Figures, each on data the model being measured did not train on:
- ClaimBuster 5-fold cross-validation (stratified, seed 0): ours (trained on four folds and the seeds)
  and the floor, TF-IDF + logistic regression with scikit-learn's defaults (four folds only);
- the seeds, leave one article out: trained on ClaimBuster and the other articles, scored on the held-out
  article's gold claims and on its sentences (a sentence takes the highest label of its claims).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import features, linear
from .metrics import figures

CLAIMBUSTER = "claimbuster/crowdsourced_8k.json"
LABELS = {"-1": "NFS", "0": "UFS", "1": "CFS"}
ROOT = Path(__file__).resolve().parents[2]
PARAMS: dict[str, Any] = {"C": 0.3, "class_weight": "balanced", "seed_weight": 3.0, "chars": True, "n_features": features.N_FEATURES,
                          "folds": 5, "random_state": 0}
Item = tuple[str, tuple[str, ...]]


def claimbuster(data_dir: Path, sample: int | None = None) -> tuple[list[Item], list[str]]:
    rows = json.loads((data_dir / CLAIMBUSTER).read_text(encoding="utf-8"))
    rows = sorted(rows, key=lambda r: int(r["sentence_id"]))[:sample]
    return [(r["text"], ()) for r in rows], [LABELS[str(r["label"])] for r in rows]


def gold_files(gold_dir: Path = ROOT / "annotations") -> list[Path]:
    return sorted(gold_dir.glob("[0-9]*_*.json"))


def seed_claims(paths: Sequence[Path], sample: int | None = None) -> dict[str, tuple[list[Item], list[str]]]:
    """{article_id: (items, labels)} of the curated claims."""
    out = {}
    for path in paths:
        claims = json.loads(path.read_text(encoding="utf-8"))["claims"][:sample]
        out[path.stem] = ([(c["text"], features.claim_context(c)) for c in claims], [c["checkworthiness"] for c in claims])
    return out


def fit(items: Sequence[Item], labels: Sequence[str], weights: Sequence[float], params: dict[str, Any] = PARAMS) -> linear.Linear:
    import numpy as np
    from sklearn.svm import LinearSVC
    from threadpoolctl import threadpool_limits

    matrix = features.hasher(params["n_features"]).transform([features.features(t, c, params["chars"]) for t, c in items])
    with threadpool_limits(1):
        svm = LinearSVC(C=params["C"], class_weight=params["class_weight"], random_state=params["random_state"], max_iter=5000)
        svm.fit(matrix, list(labels), sample_weight=np.asarray(weights, dtype=np.float64))
    return linear.from_sklearn(svm, params["n_features"], params["chars"])


def _pool(cb: tuple[list[Item], list[str]], seeds: dict[str, tuple[list[Item], list[str]]], skip: str | None = None,
          params: dict[str, Any] = PARAMS) -> tuple[list[Item], list[str], list[float]]:
    items, labels = list(cb[0]), list(cb[1])
    weights = [1.0] * len(items)
    for aid in sorted(seeds):
        if aid != skip:
            items += seeds[aid][0]
            labels += seeds[aid][1]
            weights += [params["seed_weight"]] * len(seeds[aid][0])
    return items, labels, weights


def folds(labels: Sequence[str], n: int, seed: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import StratifiedKFold

    split = StratifiedKFold(n_splits=n, shuffle=True, random_state=seed).split([[0]] * len(labels), list(labels))
    return [(list(map(int, tr)), list(map(int, te))) for tr, te in split]


def baseline_predict(train_texts: Sequence[str], train_labels: Sequence[str], test_texts: Sequence[str]) -> list[str]:
    """The floor: TF-IDF + logistic regression, scikit-learn's defaults."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vec = TfidfVectorizer()
    with threadpool_limits(1):
        model = LogisticRegression(max_iter=1000).fit(vec.fit_transform(list(train_texts)), list(train_labels))
        return [str(x) for x in model.predict(vec.transform(list(test_texts)))]


def cross_validate(cb: tuple[list[Item], list[str]], seeds: dict[str, tuple[list[Item], list[str]]],
                   params: dict[str, Any] = PARAMS) -> dict[str, Any]:
    """ClaimBuster k-fold figures of ours and of the baseline, on every sentence once."""
    items, labels = cb
    ours, base = [""] * len(labels), [""] * len(labels)
    for train_idx, test_idx in folds(labels, params["folds"], params["random_state"]):
        fold = ([items[i] for i in train_idx], [labels[i] for i in train_idx])
        model = fit(*_pool(fold, seeds, params=params), params)
        for i, p in zip(test_idx, model.predict([items[i] for i in test_idx]), strict=True):
            ours[i] = p
        predicted = baseline_predict([t for t, _ in fold[0]], fold[1], [items[i][0] for i in test_idx])
        for i, p in zip(test_idx, predicted, strict=True):
            base[i] = p
    return {"ours": figures(labels, ours), "tfidf_lr_baseline": figures(labels, base)}


def leave_one_article_out(cb: tuple[list[Item], list[str]], seeds: dict[str, tuple[list[Item], list[str]]],
                          params: dict[str, Any] = PARAMS) -> dict[str, linear.Linear]:
    """One model per curated article, trained without it."""
    return {aid: fit(*_pool(cb, seeds, skip=aid, params=params), params) for aid in sorted(seeds)}


def train(data_dir: Path, out_dir: Path, sample: int | None = None) -> dict[str, Any]:
    """The trainer registered in :mod:`dprk_claims.curate.train`: writes the model into out_dir, returns its figures."""
    from .seedeval import loao_figures

    paths = gold_files()
    cb = claimbuster(data_dir, sample)
    seeds = seed_claims(paths, sample)
    model = fit(*_pool(cb, seeds))
    linear.save(out_dir, model.classes, model.dense.T, model.intercept, PARAMS["chars"], PARAMS["n_features"],
                {"method": "LinearSVC on hashed spaCy-tokenizer features", "params": PARAMS})
    result = {"claimbuster_cv": cross_validate(cb, seeds), "seeds_loao": loao_figures(leave_one_article_out(cb, seeds), paths)}
    data = {CLAIMBUSTER: data_dir / CLAIMBUSTER} | {f"annotations/{p.name}": p for p in paths}
    return {"figures": result, "data": data, "params": PARAMS}
