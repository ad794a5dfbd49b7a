"""`publish --dry-run` lists exactly what would be sent, and refuses what is not a verified release.
(Only the dry run is tested: it needs no network and no token.)"""

from __future__ import annotations

import json

from conftest import Project, run


def test_dry_run_lists_exactly_the_release_files(released: Project) -> None:
    result = run(released, "publish", "--repo-id", "someone/dprk-claims", "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    files = sorted(p.relative_to(released.out).as_posix() for p in released.out.rglob("*") if p.is_file())
    assert lines[0] == "dry run, nothing sent:"
    assert lines[1] == (f"would upload {len(files)} files from dataset to the dataset repository someone/dprk-claims "
                        "(https://huggingface.co/datasets/someone/dprk-claims), creating it if needed:")
    manifest = {f["path"]: f for f in json.loads((released.out / "MANIFEST.json").read_text(encoding="utf-8"))["files"]}
    listed = [line.split()[0] for line in lines[2:2 + len(files)]]
    assert listed == files
    for line in lines[2:2 + len(files)]:
        path, size, _, _, digest = line.split()
        if path in manifest:
            assert (int(size), digest) == (manifest[path]["bytes"], manifest[path]["sha256"])
    assert lines[2 + len(files):] == [
        "would delete remote files matching data/**, jsonl/** that are not listed above",
        "would tag the upload v1.0.0: load it with load_dataset('someone/dprk-claims', revision='v1.0.0')"]


def test_an_unreleased_folder_is_not_published(small: Project) -> None:
    assert small.run().returncode == 0
    result = run(small, "publish", "--repo-id", "someone/dprk-claims", "--dry-run")
    assert (result.returncode, result.stderr) == (1, (
        "publish failed:\n"
        "error: dataset/MANIFEST.json: field 'version': this folder is not a release, so it is not published "
        "(value: '0.0.0+dev'). Fix: cut a release with `python build_dataset.py release VERSION`, or build from a release tag\n"))


def test_a_tampered_release_is_not_published(released: Project) -> None:
    card = released.out / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("DPRK", "DPRK!"), encoding="utf-8")
    result = run(released, "publish", "--repo-id", "someone/dprk-claims", "--dry-run")
    assert result.returncode == 1
    assert result.stderr.startswith("verify failed: dataset does not match its MANIFEST.json:\n"
                                    "error: dataset/README.md: sha256 differs from MANIFEST.json")


def test_a_bad_repository_id_is_refused(released: Project) -> None:
    result = run(released, "publish", "--repo-id", "dprk-claims", "--dry-run")
    assert (result.returncode, result.stderr) == (1, (
        "publish failed:\nerror: dprk-claims: field 'repo_id': not a Hub repository id (value: dprk-claims). "
        "Fix: write it as OWNER/NAME, for example my-org/dprk-unsc-claims\n"))
