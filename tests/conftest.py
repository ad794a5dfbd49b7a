"""Shared helpers: tiny inline projects (seeds, annotations, knowledge base) built in a tmp folder."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# One short article: a headline, a timestamp and two body paragraphs.
ARTICLE = (
    "North Korea fires missile\n"
    "\n"
    "PUBLISHED : Monday, 7 March, 2022, 9:00am\n"
    "\n"
    "North Korea launched a ballistic missile on Saturday, officials said.\n"
    "“We condemn the launch,” the ambassador said.\n"
)
ARTICLE_ID = "100_abcd"

KB = {"kb_version": "test", "entities": [
    {"kb_id": "north_korea", "name": "North Korea", "type": "state", "aliases": ["North Korea"], "qid": "Q423", "qid_note": None},
]}


def author_attribution() -> dict[str, Any]:
    return {"speaker": None, "speaker_start": None, "speaker_end": None, "speaker_normalized": None,
            "speaker_kb_id": None, "speaker_kind": "author", "cue": None, "cue_start": None, "cue_end": None,
            "quote_type": "none", "chain": []}


def claim_item(text: str, span: str, cid: str = "c001", **over: Any) -> dict[str, Any]:
    start = text.index(span)
    item = {
        "id": cid, "char_start": start, "char_end": start + len(span), "text": span,
        "normalized": span, "claim_types": ["event_property"], "checkworthiness": "CFS",
        "attribution": author_attribution(), "factuality": {"author": "CT+", "source": None},
        "entities": [], "time_expressions": [], "quantities": [],
    }
    item.update(over)
    return item


def annotation_file(text: str, article_id: str = ARTICLE_ID, claims: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    nk = text.index("North Korea launched")
    return {
        "article_id": article_id,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "guideline_version": "1.0.0",
        "annotators": ["test"],
        "metadata": {"paragraph_roles": [{"index": 0, "role": "headline", "evidence": "test"}]},
        "claims": claims if claims is not None else [claim_item(
            text, "North Korea launched a ballistic missile on Saturday",
            entities=[{"char_start": nk, "char_end": nk + 11, "text": "North Korea", "type": "state", "kb_id": "north_korea"}])],
    }


class Project:
    """A throwaway project folder: seeds/, annotations/, kb/entities.json and an output folder."""

    def __init__(self, root: Path, make: bool = True):
        """make: lay out the folders and the knowledge base (False: they are there, copied from another project)."""
        self.root = root
        self.seeds = root / "seeds"
        self.annotations = root / "annotations"
        self.kb = root / "kb.json"
        self.out = root / "dataset"
        if make:
            self.seeds.mkdir()
            self.annotations.mkdir()
            self.kb.write_text(json.dumps(KB), encoding="utf-8")

    def seed(self, article_id: str, content: str | bytes) -> Path:
        path = self.seeds / f"{article_id}.txt"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    def annotate(self, article_id: str, data: dict[str, Any] | str) -> Path:
        path = self.annotations / f"{article_id}.json"
        path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    def args(self, *extra: str) -> list[str]:
        return ["--seeds", str(self.seeds), "--annotations", str(self.annotations), "--kb", str(self.kb),
                "--out", str(self.out), *extra]

    def run(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """`python build_dataset.py ARGS` run in this process, in the project folder (see ``cli_run``)."""
        return cli_run(self.args(*extra), cwd=self.root)

    def run_process(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """The same command in a real Python process, for the tests where a process is the point."""
        return subprocess.run([sys.executable, str(ROOT / "build_dataset.py"), *self.args(*extra)],
                              capture_output=True, text=True, cwd=self.root)


def cli_run(argv: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python build_dataset.py ARGV` in this process: what the command prints on standard output and
    standard error and its exit status, as ``subprocess.run(..., capture_output=True, text=True)`` gives
    them. The working directory is ``cwd`` while it runs (the tool resolves relative paths and looks for
    the git checkout from there). An exception the command lets out is a traceback on standard error and
    exit status 1, as Python gives it, so the tests that say no traceback is printed still can fail."""
    import contextlib
    import io
    import traceback

    from dprk_claims.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_:  # argparse: --help (0) and usage errors (2)
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
                if isinstance(exit_.code, str):
                    print(exit_.code, file=sys.stderr)
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess([sys.executable, "build_dataset.py", *argv], code, out.getvalue(), err.getvalue())


EVIDENCE = {"url": "https://press.un.org/x", "publisher": "UN", "title": "t", "published": "2020-01-01", "quote": "q.",
            "retrieved": "2026-11-23", "retrieved_via": None, "source_kind": "un"}


def write_verdicts(project: Project, claim_ids: list[str]) -> None:
    """A Supported content verdict on each claim, by both judges (annotations/verdicts/V1.json and V2.json)."""
    folder = project.annotations / "verdicts"
    folder.mkdir()
    first = [{"claim_id": c, "aspect": "content", "label": "Supported", "justification": "j", "evidence": [EVIDENCE],
              "searched": []} for c in claim_ids]
    (folder / "V1.json").write_text(json.dumps({"judge": "V1", "guideline_version": "1.1.0", "verdicts": first}))
    second = [{"claim_id": c, "aspect": "content", "label": "Supported", "justification": "j"} for c in claim_ids]
    (folder / "V2.json").write_text(json.dumps({"judge": "V2", "verdicts": second}))


def commit(project: Project) -> None:
    """Commit everything in the project folder to git (a git repository is made the first time)."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args], cwd=project.root,
                       check=True, capture_output=True)

    if not (project.root / ".git").exists():
        git("init", "-q")
        (project.root / ".gitignore").write_text(".build-cache/\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "--allow-empty", "-m", "test")


def release(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """Commit the project, then run `release` with args (as ``run`` does)."""
    commit(project)
    return run(project, "release", *args)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture
def small(project: Project) -> Project:
    """The one-article project with a valid annotation file."""
    project.seed(ARTICLE_ID, ARTICLE)
    project.annotate(ARTICLE_ID, annotation_file(ARTICLE))
    return project


def deep(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)


def run(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """project.run, with the project folder left out of the messages (so they can be compared whole)."""
    result = project.run(*args)
    root = str(project.root) + "/"
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.replace(root, ""), result.stderr.replace(root, ""))


@pytest.fixture(scope="session")
def released_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project, built and released as 1.0.0 on 2026-01-02, once per session: tests get a copy."""
    small = Project(tmp_path_factory.mktemp("released"))
    small.seed(ARTICLE_ID, ARTICLE)
    small.annotate(ARTICLE_ID, annotation_file(ARTICLE))
    assert small.run().returncode == 0
    result = release(small, "1.0.0", "--date", "2026-01-02")
    assert result.returncode == 0, result.stderr
    return small.root


@pytest.fixture
def released(tmp_path: Path, released_once: Path) -> Project:
    """The small project, built and released as 1.0.0 on 2026-01-02 (its git checkout too), in tmp_path."""
    shutil.copytree(released_once, tmp_path, symlinks=True, dirs_exist_ok=True)
    return Project(tmp_path, make=False)
# The annotator's tests: a tiny knowledge base and a helper that annotates an inline text.
ANNOTATOR_KB = {e["kb_id"]: e for e in [
    {"kb_id": "north_korea", "name": "North Korea", "type": "state", "qid": "Q423",
     "aliases": ["North Korea", "DPRK", "the North", "Pyongyang", "North Korean"]},
    {"kb_id": "pyongyang", "name": "Pyongyang", "type": "location", "qid": None, "aliases": ["Pyongyang"]},
    {"kb_id": "un_security_council", "name": "UN Security Council", "type": "organisation", "qid": "Q37470",
     "aliases": ["UN Security Council", "Security Council", "the Council", "council"]},
    {"kb_id": "united_nations", "name": "United Nations", "type": "organisation", "qid": "Q1065", "aliases": ["UN"]},
    {"kb_id": "united_states", "name": "United States", "type": "state", "qid": "Q30", "aliases": ["US", "Washington"]},
    {"kb_id": "afp", "name": "Agence France-Presse", "type": "organisation", "qid": "Q40464", "aliases": ["AFP"]},
    {"kb_id": "jane_roe", "name": "Jane Roe", "type": "person", "qid": None, "aliases": ["Jane Roe", "Roe"]},
    {"kb_id": "some_letter", "name": "A letter about something", "type": "document", "qid": None, "aliases": ["the letter"]},
]}


def annotate_text(text: str, published: str | None = None, precision: str | None = None,
                  kb: dict[str, Any] | None = None) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """Annotate an inline article; ``published`` is t0 ('2019-12' with precision 'month', …)."""
    from dprk_claims.annotate.core import annotate_article
    from dprk_claims.parse import layout

    article = {"article_id": "900_abcd", "text": text, "paragraphs": layout.paragraphs(text),
               "published": {"value": published, "precision": precision or ("day" if published and len(published) == 10 else
                                                                            "month" if published else None),
                             "source": "stated" if published else None, "evidence": "test"}}
    return annotate_article(article, kb if kb is not None else ANNOTATOR_KB)


def claim_with(claims: list[dict[str, Any]], fragment: str) -> dict[str, Any]:
    """The one claim whose text contains ``fragment``."""
    found = [c for c in claims if fragment in c["text"]]
    assert len(found) == 1, [c["text"] for c in claims]
    return found[0]


def training_data() -> Path | None:
    """The external training corpora: $DPRK_CLAIMS_DATA, else ../shared/data next to the repository (as in CI)."""
    path = Path(os.environ.get("DPRK_CLAIMS_DATA") or ROOT.parent / "shared" / "data")
    return path if (path / "claimbuster" / "crowdsourced_8k.json").is_file() else None


NO_DATA = f"needs the training corpora in ../shared/data (or $DPRK_CLAIMS_DATA); not found from {ROOT}"


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(small: Project) -> Project:
    """The small project built in process, without the cache."""
    from dprk_claims import cli

    assert cli.main(small.args("--no-cache")) == 0
    return small
