"""The card states what is machine-made, counted from the data: a tiny corpus with one curated article
(its check-worthy claim judged) and one automatic article (a seed with no annotation file), and every
count in the card compared with the rows."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from conftest import ARTICLE_ID, Project, write_verdicts

AUTO_ID = "204_cafe"
AUTO = ("North Korea fires two missiles\n\n"
        "North Korea fired two ballistic missiles into the sea on Monday, South Korea's military said.\n\n"
        "The Security Council will meet on Wednesday, diplomats said.\n")


def rows(project: Project, config: str) -> list[dict[str, Any]]:
    text = (project.out / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


@pytest.fixture
def mixed(small: Project) -> Project:
    small.seed(AUTO_ID, AUTO)
    write_verdicts(small, [f"{ARTICLE_ID}:c001"])
    result = small.run("--no-cache")
    assert result.returncode == 0, result.stderr
    return small


def test_the_card_counts_claims_articles_and_verdicts_by_origin(mixed: Project) -> None:
    card = (mixed.out / "README.md").read_text(encoding="utf-8")
    articles, claims, verdicts = rows(mixed, "articles"), rows(mixed, "claims"), rows(mixed, "verdicts")
    origin = {a["article_id"]: a["annotation"]["origin"] for a in articles}
    assert origin == {ARTICLE_ID: "curated", AUTO_ID: "automatic"}
    assert all(c["annotation"]["origin"] == origin[c["article_id"]] for c in claims)
    judged = {v["claim_id"] for v in verdicts if v["aspect"] == "content"}
    table = {}
    for kind in ("curated", "automatic"):
        mine = [c for c in claims if origin[c["article_id"]] == kind]
        cfs = [c for c in mine if c["checkworthiness"] == "CFS"]
        table[kind] = (list(origin.values()).count(kind), len(mine), len(cfs), len(judged & {c["claim_id"] for c in cfs}))
    auto_cfs = table["automatic"][2]
    assert table["curated"] == (1, 1, 1, 1) and auto_cfs >= 1 and table["automatic"][3] == 0
    total = [sum(t[i] for t in table.values()) for i in range(4)]
    block = ("| `annotation.origin` | articles | claims | check-worthy (CFS) claims | CFS claims with a content verdict |\n"
             "|---|---|---|---|---|\n"
             + "".join(f"| `{k}` | {a} | {c} | {f} | {j} |\n" for k, (a, c, f, j) in table.items())
             + f"| all | {total[0]} | {total[1]} | {total[2]} | {total[3]} |\n")
    assert block in card
    verb = "has" if auto_cfs == 1 else "have"
    assert (f"\n1 of {total[2]} check-worthy (CFS) claims has a content verdict; {auto_cfs} CFS claim{'s' * (auto_cfs != 1)} "
            f"of automatic articles {verb} none.\n") in card
    assert "every check-worthy" not in card.lower() and "judges every" not in card
    # the other counts: the summary line, the per-article table, the label table and the limitations
    sentences, links = rows(mixed, "sentences"), rows(mixed, "claim_links")
    assert (f"{len(articles)} articles, {len(claims)} claims, {len(sentences)} sentences, {len(links)} claim links,\n"
            f"{len(rows(mixed, 'annotator_labels'))} annotator labels, {len(verdicts)} verdicts.") in card
    for aid, kind in origin.items():
        by = Counter(c["checkworthiness"] for c in claims if c["article_id"] == aid)
        assert f"| `{aid}` | {kind} | {sum(by.values())} | {by['CFS']} | {by['UFS']} | {by['NFS']} |" in card
    labels: Counter[tuple[str, str]] = Counter()
    for c in claims:
        labels.update([("checkworthiness", c["checkworthiness"]), ("quote_type", c["attribution"]["quote_type"]),
                       ("speaker_kind", c["attribution"]["speaker_kind"])] + [("claim_types", t) for t in c["claim_types"]])
    label_rows = re.findall(r"^\| (checkworthiness|quote_type|speaker_kind|claim_types) \| `([^`]+)` \| (\d+) \|$", card, flags=re.M)
    assert {(layer, label): int(n) for layer, label, n in label_rows} == dict(labels)
    assert len(label_rows) == len(labels)
    assert f"The data covers {len(articles)} articles, not a random sample" in card


def test_the_datasheet_block_is_the_same_text(mixed: Project) -> None:
    from dprk_claims.core.schemas import CONFIGS
    from dprk_claims.publish import card

    blocks = card.generated_blocks({c: rows(mixed, c) for c in CONFIGS})
    assert blocks["origin"] in (mixed.out / "README.md").read_text(encoding="utf-8")
