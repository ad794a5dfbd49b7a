"""Stage 6: the dataset card (``dataset/README.md``), generated from the schema and the data.

The YAML header carries the Hub metadata, the ``configs`` (Parquet only: the Hub loader takes one file
format per repository) and a ``dataset_info`` block whose features are derived from the JSON Schema.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from dprk_claims import __version__
from dprk_claims.core import codes
from dprk_claims.core.about import HUB_METADATA, LICENSE_NAME, SUMMARY, TEXT_FREE_NOTE, citation, version_text
from dprk_claims.core.schemas import CONFIGS, DEFAULT_CONFIG, card_features, field_table
from dprk_claims.core.versions import Stamp
from dprk_claims.publish import lineage_docs
from dprk_claims.publish.origin import origin_text, plural
from dprk_claims.publish.summary import Summary, summary_of


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


def _counts_table(summary: Summary) -> str:
    lines = ["| article | origin | claims | CFS | UFS | NFS |", "|---|---|---|---|---|---|"]
    lines += [f"| `{aid}` | {origin} | {n} | {cfs} | {ufs} | {nfs} |" for aid, origin, n, cfs, ufs, nfs, *_ in summary.articles]
    return "\n".join(lines)


def _label_table(summary: Summary) -> str:
    counts = {tuple(k.split("\t", 1)): n for k, n in summary.labels.items()}
    lines = ["| layer | label | claims |", "|---|---|---|"]
    lines += [f"| {layer} | `{label}` | {n} |" for (layer, label), n in sorted(counts.items())]
    return "\n".join(lines)


def render(files: dict[str, list[str]], summary: Summary, stamp: Stamp, text_free_limit: int | None = None) -> str:
    import yaml

    counts = summary.counts
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: same YAML, a fraction of the time
    head = yaml.dump(header(files, counts), Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000)
    structure = "\n\n".join(f"### `{c}`\n\n{field_table(c)}" for c in CONFIGS)
    variant = f"\n## Text-free variant\n\n{TEXT_FREE_NOTE.format(limit=text_free_limit)}\n" if text_free_limit else ""
    tag = f"v{stamp.version}" if stamp.released else "v<version>"
    return f"""---
{head}---

# {HUB_METADATA['pretty_name']}

## Dataset summary

{SUMMARY}

{counts['articles']} articles, {counts['claims']} claims, {counts['sentences']} sentences, {counts['claim_links']} claim links,
{counts['annotator_labels']} annotator labels, {counts.get('verdicts', 0)} verdicts. Built by `dprk_claims` {__version__}.

### What is machine-made

{origin_text(summary)}

The `verdicts` config judges check-worthy (CFS) claims against dated, quoted public evidence
(AVeriTeC labels; `content`: is it true? `attribution`: did the speaker say it?), with both judges'
labels kept; `claimreview.jsonld` has the same verdicts as schema.org ClaimReview. The curated annotations
and the verdicts were made by language-model sessions working from the written guidelines, not by human
experts.
{variant}
## Version

{version_text(stamp)}

Versions follow semantic versioning: MAJOR for a schema change that breaks readers, MINOR for new
articles, claims or fields, PATCH for corrections (`docs/versioning.md` in the repository). The schema
version (`x-schema-version` in each JSON Schema) is kept separately. `MANIFEST.json` lists the sha256 and
row count of every file and the sha256 of every input; `python build_dataset.py verify` checks a folder
against it. What changed between versions is in `CHANGELOG.md` in the repository.

Load a given version from the Hub with its tag, or check the tag out in a clone of the repository:

```python
from datasets import load_dataset
claims = load_dataset("<hub id of this dataset>", "claims", split="train", revision="{tag}")
```

```bash
git checkout {tag}    # dataset/ then holds that release
```

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
turns ISO date strings into timestamps and loses their time zone. `croissant.json` describes every config
in MLCommons Croissant 1.0.

## Dataset structure

{_counts_table(summary)}

{_label_table(summary)}

Offsets (`char_start`, `char_end`) count Python `str` code points in `articles.text`, end exclusive:
`text[char_start:char_end]` equals the span's `text`. `claims.article_id`, `sentences.article_id` and
`annotator_labels.article_id` point to `articles.article_id`; `claim_links.claim_id_a`/`claim_id_b`,
`sentences.claim_ids` and `annotator_labels.claim_id` point to `claims.claim_id`. The field tables below
are generated from the JSON Schemas in `schema/`.

{structure}

## Dataset creation

**Source data.** Articles are kept exactly as received (`articles.text` is the seed file decoded as UTF-8,
and `text_sha256` is its hash). Paragraph roles come from layout rules or from curation.

**Annotations.** Curated annotations follow `docs/annotation-guidelines.md` (AVeriTeC, ClaimBuster,
PARC 3.0, FactBank, TIMEX3). They were made in two independent passes and adjudicated, each by a
separate session of a large-language-model assistant working from the guidelines; no human expert has
reviewed every label. Both raw passes are in the `annotator_labels` config. Articles with no curated
annotation file are annotated by the package's rule-based annotator instead (`annotation.origin:
automatic`; how many, under *What is machine-made*). Every metadata value records whether it is stated in
the text, inferred (with the evidence) or curated. See `DATASHEET.md` in the repository.

## Considerations for using the data

The claims are what was *said*, not what is true: state-media and government claims are annotated as
claims of their speakers, with the author's commitment kept apart. Do not read a check-worthy claim as
false, or the absence of a claim as true. Many claims are accusations made by one government against
another; names of public officials appear as printed.

### Lineage and quotes

{lineage_docs.section(summary.articles)}

## Limitations

The data covers {plural(counts['articles'], 'article')}, not a random sample of any outlet or of the topic, so no
figure from it generalises. Numbers (missile launches, vetoes) are contested and differ between articles.
Names are kept as printed, even where they look wrong. The curated annotators were sessions of one
language model, which likely agree with each other more than human annotators would. `articles.outlet`
and `articles.url` are null unless the text or the curation shows them.

## Licensing

{LICENSE_NAME}; see `LICENSE.md`.

## Citation

```bibtex
{citation(stamp)}
```
"""


# --- generated blocks inside hand-written documents (DATASHEET.md) -----------------------------------

_BLOCK = re.compile(r"<!-- generated:(?P<name>[\w:.-]+) -->\n(?P<body>.*?)\n?<!-- /generated -->", re.S)


def generated_blocks(tables: dict[str, list[dict[str, Any]]], stamp: Stamp | None = None) -> dict[str, str]:
    """Every block a document may embed, computed from the schema, the built rows and the version."""
    blocks = {f"fields:{c}": field_table(c) for c in CONFIGS}
    summary = summary_of(tables)
    blocks["counts:articles"] = _counts_table(summary)
    blocks["counts:labels"] = _label_table(summary)
    if stamp is not None:
        blocks["version"] = version_text(stamp)
    blocks["verdicts"] = verdict_table(tables.get("verdicts", []))
    blocks["origin"] = origin_text(summary)
    blocks["lineage"] = lineage_docs.table([(row[0], row[6]) for row in summary.articles])
    blocks["error-codes"] = codes.markdown()
    return blocks


def verdict_table(verdicts: list[dict[str, Any]]) -> str:
    """Verdict counts, the two judges' agreement, and every disagreement with how it was resolved."""
    from dprk_claims.learn.matching import cohen_kappa

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
    return "\n".join(lines + _evidence_lines(verdicts))


def _evidence_lines(verdicts: list[dict[str, Any]]) -> list[str]:
    """What the labels rest on (by kind of source, primary or not), what was set aside as later, and every re-judgement."""
    used = [e for v in verdicts for e in v["evidence"]]
    later = sum(len(v["later_evidence"]) for v in verdicts)
    kinds = Counter(e["source_kind"] for e in used)
    lines = ["", f"Evidence the labels rest on: {len(used)} items, {sum(e['primary'] for e in used)} of them primary ("
             + ", ".join(f"{k} {kinds[k]}" for k in ("un", "official", "agency")) + "; not primary: "
             + ", ".join(f"{k} {kinds[k]}" for k in ("republished", "reporting")) + f"). Set aside as published after "
             f"the claim (`later_evidence`): {later} items."]
    revised = [v for v in verdicts if v["revision_reason"]]
    if revised:
        changed = [v for v in revised if v["previous_label"] != v["label"]]
        lines += ["", f"Re-judged under guideline {revised[0]['guideline_version']}: {len(revised)} verdicts, "
                  f"{len(changed)} with a new label.", "", "| verdict | before | now | why |", "|---|---|---|---|"]
        lines += [f"| `{v['verdict_id']}` | {v['previous_label']} | {v['label']} | "
                  f"{v['revision_reason'].replace('|', '/')} |" for v in revised]
    return lines


def refresh(markdown: str, blocks: dict[str, str]) -> str:
    """Replace the body of every ``<!-- generated:NAME -->`` block; unknown names are an error."""
    def fill(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in blocks:
            raise KeyError(f"unknown generated block {name!r}; known: {', '.join(sorted(blocks))}")
        return f"<!-- generated:{name} -->\n{blocks[name]}\n<!-- /generated -->"

    return _BLOCK.sub(fill, markdown)
