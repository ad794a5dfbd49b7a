"""Inter-annotator agreement between raw annotation passes (``annotations/passes/<name>/``) and the gold.

Run ``python build_dataset.py agreement`` to print the figures; ``--write`` stores them in
``annotations/passes/agreement.json``, which DATASHEET.md embeds and a test recomputes.

Claims are matched one to one per article: exact matches share both offsets; overlap matches pair the
remaining claims greedily by the largest character overlap (Jaccard), ties broken by position.
Categorical layers are compared with Cohen's kappa on the overlap-matched pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import DatasetError, Problem
from dprk_claims.core.schemas import enum
from dprk_claims.learn.matching import Span, cohen_kappa, eligible_sentences, f1, match, sentence_labels, share, speaker_key

PASSES_DIR = Path("annotations/passes")


LAYERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "checkworthiness": lambda c: c["checkworthiness"],
    "quote_type": lambda c: c["attribution"]["quote_type"],
    "speaker_kind": lambda c: c["attribution"]["speaker_kind"],
    "factuality_author": lambda c: c["factuality"]["author"],
    "factuality_source": lambda c: str(c["factuality"]["source"]),
    "claim_types": lambda c: "+".join(sorted(c["claim_types"])),
}
CLAIM_TYPES = tuple(enum("claims", "claim_types"))


def _items(claims: list[dict[str, Any]], layer: str) -> list[dict[str, Any]]:
    return [item for c in claims for item in c[layer]]


def compare(a: dict[str, list[dict[str, Any]]], b: dict[str, list[dict[str, Any]]],
            sentences: dict[str, list[Span]], meta: dict[str, tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Every agreement figure, over all articles. a and b map article_id to that pass's claims."""
    n_a = n_b = n_exact = 0
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    sent_a: list[str] = []
    sent_b: list[str] = []
    sub: dict[str, dict[str, Any]] = {}
    for art in sorted(a):
        ca, cb = a[art], b.get(art, [])
        exact, over = match([(c["char_start"], c["char_end"]) for c in ca], [(c["char_start"], c["char_end"]) for c in cb])
        n_a, n_b, n_exact = n_a + len(ca), n_b + len(cb), n_exact + len(exact)
        pairs += [(ca[i], cb[j]) for i, j in over]
        sent_a += sentence_labels(ca, sentences[art])
        sent_b += sentence_labels(cb, sentences[art])
        for layer in ("entities", "time_expressions", "quantities"):
            ia, ib = _items(ca, layer), _items(cb, layer)
            # the same mention is annotated once per claim it falls in: count distinct spans
            da = {(x["char_start"], x["char_end"]): x for x in ia}
            db = {(x["char_start"], x["char_end"]): x for x in ib}
            both = sorted(set(da) & set(db))
            acc = sub.setdefault(layer, {"a": 0, "b": 0, "exact": 0, "pairs": []})
            acc["a"], acc["b"], acc["exact"] = acc["a"] + len(da), acc["b"] + len(db), acc["exact"] + len(both)
            key = {"entities": "kb_id", "time_expressions": "value", "quantities": "value"}[layer]
            acc["pairs"] += [(da[s][key], db[s][key]) for s in both]
    n_over = len(pairs)
    figures: dict[str, Any] = {
        "claims": {"pass_a": n_a, "pass_b": n_b, "exact_matches": n_exact, "overlap_matches": n_over,
                   "span_f1_exact": f1(n_exact, n_a, n_b), "span_f1_overlap": f1(n_over, n_a, n_b)},
        "sentences": {"n": len(sent_a), "checkworthiness_kappa": cohen_kappa(sent_a, sent_b),
                      "checkworthiness_agreement": share(list(zip(sent_a, sent_b, strict=True))),
                      "claim_sentence_kappa": cohen_kappa([str(x != "NFS") for x in sent_a], [str(x != "NFS") for x in sent_b])},
        "matched_claims": {},
    }
    for layer, get in LAYERS.items():
        la, lb = [get(x) for x, _ in pairs], [get(y) for _, y in pairs]
        figures["matched_claims"][layer] = {"kappa": cohen_kappa(la, lb), "agreement": share(list(zip(la, lb, strict=True)))}
    for t in CLAIM_TYPES:
        la, lb = [str(t in x["claim_types"]) for x, _ in pairs], [str(t in y["claim_types"]) for _, y in pairs]
        figures["matched_claims"][f"claim_type:{t}"] = {"kappa": cohen_kappa(la, lb), "agreement": share(list(zip(la, lb, strict=True)))}
    figures["matched_claims"]["speaker"] = {
        "kappa": cohen_kappa([speaker_key(x["attribution"]) for x, _ in pairs], [speaker_key(y["attribution"]) for _, y in pairs]),
        "agreement": share([(speaker_key(x["attribution"]), speaker_key(y["attribution"])) for x, y in pairs])}
    for layer, acc in sub.items():
        figures[layer] = {"pass_a": acc["a"], "pass_b": acc["b"], "span_f1_exact": f1(acc["exact"], acc["a"], acc["b"]),
                          ("kb_id_agreement" if layer == "entities" else "value_agreement"): share(acc["pairs"])}
    pub = [(m[0].get("published", {}) or {}).get("value") for m in meta.values()]
    pub_b = [(m[1].get("published", {}) or {}).get("value") for m in meta.values()]
    roles_a = [r["role"] for m in meta.values() for r in sorted(m[0].get("paragraph_roles", []), key=lambda r: r["index"])]
    roles_b = [r["role"] for m in meta.values() for r in sorted(m[1].get("paragraph_roles", []), key=lambda r: r["index"])]
    figures["metadata"] = {"published_value_agreement": share(list(zip(pub, pub_b, strict=True))),
                           "paragraph_role_agreement": share(list(zip(roles_a, roles_b, strict=True)))
                           if len(roles_a) == len(roles_b) else None}
    return figures


def load_pass(folder: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("[0-9]*_*.json"))}


GOLD = "gold"
# Published beside A-B: the blind third pass against the gold and against each earlier pass.
COMPARISONS = (("C", GOLD), ("C", "A"), ("C", "B"))


def compute(passes_dir: Path = PASSES_DIR, gold_dir: Path = Path("annotations"), seeds_dir: Path = Path("seeds"),
            first: str = "A", second: str = "B") -> dict[str, Any]:
    """Agreement of two stored passes (``gold`` names the gold files), plus every comparison in COMPARISONS
    whose passes are stored; sentence boundaries and paragraph roles are the gold file's."""
    from dprk_claims.parse.layout import split_paragraphs

    gold = load_pass(gold_dir)
    for art, data in gold.items():
        data["_paragraphs"] = split_paragraphs((seeds_dir / f"{art}.txt").read_text(encoding="utf-8"))

    def load(name: str) -> dict[str, dict[str, Any]]:
        if name == GOLD:
            return gold
        if not (passes_dir / name).is_dir():
            raise DatasetError([Problem(str(passes_dir / name), None, None, "cannot_read", f"no folder of annotation pass {name} here",
                                        hint="pass --passes with the folder holding one sub-folder per pass (default annotations/passes)")])
        return load_pass(passes_dir / name)

    def pair(x: str, y: str) -> tuple[list[str], dict[str, Any]]:
        px, py = load(x), load(y)
        sentences = {art: eligible_sentences(gold[art]) for art in px}
        meta = {art: (px[art].get("metadata", {}), py[art].get("metadata", {})) for art in px}
        return sorted(px), compare({k: v["claims"] for k, v in px.items()}, {k: v["claims"] for k, v in py.items()},
                                   sentences, meta)

    articles, figures = pair(first, second)
    result: dict[str, Any] = {"passes": [first, second], "articles": articles, "figures": figures}
    stored = [(x, y) for x, y in COMPARISONS if all(n == GOLD or (passes_dir / n).is_dir() for n in (x, y))]
    if stored and (first, second) == ("A", "B"):
        result["comparisons"] = [{"passes": [x, y], "figures": pair(x, y)[1]} for x, y in stored]
    return result


def text(result: dict[str, Any]) -> str:
    """The figures as the JSON text that ``agreement.json`` holds."""
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def store(passes_dir: Path, result: dict[str, Any]) -> str:
    """Write the figures to ``<passes_dir>/agreement.json``; returns the text written."""
    written = text(result)
    (passes_dir / "agreement.json").write_text(written, encoding="utf-8")
    return written


def _rows(fig: dict[str, Any]) -> list[tuple[str, Any]]:
    c, s = fig["claims"], fig["sentences"]
    rows: list[tuple[str, Any]] = [
        ("claims in the first / second pass", f"{c['pass_a']} / {c['pass_b']}"),
        ("claim span F1, exact offsets", c["span_f1_exact"]),
        ("claim span F1, overlapping spans", c["span_f1_overlap"]),
        (f"sentence check-worthiness kappa ({s['n']} claim-bearing-paragraph sentences)", s["checkworthiness_kappa"]),
        ("sentence check-worthiness raw agreement", s["checkworthiness_agreement"]),
    ]
    for layer, v in fig["matched_claims"].items():
        rows.append((f"{layer} on matched claims: kappa / raw agreement", f"{v['kappa']} / {v['agreement']}"))
    for layer, key in (("entities", "kb_id_agreement"), ("time_expressions", "value_agreement"), ("quantities", "value_agreement")):
        v = fig[layer]
        rows.append((f"{layer}: span F1 exact / {key.replace('_', ' ')} on matched spans", f"{v['span_f1_exact']} / {v[key]}"))
    m = fig["metadata"]
    rows.append(("published date value agreement (articles)", m["published_value_agreement"]))
    rows.append(("paragraph role agreement", m["paragraph_role_agreement"]))
    return rows


def markdown(stored: dict[str, Any]) -> str:
    """The stored figures as a Markdown table (embedded in DATASHEET.md): one column per comparison."""
    columns = [(stored["passes"], stored["figures"])] + [(c["passes"], c["figures"]) for c in stored.get("comparisons", [])]
    tables = [_rows(fig) for _, fig in columns]
    head = "| measure | " + " | ".join(f"{x}–{y}" for (x, y), _ in columns) + " |"
    lines = [head, "|---" * (len(columns) + 1) + "|"]
    for i, (label, _) in enumerate(tables[0]):
        lines.append(f"| {label} | " + " | ".join(str(t[i][1]) for t in tables) + " |")
    return "\n".join(lines)
