"""Stage 6: the dataset card (``dataset/README.md``), generated from the schema and the data.

The YAML header carries the Hub metadata, the ``configs`` (Parquet only: the Hub loader takes one file
format per repository) and a ``dataset_info`` block whose features are derived from the JSON Schema.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from . import __version__
from .schemas import CONFIGS, DEFAULT_CONFIG, card_features, field_table, schema_version

HUB_METADATA: dict[str, Any] = {
    "pretty_name": "DPRK and UN Security Council claims",
    "license": "other",
    "license_name": "annotations-cc-by-4.0-article-texts-excluded",
    "language": ["en"],
    "task_categories": ["text-classification", "token-classification"],
    "task_ids": ["fact-checking", "named-entity-recognition"],
    "tags": ["claim-detection", "check-worthiness", "attribution", "factuality", "timex3", "north-korea",
             "united-nations", "security-council", "news"],
    # The curated passes and their adjudication were made by separate language-model sessions working from
    # the guidelines (DATASHEET.md, "Who created the dataset?"), so they are machine-generated too.
    "annotations_creators": ["machine-generated"],
    "source_datasets": ["original"],
}


def size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return label
    return "n>1M"


def header(files: dict[str, list[str]], counts: dict[str, int]) -> dict[str, Any]:
    meta = dict(HUB_METADATA)
    meta["size_categories"] = [size_category(counts.get(DEFAULT_CONFIG, 0))]
    # A config without rows cannot be loaded ("Instruction 'train' corresponds to no data"), so the card
    # lists only configs that have rows; their (empty) files are still written.
    listed = [c for c in CONFIGS if counts.get(c, 0)] or [DEFAULT_CONFIG]
    default = DEFAULT_CONFIG if DEFAULT_CONFIG in listed else listed[0]
    configs = []
    for config in listed:
        entry: dict[str, Any] = {"config_name": config}
        if config == default:
            entry["default"] = True
        entry["data_files"] = [{"split": "train", "path": sorted(files[config])}]
        configs.append(entry)
    meta["configs"] = configs
    meta["dataset_info"] = [{"config_name": c, "features": card_features(c)} for c in listed]
    return meta


def _counts_table(rows: list[dict[str, Any]], articles: list[dict[str, Any]]) -> str:
    per_article: dict[str, Counter[str]] = {a["article_id"]: Counter() for a in articles}
    for claim in rows:
        per_article[claim["article_id"]][claim["checkworthiness"]] += 1
        per_article[claim["article_id"]]["all"] += 1
    lines = ["| article | origin | claims | CFS | UFS | NFS |", "|---|---|---|---|---|---|"]
    for art in articles:
        c = per_article[art["article_id"]]
        lines.append(f"| `{art['article_id']}` | {art['annotation']['origin']} | {c['all']} | {c['CFS']} | {c['UFS']} | {c['NFS']} |")
    return "\n".join(lines)


def _label_table(rows: list[dict[str, Any]]) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    for claim in rows:
        counts[("checkworthiness", claim["checkworthiness"])] += 1
        counts[("quote_type", claim["attribution"]["quote_type"])] += 1
        counts[("speaker_kind", claim["attribution"]["speaker_kind"])] += 1
        for t in claim["claim_types"]:
            counts[("claim_types", t)] += 1
    lines = ["| layer | label | claims |", "|---|---|---|"]
    lines += [f"| {layer} | `{label}` | {n} |" for (layer, label), n in sorted(counts.items())]
    return "\n".join(lines)


def render(files: dict[str, list[str]], tables: dict[str, list[dict[str, Any]]]) -> str:
    import yaml

    counts = {c: len(tables[c]) for c in CONFIGS}
    head = yaml.safe_dump(header(files, counts), sort_keys=False, allow_unicode=True, width=1000)
    structure = "\n\n".join(f"### `{c}`\n\n{field_table(c)}" for c in CONFIGS)
    return f"""---
{head}---

# DPRK and UN Security Council claims

Every claim in a set of news articles about North Korea (the DPRK) and the UN Security Council, as an
exact character span of the article, with who made it and how it was reported (attribution with the
reporting chain), its claim types, its check-worthiness, the author's and the source's commitment to it,
and the entities, dates and quantities it mentions.

Built by `dprk_claims` {__version__} with schema version {schema_version()}.
{counts['articles']} articles, {counts['claims']} claims.

## Loading

```python
from datasets import load_dataset
claims = load_dataset("path/to/dataset", "claims", split="train")      # the default config
articles = load_dataset("path/to/dataset", "articles", split="train")
```

```python
import pandas as pd
claims = pd.read_parquet("dataset/data/claims", dtype_backend="pyarrow")
```

After a rebuild, pass a fresh `cache_dir=` (or delete `~/.cache/huggingface/datasets`): the `datasets`
cache key ignores the content of local files, so an old copy can be returned.

The same rows are in `jsonl/<config>.jsonl` (UTF-8, one JSON object per line). Read them with
`json.loads` per line, or `pd.read_json(path, lines=True, dtype=False)`; `load_dataset("json", ...)`
turns ISO date strings into timestamps and loses their time zone.

## Counts

{_counts_table(tables['claims'], tables['articles'])}

{_label_table(tables['claims'])}

## Structure

Offsets (`char_start`, `char_end`) count Python `str` code points in `articles.text`, end exclusive:
`text[char_start:char_end]` equals the span's `text`. The field tables below are generated from the
JSON Schemas in `schema/`.

{structure}

## Creation

Articles are kept exactly as received. Paragraph roles come from layout rules or from curation;
curated annotations follow `docs/annotation-guidelines.md` (AVeriTeC, ClaimBuster, PARC 3.0, FactBank,
TIMEX3). They were made in two independent passes and adjudicated, each by a separate session of a
large-language-model assistant working from the guidelines; no human expert has reviewed every label.
Both raw passes are in the `annotator_labels` config.
Every metadata value records whether it is stated in the text, inferred (with the evidence) or
curated. See `DATASHEET.md` in the repository.

## Considerations and limitations

The claims are what was *said*, not what is true: state-media and government claims are annotated as
claims of their speakers, with the author's commitment kept apart. Numbers (missile launches, vetoes) are
contested and differ between articles. Names are kept as printed, even where they look wrong.
The article texts remain the copyright of their publishers.

## Citation

```bibtex
@misc{{dprk_unsc_claims,
  title = {{DPRK and UN Security Council claims}},
  note = {{Dataset, built with dprk_claims {__version__}, schema {schema_version()}}},
}}
```
"""


# --- generated blocks inside hand-written documents (DATASHEET.md) -----------------------------------

_BLOCK = re.compile(r"<!-- generated:(?P<name>[\w:.-]+) -->\n(?P<body>.*?)\n?<!-- /generated -->", re.S)


def generated_blocks(tables: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Every block a document may embed, computed from the schema and the built rows."""
    blocks = {f"fields:{c}": field_table(c) for c in CONFIGS}
    blocks["counts:articles"] = _counts_table(tables["claims"], tables["articles"])
    blocks["counts:labels"] = _label_table(tables["claims"])
    blocks["verdicts"] = verdict_table(tables.get("verdicts", []))
    return blocks


def verdict_table(verdicts: list[dict[str, Any]]) -> str:
    """Verdict counts, the two judges' agreement, and every disagreement with how it was resolved."""
    from .agreement import cohen_kappa

    if not verdicts:
        return "No verdicts yet."
    labels = Counter((v["aspect"], v["label"]) for v in verdicts)
    lines = ["| aspect | label | verdicts |", "|---|---|---|"]
    lines += [f"| {a} | {lab} | {n} |" for (a, lab), n in sorted(labels.items())]
    first, second = [v["first_label"] for v in verdicts], [v["second_label"] for v in verdicts]
    agree = sum(a == b for a, b in zip(first, second, strict=True))
    lines += ["", f"Second judge against first: Cohen's kappa {cohen_kappa(first, second)}, raw agreement "
              f"{agree}/{len(verdicts)} ({agree / len(verdicts):.2f}).", ""]
    split = [v for v in verdicts if v["first_label"] != v["second_label"]]
    if split:
        lines += ["| verdict | first judge | second judge | published | why |", "|---|---|---|---|---|"]
        lines += [f"| `{v['verdict_id']}` | {v['first_label']} | {v['second_label']} | {v['label']} | "
                  f"{(v['adjudication'] or '').replace('|', '/')} |" for v in split]
    return "\n".join(lines)


def refresh(markdown: str, blocks: dict[str, str]) -> str:
    """Replace the body of every ``<!-- generated:NAME -->`` block; unknown names are an error."""
    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in blocks:
            raise KeyError(f"unknown generated block {name!r}; known: {', '.join(sorted(blocks))}")
        return f"<!-- generated:{name} -->\n{blocks[name]}\n<!-- /generated -->"

    return _BLOCK.sub(fill, markdown)
