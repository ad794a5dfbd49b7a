"""One article in, claim records (claims schema shape) and sentence spans out.

Runs spaCy once over the whole text, then each layer over the Doc: sentences, entities, time
expressions, quantities, quotations, attribution frames, claim spans and their labels.
"""

from __future__ import annotations

import hashlib
from typing import Any

from dprk_claims import __version__
from dprk_claims.annotate import candidates, checkworthy, claims, entities, frames, labels, nlp, quantities, quotes, speakers, time
from dprk_claims.core.records import GUIDELINE_VERSION, Annotation
from dprk_claims.parse.layout import paragraph_at
from dprk_claims.parse.sentences import split as split_sentences
from dprk_claims.read import lineage

from ..learn.attribution import Tagger
from ..learn.linear import Linear

NAME = "dprk_claims.annotate"
LAYERS = (("name", entities.patterns), ("time", time.patterns), ("quantity", quantities.patterns))  # the Matcher's layers


def annotation() -> Annotation:
    """Provenance of automatic annotations: the annotator's version and the learned models it used."""
    return Annotation(origin="automatic", annotators=[f"{NAME} {__version__}", checkworthy.model_id(), frames.model_id()],
                      guideline_version=GUIDELINE_VERSION)


def claim_id(article_id: str, start: int, end: int) -> str:
    """Stable: derived from the article and the offsets only."""
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]
    return f"{article_id}:a{digest}"


def annotate_article(article: dict[str, Any], kb: dict[str, dict[str, Any]], checkworthiness: Linear | None = None,
                     attribution_model: Tagger | None = None) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """(claim records, sentence spans) for one parsed article (``text``, ``paragraphs``, ``published``).
    Check-worthiness and attribution come from the packaged models, or from ``checkworthiness`` and
    ``attribution_model`` (evaluation passes models trained without the article)."""
    pipe = nlp.pipeline(kb, LAYERS)
    text, paras = article["text"], article["paragraphs"]
    doc = pipe.nlp(text)
    doc.user_data["text"] = text
    spans = split_sentences(text, paras, doc)
    mentions = entities.mentions(doc, pipe, kb)
    timexes = time.expressions(doc, pipe, article.get("published"))
    amounts = quantities.find(doc, pipe, [(t.start, t.end) for t in timexes])
    quoted = quotes.find(text, paras)
    resolver = speakers.Resolver(doc, mentions, kb)
    sents: list[tuple[int, tuple[int, int]]] = []
    for para_index, (s0, s1) in candidates.claim_sentences(spans, paras):
        sent = doc.char_span(*claims.content_bounds(text, paras[para_index], s0, s1), alignment_mode="expand")
        if sent is not None and len(sent) > 0:
            sents.append((para_index, (sent.start, sent.end)))
    tagged = frames.tag(doc, [span for _, span in sents], attribution_model)
    drafts: list[claims.Draft] = []
    pending: list[tuple[int, claims.Draft]] = []  # quotations with no cue of their own
    for (para_index, (lo, hi)), found in zip(sents, tagged, strict=True):
        mine = frames.frames(doc, lo, hi, found, quoted, resolver, mentions)
        drafted, continued = claims.drafts_for_sentence(doc, lo, hi, mine, quoted)
        drafts.extend(drafted)
        pending.extend((para_index, d) for d in drafted if continued)
    for para_index, draft in pending:
        draft.chain = _quote_source(draft, para_index, drafts, quoted)
        draft.cue = draft.chain[-1]["cue"].lower() if draft.chain else None
    records, seen = [], set()
    for d in sorted(drafts, key=lambda d: (d.start, d.end)):
        if (d.start, d.end) not in seen and d.end > d.start:
            seen.add((d.start, d.end))
            records.append(_record(article, d, mentions, timexes, amounts, kb))
    checkworthy.label(records, checkworthiness)
    return records, spans


def _quote_source(draft: claims.Draft, para_index: int, drafts: list[claims.Draft],
                  quoted: list[quotes.Quote]) -> list[dict[str, Any]]:
    """The chain of the quotation this draft is in, or of the nearest attributed quotation before it
    (same or previous paragraph), or after it in the same paragraph."""
    here = quotes.covering(quoted, draft.start, draft.end)
    attributed = [d for d in drafts if d.chain and d.quote_type in ("direct", "mixed")]
    if here is not None:
        same = [d for d in attributed if any(q.run == here.run for q in quotes.overlapping(quoted, d.start, d.end))]
        if same:
            return list(same[0].chain)
    before = [d for d in attributed if d.end <= draft.start and _para(quoted, d) >= para_index - 1]
    if before:
        return list(before[-1].chain)
    after = [d for d in attributed if d.start >= draft.end and _para(quoted, d) == para_index]
    return list(after[0].chain) if after else []


def _para(quoted: list[quotes.Quote], d: claims.Draft) -> int:
    qs = quotes.overlapping(quoted, d.start, d.end)
    return qs[0].paragraph if qs else -1


def _record(article: dict[str, Any], d: claims.Draft, mentions: list[entities.Mention], timexes: list[time.Timex],
            amounts: list[quantities.Quantity], kb: dict[str, dict[str, Any]]) -> dict[str, Any]:
    text = article["text"][d.start:d.end]
    ents = entities.inside(mentions, d.start, d.end)
    for e in ents:
        e["qid"] = kb.get(e["kb_id"] or "", {}).get("qid")
    times = time.inside(timexes, d.start, d.end)
    amount = quantities.inside(amounts, d.start, d.end)
    quote_type = d.quote_type if d.chain else "none"
    dated = any(t["type"] == "DATE" and t["value"] and len(t["value"]) >= 7 for t in times)
    types = labels.claim_types(text, quote_type, d.cue, amount, dated)
    top = d.chain[-1] if d.chain else None
    attribution_ = {key: (top[key] if top else None) for key in (
        "speaker", "speaker_start", "speaker_end", "speaker_normalized", "speaker_kb_id", "speaker_kind", "cue", "cue_start", "cue_end")}
    attribution_["speaker_kind"] = top["speaker_kind"] if top else "author"
    attribution_["quote_type"] = quote_type
    attribution_["chain"] = [dict(link) for link in d.chain]
    at = paragraph_at(article["paragraphs"], d.start)
    para = article["paragraphs"][at]["index"] if at is not None else 0
    return {
        "claim_id": claim_id(article["article_id"], d.start, d.end), "article_id": article["article_id"], "text": text,
        "char_start": d.start, "char_end": d.end, "paragraph_index": para, "normalized": None, "claim_types": types,
        "checkworthiness": "NFS",  # set for all the article's claims at once by checkworthy.label
        "attribution": attribution_, "factuality": labels.factuality(text, quote_type, d.cue),
        "entities": ents, "time_expressions": times, "quantities": amount, "annotation": dict(annotation()),
        "fidelity": lineage.unassessed(lineage.AUTOMATIC if quote_type in lineage.QUOTES else lineage.NOT_A_QUOTE),
    }
