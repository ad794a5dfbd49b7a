"""One catalog of problem codes: every code the library passes to Problem is in it, every entry is used, the README
lists them, and Problem refuses a code that is not in it."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

from dprk_claims.core import codes
from dprk_claims.core.errors import Problem
from dprk_claims.publish import card


def _codes_in(source: str, helper: bool = False) -> set[str]:
    """The string-constant codes of Problem(...) calls (4th positional argument or code=, both branches of an
    ``a if c else b``) and, with ``helper``, of release's ``_refuse(file, field, code, ...)``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else ""
        at = {"Problem": 3, "_refuse": 2 if helper else None}.get(name)
        if at is None:
            continue
        arg = node.args[at] if len(node.args) > at else next((k.value for k in node.keywords if k.arg == "code"), None)
        for part in (arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                found.add(part.value)
    return found


def _library_codes() -> set[str]:
    files = sorted((ROOT / "dprk_claims").rglob("*.py"))
    return set().union(*(_codes_in(p.read_text(encoding="utf-8"), p.name == "release.py") for p in files))


def test_the_scan_finds_codes_in_every_form() -> None:
    source = ('Problem("f", None, None, "positional", "m")\nerrors.Problem("f", None, None, code="keyword", message="m")\n'
              'Problem("f", None, None, "a" if x else "b", "m")\n_refuse("f", None, "refused", "m", None, "h")\n'
              'Problem("f", None, None, p.code, "m")\nother("f", None, None, "not_a_problem")')
    assert _codes_in(source, helper=True) == {"positional", "keyword", "a", "b", "refused"}
    assert "refused" not in _codes_in(source)


def test_every_code_used_is_in_the_catalog() -> None:
    missing = _library_codes() - set(codes.CATALOG)
    assert not missing, f"add to dprk_claims/core/codes.py: {sorted(missing)}"


def test_every_catalog_entry_is_used() -> None:
    dead = set(codes.CATALOG) - _library_codes()
    assert not dead, f"no Problem uses these codes; remove them from dprk_claims/core/codes.py: {sorted(dead)}"


def test_every_entry_is_one_filled_line() -> None:
    for code, entry in codes.CATALOG.items():
        assert entry.code == code and entry.means and entry.fix, code
        assert "|" not in entry.means + entry.fix and "\n" not in entry.means + entry.fix, code


def test_problem_refuses_an_unknown_code() -> None:
    with pytest.raises(ValueError, match="'no_such_code'"):
        Problem("f.json", None, None, "no_such_code", "message")
    assert Problem("f.json", None, None, "bad_json", "message").code == "bad_json"


def _block_names(markdown: str) -> set[str]:
    return {m["name"] for m in card._BLOCK.finditer(markdown)}


def test_readme_error_codes_block_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "<!-- generated:error-codes -->" in readme
    assert card.refresh(readme, {name: "" for name in _block_names(readme)} | {"error-codes": codes.markdown()}).count(
        codes.markdown()) == 1
    block = readme.split("<!-- generated:error-codes -->\n", 1)[1].split("\n<!-- /generated -->", 1)[0]
    assert block == codes.markdown(), "run: python build_dataset.py evaluate --write"
    for code in codes.CATALOG:
        assert f"| `{code}` |" in block, code
