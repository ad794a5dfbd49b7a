"""Label Studio files: the export read strictly and checked for shape, one task per article, the hash
that tells a file changed since the export, and files written whole (never half)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import AnnotationError, Problem, show
from dprk_claims.curate import labelstudio_convert as conv


def _shape(task: Any) -> tuple[str | None, Any, str] | None:
    """(where, the value, what it must be) for the first part of a task not of the shape the import reads."""
    if not isinstance(task, dict):
        return None, task, "object"
    if not isinstance(task.get("data") or {}, dict):
        return "data", task["data"], "object"
    annotations = task.get("annotations") or []
    if not isinstance(annotations, list):
        return "annotations", annotations, "list"
    for i, one in enumerate(annotations):
        if not isinstance(one, dict):
            return f"annotations[{i}]", one, "object"
        result = one.get("result") or []
        if not isinstance(result, list):
            return f"annotations[{i}].result", result, "list"
        for j, item in enumerate(result):
            if not isinstance(item, dict) or not isinstance(item.get("value") or {}, dict):
                return f"annotations[{i}].result[{j}]", item, "object whose value is an object"
    return None


def read_tasks(export_path: Path) -> list[dict[str, Any]]:
    """The tasks of a Label Studio JSON export, read strictly and checked for the shape this import reads."""
    from dprk_claims.core import strictjson

    hint = "export the project from Label Studio as JSON (not JSON_MIN or CSV)"
    tasks = strictjson.read(export_path, AnnotationError, hint)
    if not isinstance(tasks, list):
        raise AnnotationError([Problem(str(export_path), None, None, "bad_export", "the export is not a list of tasks", None, hint)])
    problems = []
    for n, task in enumerate(tasks):
        bad = _shape(task)
        if bad is not None:
            record = f"task {task.get('id', n)}" if isinstance(task, dict) else f"task [{n}]"
            problems.append(Problem(str(export_path), record, bad[0], "bad_export", f"must be a JSON {bad[2]}", show(bad[1]), hint))
    if problems:
        raise AnnotationError(problems)
    return tasks


def duplicates(tasks: list[dict[str, Any]], file: str) -> list[Problem]:
    first: dict[str, str] = {}
    problems = []
    for n, task in enumerate(tasks):
        aid = task.get("data", {}).get("article_id") if isinstance(task.get("data"), dict) else None
        record = f"task {task.get('id', n)}"
        if isinstance(aid, str) and aid in first:
            problems.append(
                Problem(
                    file,
                    record,
                    "data.article_id",
                    "duplicate_task",
                    f"a second task for the article (the first is {first[aid]}), so which one to import is not clear",
                    repr(aid),
                    "keep one task per article in the Label Studio project, then export again",
                )
            )
        elif isinstance(aid, str):
            first[aid] = record
    return problems


def conflict(path: Path, task: dict[str, Any], file: str, record: str) -> Problem | None:
    """A problem when the annotation file is not the one the export was made from (the export records its sha256)."""
    if not path.is_file():
        return None
    now = hashlib.sha256(path.read_bytes()).hexdigest()
    data = task.get("data") or {}
    if "annotation_sha256" not in data:
        why = "the export does not record which version of it the task was made from (an export by an older version)"
    elif data["annotation_sha256"] == now:
        return None
    elif data["annotation_sha256"] is None:
        why = "it was made after the export"
    else:
        why = f"it changed since the export (sha256 {str(data['annotation_sha256'])[:12]}… then, {now[:12]}… now)"
    return Problem(
        file,
        record,
        "data.annotation_sha256",
        "changed_since_export",
        f"importing would replace {path}, but {why}",
        None,
        "export the tasks again and redo the work on them, or import with --force (the old file is kept beside it)",
    )


def write_files(folder: Path, out: dict[str, dict[str, Any]], replaced: dict[str, Path], kept: list[Path]) -> None:
    """Each file written whole (a temporary file renamed into place); a replaced file is kept beside it first."""
    from dprk_claims.core.errors import FileSystemError, os_problem

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for _, path in sorted(replaced.items()):
            old = path.read_bytes()
            backup = path.with_name(f"{path.name}.replaced-{hashlib.sha256(old).hexdigest()[:12]}")
            if not backup.exists():
                backup.write_bytes(old)
            kept.append(backup)
        for aid, data in out.items():
            tmp = folder / f".{aid}.json.import-tmp"
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            os.replace(tmp, folder / f"{aid}.json")
    except OSError as err:
        raise FileSystemError([os_problem(folder, err, "written")]) from None


def ours_export(data: bytes) -> bool:
    """A file this command wrote before: a JSON list of tasks whose data names an article_id."""
    try:
        tasks = json.loads(data)
    except ValueError:
        return False
    return isinstance(tasks, list) and all(
        isinstance(t, dict) and isinstance(t.get("data"), dict) and "article_id" in t["data"] for t in tasks
    )


def check_targets(out: Path, config: Path | None, inputs: list[Path]) -> None:
    """The tasks file and the config: not an input, and an existing file only if this command wrote it."""
    from dprk_claims.build.guard import check_file

    check_file("--out", out, inputs, ours_export, "name a new file for the tasks, e.g. --out tasks.json")
    if config is not None:
        check_file("--config", config, inputs, _ours_config, "name a new file for the config, e.g. --config labeling.xml")


def _ours_config(data: bytes) -> bool:
    return data == conv.label_config().encode("utf-8") or data.startswith(b'<View>\n  <Header value="$article_id"/>')


def write_file(path: Path, text: str) -> None:
    from dprk_claims.core.errors import FileSystemError, os_problem

    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise FileSystemError([os_problem(path, err, "written")]) from None
