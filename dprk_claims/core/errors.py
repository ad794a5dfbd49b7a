"""Typed errors. The library raises these; only ``cli`` turns them into messages and exit codes.

A :class:`Problem` is one fact about bad input, as data: the file, the record, the field, the bad
value, what is wrong and how to fix it. Errors carry one or more problems.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from dprk_claims.core.codes import CATALOG


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    record: str | None
    field: str | None
    code: str
    message: str
    value: str | None = None
    hint: str | None = None
    follows: int = 0  # problems folded under this one because they follow from it (see crossrefs.fold)
    follows_what: str | None = None  # what those problems are

    def __post_init__(self) -> None:
        if self.code not in CATALOG:  # a programming error, not bad input: every code is in dprk_claims/core/codes.py
            raise ValueError(f"unknown problem code {self.code!r}: add it to dprk_claims/core/codes.py CATALOG")

    def render(self) -> str:
        """One line a person can act on: where, what, the value, and how to fix it."""
        where = self.file
        if self.record:
            where += f": {self.record}"
        if self.field:
            where += f": field '{self.field}'"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (value: {self.value})"
        if self.hint:
            text += f". Fix: {self.hint}"
        return text + self.follow_note()

    def follow_note(self) -> str:
        """' (and N problems that follow from it: …)', or '' when none were folded under this problem."""
        if not self.follows:
            return ""
        many = "s that follow" if self.follows != 1 else " that follows"
        return f" (and {self.follows} problem{many} from it: {self.follows_what})"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def show(value: object, limit: int = 80) -> str:
    """A bad value as it should appear in a message: repr, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def difference(have: str, want: str, before: int = 15, after: int = 25) -> tuple[int, str, str]:
    """Where two strings first differ (the index of the first differing character, or the shorter length), and
    each one shown around that place: up to ``before`` characters before it and ``after`` from it, an ellipsis
    where a string is cut. Both are cut at the same place, so the reader sees where they part."""
    i = next((k for k, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), min(len(have), len(want)))

    def window(text: str) -> str:
        start, end = max(0, i - before), min(len(text), i + after)
        return ("…" if start else "") + repr(text[start:end]) + ("…" if end < len(text) else "")

    return i, window(have), window(want)


class DatasetError(Exception):
    """Bad input or data. Carries the problems found; the command line exits 1."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.render() for p in self.problems))


class SeedError(DatasetError):
    """A seed file cannot be read as an article."""


class AnnotationError(DatasetError):
    """A curated annotation file is malformed or contradicts its article."""


class ValidationError(DatasetError):
    """A built record breaks the schema or a check the schema cannot make."""


class CheckFailed(DatasetError):
    """``--check``: the committed dataset differs from what the build makes."""


class UsageError(Exception):
    """The command was called wrongly; the command line exits 2."""


class VerifyFailed(DatasetError):
    """``verify``: a file of a dataset folder differs from its MANIFEST.json."""


class ReleaseRefused(DatasetError):
    """``release`` would make a release that breaks the version policy, or the build is not clean."""


class RehydrateError(DatasetError):
    """``rehydrate``: a copy of an article is missing or does not match the text hash."""


class PublishError(DatasetError):
    """``publish``: the folder is not a release, or the Hub refused or could not be reached."""


class FileSystemError(DatasetError):
    """A file or folder could not be read or written (missing, no permission, disk full, read-only)."""


_OS_HINTS = {
    "ENOSPC": ("the disk is full", "free some space on that disk (or write elsewhere), then run the command again"),
    "EDQUOT": ("the disk quota is used up", "free some space in your quota, then run the command again"),
    "EROFS": ("the file system is read-only", "write to a folder on a writable disk"),
    "EACCES": ("permission denied", "give yourself permission to that path (chmod/chown), or use another folder"),
    "EPERM": ("the operation is not permitted", "give yourself permission to that path, or use another folder"),
    "ENOENT": ("no such file or folder", "check the path; was the file moved or deleted while the command ran?"),
    "EISDIR": ("it is a folder, not a file", "name a file"),
    "ENOTDIR": ("a part of the path is not a folder", "check the path"),
}


def os_problem(path: object, err: OSError, doing: str = "read") -> Problem:
    """An OSError as one line: the path, what was being done ("read" or "written"), the cause and what to do."""
    import errno

    name = errno.errorcode.get(err.errno or 0, "")
    what, hint = _OS_HINTS.get(name, (err.strerror or str(err), "check the path and the disk, then run the command again"))
    return Problem(str(getattr(err, "filename", None) or path), None, None, "cannot_read" if doing == "read" else "cannot_write",
                   f"cannot be {doing}: {what}",
                   name or None, hint)
