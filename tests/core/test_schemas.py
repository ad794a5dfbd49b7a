"""One source of truth: the Arrow schema, the datasets Features, the card's dataset_info and the field
tables in the card and DATASHEET are all derived from schema/*.schema.json and agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ROOT

from dprk_claims.core import schemas

CONFIGS = schemas.CONFIGS


def card_header(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])  # type: ignore[no-any-return]


@pytest.mark.parametrize("config", CONFIGS)
def test_schema_is_valid_draft_2020_12(config: str) -> None:
    schema = schemas.load(config)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("config", CONFIGS)
def test_card_features_are_what_datasets_writes(config: str) -> None:
    """Our dataset_info block equals the one datasets itself generates from the derived Features."""
    from datasets import DatasetInfo, Features
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCardData

    features = Features.from_arrow_schema(schemas.arrow_schema(config))
    card = DatasetCardData()
    DatasetInfosDict({config: DatasetInfo(features=features, config_name=config)}).to_dataset_card_data(card)
    assert card.to_dict()["dataset_info"]["features"] == schemas.card_features(config)
    # and back: the card's features parse to the same Features
    assert Features._from_yaml_list(schemas.card_features(config)) == features


def test_committed_card_agrees_with_schema_and_files() -> None:
    header = card_header(ROOT / "dataset" / "README.md")
    info = {entry["config_name"]: entry for entry in header["dataset_info"]}
    configs = {entry["config_name"]: entry for entry in header["configs"]}
    assert set(info) == set(configs) == set(CONFIGS)  # every config of the committed dataset has rows
    assert configs["claims"].get("default") is True
    for config in CONFIGS:
        assert info[config]["features"] == schemas.card_features(config)
        for files in configs[config]["data_files"]:
            for path in files["path"]:
                assert (ROOT / "dataset" / path).is_file()
    for key in ("license", "language", "pretty_name", "task_categories", "task_ids", "size_categories", "tags",
                "annotations_creators", "source_datasets"):
        assert header.get(key), key


def documented_fields(markdown: str) -> set[str]:
    return set(re.findall(r"^\| `([^`]+)` \|", markdown, flags=re.M))


@pytest.mark.parametrize("doc", ["dataset/README.md", "DATASHEET.md"])
def test_field_tables_list_every_schema_field(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    for config in CONFIGS:
        table = schemas.field_table(config)
        assert table in text, f"{doc} does not carry the generated field table of {config}"
    expected = {path for config in CONFIGS for path, _, _ in schemas.field_rows(config)}
    assert expected <= documented_fields(text)


def test_every_schema_field_has_a_description() -> None:
    for config in CONFIGS:
        for path, _, description in schemas.field_rows(config):
            assert description.strip(), f"{config}.{path} has no description"


def test_schema_files_are_canonical_json() -> None:
    for config in CONFIGS:
        path = ROOT / "schema" / f"{config}.schema.json"
        assert path.read_text(encoding="utf-8") == json.dumps(json.loads(path.read_text(encoding="utf-8")),
                                                              indent=2, ensure_ascii=False) + "\n"
