"""Analysis recipes over the built dataset, each a small function run by tests/test_recipes.py.

Run all of them: python examples/recipes.py [DATASET_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

DATASET = Path(__file__).resolve().parent.parent / "dataset"


EXTRA = "pip install -e '.[examples]'"  # the extra that installs duckdb, polars and matplotlib


def need(module: str) -> Any:
    """Import a module the examples use that the package itself does not install, or say which extra does."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f"{Path(__file__).name} needs {module}, which the package does not install: {EXTRA}") from None


# --- pandas, with the pyarrow backend so that structs and lists keep their types ---------------------

def pandas_claims_per_speaker(dataset: Path = DATASET) -> Any:
    import pandas as pd

    claims = pd.read_parquet(dataset / "data" / "claims", dtype_backend="pyarrow")
    speaker = claims["attribution"].struct.field("speaker_normalized").fillna("(article's own voice)")
    return speaker.value_counts().sort_index()


def pandas_claims_per_country(dataset: Path = DATASET) -> Any:
    """Claims that mention each state (an entity of type state), counted once per claim."""
    import pandas as pd

    claims = pd.read_parquet(dataset / "data" / "claims", dtype_backend="pyarrow")
    ents = claims[["claim_id", "entities"]].explode("entities")
    ents = ents[ents["entities"].notna()]
    ents = ents.assign(type=ents["entities"].map(lambda e: e["type"]), name=ents["entities"].map(lambda e: e["kb_id"]))
    return ents[ents["type"] == "state"].drop_duplicates(["claim_id", "name"])["name"].value_counts().sort_index()


def pandas_checkworthy_share(dataset: Path = DATASET) -> Any:
    import pandas as pd

    claims = pd.read_parquet(dataset / "data" / "claims", dtype_backend="pyarrow")
    return (claims["checkworthiness"] == "CFS").groupby(claims["article_id"]).mean().round(4)


def pandas_quote_types(dataset: Path = DATASET) -> Any:
    import pandas as pd

    claims = pd.read_parquet(dataset / "data" / "claims", dtype_backend="pyarrow")
    return claims["attribution"].struct.field("quote_type").value_counts().sort_index()


# --- DuckDB SQL straight over the Parquet files -----------------------------------------------------

def duckdb_claims_with_articles(dataset: Path = DATASET) -> list[tuple[Any, ...]]:
    """Per article: headline (or id), publication date, claims, and check-worthy claims."""
    duckdb = need("duckdb")

    sql = f"""
        SELECT a.article_id, coalesce(a.headline, a.article_id) AS title, a.published.value AS published,
               count(c.claim_id) AS claims, count(c.claim_id) FILTER (WHERE c.checkworthiness = 'CFS') AS cfs
        FROM read_parquet('{dataset}/data/articles/*.parquet') a
        LEFT JOIN read_parquet('{dataset}/data/claims/*.parquet') c USING (article_id)
        GROUP BY ALL ORDER BY a.article_id
    """
    return duckdb.sql(sql).fetchall()


# --- Polars, unnesting the attribution and entity structs ---------------------------------------------

def polars_speakers_and_entities(dataset: Path = DATASET) -> Any:
    """One row per (claim, entity), with the speaker fields unnested from attribution."""
    pl = need("polars")

    claims = pl.read_parquet(dataset / "data" / "claims" / "*.parquet")
    return (claims.select("claim_id", "attribution", "entities")
            .unnest("attribution")
            .select("claim_id", "speaker_normalized", "quote_type", "entities")
            .explode("entities")
            .drop_nulls("entities")
            .unnest("entities")
            .select("claim_id", "speaker_normalized", "quote_type", "text", "type", "kb_id", "qid")
            .sort("claim_id", "text"))


RECIPES = (pandas_claims_per_speaker, pandas_claims_per_country, pandas_checkworthy_share, pandas_quote_types,
           duckdb_claims_with_articles, polars_speakers_and_entities)


def main(argv: list[str]) -> int:
    """Run every recipe; 1, with the install command, when a module they need is missing."""
    folder = Path(argv[0]) if argv else DATASET
    try:
        for module in ("duckdb", "polars"):  # checked first, so that nothing is printed half-way
            need(module)
        for fn in RECIPES:
            print(f"== {fn.__name__}\n{fn(folder)}\n")
    except ImportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
