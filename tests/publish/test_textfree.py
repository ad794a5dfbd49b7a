"""The text-free variant holds no article text beyond short quotes, and rehydrating it from copies of the
articles gives back the full build byte for byte; a copy that does not match is named."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTICLE, ARTICLE_ID, ROOT, Project, cli_run, run

from dprk_claims.publish import textfree
from dprk_claims.publish.textfree import SHORT_QUOTE

DATASET = ROOT / "dataset"
WANT = hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()[:12]


def build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return cli_run(list(args), cwd=cwd)


def rows(folder: Path, config: str) -> list[dict[str, Any]]:
    text = (folder / "jsonl" / f"{config}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.split("\n") if line]


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def text_free(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tf") / "dataset-text-free"
    result = build("--text-free", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_text_free_holds_no_run_of_article_text_longer_than_a_short_quote(text_free: Path) -> None:
    texts = [a["text"] for a in rows(DATASET, "articles")]
    matchers = [SequenceMatcher(None, "", t, autojunk=False) for t in texts]
    checked = 0
    for config in ("articles", "claims", "sentences", "claim_links", "annotator_labels"):
        for row in rows(text_free, config):
            for s in strings(row):
                if len(s) > SHORT_QUOTE:
                    for m in matchers:
                        m.set_seq1(s)
                        assert m.find_longest_match(0, len(s), 0, len(m.b)).size <= SHORT_QUOTE, (config, s)  # type: ignore[attr-defined]
                    checked += 1
    assert checked > 100


def test_text_free_keeps_offsets_hashes_and_urls(text_free: Path) -> None:
    full, free = rows(DATASET, "articles"), rows(text_free, "articles")
    assert [a["text"] for a in free] == [None] * len(full)
    assert [(a["text_sha256"], a["url"], a["paragraphs"]) for a in free] == [(a["text_sha256"], a["url"], a["paragraphs"]) for a in full]
    for a, b in zip(rows(DATASET, "claims"), rows(text_free, "claims"), strict=True):
        assert (a["claim_id"], a["char_start"], a["char_end"]) == (b["claim_id"], b["char_start"], b["char_end"])
        assert b["text"] == (a["text"] if len(a["text"]) <= SHORT_QUOTE else None)
        assert [e["text"] for e in b["entities"]] == [e["text"] for e in a["entities"]]  # short quotes stay
    manifest = json.loads((text_free / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["variant"] == {"text_free": True, "short_quote_limit": SHORT_QUOTE, "shard_articles": 500}
    assert "## Text-free variant" in (text_free / "README.md").read_text(encoding="utf-8")


def test_rehydrated_text_free_is_byte_identical_to_the_full_build(text_free: Path, tmp_path: Path) -> None:
    copies = tmp_path / "my copies"
    copies.mkdir()
    for i, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        shutil.copyfile(seed, copies / f"article {i}.txt")  # found by hash, whatever the name
    out = tmp_path / "full"
    result = build("--out", str(out), "rehydrate", str(text_free), str(copies))
    assert result.returncode == 0, result.stderr
    rebuilt, committed = files(out), files(DATASET)
    assert sorted(rebuilt) == sorted(committed)
    for name in committed:
        assert rebuilt[name] == committed[name], name
    assert any(name.endswith(".parquet") for name in committed)


@pytest.fixture
def small_text_free(small: Project) -> Project:
    assert small.run("--text-free").returncode == 0
    shutil.move(small.out, small.root / "tf")  # Project.run passes --out dataset
    return small


def test_a_copy_that_does_not_match_is_named(small_text_free: Project) -> None:
    copies = small_text_free.root / "copies"
    copies.mkdir()
    crlf = ARTICLE.replace("\n", "\r\n").encode("utf-8")
    (copies / f"{ARTICLE_ID}.txt").write_bytes(crlf)
    result = small_text_free.run("rehydrate", "tf", "copies")
    assert result.returncode == 1
    assert result.stderr.replace(str(small_text_free.out), "dataset") == (
        "rehydrate failed, dataset was left as it was:\n"
        f"error: copies/{ARTICLE_ID}.txt: article {ARTICLE_ID}: field 'text_sha256': the copy does not match the text the "
        f"annotations were made on (sha256 {WANT}…) (value: {hashlib.sha256(crlf).hexdigest()[:12]}…). "
        "Fix: the copy matches once its Windows "
        "line endings (CRLF) are turned into LF: fix the copy that way\n")
    assert not small_text_free.out.exists()


def test_a_missing_copy_is_named(small_text_free: Project) -> None:
    (small_text_free.root / "copies").mkdir()
    (small_text_free.root / "copies" / "other.txt").write_text("Another article\n", encoding="utf-8")
    result = small_text_free.run("rehydrate", "tf", "copies")
    assert result.returncode == 1
    assert (f"error: copies: article {ARTICLE_ID}: field 'text_sha256': no copy of the article: no file named "
            f"{ARTICLE_ID}.txt and no file with its sha256 (value: {WANT}…). Fix: put your copy of the article at "
            f"copies/{ARTICLE_ID}.txt") in result.stderr


def test_a_tampered_text_free_folder_is_refused(small_text_free: Project) -> None:
    (small_text_free.root / "copies").mkdir()
    shutil.copyfile(small_text_free.seeds / f"{ARTICLE_ID}.txt", small_text_free.root / "copies" / "a.txt")
    jsonl = small_text_free.root / "tf" / "jsonl" / "claims.jsonl"
    jsonl.write_text(jsonl.read_text(encoding="utf-8").replace('"CFS"', '"UFS"'), encoding="utf-8")
    result = run(small_text_free, "rehydrate", "tf", "copies")
    assert result.returncode == 1
    assert result.stderr.startswith("rehydrate failed, dataset was left as it was:\n"
                                    "error: tf/jsonl/claims.jsonl: sha256 differs from MANIFEST.json")
    assert not small_text_free.out.exists()
    assert small_text_free.run("rehydrate", "tf", "copies").returncode == 1
    jsonl.write_text(jsonl.read_text(encoding="utf-8").replace('"UFS"', '"CFS"'), encoding="utf-8")
    assert small_text_free.run("rehydrate", "tf", "copies").returncode == 0


class _Everything(set[str]):
    """Holds every window: the search then runs on every range, as it did before the window filter."""

    def __contains__(self, item: object) -> bool:
        return True


def test_the_window_filter_keeps_the_runs_of_the_full_search() -> None:
    import random

    rng = random.Random(20261204)
    text = "".join(rng.choice("abcdefg .") for _ in range(1500))
    matcher = SequenceMatcher(None, "", text, autojunk=False)
    windows, everything = textfree._windows(text, 8), _Everything()
    referenced = 0
    for _ in range(200):
        parts = []
        for _ in range(rng.randrange(1, 5)):
            start = rng.randrange(len(text) - 40)
            parts.append(text[start : start + rng.randrange(1, 40)] if rng.random() < 0.6 else
                         "".join(rng.choice("xyz ") for _ in range(rng.randrange(1, 20))))
        value = "".join(parts)
        got = textfree._quote_refs(value, matcher, 8, lambda: windows)
        assert got == textfree._quote_refs(value, matcher, 8, lambda: everything), value
        referenced += textfree.OPEN in got
    assert referenced > 60
