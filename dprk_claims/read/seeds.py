"""Stage 1: list the seed files and decode them strictly. Each bad file is named with what is wrong."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from dprk_claims.core.errors import Problem, SeedError, show
from dprk_claims.core.records import Seed

SEED_NAME = re.compile(r"^(?P<id>[0-9]{3,}_[0-9a-f]{4,64})\.txt$")
MAX_SEED_BYTES = 1_000_000  # a long news article is 50 kB; a megabyte is a book, or a file that is not one article
LETTER = re.compile(r"[^\W\d_]")  # a letter of any script
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # controls other than newline and tab (as strictjson.CONTROL)
HEX_DIGITS = 16  # the hex id `name` makes: the first 16 hex digits of the sha256 of the file (as long as the given seeds' ids)
NAME_HINT = ("name an article NNN_<hex>.txt: three or more digits, an underscore, and an id of 4 to 64 lower-case hex digits "
             "unique to the article, e.g. 004_a1b2c3d4.txt; `python build_dataset.py name FILE` prints a fresh name for FILE. "
             "A file that is not an article is ignored if its name starts with README, NOTES or a dot, or does not end in .txt")
NOT_ARTICLE = ("readme", "notes")  # .txt files whose names start so are notes about the folder, not articles


def not_an_article(name: str) -> bool:
    """A file in the seed folder that is not meant as an article: a dotfile, a file not ending in .txt
    (README.md, notes.json, …), or a .txt file whose name starts with README or NOTES."""
    return name.startswith(".") or not name.endswith(".txt") or name.lower().startswith(NOT_ARTICLE)


def ignored(seeds_dir: Path) -> list[str]:
    """The names of the entries of the seed folder that are not articles (``not_an_article``), sorted."""
    if not seeds_dir.is_dir():
        return []
    with os.scandir(seeds_dir) as entries:
        return sorted(e.name for e in entries if not_an_article(e.name))


def name_fault(name: str) -> str:
    """What is wrong with a .txt name that is not NNN_<hex>.txt, in words."""
    number, underscore, hexpart = name[: -len(".txt")].partition("_")
    if not underscore:
        return "it has no underscore between the number and the hex id"
    if not re.fullmatch(r"[0-9]{3,}", number):
        return f"the number {number!r} is not three or more digits"
    if not re.fullmatch(r"[0-9a-f]*", hexpart):
        return f"the hex id {hexpart!r} has characters other than 0-9 and a-f (lower case)"
    return f"the hex id {hexpart!r} has {len(hexpart)} digits, and it needs 4 to 64"


def list_seeds(seeds_dir: Path) -> list[Path]:
    """Every seed file in the folder, sorted. A .txt file with another name is an error; files that are not
    articles (``not_an_article``) are left out, and the command line names them (``ignored``)."""
    if not seeds_dir.is_dir():
        raise SeedError([Problem(str(seeds_dir), None, None, "no_seeds_dir", "seed folder not found",
                                 hint="pass --seeds DIR naming a folder of NNN_<hex>.txt files")])
    problems = []
    paths = []
    with os.scandir(seeds_dir) as entries:  # DirEntry.is_file needs no extra stat call on most file systems
        found = sorted((e.name, e.is_file(), e.is_symlink()) for e in entries if not not_an_article(e.name))
    for name, is_file, is_link in found:  # one folder: name order is Path order
        path = seeds_dir / name
        if is_link:
            problems.append(Problem(str(path), None, "file", "symbolic_link", "is a symbolic link; a seed is read only from a plain "
                                    "file inside the seed folder", repr(os.readlink(path)), "copy the article into the folder "
                                    "instead of linking to it"))
            continue
        if not SEED_NAME.match(name):
            problems.append(Problem(str(path), None, "file name", "bad_file_name",
                                    f"not a seed file name: {name_fault(name)}", repr(name), NAME_HINT))
            continue
        if not is_file:
            problems.append(Problem(str(path), None, "file", "not_a_file", "named like a seed, but not a file that can be read "
                                    "(a folder, or a link to nothing)", repr(name), "put the article text in a plain file of that name"))
            continue
        paths.append(path)
    if not paths and not problems:
        problems.append(Problem(str(seeds_dir), None, None, "no_seeds", "no seed files in the folder",
                                hint="add NNN_<hex>.txt article files, or pass --seeds DIR"))
    if problems:
        raise SeedError(problems)
    return paths


def _line_col(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"line {line}, byte {offset}"


def read_limited(path: Path) -> bytes:
    """The bytes of a seed file, its size checked before it is read: a stray dump must not fill the memory of a worker."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_SEED_BYTES:
            raise SeedError([Problem(str(path), None, "text", "huge_file", f"the seed file is {size:,} bytes; an article is at "
                                     f"most {MAX_SEED_BYTES:,}", f"{size:,} bytes",
                                     "put one article in each seed file (is this a whole feed or a binary file?)")])
        return f.read(MAX_SEED_BYTES + 1)


def read_seed(path: Path, data: bytes | None = None) -> Seed:
    """Decode one seed as UTF-8, exactly (data: its bytes, when the caller read them). Refuses what would
    silently change offsets or meaning."""
    name = str(path)
    data = data if data is not None else read_limited(path)
    text = decode(name, data)
    match = SEED_NAME.match(path.name)
    if match is None:  # list_seeds only yields matching names; guard for direct callers
        raise SeedError([Problem(name, None, "file name", "bad_file_name", f"not a seed file name: {name_fault(path.name)}",
                                 repr(path.name), NAME_HINT)])
    return Seed(article_id=match["id"], seed_file=path.name, path=name, text=text,
                text_sha256=hashlib.sha256(data).hexdigest())


def decode(name: str, data: bytes) -> str:
    """The bytes of an article as text, exactly; refuses what would silently change offsets or meaning."""
    if not data.strip():
        raise SeedError([Problem(name, None, "text", "empty_file", "the seed file is empty or only whitespace",
                                 hint="put the article text in the file, or remove the file")])
    if data.startswith(b"\xef\xbb\xbf"):
        raise SeedError([Problem(name, "line 1", "text", "byte_order_mark", "the file starts with a UTF-8 byte-order mark",
                                 repr(data[:3]), "save the file as UTF-8 without a BOM (offsets would count it)")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.end]
        raise SeedError([Problem(name, _line_col(data, err.start), "text", "invalid_utf8",
                                 "the file is not valid UTF-8", repr(bad),
                                 "re-save the article as UTF-8 (e.g. iconv -f cp1252 -t utf-8)")]) from None
    if "\r" in text:
        raise SeedError([Problem(name, _line_col(data, data.index(b"\r")), "text", "carriage_return",
                                 "the file has CR or CRLF line endings", repr("\r\n" if "\r\n" in text else "\r"),
                                 "convert the line endings to LF (e.g. dos2unix FILE)")])
    if "\x00" in text:
        raise SeedError([Problem(name, _line_col(data, data.index(b"\x00")), "text", "nul_byte",
                                 "the file contains a NUL character", repr("\x00"),
                                 "remove the NUL bytes; the file is probably not plain text")])
    control = CONTROL.search(text)
    if control:
        at = len(text[:control.start()].encode("utf-8"))
        raise SeedError([Problem(name, _line_col(data, at), "text", "control_character",
                                 f"the file contains the control character U+{ord(control.group()):04X}", repr(control.group()),
                                 "remove it: an article holds no control characters other than newline and tab")])
    if not LETTER.search(text):
        raise SeedError([Problem(name, None, "text", "no_letters", "the seed holds no letters (only spaces, invisible or "
                                 "zero-width characters, digits or punctuation)", show(text[:20]),
                                 "put the article text in the file, or remove the file")])
    return text


def fresh_names(seeds_dir: Path, files: list[Path]) -> list[str]:
    """A seed name for each file, NNN_<hex>.txt: the numbers after the highest in the seed folder, in order,
    and the first 16 hex digits of the sha256 of the file's bytes. Each file must read as an article."""
    taken = [int(m["id"].split("_", 1)[0]) for e in (os.listdir(seeds_dir) if seeds_dir.is_dir() else [])
             if (m := SEED_NAME.match(e))]
    number = max(taken, default=-1) + 1
    names, problems = [], []
    for path in files:
        try:
            data = path.read_bytes()
            decode(str(path), data)
        except OSError as err:
            problems.append(Problem(str(path), None, None, "unreadable", f"cannot read the file ({err.strerror})",
                                    hint="name a file that exists and can be read"))
            continue
        except SeedError as err:
            problems += err.problems
            continue
        names.append(f"{number:03d}_{hashlib.sha256(data).hexdigest()[:HEX_DIGITS]}.txt")
        number += 1
    if problems:
        raise SeedError(problems)
    return names


def seed_paths(seeds_dir: Path, sink: list[Problem] | None = None) -> list[Path]:
    """The seed files; a badly named file is raised, or with a sink (``--keep-going``) reported there and skipped."""
    try:
        return list_seeds(seeds_dir)
    except SeedError as err:
        if sink is None or not any(p.code in ("bad_file_name", "not_a_file", "symbolic_link") for p in err.problems):
            raise
        sink.extend(err.problems)
        return [p for p in sorted(seeds_dir.iterdir()) if SEED_NAME.match(p.name) and p.is_file() and not p.is_symlink()]


def read_seeds(seeds_dir: Path) -> list[Seed]:
    """Every seed in order; the problems of all files are raised together."""
    problems: list[Problem] = []
    found = []
    for path in list_seeds(seeds_dir):
        try:
            found.append(read_seed(path))
        except SeedError as err:
            problems.extend(err.problems)
    if problems:
        raise SeedError(problems)
    return found
