"""Progress: a bar on a terminal, plain lines every tenth otherwise, nothing for small builds."""

from __future__ import annotations

import io

from dprk_claims.cli import progress_reporter


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_every_tenth_when_not_a_terminal() -> None:
    out = io.StringIO()
    report = progress_reporter(out)
    for done in range(1, 401):
        report(done, 400)
    lines = out.getvalue().splitlines()
    assert lines[0] == "progress: 40/400 articles" and lines[-1] == "progress: 400/400 articles"
    assert len(lines) == 10


def test_a_bar_on_a_terminal() -> None:
    out = Terminal()
    report = progress_reporter(out)
    for done in range(1, 301):
        report(done, 300)
    assert "300/300" in out.getvalue() and "article" in out.getvalue()


def test_small_builds_report_nothing() -> None:
    out = io.StringIO()
    report = progress_reporter(out)
    for done in range(1, 4):
        report(done, 3)
    assert out.getvalue() == ""
