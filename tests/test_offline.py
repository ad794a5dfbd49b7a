"""With no network at all (a new, empty network namespace), the build and a user's load still work."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def no_network_available() -> bool:
    return shutil.which("unshare") is None or subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0


pytestmark = pytest.mark.skipif(no_network_available(), reason="needs unshare -n (root or user namespaces)")


def offline(*cmd: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["unshare", "-n", *cmd], capture_output=True, text=True, cwd=cwd)


def test_the_namespace_really_has_no_network() -> None:
    probe = "import socket; socket.create_connection(('pypi.org', 443), timeout=3)"
    assert offline(sys.executable, "-c", probe).returncode != 0


def test_build_and_load_without_network(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    result = offline(sys.executable, "build_dataset.py", "--out", str(out))
    assert result.returncode == 0, result.stderr
    load = ("import datasets, sys; d = datasets.load_dataset(sys.argv[1], 'claims', split='train', cache_dir=sys.argv[2]); "
            "print(len(d))")
    result = offline(sys.executable, "-c", load, str(out), str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) == sum(1 for _ in (out / "jsonl" / "claims.jsonl").open(encoding="utf-8"))
