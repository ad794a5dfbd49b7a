"""The command line of ``build_dataset.py`` (see :mod:`.main`): the only package that prints, parses arguments
and picks exit codes."""

from .main import main, parser
from .problems import format_problems, problem_table, progress_reporter

__all__ = ["format_problems", "main", "parser", "problem_table", "progress_reporter"]
