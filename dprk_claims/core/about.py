"""What the dataset says about itself, in one place: the Hub metadata, the summary, the licence, the
citation and the version sentence, used by the card, Croissant, CITATION.cff and the DATASHEET."""

from __future__ import annotations

from typing import Any

from dprk_claims.core.schemas import CONFIGS, schema_version
from dprk_claims.core.versions import Stamp

HUB_METADATA: dict[str, Any] = {
    "pretty_name": "DPRK and UN Security Council claims",
    "license": "other",
    "license_name": "annotations-cc-by-4.0-article-texts-excluded",
    "license_link": "LICENSE.md",
    "language": ["en"],
    "language_creators": ["found"],
    "multilinguality": ["monolingual"],
    "task_categories": ["text-classification", "token-classification"],
    "task_ids": ["fact-checking", "named-entity-recognition"],
    "tags": ["claim-detection", "check-worthiness", "attribution", "factuality", "timex3", "north-korea",
             "united-nations", "security-council", "news"],
    # The curated passes and their adjudication were made by separate language-model sessions working from
    # the guidelines (DATASHEET.md, "Who created the dataset?"), so they are machine-generated too.
    "annotations_creators": ["machine-generated"],
    "source_datasets": ["original"],
}


SUMMARY = ("Every claim in a set of news articles about North Korea (the DPRK) and the UN Security Council, as an "
           "exact character span of the article, with who made it and how it was reported (attribution with the "
           "reporting chain), its claim types, its check-worthiness, the author's and the source's commitment to it, "
           "and the entities, dates and quantities it mentions.")
LICENSE_NAME = "CC BY 4.0 for the annotations; the article texts remain the copyright of their publishers"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
CREATOR = "The dprk-unsc-claims maintainers"
TEXT_FREE_NOTE = """This folder is the **text-free variant**: the same configs, rows and columns, without the
article texts. `articles.text` is null; every span text longer than {limit} characters (a claim, a sentence, a
headline, a long speaker or cue) is null while its offsets stay; in every other string (the normalised claims,
the evidence notes) each run of more than {limit} characters copied from the article is replaced by a
reference `⟦start:end⟧` to the article text. `articles.text_sha256` and `articles.url` (where known) are kept.
Rebuild the full dataset from your own copies of the articles with
`python build_dataset.py rehydrate <this folder> <folder of your copies>`: each copy is checked against
`text_sha256`, and the Parquet files come out byte-identical to the full release."""


def schema_versions_text() -> str:
    found = {c: schema_version(c) for c in CONFIGS}
    if len(set(found.values())) == 1:
        return f"schema version {next(iter(found.values()))} (every config)"
    return "schema versions " + ", ".join(f"{c} {v}" for c, v in found.items())


def version_text(stamp: Stamp) -> str:
    """One paragraph: which version this is, and whether it is a release."""
    if stamp.released:
        return f"Version **{stamp.version}**, released {stamp.date}; {schema_versions_text()}."
    base = stamp.version.split("+", 1)[0]
    after = "before the first release" if base == "0.0.0" else f"after release {base}"
    return (f"Version **{stamp.version}**: built from the working tree {after}, not a release; "
            f"{schema_versions_text()}.")


def citation(stamp: Stamp) -> str:
    year = f"  year = {{{stamp.date[:4]}}},\n" if stamp.date else ""
    return ("@misc{dprk_unsc_claims,\n"
            f"  title = {{{HUB_METADATA['pretty_name']}}},\n"
            f"  author = {{{{{CREATOR}}}}},\n"
            f"{year}"
            f"  version = {{{stamp.version}}},\n"
            f"  note = {{Dataset version {stamp.version}, {schema_versions_text()}}},\n"
            "}")


def license_text() -> str:
    return f"""# Licence

The annotations (every field except the article texts and the spans copied from them) are released under
the Creative Commons Attribution 4.0 International licence (CC BY 4.0): {LICENSE_URL}

The article texts (`articles.text`, and the span texts copied from it) are not covered by this licence:
they remain the copyright of their publishers and are included for research use. If you cannot
redistribute them, share the text-free variant (`python build_dataset.py --text-free`), which keeps the
offsets and the sha256 of each text.
"""
