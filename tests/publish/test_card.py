"""The committed card is what the generator makes from the committed rows and version, carries the Hub
metadata and every standard section, and agrees on the version with Croissant, the manifest, CITATION.cff
and the last release."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from conftest import ROOT

from dprk_claims.core import about
from dprk_claims.core.schemas import CONFIGS
from dprk_claims.core.versions import Stamp
from dprk_claims.publish import card
from dprk_claims.write import canonical

DATASET = ROOT / "dataset"
CARD = (DATASET / "README.md").read_text(encoding="utf-8")
MANIFEST = json.loads((DATASET / "MANIFEST.json").read_text(encoding="utf-8"))
SECTIONS = ["Dataset summary", "Version", "Loading", "Dataset structure", "Dataset creation",
            "Considerations for using the data", "Limitations", "Licensing", "Citation"]


def rows(config: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATASET / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8").split("\n") if line]


def test_card_is_generated_from_the_committed_rows_and_version() -> None:
    stamp = Stamp(MANIFEST["version"], MANIFEST["released"])
    files = {c: [canonical.parquet_path(c)] for c in CONFIGS}
    assert card.render(files, card.summary_of({c: rows(c) for c in CONFIGS}), stamp) == CARD


def test_card_has_the_hub_metadata() -> None:
    header = yaml.safe_load(CARD.split("---\n")[1])
    for key in ("license", "license_name", "license_link", "language", "pretty_name", "task_categories", "task_ids",
                "size_categories", "tags", "annotations_creators", "source_datasets", "configs", "dataset_info"):
        assert header.get(key), key
    assert (DATASET / header["license_link"]).is_file()
    assert header["size_categories"] == [card.size_category(len(rows("claims")))]


def test_card_has_every_standard_section_filled() -> None:
    found = re.findall(r"^## (.+)$", CARD, flags=re.M)
    assert [s for s in found if s in SECTIONS] == SECTIONS
    for heading, body in zip(found, re.split(r"^## .+$", CARD, flags=re.M)[1:], strict=True):
        assert len(body.strip()) > 40, heading


def test_the_version_agrees_everywhere() -> None:
    version = MANIFEST["version"]
    croissant = json.loads((DATASET / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["version"] == version and croissant.get("datePublished") == MANIFEST["released"]
    assert about.version_text(Stamp(version, MANIFEST["released"])) in CARD
    assert f"version = {{{version}}}" in CARD and f"version = {{{version}}}" in croissant["citeAs"]
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    assert f"<!-- generated:version -->\n{about.version_text(Stamp(version, MANIFEST['released']))}\n" in datasheet
    assert "+" not in version and MANIFEST["released"], "the committed dataset is a release"
    # a release: CITATION.cff, last-release/ and the changelog name it too
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert (citation["version"], citation["date-released"]) == (version, MANIFEST["released"])
    last = json.loads((ROOT / "last-release" / "release.json").read_text(encoding="utf-8"))
    assert (last["version"], last["date"]) == (version, MANIFEST["released"])
    assert f"\n## {version} — {MANIFEST['released']}\n" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for config in CONFIGS:  # what last-release/ keeps, for the next release to compare with, is this data
        assert (ROOT / "last-release" / "jsonl" / f"{config}.jsonl").read_bytes() == (DATASET / "jsonl" / f"{config}.jsonl").read_bytes()
