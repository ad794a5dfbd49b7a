"""What is written is what users load: datasets.load_dataset, pandas and the JSONL give the same rows
with the types derived from the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ARTICLE, ARTICLE_ID, Project, annotation_file, claim_item

from dprk_claims.core import schemas
from dprk_claims.write import canonical

CONFIGS = schemas.CONFIGS


def jsonl_rows(out: Path, config: str) -> list[dict[str, Any]]:
    text = (out / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("built"))
    project.seed(ARTICLE_ID, ARTICLE)
    quote = claim_item(ARTICLE, "We condemn the launch", cid="c002", checkworthiness="NFS", claim_types=["position_statement"],
                       factuality={"author": "Uu", "source": "CT+"},
                       quantities=[], time_expressions=[])
    start = ARTICLE.index("the ambassador")
    cue = ARTICLE.index("said", start)
    quote["attribution"] = {"speaker": "the ambassador", "speaker_start": start, "speaker_end": start + 14,
                            "speaker_normalized": "unnamed ambassador", "speaker_kb_id": None, "speaker_kind": "anonymous",
                            "cue": "said", "cue_start": cue, "cue_end": cue + 4, "quote_type": "direct", "chain": []}
    quote["attribution"]["chain"] = [{k: v for k, v in quote["attribution"].items() if k not in ("quote_type", "chain")}]
    data = annotation_file(ARTICLE)
    sat = ARTICLE.index("Saturday")
    data["claims"][0]["time_expressions"] = [{"char_start": sat, "char_end": sat + 8, "text": "Saturday", "type": "DATE",
                                              "value": "2022-03-05", "mod": None, "value_source": "inferred"}]
    one = ARTICLE.index("a ballistic missile")
    data["claims"][0]["quantities"] = [{"char_start": one, "char_end": one + 19, "text": "a ballistic missile",
                                        "value": 1, "unit": "ballistic missile", "mod": None}]
    data["claims"].append(quote)
    project.annotate(ARTICLE_ID, data)
    project.seed("101_beef", "Unannotated headline\n\nThe council met on Monday.\n")
    later = "North Korea launched a ballistic missile on Saturday, Japan said. Nobody was hurt.\n"
    project.seed("102_f00d", later)
    project.annotate("102_f00d", annotation_file(later, "102_f00d"))
    (project.annotations / "claim_links.json").write_text(json.dumps({"links": [
        {"claim_id_a": f"{ARTICLE_ID}:c001", "claim_id_b": "102_f00d:c001", "relation": "repeats", "note": "same launch"}]}))
    ev = {"url": "https://press.un.org/x", "publisher": "UN", "title": "t", "published": "2022-03-01", "quote": "q.",
          "retrieved": "2026-11-23", "retrieved_via": None, "source_kind": "un"}
    judged = [{"claim_id": cid, "aspect": "content", "label": "Supported", "justification": "j", "evidence": [ev], "searched": []}
              for cid in (f"{ARTICLE_ID}:c001", "102_f00d:c001")]
    (project.annotations / "verdicts").mkdir()
    (project.annotations / "verdicts" / "V1.json").write_text(json.dumps({"judge": "V1", "verdicts": judged}))
    (project.annotations / "verdicts" / "V2.json").write_text(json.dumps({"judge": "V2", "verdicts": judged}))
    second_pass = annotation_file(ARTICLE)
    second_pass["claims"][0]["checkworthiness"] = "UFS"
    (project.annotations / "passes" / "X").mkdir(parents=True)
    (project.annotations / "passes" / "X" / f"{ARTICLE_ID}.json").write_text(json.dumps(second_pass))
    result = project.run()
    assert result.returncode == 0, result.stderr
    return project


def test_load_dataset_gives_the_schema_features_and_the_jsonl_rows(built: Project, tmp_path: Path) -> None:
    import datasets

    for config in CONFIGS:
        ds = datasets.load_dataset(str(built.out), config, split="train", cache_dir=str(tmp_path / config))
        assert ds.features == datasets.Features.from_arrow_schema(schemas.arrow_schema(config))
        expected = datasets.Dataset.from_list(jsonl_rows(built.out, config), features=ds.features).to_list()
        assert ds.to_list() == expected
    claims = datasets.load_dataset(str(built.out), split="train", cache_dir=str(tmp_path / "default"))
    assert claims.column_names[0] == "claim_id"


def test_pandas_reads_the_nested_types(built: Project) -> None:
    import pandas as pd
    import pyarrow as pa

    df = pd.read_parquet(built.out / "data" / "claims", dtype_backend="pyarrow")
    assert list(df.columns) == schemas.arrow_schema("claims").names
    assert isinstance(df["attribution"].dtype.pyarrow_dtype, pa.StructType)
    origin = df["annotation"].struct.field("origin")
    assert set(origin[df["article_id"] == "101_beef"]) == {"automatic"}  # the unannotated article is annotated automatically
    curated = df[origin == "curated"]
    speakers = curated["attribution"].struct.field("speaker")
    assert speakers.isna().tolist() == [True, False, True] and speakers.iloc[1] == "the ambassador"
    assert curated["quantities"].list.len().tolist() == [1, 0, 0]
    assert str(df["char_start"].dtype) == "int32[pyarrow]"
    rows = jsonl_rows(built.out, "claims")
    assert df["claim_id"].tolist() == [r["claim_id"] for r in rows]


def test_parquet_schema_is_the_derived_one(built: Project) -> None:
    import pyarrow.parquet as pq

    for config in CONFIGS:
        files = sorted((built.out / "data" / config).glob("*.parquet"))
        assert [f.name for f in files] == ["train-00000-of-00001.parquet"]
        assert pq.read_schema(files[0]).remove_metadata() == schemas.arrow_schema(config)


def test_every_jsonl_record_passes_the_reference_validator(built: Project) -> None:
    for config in CONFIGS:
        validator = jsonschema.Draft202012Validator(schemas.load(config))
        rows = jsonl_rows(built.out, config)
        assert rows
        for row in rows:
            assert list(validator.iter_errors(row)) == []


def test_spans_equal_the_text(built: Project) -> None:
    texts = {a["article_id"]: a["text"] for a in jsonl_rows(built.out, "articles")}
    for claim in jsonl_rows(built.out, "claims"):
        text = texts[claim["article_id"]]
        assert text[claim["char_start"]:claim["char_end"]] == claim["text"]
        for layer in ("entities", "time_expressions", "quantities"):
            for item in claim[layer]:
                assert text[item["char_start"]:item["char_end"]] == item["text"]


def test_curated_and_inferred_values_carry_provenance(built: Project) -> None:
    articles = {a["article_id"]: a for a in jsonl_rows(built.out, "articles")}
    curated = articles[ARTICLE_ID]
    assert curated["headline"] == "North Korea fires missile"
    assert curated["paragraphs"][0]["role_source"] == "curated"
    assert curated["published"] == {"value": "2022-03-07", "precision": "day", "source": "stated",
                                    "evidence": "paragraph 1: 'PUBLISHED : Monday, 7 March, 2022, 9:00am' "
                                                "(the time 09:00 is printed without a time zone; none is guessed, so only the day is kept)"}
    assert curated["annotation"]["origin"] == "curated"
    plain = articles["101_beef"]
    assert plain["published"]["value"] is None and plain["published"]["evidence"]
    assert plain["headline"] == "Unannotated headline"
    assert {p["field"]: p["source"] for p in plain["provenance"]}["headline"] == "inferred"
    assert plain["outlet"] is None
    assert {p["field"]: p["evidence"] for p in plain["provenance"]}["outlet"]


def test_two_builds_are_byte_identical(built: Project, tmp_path: Path) -> None:
    import shutil

    again = Project(tmp_path)
    shutil.copytree(built.seeds, again.seeds, dirs_exist_ok=True)
    shutil.copytree(built.annotations, again.annotations, dirs_exist_ok=True)
    assert again.run().returncode == 0
    files = sorted(p.relative_to(built.out) for p in built.out.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again.out) for p in again.out.rglob("*") if p.is_file())
    for rel in files:
        assert (built.out / rel).read_bytes() == (again.out / rel).read_bytes(), rel


def test_jsonl_bytes_are_exactly_what_json_dumps_writes() -> None:
    """orjson writes the canonical bytes: those of json.dumps(ensure_ascii=False, compact) for every row, but
    for floats below 1e-4 or at 1e16 and above, which it writes in another exponent form (same value)."""
    import json as std

    from conftest import ROOT

    from dprk_claims.core.schemas import CONFIGS

    rows = [std.loads(line) for c in CONFIGS
            for line in (ROOT / "dataset" / "jsonl" / f"{c}.jsonl").read_text(encoding="utf-8").split("\n") if line]
    rows.append({"s": "\u2028\u2029\x00\x1f\x7f\t\n\"\\/é😀\ud7ff", "f": [0.1, 1.0, 13.0, 2.5, -0.0, 0.0001, 1e15], "i": [2**53, -1, 0],
                 "n": None, "b": [True, False], "nested": {"z": 1, "a": [{"y": "x"}]}})
    for row in rows:
        assert canonical.jsonl_bytes([row]) == (std.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def test_floats_in_other_exponent_forms_keep_their_value() -> None:
    import json as std

    row = {"f": [2.5e-8, 1e-5, 1e16, 1.5e300, 123456789012345678.0]}
    assert std.loads(canonical.jsonl_bytes([row])) == row
