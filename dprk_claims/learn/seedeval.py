"""Leave-one-article-out figures on the curated articles for a check-worthiness model per held-out article.

Each held-out article's gold claims are labelled by the model trained without that article; a sentence
(of a claim-bearing paragraph, as in :mod:`dprk_claims.curate.evaluate`) takes the highest label of the claims
starting in it, NFS when none. Pooled over the articles: claim-level figures, sentence CFS/UFS/NFS and
claim / not-claim (CFS or UFS against NFS) kappa. The claim spans are the gold ones: this measures the
classifier alone; the evaluation table measures it behind the automatic claim spans.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import features
from .linear import Linear
from .matching import cohen_kappa, eligible_sentences, sentence_labels
from .metrics import figures


def relabel(model: Linear, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = copy.deepcopy(claims)
    for claim, label in zip(out, model.predict([(c["text"], features.claim_context(c)) for c in claims]), strict=True):
        claim["checkworthiness"] = label
    return out


def loao_figures(models: dict[str, Linear], paths: Sequence[Path], seeds_dir: Path | None = None) -> dict[str, Any]:
    from dprk_claims.parse.layout import split_paragraphs

    claim_g: list[str] = []
    claim_p: list[str] = []
    sent_g: list[str] = []
    sent_p: list[str] = []
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        seed = (seeds_dir or path.parent.parent / "seeds") / f"{path.stem}.txt"
        gold["_paragraphs"] = split_paragraphs(seed.read_text(encoding="utf-8"))
        predicted = relabel(models[path.stem], gold["claims"])
        claim_g += [c["checkworthiness"] for c in gold["claims"]]
        claim_p += [c["checkworthiness"] for c in predicted]
        sentences = eligible_sentences(gold)
        sent_g += sentence_labels(gold["claims"], sentences)
        sent_p += sentence_labels(predicted, sentences)
    binary = cohen_kappa([str(x != "NFS") for x in sent_g], [str(x != "NFS") for x in sent_p])
    return {"claims": figures(claim_g, claim_p), "sentences": figures(sent_g, sent_p) | {"claim_sentence_kappa": binary}}
