"""End to end: a new article dropped into the seeds folder builds into automatic, loadable records;
curated annotations, where they exist, replace the automatic ones."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ARTICLE, ARTICLE_ID, Project

NEW_ARTICLE = (
    "Council meets on North Korea\n\n"
    "PUBLISHED : Monday, 7 March, 2022, 9:00am\n\n"
    "The Security Council met on Monday to discuss North Korea’s latest launch, diplomats said.\n"
    "“We will not accept this,” said Jane Doe, the British ambassador to the UN. “The council must act.”\n"
)


def test_new_article_builds_into_automatic_records_loadable_with_datasets(small: Project, tmp_path: Path) -> None:
    import datasets

    small.seed("205_cafe", NEW_ARTICLE)
    result = small.run()
    assert result.returncode == 0, result.stderr
    assert "annotated automatically: 205_cafe" in result.stdout
    claims = datasets.load_dataset(str(small.out), "claims", split="train", cache_dir=str(tmp_path / "cache"))
    auto = [c for c in claims if c["article_id"] == "205_cafe"]
    assert auto and {c["annotation"]["origin"] for c in auto} == {"automatic"}
    assert {c["annotation"]["origin"] for c in claims if c["article_id"] == ARTICLE_ID} == {"curated"}
    quote = next(c for c in auto if c["text"] == "The council must act.")
    assert quote["attribution"]["speaker"] == "Jane Doe" and quote["attribution"]["quote_type"] == "direct"
    learned = quote["annotation"]["annotators"]  # check-worthiness and attribution both come from the packaged models
    assert [a.split()[0] for a in learned[1:]] == ["model:checkworthiness", "model:attribution"]
    met = next(c for c in auto if c["text"].startswith("The Security Council met"))
    assert met["time_expressions"][0]["value"] == "2022-03-07"
    articles = [json.loads(x) for x in (small.out / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    new = next(a for a in articles if a["article_id"] == "205_cafe")
    assert new["annotation"]["origin"] == "automatic" and new["annotation"]["annotators"][0].startswith("dprk_claims.annotate ")
    sentences = [json.loads(x) for x in (small.out / "jsonl" / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {s["boundary_source"] for s in sentences if s["article_id"] == "205_cafe"} == {"automatic"}


def test_curated_annotations_replace_the_automatic_ones(small: Project) -> None:
    assert small.run().returncode == 0
    rows = [json.loads(x) for x in (small.out / "jsonl" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["claim_id"] for r in rows] == [f"{ARTICLE_ID}:c001"]  # the automatic claims of ARTICLE are not added
    assert "ambassador" in ARTICLE


WIRE_ARTICLE = (
    "North Korea fires missile before council meeting\n\n"
    "By Michelle Nichols\n\n"
    "UNITED NATIONS, March 14, 2024 (Reuters) - North Korea fired a ballistic missile on Wednesday, diplomats said.\n\n"
    "The Security Council will meet on Friday, the agency said. (AFP)\n\n"
    "(Reporting by Michelle Nichols; Editing by Alistair Bell)\n"
)


def test_a_wire_article_builds_with_its_dateline_date_outlet_and_credits(small: Project) -> None:
    small.seed("206_cafe", WIRE_ARTICLE)
    result = small.run()
    assert result.returncode == 0, result.stderr
    articles = [json.loads(x) for x in (small.out / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    new = next(a for a in articles if a["article_id"] == "206_cafe")
    dateline = "paragraph 2 opens with the wire dateline 'UNITED NATIONS, March 14, 2024 (Reuters)'"
    assert new["published"] == {"value": "2024-03-14", "precision": "day", "source": "stated", "evidence": dateline}
    assert new["outlet"] == "Reuters"
    assert {"field": "outlet", "source": "inferred", "evidence": dateline + ": the story is Reuters copy; the site that carried it, "
            "if another, is not named"} in new["provenance"]
    assert [p["role"] for p in new["paragraphs"]] == ["headline", "credit", "body", "body", "credit"]
    claims = [json.loads(x) for x in (small.out / "jsonl" / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    mine = {c["text"]: c for c in claims if c["article_id"] == "206_cafe"}
    assert sorted(mine) == ["North Korea fired a ballistic missile on Wednesday", "North Korea fires missile before council meeting",
                            "The Security Council will meet on Friday"]
    assert [t["value"] for t in mine["North Korea fired a ballistic missile on Wednesday"]["time_expressions"]] == ["2024-03-13"]
    assert [t["value"] for t in mine["The Security Council will meet on Friday"]["time_expressions"]] == ["2024-03-15"]
