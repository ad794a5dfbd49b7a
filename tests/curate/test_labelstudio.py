"""Label Studio round trip: tasks and config out, a real Label Studio export back into annotations/."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

from dprk_claims import cli
from dprk_claims.core import schemas
from dprk_claims.core.errors import AnnotationError
from dprk_claims.curate import labelstudio, labelstudio_convert

FIXTURE = ROOT / "tests" / "fixtures" / "labelstudio" / "export_001.json"
ARTICLE = "001_dcef56b5910aa8bc"


def project(tmp_path: Path) -> tuple[Path, Path, Path]:
    seeds, annotations = tmp_path / "seeds", tmp_path / "annotations"
    seeds.mkdir()
    annotations.mkdir()
    shutil.copy(ROOT / "seeds" / f"{ARTICLE}.txt", seeds)
    shutil.copy(ROOT / "annotations" / f"{ARTICLE}.json", annotations)
    return seeds, annotations, ROOT / "kb" / "entities.json"


def stamped(tmp_path: Path, annotations: Path) -> Path:
    """The fixture export as this package's export makes it now: its task records the annotation file's sha256."""
    tasks = json.loads(FIXTURE.read_text(encoding="utf-8"))
    tasks[0]["data"]["annotation_sha256"] = hashlib.sha256((annotations / f"{ARTICLE}.json").read_bytes()).hexdigest()
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


def check_imported(data: dict) -> None:
    gold = json.loads((ROOT / "annotations" / f"{ARTICLE}.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c for c in data["claims"]}
    assert sorted(claims) == sorted([c["id"] for c in gold["claims"]] + ["c023"])
    for old in gold["claims"]:
        expected = dict(old, checkworthiness="UFS") if old["id"] == "c016" else old
        assert claims[old["id"]] == expected, old["id"]
    new = claims["c023"]
    assert new["text"].startswith("Haley and US Secretary of State") and new["checkworthiness"] == "CFS"
    assert [e["kb_id"] for e in new["entities"]] == ["nikki_haley", "united_states", "rex_tillerson", "north_korea"]
    assert data["annotators"] == [*gold["annotators"], "label-studio:1"]
    assert (data["metadata"], data["sentences"]) == (gold["metadata"], gold["sentences"])


def test_real_label_studio_export_imports_into_annotations_and_builds(tmp_path: Path) -> None:
    seeds, annotations, kb = project(tmp_path)
    written = labelstudio.import_export(stamped(tmp_path, annotations), seeds, annotations, kb)
    check_imported(json.loads((annotations / f"{ARTICLE}.json").read_text(encoding="utf-8")))
    assert list(written) == [ARTICLE]
    result = subprocess.run([sys.executable, str(ROOT / "build_dataset.py"), "--seeds", str(seeds), "--annotations", str(annotations),
                             "--kb", str(kb), "--out", str(tmp_path / "dataset")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_gold_survives_export_and_import_unchanged(tmp_path: Path) -> None:
    tasks = labelstudio.export_tasks(ROOT / "seeds", ROOT / "annotations", ROOT / "kb" / "entities.json", source="gold")
    for n, task in enumerate(tasks):
        task["id"] = n + 1
        task["annotations"] = [{"id": n + 1, "completed_by": 7, "was_cancelled": False, "result": task["predictions"][0]["result"]}]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(tasks), encoding="utf-8")
    out = labelstudio.import_export(export, ROOT / "seeds", ROOT / "annotations", ROOT / "kb" / "entities.json", write=False)
    for aid, data in out.items():
        assert data == json.loads((ROOT / "annotations" / f"{aid}.json").read_text(encoding="utf-8")), aid


def broken(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    tasks = json.loads(FIXTURE.read_text(encoding="utf-8"))
    change(tasks[0])
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    return path


def import_problems(tmp_path: Path, change) -> list:  # type: ignore[no-untyped-def, type-arg]
    seeds, annotations, kb = project(tmp_path)
    with pytest.raises(AnnotationError) as err:
        labelstudio.import_export(broken(tmp_path, change), seeds, annotations, kb)
    assert json.loads((annotations / f"{ARTICLE}.json").read_text(encoding="utf-8"))["claims"][15]["checkworthiness"] == "CFS"
    return err.value.problems


def test_a_span_that_no_longer_matches_the_text_is_named(tmp_path: Path) -> None:
    def shift(task: dict) -> None:
        task["annotations"][0]["result"][0]["value"]["start"] += 1

    [problem] = import_problems(tmp_path, shift)
    assert problem.render().replace(str(tmp_path) + "/", "") == (
        "broken.json: task 1: field 'result[0].value.text': the span no longer matches the article text, which has "
        "'N of refusing to discuss alternatives to sanctions' there (value: 'UN of refusing to discuss alternatives to sanctions')"
        ". Fix: re-draw the region on the current text of the article")


def test_an_unknown_label_is_named(tmp_path: Path) -> None:
    def relabel(task: dict) -> None:
        task["annotations"][0]["result"][0]["value"]["labels"] = ["MAYBE"]

    [problem] = import_problems(tmp_path, relabel)
    assert (problem.code, problem.field, problem.value) == ("unknown_label", "result[0].value.labels", "['MAYBE']")
    assert problem.message == "not a label of the control 'claim'"


def test_a_task_for_an_unknown_article_is_named(tmp_path: Path) -> None:
    def rename(task: dict) -> None:
        task["data"]["article_id"] = "999_dead"

    [problem] = import_problems(tmp_path, rename)
    assert (problem.code, problem.record, problem.value) == ("unknown_article", "task 1", "'999_dead'")
    assert problem.hint == "add seeds/999_dead.txt, or remove the task from the export"


def test_labeling_config_names_every_label_and_field() -> None:
    root = ET.fromstring(labelstudio_convert.label_config())
    names = {el.get("name") for el in root.iter() if el.get("name")}
    assert names >= set(labelstudio_convert.labels()) | set(labelstudio_convert.choices()) | set(labelstudio_convert.TEXTAREAS) | {"text"}
    assert [el.get("value") for el in root.iter("Label") if el.get("value") in ("CFS", "UFS", "NFS")] == ["CFS", "UFS", "NFS"]


def with_a_new_value_in_every_enum(node: object) -> None:
    if isinstance(node, dict):
        if "enum" in node:
            node["enum"].append("zz_new")
        for sub in node.values():
            with_a_new_value_in_every_enum(sub)
    elif isinstance(node, list):
        for sub in node:
            with_a_new_value_in_every_enum(sub)


def test_labels_and_choices_follow_the_claims_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value added to any enum of the claims schema is a label or choice of every control drawn from one
    (all but the attribution and quantity spans, which the schema does not list), and an import accepts it."""
    real = schemas.load

    def load(config: str, schema_dir: str | None = None) -> dict:
        schema = copy.deepcopy(real(config, schema_dir))
        if config == "claims":
            with_a_new_value_in_every_enum(schema)
        return schema

    monkeypatch.setattr(schemas, "load", load)
    sets = {**labelstudio_convert.labels(), **labelstudio_convert.choices()}
    assert sorted(name for name, values in sets.items() if "zz_new" not in values) == ["attribution", "quantity"]
    root = ET.fromstring(labelstudio_convert.label_config())
    with_new = {el.get("name") for el in root.iter() if any(v.get("value") == "zz_new" for v in el)}
    assert with_new == set(sets) - {"attribution", "quantity"}
    text = "Kim spoke."
    region = {"id": "e0-3", "from_name": "entity", "to_name": "text", "type": "labels",
              "value": {"start": 0, "end": 3, "text": "Kim", "labels": ["zz_new"]}}
    regions, _ = labelstudio_convert._regions(text, [region], "export.json", "task 1")
    assert regions["e0-3"]["labels"] == {"entity": "zz_new"}


def test_offsets_are_utf16_code_units_in_label_studio() -> None:
    text = "A 🚀 launch. North Korea fired."
    claims = [{"id": "c001", "char_start": 12, "char_end": 30, "checkworthiness": "CFS", "claim_types": ["event_property"],
               "normalized": None, "factuality": {"author": "CT+", "source": None}, "entities": [], "time_expressions": [],
               "quantities": [], "attribution": {"speaker_start": None, "cue_start": None, "quote_type": "none"}}]
    region = labelstudio_convert.to_results(text, copy.deepcopy(claims))[0]
    assert (region["value"]["start"], region["value"]["end"], region["value"]["text"]) == (13, 31, "North Korea fired.")
    assert labelstudio_convert.from_utf16(text, 13) == 12


def test_command_line_export_and_dry_run_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds, annotations, kb = project(tmp_path)
    common = ["labelstudio", "--seeds", str(seeds), "--annotations", str(annotations), "--kb", str(kb)]
    tasks, config = tmp_path / "tasks.json", tmp_path / "config.xml"
    assert cli.main([*common, "export", "--out", str(tasks), "--config", str(config)]) == 0
    assert capsys.readouterr() == (f"wrote 1 task(s) to {tasks}\n", "")
    assert json.loads(tasks.read_text(encoding="utf-8"))[0]["predictions"][0]["model_version"] == "gold"
    assert config.read_text(encoding="utf-8") == labelstudio_convert.label_config()
    assert cli.main([*common, "import", str(stamped(tmp_path, annotations)), "--dry-run"]) == 0
    assert capsys.readouterr() == (f"checked 1 annotation file(s)\n  {annotations / ARTICLE}.json\n", "")
    assert cli.main(["labelstudio", "config"]) == 0
    assert capsys.readouterr().out == labelstudio_convert.label_config()
    assert cli.main([*common, "import", str(broken(tmp_path, lambda t: t["data"].update(article_id="999_dead")))]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'broken.json'}: task 1: field 'data.article_id': no seed article has this article_id "
        "(value: '999_dead'). Fix: add seeds/999_dead.txt, or remove the task from the export\n")


def test_the_options_may_follow_the_labelstudio_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds, annotations, kb = project(tmp_path)
    argv = ["labelstudio", "export", "--out", str(tmp_path / "t.json"), "--seeds", str(seeds), "--annotations", str(annotations),
            "--kb", str(kb), "--source", "gold"]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == f"wrote 1 task(s) to {tmp_path / 't.json'}\n"
    assert cli.main(["labelstudio", "import", "--json", str(tmp_path / "nowhere.json"), "--seeds", str(seeds)]) == 1
    [problem] = json.loads(capsys.readouterr().err)
    assert (problem["file"], problem["code"]) == (str(tmp_path / "nowhere.json"), "cannot_read")


@pytest.mark.skipif(not os.environ.get("DPRK_LABEL_STUDIO"), reason="set DPRK_LABEL_STUDIO to a label-studio executable")
def test_live_label_studio_round_trip(tmp_path: Path) -> None:
    """Starts Label Studio on 127.0.0.1, drives it, and imports its export (the fixture was made this way)."""
    import socket

    import labelstudio_server

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "f" * 40
    server = labelstudio_server.start(os.environ["DPRK_LABEL_STUDIO"], tmp_path / "ls", port, token)
    try:
        exported = labelstudio_server.round_trip(f"http://127.0.0.1:{port}", token)
    finally:
        server.terminate()
        server.wait(timeout=60)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    seeds, annotations, kb = project(tmp_path)
    out = labelstudio.import_export(path, seeds, annotations, kb)
    check_imported(out[ARTICLE])
