"""Label Studio round trip: articles out as tasks with predictions, a Label Studio JSON export back into
``annotations/``.

``python -m dprk_claims.labelstudio export --out tasks.json --config labeling.xml`` writes one task per
article (``data``: text, article_id, text_sha256) whose prediction is the gold file where one exists and
the automatic annotations otherwise (``--source``), and the labeling config to create the project with.
``python -m dprk_claims.labelstudio import EXPORT.json`` reads a Label Studio JSON export and writes
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

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import labelstudio_convert as conv
from .errors import AnnotationError, DatasetError, Problem


def export_tasks(seeds_dir: Path, annotations_dir: Path, kb_path: Path, source: str = "best") -> list[dict[str, Any]]:
    """One Label Studio task per seed article, with the gold or automatic annotations as its prediction."""
    from .annotate import NAME, annotate_article
    from .annotations import load_kb, read_file
    from .document import parse_article
    from .seeds import read_seeds

    kb = load_kb(kb_path)
    tasks = []
    for seed in read_seeds(seeds_dir):
        aid, text = seed["article_id"], seed["text"]
        path = annotations_dir / f"{aid}.json"
        if path.is_file() and source in ("best", "gold"):
            claims, version = read_file(path)["claims"], "gold"
        elif source == "gold":
            continue
        else:
            from . import __version__

            records, _ = annotate_article(parse_article(seed)["article"], kb)
            claims = [{"id": r["claim_id"].split(":")[1], **r} for r in records]
            version = f"{NAME} {__version__}"
        tasks.append({"data": {"text": text, "article_id": aid, "text_sha256": seed["text_sha256"]},
                      "predictions": [{"model_version": version, "result": conv.to_results(text, claims)}]})
    return tasks


def import_export(export_path: Path, seeds_dir: Path, annotations_dir: Path, kb_path: Path,
                  write: bool = True) -> dict[str, dict[str, Any]]:
    """Annotation files (by article_id) made from a Label Studio export; written unless ``write`` is False."""
    from .annotations import _kb_problems, file_schema, load_kb
    from .seeds import read_seeds

    try:
        tasks = json.loads(export_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise AnnotationError([Problem(str(export_path), None, None, "bad_export", f"not a readable JSON export: {err}",
                                       hint="export the project from Label Studio as JSON")]) from None
    if not isinstance(tasks, list):
        raise AnnotationError([Problem(str(export_path), None, None, "bad_export", "the export is not a list of tasks",
                                       hint="export the project from Label Studio as JSON (not JSON_MIN or CSV)")])
    kb = load_kb(kb_path)
    seeds = {s["article_id"]: s for s in read_seeds(seeds_dir)}
    problems: list[Problem] = []
    out: dict[str, dict[str, Any]] = {}
    for n, task in enumerate(tasks):
        record = f"task {task.get('id', n)}" if isinstance(task, dict) else f"task [{n}]"
        aid = (task.get("data") or {}).get("article_id") if isinstance(task, dict) else None
        if aid not in seeds:
            problems.append(Problem(str(export_path), record, "data.article_id", "unknown_article",
                                    "no seed article has this article_id", repr(aid),
                                    f"add seeds/{aid}.txt, or remove the task from the export" if aid else
                                    "export tasks made by `python -m dprk_claims.labelstudio export`"))
            continue
        annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        if not annotations:
            continue
        latest = max(annotations, key=lambda a: (str(a.get("updated_at") or ""), a.get("id") or 0))
        existing_path = annotations_dir / f"{aid}.json"
        existing = json.loads(existing_path.read_text(encoding="utf-8")) if existing_path.is_file() else None
        try:
            data = conv.from_results(dict(seeds[aid]), latest, existing, str(export_path), record)
        except AnnotationError as err:
            problems.extend(err.problems)
            continue
        import fastjsonschema

        try:
            fastjsonschema.validate(file_schema(), data)
        except fastjsonschema.JsonSchemaValueException as err:
            problems.append(Problem(str(export_path), record, err.name, "schema", err.message, None,
                                    "correct the region in Label Studio; see docs/annotation-guidelines.md"))
            continue
        problems += [Problem(str(export_path), record, p.field, p.code, p.message, p.value, p.hint)
                     for p in _kb_problems(existing_path, data, kb)]
        out[aid] = data
    if problems:
        raise AnnotationError(problems)
    if write:
        annotations_dir.mkdir(parents=True, exist_ok=True)
        for aid, data in out.items():
            (annotations_dir / f"{aid}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m dprk_claims.labelstudio", description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed folder (default: seeds)")
    p.add_argument("--annotations", type=Path, default=Path("annotations"), help="annotation folder (default: annotations)")
    p.add_argument("--kb", type=Path, default=Path("kb/entities.json"), help="knowledge base (default: kb/entities.json)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ex = sub.add_parser("export", help="write Label Studio tasks (and the labeling config)")
    ex.add_argument("--out", type=Path, required=True, help="tasks JSON file to write")
    ex.add_argument("--config", type=Path, default=None, help="also write the labeling config (XML) here")
    ex.add_argument("--source", choices=("best", "gold", "automatic"), default="best",
                    help="predictions: gold where curated and automatic otherwise (best), gold only, or automatic only")
    im = sub.add_parser("import", help="write annotations/ from a Label Studio JSON export")
    im.add_argument("export", type=Path, help="the JSON export of the Label Studio project")
    im.add_argument("--dry-run", action="store_true", help="check the export and report, but write nothing")
    sub.add_parser("config", help="print the labeling config")
    args = p.parse_args(argv)
    try:
        if args.command == "config":
            sys.stdout.write(conv.label_config())
        elif args.command == "export":
            tasks = export_tasks(args.seeds, args.annotations, args.kb, args.source)
            args.out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            if args.config is not None:
                args.config.write_text(conv.label_config(), encoding="utf-8")
            print(f"wrote {len(tasks)} task(s) to {args.out}")
        else:
            written = import_export(args.export, args.seeds, args.annotations, args.kb, write=not args.dry_run)
            verb = "checked" if args.dry_run else "wrote"
            print(f"{verb} {len(written)} annotation file(s)" + "".join(f"\n  {args.annotations / a}.json" for a in sorted(written)))
    except DatasetError as err:
        print("\n".join(f"error: {x.render()}" for x in err.problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
