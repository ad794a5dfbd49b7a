"""One article through the per-article stages: parse its layout, annotate it (curated first, automatic
otherwise), place its sentences, and run the checks that need only this article.

``process`` is one article's work inside a shard (``worker.run``, which the engines run): it takes the
bytes its worker read and returns plain data, so it gives the same result wherever it runs.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from dprk_claims.core.errors import DatasetError, Problem
from dprk_claims.core.records import GUIDELINE_VERSION, Annotation, Article, Document, Seed
from dprk_claims.parse import layout, sentences
from dprk_claims.read import annotations as curated
from dprk_claims.read import lineage, seeds
from dprk_claims.validate import checks

NO_OUTLET = "the text names no publishing outlet and none is curated in annotations/"
Task = tuple[str, str | None, str, str | None]  # seed file, its annotation file or None, the knowledge base, the lineage file or None
Inputs = tuple[bytes, bytes | None, bytes, bytes | None]  # the bytes of each, read once


def parse_article(seed: Seed) -> Document:
    """An article record from the seed's layout alone (no curated values yet)."""
    text = seed["text"]
    paras = layout.paragraphs(text)
    stamps = layout.timestamps(text, paras)
    outlet = layout.outlet(text, paras)
    article: Article = {
        "article_id": seed["article_id"], "seed_file": seed["seed_file"], "text": text,
        "text_sha256": seed["text_sha256"], "url": None, "headline": None, "standfirst": None,
        "published": stamps.get("published", layout.unknown("the text prints no publication date and none is curated")),
        "updated": stamps.get("updated", layout.unknown("the text prints no update time and none is curated")),
        "outlet": outlet[0] if outlet else None, "language": "en",
        "provenance": [
            {"field": "language", "source": "inferred", "evidence": "default: the package reads English articles; not detected"},
            {"field": "outlet", "source": "inferred", "evidence": outlet[1]} if outlet else
            {"field": "outlet", "source": None, "evidence": NO_OUTLET},
            {"field": "url", "source": None, "evidence": "the seed file carries no URL and none is curated"},
        ],
        "paragraphs": paras, "annotation": None, "lineage": None,
    }
    return Document(article=article, claims=[], sentences=[], source_files=[seed["path"]])


def _finish_layout(article: Article) -> None:
    """Headline and standfirst follow the (possibly curated) paragraph roles."""
    text, paras = article["text"], article["paragraphs"]
    article["headline"] = layout.first_of(text, paras, "headline")
    article["standfirst"] = layout.first_of(text, paras, "standfirst")
    prov = {p["field"]: p for p in article["provenance"]}
    for key in ("headline", "standfirst"):
        roles = [p for p in paras if p["role"] == key]
        source = ("curated" if roles[0]["role_source"] == "curated" else "inferred") if roles else None
        evidence = f"paragraph {roles[0]['index']} has the role {key}" if roles else f"no paragraph has the role {key}"
        prov[key] = {"field": key, "source": source, "evidence": evidence}
    article["provenance"] = [prov[k] for k in sorted(prov)]


def annotate_one(doc: Document, path: Path | None, kb: dict[str, dict[str, Any]], raw: bytes | None = None) -> list[Problem]:
    """Curated annotations when the article has a file, the automatic annotator's otherwise."""
    article = doc["article"]
    spans: list[tuple[int, int]] | None = None
    if path is None:
        from dprk_claims.annotate.core import annotate_article  # imported only when an article needs it: a start-up budget
        from dprk_claims.annotate.core import annotation as auto_annotation

        doc["claims"], spans = annotate_article(article, kb)
        article["annotation"] = auto_annotation()
        problems: list[Problem] = []
    else:
        meta, claims, spans = curated.curate(_seed_of(article), path, kb, raw)  # raises AnnotationError
        problems = curated.apply_metadata(article, meta, path)
        doc["claims"] = claims
        doc["source_files"] = [*doc["source_files"], str(path)]
        article["annotation"] = dict(claims[0]["annotation"]) if claims else Annotation(
            origin="curated", annotators=[], guideline_version=GUIDELINE_VERSION)
    _finish_layout(article)
    _place_claims(doc)
    source = "curated" if path is not None and spans is not None else "automatic"
    if spans is None:
        spans = sentences.split(article["text"], article["paragraphs"])
    doc["sentences"] = sentences.rows(article, doc["claims"], spans, source)
    return problems


def _seed_of(article: Article) -> Seed:
    return Seed(article_id=article["article_id"], seed_file=article["seed_file"], path="",
                text=article["text"], text_sha256=article["text_sha256"])


def _place_claims(doc: Document) -> None:
    """paragraph_index of each claim: the paragraph where its span starts. Claims in text order."""
    paras = doc["article"]["paragraphs"]
    find = layout.paragraph_finder(paras)
    for claim in doc["claims"]:
        found = find(claim["char_start"])
        claim["paragraph_index"] = -1 if found is None else paras[found]["index"]
    doc["claims"].sort(key=lambda c: (c["char_start"], c["char_end"], c["claim_id"]))


_KBS: dict[str, dict[str, dict[str, Any]]] = {}  # parsed knowledge bases, by the sha256 of their bytes


def _kb(path: str, data: bytes) -> dict[str, dict[str, Any]]:
    digest = hashlib.sha256(data).hexdigest()
    if digest not in _KBS:
        _KBS[digest] = curated.load_kb(Path(path), data)
    return _KBS[digest]


def process(task: Task, data: Inputs | None = None) -> tuple[Document | None, list[Problem]]:
    """Read, parse, annotate and check one article. The document is None when it cannot be built.
    data: the bytes of the seed, the annotation file and the knowledge base, when the caller read them."""
    seed_path, annotation_path, kb_path, lineage_path = task
    try:
        if data is None:
            data = (seeds.read_limited(Path(seed_path)), Path(annotation_path).read_bytes() if annotation_path else None,
                    Path(kb_path).read_bytes(), Path(lineage_path).read_bytes() if lineage_path else None)
        doc = parse_article(seeds.read_seed(Path(seed_path), data[0]))
        problems = annotate_one(doc, Path(annotation_path) if annotation_path else None, _kb(kb_path, data[2]), data[1])
    except DatasetError as err:
        return None, err.problems
    found = lineage.entry(lineage_path, data[3], doc["article"]["article_id"]) if lineage_path and data[3] is not None else None
    problems += lineage.apply(doc, found, str(lineage_path))
    return doc, problems + checks.document_problems(doc, curated=annotation_path is not None)
