"""The package's folders are the stages, in the order below: a module imports only modules of its own
folder or of folders before it, and no import cycle exists (imports inside functions and under
TYPE_CHECKING count too)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "dprk_claims"
ORDER = ["core", "parse", "validate", "learn", "read", "annotate", "write", "publish", "build", "curate", "release", "cli"]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph() -> dict[str, set[str]]:
    """Every module of the package and the modules of the package it imports."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                found = [t for t in [target] + [f"{target}.{a.name}" for a in node.names] if t in paths]
            elif isinstance(node, ast.Import):
                found = [a.name for a in node.names if a.name in paths]
            else:
                continue
            edges[name].update(t for t in found if t != name and not name.startswith(t + "."))
    return edges


def floor(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_stage_folder() -> None:
    loose = [n for n in graph() if n.count(".") == 1 and floor(n) not in ORDER]
    assert loose == [], loose
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()) == sorted(ORDER)


def test_no_import_cycle() -> None:
    assert cycles(graph()) == []


def test_no_import_runs_back_up() -> None:
    up = [(a, b) for a, targets in graph().items() for b in targets
          if floor(a) in ORDER and floor(b) in ORDER and ORDER.index(str(floor(b))) > ORDER.index(str(floor(a)))]
    assert up == []


def test_the_checks_can_fail() -> None:
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    assert floor("dprk_claims.build.pipeline") == "build"


def test_every_test_file_is_collected() -> None:
    """pytest leaves out folders it is told to (norecursedirs; by default it skips one named build): every
    tests/**/test_*.py must be collected, or a folder of tests would silently never run."""
    import subprocess
    import sys

    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n0", "-p", "no:cacheprovider"],
                            cwd=ROOT, capture_output=True, text=True).stdout
    collected = {line.split("::")[0].split(": ")[0] for line in listed.splitlines() if line.startswith("tests/")}
    files = {str(p.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py")}
    assert files - collected == set()
