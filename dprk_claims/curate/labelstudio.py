"""Label Studio round trip: articles out as tasks with predictions, a Label Studio JSON export back into
``annotations/``.

``python build_dataset.py labelstudio export --out tasks.json --config labeling.xml`` writes one task per
article (``data``: text, article_id, text_sha256) whose prediction is the gold file where one exists and
the automatic annotations otherwise (``--source``), and the labeling config to create the project with.
``python build_dataset.py labelstudio import EXPORT.json`` reads a Label Studio JSON export and writes
``annotations/<article_id>.json`` for every task with an annotation, after checking every span against
the article text, every label against the config, and every task against the seeds.

Regions: a claim is a ``claim`` span labelled with its check-worthiness; its source and cue are
``attribution`` spans (``speaker``, ``cue``) joined to it by ``source`` and ``cue`` relations; entities,
time expressions and quantities are spans of their own inside it. Per-region choices and text areas carry
the other fields. Only the direct source is edited in Label Studio: a longer reporting chain is kept from
the existing file when its last link is unchanged. Label Studio counts offsets in UTF-16 code units;
they are converted to and from Python code points here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import AnnotationError, Problem, show
from dprk_claims.curate import labelstudio_convert as conv
from dprk_claims.curate import labelstudio_io as io


def export_tasks(seeds_dir: Path, annotations_dir: Path, kb_path: Path, source: str = "best") -> list[dict[str, Any]]:
    """One Label Studio task per seed article, with the gold or automatic annotations as its prediction."""
    from dprk_claims.annotate.core import NAME, annotate_article
    from dprk_claims.build.document import parse_article
    from dprk_claims.read.annotations import load_kb, read_file
    from dprk_claims.read.seeds import read_seeds

    kb = load_kb(kb_path)
    tasks = []
    for seed in read_seeds(seeds_dir):
        aid, text = seed["article_id"], seed["text"]
        path = annotations_dir / f"{aid}.json"
        raw = path.read_bytes() if path.is_file() else None
        if raw is not None and source in ("best", "gold"):
            claims, version = read_file(path, raw)["claims"], "gold"
        elif source == "gold":
            continue
        else:
            from dprk_claims import __version__

            records, _ = annotate_article(parse_article(seed)["article"], kb)
            claims = [{"id": r["claim_id"].split(":")[1], **r} for r in records]
            version = f"{NAME} {__version__}"
        data = {"text": text, "article_id": aid, "text_sha256": seed["text_sha256"],
                "annotation_sha256": hashlib.sha256(raw).hexdigest() if raw is not None else None}  # import checks it
        tasks.append({"data": data,
                      "predictions": [{"model_version": version, "result": conv.to_results(text, claims)}]})
    return tasks


def export(seeds_dir: Path, annotations_dir: Path, kb_path: Path, out: Path, config: Path | None = None,
           source: str = "best") -> int:
    """Write the tasks to ``out`` (and the labeling config to ``config``), once both are checked to be safe to
    write; returns how many tasks were written."""
    io.check_targets(out, config, [seeds_dir, annotations_dir, kb_path])
    tasks = export_tasks(seeds_dir, annotations_dir, kb_path, source)
    io.write_file(out, json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    if config is not None:
        io.write_file(config, conv.label_config())
    return len(tasks)


def import_export(export_path: Path, seeds_dir: Path, annotations_dir: Path, kb_path: Path,
                  write: bool = True, force: bool = False, kept: list[Path] | None = None) -> dict[str, dict[str, Any]]:
    """Annotation files (by article_id) made from a Label Studio export; written unless ``write`` is False.
    A file changed since the export is replaced only with ``force``, and then kept beside it (added to kept)."""
    from dprk_claims.core import strictjson
    from dprk_claims.read.annotations import _file_validator, _kb_problems, load_kb
    from dprk_claims.read.seeds import read_seeds
    from dprk_claims.validate.compiled import schema_problems

    tasks = io.read_tasks(export_path)
    kb = load_kb(kb_path)
    seeds = {s["article_id"]: s for s in read_seeds(seeds_dir)}
    problems: list[Problem] = io.duplicates(tasks, str(export_path))
    out: dict[str, dict[str, Any]] = {}
    replaced: dict[str, Path] = {}
    for n, task in enumerate(tasks):
        record = f"task {task.get('id', n)}"
        aid = (task.get("data") or {}).get("article_id")
        if not isinstance(aid, str) or aid not in seeds:
            problems.append(Problem(str(export_path), record, "data.article_id", "unknown_article",
                                    "no seed article has this article_id", show(aid),
                                    f"add seeds/{aid}.txt, or remove the task from the export" if isinstance(aid, str) and aid else
                                    "export tasks made by `python build_dataset.py labelstudio export`"))
            continue
        annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        if not annotations:
            continue
        latest = max(annotations, key=lambda a: (str(a.get("updated_at") or ""), str(a.get("id") or "")))
        existing_path = annotations_dir / f"{aid}.json"
        try:
            existing = strictjson.read(existing_path, AnnotationError, "fix the JSON of the annotation file") \
                if existing_path.is_file() else None
            data = conv.from_results(dict(seeds[aid]), latest, existing, str(export_path), record)
        except AnnotationError as err:
            problems.extend(err.problems)
            continue
        found = schema_problems(_file_validator(), data, str(export_path),
                                "correct the region in Label Studio; see docs/annotation-guidelines.md", record)
        if found:
            problems += found
            continue
        problems += [Problem(str(export_path), record, p.field, p.code, p.message, p.value, p.hint)
                     for p in _kb_problems(existing_path, data, kb)]
        if not data["claims"]:
            had = f"{existing_path} ({len(existing['claims'])} claims)" if existing else "a new annotation file"
            problems.append(Problem(str(export_path), record, "annotations", "empty_annotation",
                                    f"the submitted annotation holds no claim regions; importing it would make {had} hold none",
                                    None, "draw the claims in Label Studio, or skip or delete the annotation if the task is not done"))
            continue
        conflict = io.conflict(existing_path, task, str(export_path), record)
        if conflict is not None and not force:
            problems.append(conflict)
        elif conflict is not None:
            replaced[aid] = existing_path
        out[aid] = data
    if problems:
        raise AnnotationError(problems)
    if write:
        io.write_files(annotations_dir, out, replaced, kept if kept is not None else [])
    return out

