"""croissant.json: valid for `mlcroissant validate`, and every record set reads back, through mlcroissant
itself, as exactly the rows of the JSONL (which is what checks the hashes and the columns)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from croissant_rows import jsonl_rows, records, validate

from dprk_claims.core import schemas
from dprk_claims.publish import croissant

DATASET = ROOT / "dataset"
CONFIGS = schemas.CONFIGS


def test_context_is_the_standard_croissant_1_0_one() -> None:
    from mlcroissant._src.core.rdf import make_context

    assert croissant.CONTEXT == make_context()


def test_committed_croissant_passes_mlcroissant_validate() -> None:
    report = validate(DATASET / "croissant.json")
    assert "error" not in report.lower(), report


@pytest.mark.parametrize("config", CONFIGS)
def test_every_record_set_reads_as_the_jsonl_rows(config: str) -> None:
    assert records(DATASET, config) == jsonl_rows(DATASET, config)


def test_every_file_and_schema_field_is_described() -> None:
    doc = json.loads((DATASET / "croissant.json").read_text(encoding="utf-8"))
    manifest = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
    data_files = {f["path"]: f["sha256"] for f in manifest["files"] if f["path"].startswith(("data/", "jsonl/"))}
    assert {d["contentUrl"]: d["sha256"] for d in doc["distribution"]} == data_files
    assert doc["version"] == manifest["version"] and doc["conformsTo"] == croissant.CONFORMS_TO

    def ids(fields: list[dict[str, Any]]) -> set[str]:
        return {f["@id"] for f in fields} | {i for f in fields for i in ids(f.get("subField", []))}

    sets = {rs["@id"]: rs for rs in doc["recordSet"]}
    assert list(sets) == list(CONFIGS)
    for config in CONFIGS:
        expected = {config + "/" + path.replace("[]", "").replace(".", "/") for path, _, _ in schemas.field_rows(config)}
        assert ids(sets[config]["field"]) == expected
    claims_article = next(f for f in sets["claims"]["field"] if f["@id"] == "claims/article_id")
    assert claims_article["references"] == {"field": {"@id": "articles/article_id"}}


def tampered(tmp_path: Path, edit: Any) -> Path:
    folder = tmp_path / "ds"
    shutil.copytree(DATASET, folder)
    doc = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    edit(doc)
    (folder / "croissant.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def failure(call: Any) -> str:
    """The messages of the exception call raises and of its causes (mlcroissant wraps the real one)."""
    with pytest.raises(Exception) as info:
        call()
    messages, err = [], info.value
    while err is not None:
        messages.append(str(err))
        err = err.__cause__ or err.__context__
    return "\n".join(messages)


def test_a_wrong_sha256_fails_to_read(tmp_path: Path) -> None:
    def wrong_hash(doc: dict[str, Any]) -> None:
        for d in doc["distribution"]:
            if d["contentUrl"] == "data/claim_links/train-00000-of-00001.parquet":
                d["sha256"] = "0" * 64

    assert "Hash of downloaded file" in failure(lambda: records(tampered(tmp_path, wrong_hash), "claim_links"))


def test_a_column_missing_from_the_file_fails_to_read(tmp_path: Path) -> None:
    def wrong_column(doc: dict[str, Any]) -> None:
        links = next(rs for rs in doc["recordSet"] if rs["@id"] == "claim_links")
        links["field"][-1]["source"]["extract"]["column"] = "no_such_column"

    assert 'Column "no_such_column" does not exist' in failure(lambda: records(tampered(tmp_path, wrong_column), "claim_links"))
