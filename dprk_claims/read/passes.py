"""The raw annotation passes as data: every pass claim matched to the adjudicated gold claim, with the
pass's labels and the fields where it differs (the ``annotator_labels`` config)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dprk_claims.core import strictjson
from dprk_claims.core.errors import AnnotationError, Problem
from dprk_claims.learn.matching import match, speaker_key

COMPARED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "span": lambda c: (c["char_start"], c["char_end"]),
    "checkworthiness": lambda c: c["checkworthiness"],
    "claim_types": lambda c: sorted(c["claim_types"]),
    "quote_type": lambda c: c["attribution"]["quote_type"],
    "speaker": lambda c: speaker_key(c["attribution"]),
    "speaker_kind": lambda c: c["attribution"]["speaker_kind"],
    "factuality_author": lambda c: c["factuality"]["author"],
    "factuality_source": lambda c: c["factuality"]["source"],
}


def label_rows(passes_dir: Path, gold: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows for every claim of every pass folder under passes_dir, for the articles in gold."""
    rows: list[dict[str, Any]] = []
    if not passes_dir.is_dir():
        return rows
    for folder in sorted(p for p in passes_dir.iterdir() if p.is_dir()):
        for art in sorted(gold):
            path = folder / f"{art}.json"
            if not path.is_file():
                continue
            data = strictjson.read(path, AnnotationError, "fix the JSON of the pass file")
            claims = data.get("claims") if isinstance(data, dict) else None
            if not isinstance(claims, list) or not all(isinstance(c, dict) and {"char_start", "char_end"} <= set(c) for c in claims):
                raise AnnotationError([Problem(str(path), None, "claims", "bad_pass", "a pass file holds a list of claims with "
                                               "char_start and char_end", None, "write the pass as an annotation file")])
            ref = gold[art]
            exact, over = match([(c["char_start"], c["char_end"]) for c in claims], [(c["char_start"], c["char_end"]) for c in ref])
            paired = dict(over)
            for i, claim in enumerate(claims):
                g = ref[paired[i]] if i in paired else None
                attribution = claim["attribution"]
                rows.append({
                    "article_id": art, "pass_name": folder.name, "pass_claim_id": claim["id"],
                    "claim_id": g["claim_id"] if g else None,
                    "match": "exact" if (i, paired.get(i)) in exact else ("overlap" if g else "none"),
                    "char_start": claim["char_start"], "char_end": claim["char_end"], "text": claim["text"],
                    "checkworthiness": claim["checkworthiness"], "claim_types": list(claim["claim_types"]),
                    "quote_type": attribution["quote_type"], "speaker_kind": attribution["speaker_kind"],
                    "speaker_kb_id": attribution["speaker_kb_id"],
                    "factuality_author": claim["factuality"]["author"], "factuality_source": claim["factuality"]["source"],
                    "differs_from_gold": [k for k, get in COMPARED.items() if g is None or get(claim) != get(g)],
                })
    rows.sort(key=lambda r: (r["article_id"], r["pass_name"], r["char_start"], r["char_end"], r["pass_claim_id"]))
    return rows
