"""Lineage and quote fidelity: where each article's text comes from, and whether the words it puts in
quotation marks are the words of the earliest source found (docs/annotation-guidelines.md, section 8).

Input: ``annotations/lineage.json``, curated, ``{"articles": {article_id: {relation, evidence, originals,
copies, fidelity: {claim id: {...}}}}}``. Its JSON Schema is derived here from ``articles.lineage`` and
``claims.fidelity`` (``file_schema``), so the curated input and the output rows cannot drift apart. The
file is checked once for the whole build (``check_file``); each article takes its own entry (``apply``),
which sets ``articles.lineage`` and ``claims.fidelity`` and runs the rules a schema cannot check. The
word-level diff of a quote is made here from its source passage, never typed.
"""

from __future__ import annotations

import copy
import hashlib
import re
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import Problem, show
from dprk_claims.core.records import Document
from dprk_claims.core.schemas import load

FILE = "lineage.json"
QUOTES = ("direct", "mixed")
NEEDS_ORIGINAL = ("syndicated", "edited", "rewritten")
NONE: dict[str, Any] = {"relation": "unknown", "source": None, "evidence": "no lineage is curated in annotations/lineage.json",
                        "originals": [], "copies": []}
NOT_A_QUOTE = "not a direct or mixed quote"
AUTOMATIC = "automatic annotation: quote fidelity is not assessed"
NOT_CURATED = "no fidelity is curated in annotations/lineage.json for this quote"
_ELLIPSIS = re.compile(r"…|\.\.\.")
_NUMBERS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                             "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}


@cache
def file_schema() -> dict[str, Any]:
    """JSON Schema of annotations/lineage.json, built from the articles and claims schemas: what the build
    derives (``source``, ``diff``) is left out, and a curated quote always has a value and its words."""
    lineage = copy.deepcopy(load("articles")["properties"]["lineage"])
    lineage["properties"].pop("source")
    lineage["required"].remove("source")
    fidelity = copy.deepcopy(load("claims")["properties"]["fidelity"])
    props = fidelity["properties"]
    for name in ("source", "diff"):
        props.pop(name)
        fidelity["required"].remove(name)
    props["value"] = {"type": "string", "enum": [v for v in props["value"]["enum"] if v is not None]}
    props["quoted"] = {"type": "string", "minLength": 1}
    source = copy.deepcopy(lineage["properties"]["originals"]["items"])
    source["type"] = ["object", "null"]
    source["properties"]["published"]["pattern"] = props["earliest_source"]["properties"]["published"]["pattern"]
    source["properties"]["source_kind"] = {"type": "string", "enum": [k for k in props["earliest_source"]["properties"]
                                                                     ["source_kind"]["enum"] if k is not None]}
    source["required"].append("source_kind")
    props["earliest_source"] = source
    lineage["properties"]["fidelity"] = {"type": "object", "propertyNames": {"pattern": "^c[0-9]{3,}$"},
                                         "additionalProperties": fidelity}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["articles"],
            "additionalProperties": False,
            "properties": {"note": {"type": "string"},
                           "articles": {"type": "object", "propertyNames": {"pattern": "^[0-9]{3,}_[0-9a-f]{4,64}$"},
                                        "additionalProperties": lineage}}}


@cache
def _validator() -> Any:
    from dprk_claims.validate.compiled import build

    return build(file_schema())


def _locate(parts: list[str | int]) -> tuple[str | None, list[str | int]]:
    """The record a schema error's path is in (an article, or the fidelity of one of its claims) and the path below it."""
    if len(parts) >= 2 and parts[0] == "articles":
        if len(parts) >= 4 and parts[2] == "fidelity":
            return f"fidelity {parts[1]}:{parts[3]}", parts[4:]
        return f"article {parts[1]}", parts[2:]
    return None, parts


def read(path: Path, raw: bytes | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """The entries by article id, and the problems of the file (one per broken rule, the entries then empty)."""
    from dprk_claims.core import strictjson
    from dprk_claims.validate.compiled import schema_problems

    try:
        data = strictjson.loads(raw if raw is not None else path.read_bytes())
    except UnicodeDecodeError:
        return {}, [Problem(str(path), None, None, "invalid_utf8", "the lineage file is not valid UTF-8", None,
                            "re-save it as UTF-8")]
    except ValueError as err:
        return {}, [strictjson.problem(str(path), err, "see docs/annotation-guidelines.md, section 8")]
    problems = schema_problems(_validator(), data, str(path), "see docs/annotation-guidelines.md, section 8", locate=_locate,
                               dotted_indexes=True)
    if problems:
        return {}, problems
    articles: dict[str, Any] = data["articles"]
    return articles, []


def check_file(path: Path, article_ids: set[str]) -> list[Problem]:
    """The whole file's problems: its shape, and entries for articles that have no seed."""
    if not path.is_file():
        return []
    entries, problems = read(path)
    return problems + [Problem(str(path), f"article {aid}", None, "orphan_lineage", "no seed file for this article", repr(aid),
                               f"add seeds/{aid}.txt, or remove the entry")
                       for aid in sorted(set(entries) - article_ids)]


_ENTRIES: dict[str, dict[str, Any]] = {}  # parsed lineage files, by the sha256 of their bytes


def entry(path: str, raw: bytes, article_id: str) -> dict[str, Any] | None:
    """The article's entry in the lineage file (None: none, or a broken file, whose problems ``check_file`` reports)."""
    digest = hashlib.sha256(raw).hexdigest()
    if digest not in _ENTRIES:
        _ENTRIES[digest] = read(Path(path), raw)[0]
    found = _ENTRIES[digest].get(article_id)
    return found if isinstance(found, dict) else None


def words(text: str) -> list[str]:
    """The words of a passage as written (punctuation attached), an ellipsis a word of its own."""
    return _ELLIPSIS.sub(" … ", text).split()


def norm(word: str) -> str:
    """What two spellings of a spoken word share: case, punctuation, quotation marks and abbreviation dots
    dropped, curly apostrophes straightened, number words written as numerals."""
    bare = re.sub(r"[^\w']", "", word.replace("’", "'").replace("‘", "'").lower()).strip("'")
    return _NUMBERS.get(bare, bare)


def diff(passage: str, quoted: str) -> list[dict[str, str]]:
    """Word-level diff from the source's passage to this text's words (runs of equal, replaced, deleted and
    inserted words, compared as ``norm`` sees them); the ellipsis of a marked cut is not a word."""
    a = [w for w in words(passage) if norm(w)]
    b = [w for w in words(quoted) if norm(w)]
    matcher = SequenceMatcher(None, [norm(w) for w in a], [norm(w) for w in b], autojunk=False)
    return [{"op": op, "source": " ".join(a[i1:i2]), "text": " ".join(b[j1:j2])} for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def verbatim(passage: str, quoted: str) -> bool:
    """Are the quoted words the passage's, in order, with words missing only where an ellipsis marks a cut?"""
    source = [norm(w) for w in words(passage) if norm(w)]
    segments = [[norm(w) for w in part.split() if norm(w)] for part in _ELLIPSIS.split(quoted)]
    if len(segments) == 1:
        return source == segments[0]
    first, *middle, last = segments
    if source[:len(first)] != first or (last and source[len(source) - len(last):] != last):
        return False
    pos, end = len(first), len(source) - len(last)
    for seg in middle:
        found = next((i for i in range(pos, end - len(seg) + 1) if source[i:i + len(seg)] == seg), None)
        if found is None:
            return False
        pos = found + len(seg)
    return pos <= end


def apply(doc: Document, found: dict[str, Any] | None, path: str) -> list[Problem]:
    """Set the article's lineage and its claims' fidelity from its entry; the problems of the rules."""
    article, claims = doc["article"], doc["claims"]
    aid = article["article_id"]
    for one in claims:
        reason = (NOT_A_QUOTE if one["attribution"]["quote_type"] not in QUOTES else
                  AUTOMATIC if one["annotation"]["origin"] != "curated" else NOT_CURATED)
        one["fidelity"] = unassessed(reason)
    if found is None:
        article["lineage"] = {**NONE, "originals": [], "copies": []}  # a copy (NONE holds no other container)
        return []
    problems: list[Problem] = []
    rid = f"article {aid}"
    report = load("articles")["properties"]["lineage"]["properties"]["originals"]["items"]["properties"]
    article["lineage"] = {"relation": found["relation"], "source": "curated", "evidence": found["evidence"],
                          "originals": [_ordered(report, r) for r in found["originals"]],
                          "copies": [_ordered(report, r) for r in found["copies"]]}
    if found["relation"] in NEEDS_ORIGINAL and not found["originals"]:
        problems.append(Problem(path, rid, "originals", "no_original", f"a {found['relation']} text needs the report it derives from",
                                "[]", "add the original (outlet, URL, date), or set relation to unknown"))
    if found["relation"] == "original" and found["originals"]:
        problems.append(Problem(path, rid, "originals", "original_with_originals", "an original text derives from no other report",
                                f"{len(found['originals'])} item(s)", "list where the text is published under copies"))
    by_id = {c["claim_id"].split(":", 1)[1]: c for c in claims}
    fidelity: dict[str, Any] = found.get("fidelity") or {}
    for cid in sorted(fidelity):
        claim = by_id.get(cid)
        where = f"fidelity {aid}:{cid}"
        if claim is None:
            problems.append(Problem(path, where, None, "unknown_claim", "the article has no claim with this id", repr(cid),
                                    "use the id of a direct or mixed quote of this article"))
            continue
        problems += _one(claim, fidelity[cid], path, where)
    for cid, claim in sorted(by_id.items()):
        if claim["attribution"]["quote_type"] in QUOTES and claim["annotation"]["origin"] == "curated" and cid not in fidelity:
            problems.append(Problem(path, f"fidelity {aid}:{cid}", None, "no_fidelity",
                                    f"this {claim['attribution']['quote_type']} quote has no fidelity", None,
                                    "add its fidelity (verbatim, altered or unverified, with the earliest source found)"))
    return problems


def unassessed(reason: str) -> dict[str, Any]:
    """The fidelity of a claim whose quote was not assessed: value null, the reason in evidence."""
    return {"value": None, "source": None, "evidence": reason, "quoted": None, "earliest_source": dict.fromkeys(_SOURCE),
            "source_passage": None, "diff": []}


def _ordered(props: dict[str, Any], obj: dict[str, Any]) -> dict[str, Any]:
    """obj with its keys in the schema's order (the rows' canonical order)."""
    return {k: obj[k] for k in props}


_SOURCE = load("claims")["properties"]["fidelity"]["properties"]["earliest_source"]["properties"]


def _one(claim: dict[str, Any], item: dict[str, Any], path: str, where: str) -> list[Problem]:
    """One quote's fidelity, set on the claim, and the problems with it."""
    problems = []
    if claim["attribution"]["quote_type"] not in QUOTES:
        problems.append(Problem(path, where, None, "not_a_quote", "fidelity is for direct and mixed quotes",
                                repr(claim["attribution"]["quote_type"]), "remove the entry, or fix the claim's quote_type"))
    if item["quoted"] not in claim["text"]:
        problems.append(Problem(path, where, "quoted", "not_in_span", "the quoted words are not in the claim's text",
                                show(item["quoted"]), "copy the words in quotation marks exactly from the claim's text"))
    value, passage, source = item["value"], item["source_passage"], item["earliest_source"]
    if value != "unverified" and (passage is None or source is None):
        problems.append(Problem(path, where, "source_passage" if passage is None else "earliest_source", "no_source",
                                f"a {value} quote needs the earliest source and its passage", None,
                                "give the source (URL, date) and the passage as it gives it, or set value to unverified"))
    elif value == "unverified" and passage is not None:
        problems.append(Problem(path, where, "source_passage", "passage_unverified", "an unverified quote has no source passage",
                                show(passage), "set value to verbatim or altered, or source_passage to null"))
    elif passage is not None and value == "verbatim" and not verbatim(passage, item["quoted"]):
        problems.append(Problem(path, where, "value", "not_verbatim", "the quoted words differ from the source passage",
                                repr(value), "set value to altered"))
    elif passage is not None and value == "altered" and verbatim(passage, item["quoted"]):
        problems.append(Problem(path, where, "value", "not_altered", "the quoted words are the source passage's",
                                repr(value), "set value to verbatim"))
    if value == "altered" and (claim["checkworthiness"] != "CFS" or "quote_verification" not in claim["claim_types"]):
        problems.append(Problem(path, where, "value", "altered_not_checkworthy",
                                "an altered quote is a check-worthy claim about what was said",
                                f"{claim['checkworthiness']}, {', '.join(claim['claim_types'])}",
                                "label the claim CFS with the type quote_verification, and give it an attribution verdict"))
    claim["fidelity"] = {"value": value, "source": "curated", "evidence": item["evidence"], "quoted": item["quoted"],
                         "earliest_source": dict.fromkeys(_SOURCE) if source is None else _ordered(_SOURCE, source),
                         "source_passage": passage,
                         "diff": diff(passage, item["quoted"]) if passage is not None else []}
    return problems
