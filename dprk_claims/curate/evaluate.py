"""The automatic annotator against the gold, on every curated article.

Run ``python build_dataset.py evaluate`` to print the table; ``--write`` puts it into README.md (the
``<!-- generated:evaluation -->`` block), which a test recomputes.

Check-worthiness is learned (``dprk_claims.learn``): each curated article is labelled by a model
retrained without it (on ClaimBuster, from ``--data``, and the other curated articles), so its figures
are leave-one-article-out; the second table adds ClaimBuster cross-validation beside the TF-IDF +
logistic regression baseline (see :mod:`dprk_claims.curate.model_figures`). The rules learn nothing from the
gold, so for them leave-one-out only matters for what the gold did shape: the knowledge base. Three
settings, each over every curated article:
- ``as built``: what the build gives an article with no curated file: layout parsed from the text (no
  curated publication date or paragraph roles), the full knowledge base;
- ``KB leave-one-out``: the same, with the knowledge-base entries that only the held-out article's gold
  uses removed (its people, documents, …), as for an article the knowledge base has never seen;
- ``gold metadata``: the curated publication date and paragraph roles are given, full knowledge base.

Claims are matched as in :mod:`dprk_claims.curate.agreement` (exact offsets, then greedy overlap). Sentence
figures use the gold sentences of claim-bearing paragraphs; a sentence's check-worthiness is the highest
label of the claims starting in it (NFS when none), and it is a claim sentence when that is CFS or UFS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dprk_claims.learn.matching import cohen_kappa, eligible_sentences, match, sentence_labels, share, speaker_key

SETTINGS = ("as built", "KB leave-one-out", "gold metadata")


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float | None, float | None, float | None]:
    p = tp / n_pred if n_pred else None
    r = tp / n_gold if n_gold else None
    f = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else None
    return tuple(round(x, 4) if x is not None else None for x in (p, r, f))  # type: ignore[return-value]


def _kb_without(kb: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]], held_out: str) -> dict[str, dict[str, Any]]:
    def used(data: dict[str, Any]) -> set[str]:
        ids: set[str | None] = set()
        for c in data["claims"]:
            ids.update(x["speaker_kb_id"] for x in [c["attribution"], *c["attribution"]["chain"]])
            ids.update(e["kb_id"] for e in c["entities"])
        return {i for i in ids if i}

    others = set().union(*(used(d) for a, d in gold.items() if a != held_out))
    only_here = used(gold[held_out]) - others
    return {k: v for k, v in kb.items() if k not in only_here}


def automatic(seeds_dir: Path, gold_dir: Path, kb: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]],
              setting: str, checkworthiness: dict[str, Any] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The automatic claims of every curated article, in one setting; ``checkworthiness`` maps an article
    to the check-worthiness model to label it with (one trained without it)."""
    from dprk_claims.annotate.core import annotate_article
    from dprk_claims.build.document import parse_article
    from dprk_claims.read.annotations import apply_metadata
    from dprk_claims.read.seeds import read_seeds

    out = {}
    for seed in read_seeds(seeds_dir):
        aid = seed["article_id"]
        if aid not in gold:
            continue
        article = parse_article(seed)["article"]
        if setting == "gold metadata":
            apply_metadata(article, gold[aid].get("metadata") or {}, gold_dir / f"{aid}.json")
        use_kb = _kb_without(kb, gold, aid) if setting == "KB leave-one-out" else kb
        out[aid] = annotate_article(article, use_kb, (checkworthiness or {}).get(aid))[0]
    return out


def score(auto: dict[str, list[dict[str, Any]]], gold: dict[str, dict[str, Any]], seeds_dir: Path) -> dict[str, Any]:
    from dprk_claims.parse.layout import split_paragraphs

    n_auto = n_gold = n_exact = 0
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    sent_a: list[str] = []
    sent_g: list[str] = []
    layers: dict[str, dict[str, Any]] = {}
    for aid in sorted(gold):
        data = gold[aid]
        data["_paragraphs"] = split_paragraphs((seeds_dir / f"{aid}.txt").read_text(encoding="utf-8"))
        ga, aa = data["claims"], auto.get(aid, [])
        exact, over = match([(c["char_start"], c["char_end"]) for c in aa], [(c["char_start"], c["char_end"]) for c in ga])
        n_auto, n_gold, n_exact = n_auto + len(aa), n_gold + len(ga), n_exact + len(exact)
        pairs += [(aa[i], ga[j]) for i, j in over]
        sentences = eligible_sentences(data)
        sent_a += sentence_labels(aa, sentences)
        sent_g += sentence_labels(ga, sentences)
        for layer, key in (("entities", "kb_id"), ("time_expressions", "value"), ("quantities", "value")):
            da = {(x["char_start"], x["char_end"]): x[key] for c in aa for x in c[layer]}
            dg = {(x["char_start"], x["char_end"]): x[key] for c in ga for x in c[layer]}
            acc = layers.setdefault(layer, {"auto": 0, "gold": 0, "both": [], "pairs": []})
            acc["auto"] += len(da)
            acc["gold"] += len(dg)
            both = sorted(set(da) & set(dg))
            acc["both"] += both
            acc["pairs"] += [(da[s], float(dg[s]) if layer == "quantities" and dg[s] is not None else dg[s]) for s in both]
    claim_sent = [(a != "NFS", g != "NFS") for a, g in zip(sent_a, sent_g, strict=True)]
    tp = sum(a and g for a, g in claim_sent)
    figures: dict[str, Any] = {
        "claims": {"automatic": n_auto, "gold": n_gold},
        "claim_sentences": dict(zip(("precision", "recall", "f1"),
                                    _prf(tp, sum(a for a, _ in claim_sent), sum(g for _, g in claim_sent)), strict=True))
        | {"kappa": cohen_kappa([str(a) for a, _ in claim_sent], [str(g) for _, g in claim_sent])},
        "claim_spans_exact": dict(zip(("precision", "recall", "f1"), _prf(n_exact, n_auto, n_gold), strict=True)),
        "claim_spans_overlap": dict(zip(("precision", "recall", "f1"), _prf(len(pairs), n_auto, n_gold), strict=True)),
        "checkworthiness": {"sentences": len(sent_g), "accuracy": share(list(zip(sent_a, sent_g, strict=True))),
                            "kappa": cohen_kappa(sent_a, sent_g),
                            "matched_claim_accuracy": share([(a["checkworthiness"], g["checkworthiness"]) for a, g in pairs])},
        "speaker_accuracy": share([(speaker_key(a["attribution"]), speaker_key(g["attribution"])) for a, g in pairs]),
        "quote_type_accuracy": share([(a["attribution"]["quote_type"], g["attribution"]["quote_type"]) for a, g in pairs]),
        "matched_claims": len(pairs),
    }
    for layer, acc in layers.items():
        figures[layer] = {"span_f1": _prf(len(acc["both"]), acc["auto"], acc["gold"])[2], "value_accuracy": share(acc["pairs"]),
                          "gold": acc["gold"], "matched": len(acc["both"])}
    return figures


def compute(seeds_dir: Path = Path("seeds"), gold_dir: Path = Path("annotations"), kb_path: Path = Path("kb/entities.json"),
            data_dir: Path | None = None, recompute_cv: bool = False) -> dict[str, Any]:
    """Every figure. Check-worthiness is labelled, for each curated article, by a model trained without
    it (ClaimBuster from ``data_dir`` and the other curated articles)."""
    from dprk_claims.curate import attribution_figures, model_figures
    from dprk_claims.curate.agreement import load_pass
    from dprk_claims.read.annotations import load_kb

    kb = load_kb(kb_path)
    gold = load_pass(gold_dir)
    data = data_dir or model_figures.default_data()
    models = model_figures.loao_models(data, gold_dir)
    result = {s: score(automatic(seeds_dir, gold_dir, kb, gold, s, models), gold, seeds_dir) for s in SETTINGS}
    learned = model_figures.figures(models, gold_dir, seeds_dir, data, recompute_cv)
    return {"articles": sorted(gold), "settings": result, "checkworthiness_model": learned,
            "attribution_model": attribution_figures.figures(data)}


def markdown(result: dict[str, Any]) -> str:
    """The figures as a Markdown table, one column per setting."""
    s = result["settings"]
    rows: list[tuple[str, Any]] = [("claims (automatic / gold)", lambda f: f"{f['claims']['automatic']} / {f['claims']['gold']}")]
    for key, label in (("claim_sentences", "claim sentences"), ("claim_spans_exact", "claim spans, exact"),
                       ("claim_spans_overlap", "claim spans, overlapping")):
        rows.append((f"{label}: P / R / F1", lambda f, k=key: " / ".join(str(f[k][m]) for m in ("precision", "recall", "f1"))))
    rows += [
        ("claim / not-claim sentences: kappa", lambda f: f["claim_sentences"]["kappa"]),
        ("check-worthiness of sentences: accuracy / kappa",
         lambda f: f"{f['checkworthiness']['accuracy']} / {f['checkworthiness']['kappa']}"),
        ("check-worthiness of matched claims: accuracy", lambda f: f["checkworthiness"]["matched_claim_accuracy"]),
        ("speaker of matched claims: accuracy", lambda f: f["speaker_accuracy"]),
        ("quote type of matched claims: accuracy", lambda f: f["quote_type_accuracy"]),
        ("time expressions: span F1 / date-value accuracy", lambda f: f"{f['time_expressions']['span_f1']} / "
                                                                      f"{f['time_expressions']['value_accuracy']}"),
        ("entities: span F1 / entity-link accuracy", lambda f: f"{f['entities']['span_f1']} / {f['entities']['value_accuracy']}"),
        ("quantities: span F1 / value accuracy", lambda f: f"{f['quantities']['span_f1']} / {f['quantities']['value_accuracy']}"),
    ]
    lines = ["| measure | " + " | ".join(SETTINGS) + " |", "|---|" + "---|" * len(SETTINGS)]
    lines += [f"| {name} | " + " | ".join(str(get(s[x])) for x in SETTINGS) + " |" for name, get in rows]
    return "\n".join(lines)


def blocks(result: dict[str, Any]) -> dict[str, str]:
    """The README's generated blocks: the table above, the learned models' tables, and the error codes."""
    from dprk_claims.core.codes import markdown as error_codes
    from dprk_claims.curate import attribution_figures, model_figures

    return {"evaluation": markdown(result), "evaluation:checkworthiness": model_figures.markdown(result["checkworthiness_model"]),
            "evaluation:attribution": attribution_figures.markdown(result["attribution_model"]), "error-codes": error_codes()}


def write(path: Path, tables: dict[str, str]) -> None:
    """Rewrite the generated blocks of ``path`` (README.md) from :func:`blocks`."""
    from dprk_claims.publish.card import refresh

    path.write_text(refresh(path.read_text(encoding="utf-8"), tables), encoding="utf-8")
