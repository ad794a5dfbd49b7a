"""What the card and the DATASHEET say about the rows (counts, per-article rows, label counts, verdicts
judged), gathered shard by shard while the rows stream past, or at once from rows held in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from dprk_claims.core.schemas import CONFIGS


def labels_of(claims: Sequence[dict[str, Any]]) -> Counter[str]:
    """Claims by "layer<TAB>label", for the card's label table."""
    found: Counter[str] = Counter()
    for claim in claims:
        found[f"checkworthiness\t{claim['checkworthiness']}"] += 1
        found[f"quote_type\t{claim['attribution']['quote_type']}"] += 1
        found[f"speaker_kind\t{claim['attribution']['speaker_kind']}"] += 1
        for t in claim["claim_types"]:
            found[f"claim_types\t{t}"] += 1
        if claim["fidelity"]["value"] is not None:
            found[f"fidelity\t{claim['fidelity']['value']}"] += 1
    return found


@dataclass
class Summary:
    """What the card and the DATASHEET say about the rows, gathered while they stream past."""

    counts: dict[str, int]
    articles: list[list[Any]]  # per article, in order: article_id, origin, claims, CFS, UFS, NFS, lineage.summary_row
    labels: dict[str, int]  # "layer<TAB>label" -> claims
    judged: dict[str, int] = field(default_factory=dict)  # origin -> claims with a content verdict

    def judge(self, verdicts: list[dict[str, Any]]) -> None:
        """Count the claims with a content verdict, by the origin of their article."""
        origin = {row[0]: row[1] for row in self.articles}
        claims = {(v["claim_id"], v["article_id"]) for v in verdicts if v["aspect"] == "content"}
        self.judged = dict(Counter(origin.get(aid, "unknown") for _, aid in claims))


def summary_of(tables: dict[str, list[dict[str, Any]]]) -> Summary:
    """The summary of rows held in memory (the build gathers the same one shard by shard)."""
    from dprk_claims.publish.lineage_docs import summary_row

    per_article: dict[str, Counter[str]] = {a["article_id"]: Counter() for a in tables["articles"]}
    claims_of: dict[str, list[dict[str, Any]]] = {a["article_id"]: [] for a in tables["articles"]}
    for claim in tables["claims"]:
        per_article[claim["article_id"]][claim["checkworthiness"]] += 1
        per_article[claim["article_id"]]["all"] += 1
        claims_of[claim["article_id"]].append(claim)
    rows = [[a["article_id"], a["annotation"]["origin"], *(per_article[a["article_id"]][k] for k in ("all", "CFS", "UFS", "NFS")),
             summary_row(a, claims_of[a["article_id"]])] for a in tables["articles"]]
    summary = Summary({c: len(tables.get(c, [])) for c in CONFIGS}, rows, dict(labels_of(tables["claims"])))
    summary.judge(tables.get("verdicts", []))
    return summary
