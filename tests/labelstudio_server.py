"""Drive a real Label Studio server on localhost: create a project with this package's labeling config,
import tasks, annotate them as a person would (accept the prediction, change a label, draw a new claim),
and export the project as JSON with Label Studio's own export.

Used by tests/curate/test_labelstudio.py (the live test, when Label Studio is installed) and to make the
committed fixture: ``python tests/labelstudio_server.py URL TOKEN OUT.json`` against a running server.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTICLE = "001_dcef56b5910aa8bc"
NEW_CLAIM = "Haley and US Secretary of State Rex Tillerson have ruled out any negotiation with North Korea"


def call(url: str, token: str, method: str, path: str, body: Any = None) -> Any:
    if not url.startswith("http://127.0.0.1:"):
        raise ValueError("only a Label Studio server on 127.0.0.1 is driven")
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 (a localhost URL, checked above)
        raw = resp.read()
    return json.loads(raw) if raw else None


def human_edits(task: dict[str, Any]) -> list[dict[str, Any]]:
    """The prediction, accepted with two changes: c016 relabelled UFS, and a new claim region."""
    result = json.loads(json.dumps(task["predictions"][0]["result"]))
    for item in result:
        if item.get("id") == "c016" and item["type"] == "labels":
            item["value"]["labels"] = ["UFS"]
    text = task["data"]["text"]
    start = text.index(NEW_CLAIM)
    result.append({"id": "Xk3vQ9aB2p", "from_name": "claim", "to_name": "text", "type": "labels", "origin": "manual",
                   "value": {"start": start, "end": start + len(NEW_CLAIM), "text": NEW_CLAIM, "labels": ["CFS"]}})
    return result


def round_trip(url: str, token: str) -> list[dict[str, Any]]:
    """Create a project, import article 001 as a task, annotate it and return Label Studio's JSON export."""
    from dprk_claims.curate import labelstudio, labelstudio_convert

    tasks = [t for t in labelstudio.export_tasks(ROOT / "seeds", ROOT / "annotations", ROOT / "kb" / "entities.json")
             if t["data"]["article_id"] == ARTICLE]
    project = call(url, token, "POST", "/api/projects", {"title": "dprk-claims test", "label_config": labelstudio_convert.label_config()})
    call(url, token, "POST", f"/api/projects/{project['id']}/import", tasks)
    stored = call(url, token, "GET", f"/api/tasks?project={project['id']}")
    stored = stored["tasks"] if isinstance(stored, dict) else stored
    for task in stored:
        full = call(url, token, "GET", f"/api/tasks/{task['id']}")
        call(url, token, "POST", f"/api/tasks/{task['id']}/annotations", {"result": human_edits(full), "was_cancelled": False})
    exported: list[dict[str, Any]] = call(url, token, "GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    return exported


def start(binary: str, data_dir: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    """Start ``label-studio`` on 127.0.0.1:port with a user whose legacy API token is ``token``; wait until it is up."""
    env = {**os.environ, "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir), "LATEST_VERSION_CHECK": "false", "COLLECT_ANALYTICS": "false"}
    env.pop("HOST", None)
    proc = subprocess.Popen([binary, "start", "--no-browser", "--host", "127.0.0.1", "--port", str(port), "--internal-host",
                             "127.0.0.1", "--username", "test@example.com", "--password", "test-pass-123", "--user-token", token,
                             "--enable-legacy-api-token"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as resp:  # noqa: S310
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(2)
    proc.terminate()
    raise RuntimeError("Label Studio did not start within 180 s")


if __name__ == "__main__":
    out = round_trip(sys.argv[1], sys.argv[2])
    Path(sys.argv[3]).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {sys.argv[3]}: {len(out)} task(s)")
