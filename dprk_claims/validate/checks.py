"""Stage 4: validate every record before anything is written.

Two kinds of check: the JSON Schema (jsonschema-rs, see ``compiled``; the reference ``jsonschema``
validator is used in the tests), and the checks a schema cannot make: spans equal to the
text, offsets in range, spans inside their paragraph and claim, unique IDs. Each problem names the
input file the bad value came from.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from dprk_claims.core.errors import Problem, ValidationError, difference, show
from dprk_claims.core.records import Article, Claim, Document
from dprk_claims.core.schemas import load
from dprk_claims.parse.layout import EXCLUDED_ROLES


@cache
def compiled(config: str, curated: bool = False) -> Any:
    """The validator of a config's rows; ``curated``: of a curated claim row, which is checked only against
    what the check of its annotation file left unproven (``curated_schema.row_schema``), so it is checked once."""
    from dprk_claims.validate.compiled import build

    if curated:
        from dprk_claims.validate.curated_schema import row_schema

        return build(row_schema())
    return build(load(config))


def schema_problems(config: str, record: dict[str, Any], file: str, record_id: str, curated: bool = False) -> list[Problem]:
    validator = compiled(config, curated)
    if validator.is_valid(record):  # nearly every record: the native check and nothing else
        return []
    from dprk_claims.validate.compiled import schema_problems as check

    fix = f"correct the value in the input file; the schema is in schema/{config}.schema.json"
    return check(validator, record, file, fix, record_id, name_missing=False)


def _span(text: str, start: Any, end: Any, expected: Any, file: str, rid: str, field: str) -> list[Problem]:
    """A standoff span must be in range and equal the text it points at."""
    if type(start) is int and type(end) is int and 0 <= start <= end <= len(text) and text[start:end] == expected:
        return []  # nearly every span: the checks below find nothing in it
    if start is None and end is None and expected is None:
        return []
    if any(isinstance(v, float) for v in (start, end)):  # JSON Schema counts 23.0 as an integer; slicing does not
        return [Problem(file, rid, field, "offset_type", "offsets must be whole numbers written without a decimal point",
                        f"[{start}, {end})", "write the offsets as integers, e.g. 23 rather than 23.0")]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        return [Problem(file, rid, field, "offset_range", f"offsets out of range for a text of {len(text)} characters",
                        f"[{start}, {end})", "give 0 <= char_start <= char_end <= the text length, counted in code points")]
    if text[start:end] != expected:
        actual = text[start:end]
        if isinstance(expected, str) and unicodedata.normalize("NFKC", actual) == unicodedata.normalize("NFKC", expected):
            i = next(k for k, (a, b) in enumerate(zip(actual, expected, strict=False)) if a != b)
            return [Problem(file, rid, field, "unicode_mismatch",
                            f"span text looks like text[{start}:{end}] but its Unicode differs from character {i} on "
                            f"(text has {_codepoints(actual[i:i + 2])}, span has {_codepoints(expected[i:i + 3])})", show(expected),
                            "copy the span from the seed text itself (the seed is not normalised; the span must not be either)")]
        if not isinstance(expected, str):
            return [Problem(file, rid, field, "span_mismatch", f"span text does not match text[{start}:{end}] = {show(actual)}",
                            show(expected), "correct the offsets or the span text so that text[char_start:char_end] equals it")]
        i, have, want = difference(actual, expected)
        return [Problem(file, rid, field, "span_mismatch",
                        f"span text does not match text[{start}:{end}]: they differ from character {i} of the span on "
                        f"(text offset {start + i}): the text has {have}, the span has {want}",
                        show(expected), "correct the offsets or the span text so that text[char_start:char_end] equals it")]
    return []


def _codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


def article_problems(article: Article, file: str) -> list[Problem]:
    rid = f"article {article['article_id']}"
    problems = schema_problems("articles", article, file, rid)
    if problems:
        return problems
    text = article["text"]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != article["text_sha256"]:
        problems.append(Problem(file, rid, "text_sha256", "hash_mismatch", "does not match the text",
                                article["text_sha256"], "rebuild from the seed file"))
    last = 0
    for para in article["paragraphs"]:
        if para["char_start"] < last or para["char_end"] > len(text) or para["char_start"] >= para["char_end"]:
            problems.append(Problem(file, rid, f"paragraphs[{para['index']}]", "offset_range",
                                    "paragraph offsets overlap or are out of range",
                                    f"[{para['char_start']}, {para['char_end']})", "report this as a bug in the parser"))
        last = para["char_end"]
    return problems


_LINK_SPANS = (("speaker", "speaker_start", "speaker_end"), ("cue", "cue_start", "cue_end"))


def claim_problems(claim: Claim, article: Article, file: str, curated: bool = False) -> list[Problem]:
    """curated: the claim was made by ``annotations.to_claim`` from an item that ``annotations.read_file`` checked."""
    rid = f"claim {claim.get('claim_id', '?')}"
    problems = schema_problems("claims", claim, file, rid, curated)
    if problems:
        return problems
    text = article["text"]
    start, end = claim["char_start"], claim["char_end"]
    problems += _span(text, start, end, claim["text"], file, rid, "text")
    if problems:
        return problems
    if start == end or text[start:end] != text[start:end].strip():
        problems.append(Problem(file, rid, "text", "untrimmed_span", "a claim span is empty or starts or ends with whitespace",
                                show(claim["text"]), "trim the span to its first and last non-space character"))
    para = article["paragraphs"][claim["paragraph_index"]] if 0 <= claim["paragraph_index"] < len(article["paragraphs"]) else None
    if para is None or not (para["char_start"] <= start and end <= para["char_end"]):
        problems.append(Problem(file, rid, "char_end", "crosses_paragraph", "the claim span is not inside one paragraph",
                                f"[{start}, {end})", "split the claim at the paragraph break"))
    elif para["role"] in EXCLUDED_ROLES:
        problems.append(Problem(file, rid, "paragraph_index", "excluded_paragraph",
                                f"claims never come from a {para['role']} paragraph", repr(para["role"]),
                                "remove the claim, or correct the paragraph's role in metadata.paragraph_roles"))
    attribution = claim["attribution"]
    for i, link in enumerate([attribution, *attribution["chain"]]):
        for name, first, last in _LINK_SPANS:
            s, e, want = link[first], link[last], link[name]
            if type(s) is int and type(e) is int and 0 <= s <= e <= len(text) and text[s:e] == want or \
                    s is None and e is None and want is None:
                continue  # nearly every speaker and cue: the field name is made only for a problem
            where = "attribution" if i == 0 else f"attribution.chain[{i - 1}]"
            problems += _span(text, s, e, want, file, rid, f"{where}.{name}")
    for layer in ("entities", "time_expressions", "quantities"):
        for i, item in enumerate(claim[layer]):
            s, e = item["char_start"], item["char_end"]
            if type(s) is int and type(e) is int and start <= s <= e <= end and text[s:e] == item["text"]:
                found = []  # nearly every span: whole offsets inside the claim (so in range), equal to the text
            else:
                found = _span(text, s, e, item["text"], file, rid, f"{layer}[{i}]")
                if not found and not (start <= s and e <= end):
                    found.append(Problem(file, rid, f"{layer}[{i}]", "outside_claim", "the span is not inside the claim span",
                                         f"[{s}, {e})", "annotate only what lies inside the claim"))
            if layer == "time_expressions":
                values = [item[k] for k in ("value", "begin_point", "end_point") if item.get(k)]
                wrong = next((w for w in map(calendar_problem, values) if w), None)
                if wrong:
                    found.append(Problem(file, rid, f"{layer}[{i}].value", "bad_timex", wrong, show(item["value"]),
                                         "write a date of the calendar (YYYY-MM-DD, YYYY-MM, YYYY-Www), or null when it is unknown"))
            problems += found
    return problems


_DAY = re.compile(r"(?<![0-9W])([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?(?![0-9])")
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_CLOCK = re.compile(r"T([0-9]{2})(?::([0-9]{2})(?::([0-9]{2}))?)?")


@lru_cache(maxsize=4096)  # a pure function of the value; a corpus repeats its dates
def calendar_problem(value: str) -> str | None:
    """Why a TIMEX3 value (already matching the schema's pattern) names no real date or time; None if it does."""
    import datetime

    for match in _DAY.finditer(value):
        year, month, day = match.groups()
        try:
            datetime.date(int(year), int(month), int(day or 1))
        except ValueError:
            return f"{match.group()} is not a date of the calendar"
    for match in _WEEK.finditer(value):
        try:
            datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return f"{match.group()} is not a week of the calendar"
    for match in _CLOCK.finditer(value):
        hour, minute, second = (int(g) if g else 0 for g in match.groups())
        if hour > 23 or minute > 59 or second > 59:
            return f"{match.group()} is not a time of day"
    return None


def sentence_problems(rows: list[dict[str, Any]], article: Article, file: str) -> list[Problem]:
    """Sentences are in order, inside one paragraph each, trimmed, and cover every paragraph exactly once."""
    problems: list[Problem] = []
    text = article["text"]
    spans: dict[int, list[tuple[int, int]]] = {}  # the good sentences of each paragraph
    for row in rows:
        rid = f"sentence {row['sentence_id']}"
        found = schema_problems("sentences", row, file, rid)
        found = found or _span(text, row["char_start"], row["char_end"], row["text"], file, rid, "sentences")
        if not found and row["paragraph_index"] < 0:
            found.append(Problem(file, rid, "sentences", "crosses_paragraph", "the sentence is not inside a paragraph",
                                 f"[{row['char_start']}, {row['char_end']})", "give sentence boundaries inside one paragraph each"))
        if not found:
            para = article["paragraphs"][row["paragraph_index"]]
            if row["char_end"] > para["char_end"] or row["text"] != row["text"].strip() or not row["text"]:
                found.append(Problem(file, rid, "sentences", "bad_sentence",
                                     "the sentence crosses its paragraph's end, is empty, or starts or ends with whitespace",
                                     f"[{row['char_start']}, {row['char_end']})", "trim the sentence and keep it inside one paragraph"))
            spans.setdefault(row["paragraph_index"], []).append((row["char_start"], row["char_end"]))
        problems += found
    if problems:
        return problems
    for para in article["paragraphs"]:
        k, state = _first_uncovered(text, para["char_start"], para["char_end"], sorted(spans.get(para["index"], [])))
        if k is not None:
            return [Problem(file, f"article {article['article_id']}", "sentences", "sentence_coverage",
                            f"character {k} of paragraph {para['index']} is {state}", show(text[k]),
                            "list sentences that cover every paragraph exactly once, without overlaps")]
    return problems


def _first_uncovered(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int | None, str]:
    """The first character of text[start:end] that no sentence covers (whitespace may stay uncovered) or that
    two sentences cover; spans: the sentences' (start, end), sorted."""
    pos = start
    for s, e in spans:
        if s < pos:  # overlaps what came before: s is covered twice
            return s, "in more than one sentence"
        gap = next((k for k in range(pos, s) if not text[k].isspace()), None)
        if gap is not None:
            return gap, "not in any sentence"
        pos = e
    gap = next((k for k in range(pos, end) if not text[k].isspace()), None)
    return (gap, "not in any sentence") if gap is not None else (None, "")


def cross_check(tables: dict[str, list[dict[str, Any]]], claims: dict[str, dict[str, Any]], files: dict[str, str]) -> None:
    """Checks across articles: claim links and annotator labels name claims that exist (claims: by id)."""
    problems: list[Problem] = []
    for row in tables["claim_links"]:
        rid = f"link {row.get('claim_id_a')} -> {row.get('claim_id_b')}"
        found = schema_problems("claim_links", row, files["claim_links"], rid)
        for key in ("claim_id_a", "claim_id_b"):
            if not found and row[key] not in claims:
                found.append(Problem(files["claim_links"], rid, key, "unknown_claim", "no claim has this id", repr(row[key]),
                                     "use a claim_id from the claims config"))
        if not found and claims[row["claim_id_a"]]["article_id"] == claims[row["claim_id_b"]]["article_id"]:
            found.append(Problem(files["claim_links"], rid, "claim_id_b", "same_article", "links join claims of different articles",
                                 repr(row["claim_id_b"]), "link only claims from two different articles"))
        problems += found
    for row in tables["annotator_labels"]:
        rid = f"pass {row['pass_name']} claim {row['article_id']}:{row['pass_claim_id']}"
        problems += schema_problems("annotator_labels", row, files["annotator_labels"], rid)
    for row in tables.get("verdicts", []):
        problems += schema_problems("verdicts", row, files["verdicts"], f"verdict {row['verdict_id']}")
    if problems:
        raise ValidationError(problems)


def document_problems(doc: Document, curated: bool = False) -> list[Problem]:
    """Every check that needs only this document: the article, each claim, the sentences. curated: its claims
    were made from a curated annotation file that was checked when it was read (``annotations.curate``)."""
    seed_file, claims_file = doc["source_files"][0], doc["source_files"][-1]
    article = doc["article"]
    problems = article_problems(article, seed_file)
    seen: set[str] = set()
    for claim in doc["claims"]:
        cid = str(claim.get("claim_id"))
        if cid in seen:
            problems.append(Problem(claims_file, f"claim {cid}", "claim_id", "duplicate_id",
                                    "the claim_id is used twice", repr(cid), "give each claim its own id"))
        seen.add(cid)
        if claim.get("article_id") != article["article_id"]:
            problems.append(Problem(claims_file, f"claim {cid}", "article_id", "unknown_article",
                                    "the claim names another article", repr(claim.get("article_id")),
                                    f"set article_id to {article['article_id']!r}"))
            continue
        problems += claim_problems(claim, article, claims_file, curated)
    problems += sentence_problems(doc["sentences"], article, claims_file)
    return problems
