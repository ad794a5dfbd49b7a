"""The learned check-worthiness in ``python build_dataset.py evaluate``: the models trained without each
curated article (so the seed figures are leave-one-article-out), and the table of figures.

ClaimBuster cross-validation is taken from the committed ``models/manifest.json`` (the figures the
training command measured; a test retrains and compares), or recomputed with ``recompute_cv``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import DatasetError, Problem
from dprk_claims.learn import checkworthiness as cw
from dprk_claims.learn.linear import Linear
from dprk_claims.learn.seedeval import loao_figures

ENV = "DPRK_CLAIMS_DATA"


def default_data() -> Path:
    """$DPRK_CLAIMS_DATA, else ../shared/data (where CI keeps the corpora, next to the clone)."""
    return Path(os.environ.get(ENV) or "../shared/data")


def _require(data_dir: Path) -> None:
    if not (data_dir / cw.CLAIMBUSTER).is_file():
        raise DatasetError([Problem(str(data_dir / cw.CLAIMBUSTER), None, None, "no_data",
                                    "the ClaimBuster training data is not there (needed to retrain without each curated article)",
                                    hint=f"pass --data with the folder holding claimbuster/ (e.g. ../shared/data) or set ${ENV}")])


def loao_models(data_dir: Path, gold_dir: Path) -> dict[str, Linear]:
    """{article_id: check-worthiness model trained on ClaimBuster and every other curated article}."""
    _require(data_dir)
    return cw.leave_one_article_out(cw.claimbuster(data_dir), cw.seed_claims(cw.gold_files(gold_dir)))


def figures(models: dict[str, Linear], gold_dir: Path, seeds_dir: Path, data_dir: Path, recompute_cv: bool) -> dict[str, Any]:
    from dprk_claims.curate.train import MODELS, read_manifest

    if recompute_cv:
        _require(data_dir)
        cv = cw.cross_validate(cw.claimbuster(data_dir), cw.seed_claims(cw.gold_files(gold_dir)))
    else:
        cv = read_manifest(MODELS)["models"]["checkworthiness"]["figures"]["claimbuster_cv"]
    return {"claimbuster_cv": cv, "claimbuster_cv_source": "recomputed" if recompute_cv else "models/manifest.json",
            "seeds_loao": loao_figures(models, cw.gold_files(gold_dir), seeds_dir)}


def markdown(fig: dict[str, Any]) -> str:
    cv, seeds = fig["claimbuster_cv"], fig["seeds_loao"]
    rows = [f"| ClaimBuster crowdsourced, 5-fold CV ({cv['ours']['n']} debate sentences; out of domain) | "
            f"{m['kappa']} / {m['cfs_f1']} / {m['weighted_f1']} | {b['kappa']} / {b['cfs_f1']} / {b['weighted_f1']} |"
            for m, b in [(cv["ours"], cv["tfidf_lr_baseline"])]]
    for key, label in (("claims", "gold claims"), ("sentences", "sentences of claim-bearing paragraphs")):
        m = seeds[key]
        rows.append(f"| seeds, leave one article out, {label} ({m['n']}; in domain) | {m['kappa']} / {m['cfs_f1']} / "
                    f"{m['weighted_f1']} | – |")
    rows.append(f"| seeds, leave one article out, claim / not-claim sentences: kappa | {seeds['sentences']['claim_sentence_kappa']} | – |")
    head = ["| check-worthiness (CFS / UFS / NFS) | ours: kappa / CFS F1 / weighted F1 | TF-IDF + LR baseline |", "|---|---|---|"]
    return "\n".join(head + rows)


def docs_blocks() -> dict[str, str]:
    """The DATASHEET blocks of the learned models, from the committed manifest's figures."""
    from dprk_claims.curate.attribution_figures import docs_block
    from dprk_claims.curate.train import MODELS, read_manifest

    entry = read_manifest(MODELS)["models"].get("checkworthiness")
    return ({"models:checkworthiness": markdown(entry["figures"])} if entry else {}) | docs_block()
