"""Stage 3a: read curated annotation files, check them against their article and the knowledge base,
and turn them into claim records and curated article metadata.

An annotation file's shape is derived from ``schema/claims.schema.json`` (``curated_schema.file_schema``),
so the curated input and the output rows cannot drift apart.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import AnnotationError, Problem, show
from dprk_claims.core.records import Annotation, Article, Claim, Seed
from dprk_claims.core.schemas import load
from dprk_claims.validate.curated_schema import PERIOD_POINTS, file_schema


@cache
def _file_validator() -> Any:
    from dprk_claims.validate.compiled import build

    return build(file_schema())


def load_kb(path: Path, raw: bytes | None = None) -> dict[str, dict[str, Any]]:
    """The knowledge base as {kb_id: entry} (raw: its bytes, when the caller read them)."""
    from dprk_claims.core import strictjson
    from dprk_claims.core.errors import os_problem

    try:
        data = strictjson.loads(raw if raw is not None else path.read_bytes())
        entries = {e["kb_id"]: e for e in data["entities"]}
    except FileNotFoundError:
        raise AnnotationError([Problem(str(path), None, None, "no_kb", "knowledge base file not found",
                                       hint="pass --kb FILE naming kb/entities.json")]) from None
    except OSError as err:
        raise AnnotationError([os_problem(path, err)]) from None
    except (ValueError, KeyError, TypeError) as err:
        raise AnnotationError([Problem(str(path), None, None, "bad_kb", f"knowledge base is not readable: {err}",
                                       hint="fix the JSON; every entry needs kb_id, name, type, aliases, qid")]) from None
    bad = [(k, e.get("qid")) for k, e in entries.items() if e.get("qid") is not None and not QID.match(str(e.get("qid")))]
    if bad:
        raise AnnotationError([Problem(str(path), f"entity {k}", "qid", "bad_qid", "not a Wikidata QID", show(q),
                                       "write Q followed by the item's number, e.g. Q423, or null when it is not confirmed")
                               for k, q in bad])
    return entries


QID = re.compile(r"^Q[1-9][0-9]*\Z")


def read_file(path: Path, raw: bytes | None = None) -> dict[str, Any]:
    """Parse and structurally check one annotation file (raw: its bytes, when the caller read them);
    problems name the JSON path and the value."""
    from dprk_claims.core import strictjson
    from dprk_claims.validate.compiled import schema_problems

    try:
        data = strictjson.loads(raw if raw is not None else path.read_bytes())
    except UnicodeDecodeError as err:
        raise AnnotationError([Problem(str(path), f"byte {err.start}", None, "invalid_utf8",
                                       "the annotation file is not valid UTF-8", hint="re-save it as UTF-8")]) from None
    except ValueError as err:  # bad syntax, a duplicate key, a number that cannot be kept, deep nesting, a control character
        raise AnnotationError([strictjson.problem(str(path), err, "see docs/annotation-guidelines.md, section 4")]) from None
    problems = schema_problems(_file_validator(), data, str(path), "see docs/annotation-guidelines.md, section 4",
                               locate=lambda parts: _locate(data, parts))
    if problems:
        raise AnnotationError(problems)
    return data  # type: ignore[no-any-return]


def _locate(data: Any, parts: list[str | int]) -> tuple[str | None, list[str | int]]:
    """The record a schema error's path is in (a claim, by its id: 'claim 000_ab:c003'; the metadata; None for the
    file itself) and the path below it."""
    if len(parts) >= 2 and parts[0] == "claims" and isinstance(parts[1], int):
        claims = data.get("claims") or []
        item = claims[parts[1]] if parts[1] < len(claims) else None
        cid = item.get("id") if isinstance(item, dict) else None
        return (f"claim {data.get('article_id')}:{cid}" if cid else f"claims[{parts[1]}]"), parts[2:]
    if parts and parts[0] == "metadata":
        return "metadata", parts[1:]
    return None, parts


def _kb_problems(path: Path, data: dict[str, Any], kb: dict[str, dict[str, Any]]) -> list[Problem]:
    problems = []
    for claim in data["claims"]:
        attribution = claim["attribution"]
        ids = [attribution["speaker_kb_id"], *(link["speaker_kb_id"] for link in attribution["chain"]),
               *(e["kb_id"] for e in claim["entities"])]
        if all(kb_id is None or kb_id in kb for kb_id in ids):
            continue  # nearly every claim: no reference to name
        links = [("attribution", claim["attribution"])]
        links += [(f"attribution.chain[{i}]", link) for i, link in enumerate(claim["attribution"]["chain"])]
        refs = [(f"{where}.speaker_kb_id", link["speaker_kb_id"]) for where, link in links]
        refs += [(f"entities[{i}].kb_id", e["kb_id"]) for i, e in enumerate(claim["entities"])]
        for field, kb_id in refs:
            if kb_id is not None and kb_id not in kb:
                problems.append(Problem(str(path), f"claim {data['article_id']}:{claim['id']}", field, "unknown_kb_id",
                                        "not in the knowledge base", repr(kb_id),
                                        "add the entity to kb/entities.json or correct the kb_id"))
    return problems


def curate(seed: Seed, path: Path, kb: dict[str, dict[str, Any]],
           raw: bytes | None = None) -> tuple[dict[str, Any], list[Claim], list[tuple[int, int]] | None]:
    """(curated metadata, claim records, curated sentence spans or None) for one article."""
    data = read_file(path, raw)
    problems = []
    if data["article_id"] != seed["article_id"]:
        problems.append(Problem(str(path), None, "article_id", "wrong_article",
                                "does not match the file name", repr(data["article_id"]),
                                f"name the file {data['article_id']}.json or set article_id to {seed['article_id']!r}"))
    if data["text_sha256"] != seed["text_sha256"]:
        problems.append(Problem(str(path), None, "text_sha256", "text_changed",
                                "the annotations were made for a different text of this article", repr(data["text_sha256"]),
                                f"re-check every span against {seed['seed_file']}, then set text_sha256 to {seed['text_sha256']}"))
    seen: set[str] = set()
    for claim in data["claims"]:
        if claim["id"] in seen:
            problems.append(Problem(str(path), f"claim {seed['article_id']}:{claim['id']}", "id", "duplicate_id",
                                    "the claim id is used twice in this file", repr(claim["id"]),
                                    "give the claim a new id that was never used (ids are never reused)"))
        seen.add(claim["id"])
    problems += _kb_problems(path, data, kb)
    if problems:
        raise AnnotationError(problems)
    annotation = Annotation(origin="curated", annotators=list(data["annotators"]),
                            guideline_version=data["guideline_version"])
    claims = [to_claim(seed["article_id"], c, annotation, kb) for c in data["claims"]]
    spans = [(s["char_start"], s["char_end"]) for s in data["sentences"]] if "sentences" in data else None
    return data.get("metadata") or {}, claims, spans


def to_claim(article_id: str, item: dict[str, Any], annotation: Annotation, kb: dict[str, dict[str, Any]]) -> Claim:
    derived = {"claim_id": f"{article_id}:{item['id']}", "article_id": article_id,
               "paragraph_index": -1,  # set by the pipeline, which knows the paragraphs
               "annotation": dict(annotation), "fidelity": None}  # fidelity: set from annotations/lineage.json (lineage.apply)
    # in the schema's order; the item was parsed from JSON for this build alone: no copy needed
    claim: Claim = {name: derived[name] if name in derived else item[name] for name in load("claims")["properties"]}
    for ent in claim["entities"]:
        ent["qid"] = kb.get(ent["kb_id"] or "", {}).get("qid")
    for timex in claim["time_expressions"]:
        for name in PERIOD_POINTS:
            timex.setdefault(name, None)
    for quantity in claim["quantities"]:
        if quantity["value"] is not None:
            quantity["value"] = float(quantity["value"])  # float64 in Parquet: write 13.0, not 13, in the JSONL too
    return claim


LINKS_FILE = "claim_links.json"


def load_links(path: Path) -> list[dict[str, Any]]:
    """Curated cross-article claim links ({"links": [...]}); an absent file means no links."""
    if not path.is_file():
        return []
    from dprk_claims.core import strictjson

    try:
        data = strictjson.loads(path.read_bytes())
        links = data["links"]
    except (ValueError, KeyError, TypeError) as err:
        raise AnnotationError([Problem(str(path), None, "links", "bad_json", f"not a links file: {err}",
                                       hint='write {"links": [{"claim_id_a": …, "claim_id_b": …, "relation": …, "note": …}]}')]) from None
    if not isinstance(links, list):
        raise AnnotationError([Problem(str(path), None, "links", "schema", "must be a list", show(links), "make links a JSON list")])
    return links


def apply_metadata(article: Article, meta: dict[str, Any], path: Path) -> list[Problem]:
    """Overlay curated metadata (dates, outlet, url, language, paragraph roles) on a parsed article."""
    problems = []
    for key in ("published", "updated"):
        if meta.get(key) is not None:
            article[key] = dict(meta[key])
    prov = {p["field"]: p for p in article["provenance"]}
    for key in ("outlet", "url", "language"):
        if meta.get(key) is not None:
            value = meta[key]
            if key == "language" and value["value"] is None:
                problems.append(Problem(str(path), "metadata", "language.value", "missing_language",
                                        "language cannot be null", None, "give a BCP 47 tag such as 'en'"))
                continue
            article[key] = value["value"]
            prov[key] = {"field": key, "source": value["source"], "evidence": value["evidence"]}
    article["provenance"] = [prov[k] for k in sorted(prov)]
    paras = article["paragraphs"]
    for entry in meta.get("paragraph_roles") or []:
        if entry["index"] >= len(paras):
            problems.append(Problem(str(path), "metadata", f"paragraph_roles[index={entry['index']}]", "offset_range",
                                    f"the article has only {len(paras)} paragraphs", repr(entry["index"]),
                                    "use a paragraph index from 0 to the number of non-empty lines minus one"))
            continue
        para = paras[entry["index"]]
        para["role"] = entry["role"]
        para["role_source"] = "curated"
    return problems
