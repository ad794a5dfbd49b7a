"""The command-line contract: build, --check, extra seeds, exit codes, and the committed dataset."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ARTICLE, ARTICLE_ID, ROOT, Project, annotation_file

from dprk_claims import cli


def test_committed_dataset_is_what_the_build_makes() -> None:
    result = subprocess.run([sys.executable, "build_dataset.py", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("check ok: dataset is what the build makes")


def test_check_names_what_differs(small: Project) -> None:
    assert small.run().returncode == 0
    jsonl = small.out / "jsonl" / "claims.jsonl"
    jsonl.write_text(jsonl.read_text(encoding="utf-8").replace("Saturday", "Sunday"), encoding="utf-8")
    (small.out / "stray.txt").write_text("x")
    result = small.run("--check")
    assert result.returncode == 1
    err = result.stderr.replace(str(small.root) + "/", "")
    assert "check failed: dataset is not what the build makes:" in err
    assert ("error: dataset: differs: jsonl/claims.jsonl (0 added, 0 removed, 1 changed, e.g. 100_abcd:c001). "
            "Fix: run `python build_dataset.py` and commit dataset/") in err
    assert "error: dataset: not made by the build, but in dataset: stray.txt." in err.replace(str(small.out), "dataset")


def test_extra_article_in_seeds_builds(small: Project) -> None:
    small.seed("204_cafe", "Council meets on sanctions\n\nThe Security Council met on Monday.\n")
    result = small.run()
    assert result.returncode == 0, result.stderr
    assert "2 articles (1 curated)" in result.stdout
    assert "204_cafe" in (small.out / "jsonl" / "articles.jsonl").read_text(encoding="utf-8")


def test_failed_build_leaves_no_temporary_folder(small: Project) -> None:
    assert small.run().returncode == 0
    small.seed(ARTICLE_ID, ARTICLE.replace("Saturday", "Sunday"))
    assert small.run().returncode == 1
    assert sorted(p.name for p in small.root.iterdir()) == [".build-cache", "annotations", "dataset", "kb.json", "seeds"]


def test_help_lists_the_options_and_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: build_dataset.py [-h] [--seeds SEEDS]")
    for option in ("--seeds", "--annotations", "--kb", "--out", "--check", "--json", "--data"):
        assert f"  {option} " in out, option
    for command in ("docs", "release", "verify", "rehydrate", "publish", "name", "labelstudio", "evaluate", "agreement", "train"):
        assert f"\n    {command} " in out, command


def test_incremental_build_reprocesses_only_what_changed(small: Project) -> None:
    from dprk_claims.build import cache

    def listing(kind: str) -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in (small.root / ".build-cache" / kind).iterdir()}

    small.seed("101_beef", "Council meets\n\nThe council met on Monday.\n")
    assert small.run("--shard-articles", "1").returncode == 0  # two shards of one article each
    first = (small.out / "jsonl" / "claims.jsonl").read_bytes()
    articles, shards = listing("articles"), listing("shards")
    assert len(articles) == 2 and len(shards) == 2
    edited = annotation_file(ARTICLE)
    edited["claims"][0]["normalized"] = "North Korea launched a ballistic missile on Saturday 5 March 2022."
    small.annotate(ARTICLE_ID, edited)
    assert small.run("--shard-articles", "1").returncode == 0
    for kind, before in (("articles", articles), ("shards", shards)):
        after = listing(kind)
        kept = set(after) & set(before)
        # only the edited article and its shard were made again; the stale entries were pruned
        assert len(kept) == 1 and len(after) == 2, kind
        assert all(after[k] == before[k] for k in kept), f"{kind}: an unchanged entry was written again"
    assert b"5 March 2022" in (small.out / "jsonl" / "claims.jsonl").read_bytes() != first
    fresh = small.run("--no-cache", "--shard-articles", "1", "--out", str(small.root / "fresh"))
    assert fresh.returncode == 0
    for rel in ("jsonl/claims.jsonl", "data/claims/train-00000-of-00002.parquet", "data/claims/train-00001-of-00002.parquet",
                "README.md", "MANIFEST.json", "explorer.html", "croissant.json"):
        assert (small.out / rel).read_bytes() == (small.root / "fresh" / rel).read_bytes(), rel
    assert len(cache.code_version()) == 64
