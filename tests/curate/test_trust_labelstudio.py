"""Label Studio import never loses curated work silently: a file changed since the export is replaced only
with --force (and kept beside it), and two tasks for one article or an empty annotation are refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from test_labelstudio import ARTICLE, FIXTURE, project, stamped

from dprk_claims import cli
from dprk_claims.curate import labelstudio


def main(tmp_path: Path, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    seeds, annotations, kb = tmp_path / "seeds", tmp_path / "annotations", ROOT / "kb" / "entities.json"
    code = cli.main(["labelstudio", "--seeds", str(seeds), "--annotations", str(annotations), "--kb", str(kb), *argv])
    out, err = capsys.readouterr()
    return code, out.replace(str(tmp_path) + "/", ""), err.replace(str(tmp_path) + "/", "")


def export_with(tmp_path: Path, change: Any) -> Path:
    path = stamped(tmp_path, tmp_path / "annotations")
    tasks = json.loads(path.read_text(encoding="utf-8"))
    change(tasks)
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


def edited_since_export(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """An export stamped with the file's hash, then an edit of that file: (export, file, its new bytes)."""
    _, annotations, _ = project(tmp_path)
    export = stamped(tmp_path, annotations)
    target = annotations / f"{ARTICLE}.json"
    edited = target.read_bytes().replace(b'"annotators": [', b'"annotators": [\n  "my-late-edit",', 1)
    target.write_bytes(edited)
    return export, target, edited


def test_the_export_records_each_annotation_files_sha256(tmp_path: Path) -> None:
    seeds, annotations, kb = project(tmp_path)
    [task] = labelstudio.export_tasks(seeds, annotations, kb, source="gold")
    assert task["data"]["annotation_sha256"] == hashlib.sha256((annotations / f"{ARTICLE}.json").read_bytes()).hexdigest()


def test_a_file_changed_since_the_export_is_not_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export, target, edited = edited_since_export(tmp_path)
    code, _, err = main(tmp_path, capsys, "import", str(export))
    assert code == 1
    now = hashlib.sha256(edited).hexdigest()[:12]
    assert err.startswith(
        f"error: export.json: task 1: field 'data.annotation_sha256': importing would replace annotations/{ARTICLE}.json, "
        f"but it changed since the export (sha256 "
    )
    assert err.endswith(
        f"… then, {now}… now). Fix: export the tasks again and redo the work on them, or import with --force "
        "(the old file is kept beside it)\n"
    )
    assert target.read_bytes() == edited


def test_force_replaces_it_and_keeps_the_old_file_beside_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export, target, edited = edited_since_export(tmp_path)
    code, out, _ = main(tmp_path, capsys, "import", str(export), "--force")
    assert code == 0
    backup = target.parent / f"{ARTICLE}.json.replaced-{hashlib.sha256(edited).hexdigest()[:12]}"
    assert out.endswith(f"kept the file it replaced, changed since the export, at annotations/{backup.name}\n")
    assert backup.read_bytes() == edited
    assert target.read_bytes() != edited


def test_an_export_that_records_no_hash_does_not_replace_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, annotations, _ = project(tmp_path)
    before = (annotations / f"{ARTICLE}.json").read_bytes()
    code, _, err = main(tmp_path, capsys, "import", str(FIXTURE))
    assert code == 1
    assert (
        "importing would replace annotations/001_dcef56b5910aa8bc.json, but the export does not record which version of it "
        "the task was made from (an export by an older version)"
    ) in err
    assert (annotations / f"{ARTICLE}.json").read_bytes() == before


def test_two_tasks_for_one_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, annotations, _ = project(tmp_path)
    before = (annotations / f"{ARTICLE}.json").read_bytes()
    export = export_with(tmp_path, lambda tasks: tasks.append(dict(tasks[0], id=2)))
    code, _, err = main(tmp_path, capsys, "import", str(export))
    assert code == 1
    assert err == (
        f"error: export.json: task 2: field 'data.article_id': a second task for the article (the first is task 1), so "
        f"which one to import is not clear (value: '{ARTICLE}'). Fix: keep one task per article in the Label Studio "
        "project, then export again\n"
    )
    assert (annotations / f"{ARTICLE}.json").read_bytes() == before


def test_an_empty_submitted_annotation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, annotations, _ = project(tmp_path)
    before = (annotations / f"{ARTICLE}.json").read_bytes()
    export = export_with(tmp_path, lambda tasks: tasks[0]["annotations"][0].update(result=[]))
    code, _, err = main(tmp_path, capsys, "import", str(export))
    assert code == 1
    claims = len(json.loads(before)["claims"])
    assert err == (
        f"error: export.json: task 1: field 'annotations': the submitted annotation holds no claim regions; importing it "
        f"would make annotations/{ARTICLE}.json ({claims} claims) hold none. Fix: draw the claims in Label Studio, or "
        "skip or delete the annotation if the task is not done\n"
    )
    assert (annotations / f"{ARTICLE}.json").read_bytes() == before


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda tasks: tasks.__setitem__(0, "oops"), "error: export.json: task [0]: must be a JSON object (value: 'oops')"),
        (
            lambda tasks: tasks[0].__setitem__("annotations", {"a": 1}),
            "error: export.json: task 1: field 'annotations': must be a JSON list (value: {'a': 1})",
        ),
        (
            lambda tasks: tasks[0]["annotations"][0]["result"].__setitem__(0, 7),
            "error: export.json: task 1: field 'annotations[0].result[0]': must be a JSON object whose value is an object (value: 7)",
        ),
        (
            lambda tasks: tasks[0]["data"].__setitem__("article_id", ["x"]),
            "error: export.json: task 1: field 'data.article_id': no seed article has this article_id (value: ['x'])",
        ),
    ],
)
def test_a_malformed_export_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Any, expected: str) -> None:
    project(tmp_path)
    code, _, err = main(tmp_path, capsys, "import", str(export_with(tmp_path, change)))
    assert code == 1
    assert err.startswith(expected)


def test_a_deeply_nested_export_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path)
    (tmp_path / "deep.json").write_text("[" * 200000 + "]" * 200000)
    code, _, err = main(tmp_path, capsys, "import", str(tmp_path / "deep.json"))
    assert code == 1
    assert err == (
        "error: deep.json: line 1, column 65: the data is nested more than 64 levels deep. "
        "Fix: export the project from Label Studio as JSON (not JSON_MIN or CSV)\n"
    )


def test_export_does_not_overwrite_a_file_of_the_users(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path)
    (tmp_path / "notes.json").write_text('{"my": "notes"}')
    code, _, err = main(tmp_path, capsys, "export", "--out", str(tmp_path / "notes.json"))
    assert code == 2
    assert err == (
        f"usage error: --out {tmp_path}/notes.json: is a file this tool did not write; nothing was written. "
        "Fix: name a new file for the tasks, e.g. --out tasks.json\n"
    ).replace(str(tmp_path) + "/", "")
    assert (tmp_path / "notes.json").read_text() == '{"my": "notes"}'


def test_export_into_the_seeds_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path)
    code, _, err = main(tmp_path, capsys, "export", "--out", str(tmp_path / "seeds" / "tasks.json"))
    assert code == 2
    assert "lies inside the input" in err
    assert not (tmp_path / "seeds" / "tasks.json").exists()


def test_a_schema_error_in_what_the_import_would_write_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The metadata of the existing file is carried over unchecked by Label Studio; a bad value in it stops the import
    with the message an annotation file gets (field below the file, the rule, the value, a fix), for the task."""
    _, annotations, _ = project(tmp_path)
    export = stamped(tmp_path, annotations)
    target = annotations / f"{ARTICLE}.json"
    data = json.loads(target.read_text(encoding="utf-8"))
    data["metadata"]["published"] = 3
    target.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = main(tmp_path, capsys, "import", str(export))
    assert (code, err) == (1, "error: export.json: task 1: field 'metadata.published': must be object or null (value: 3). "
                              "Fix: give a value of type ['object', 'null']\n")
