"""The annotator's spaCy pipeline: a blank English tokenizer (no model, nothing downloaded), an
EntityRuler whose patterns are the knowledge-base aliases, and one Matcher per layer.

Built once per knowledge base and cached; spaCy is imported here only, inside functions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

# Aliases that are generic noun phrases ("a document", "the letter") name one particular unnamed
# document in the knowledge base; matching them in a new article would link the wrong thing.
_GENERIC_STARTS = ("a ", "an ", "the letter", "the statement", "the document")


@dataclass
class Pipeline:
    nlp: Any
    matchers: dict[str, Any] = field(default_factory=dict)
    alias_ids: dict[str, list[str]] = field(default_factory=dict)


_CACHE: dict[str, Pipeline] = {}


def usable_aliases(entry: dict[str, Any]) -> list[str]:
    """The aliases of a knowledge-base entry that may be matched in any article."""
    if entry["type"] == "document" and not entry.get("qid"):
        return []  # an unnamed, article-specific document: its aliases are descriptions, not names
    names = [entry["name"], *entry.get("aliases", [])]
    return sorted({a for a in names if a and not a.startswith(_GENERIC_STARTS) and len(a) <= 60})


def pipeline(kb: dict[str, dict[str, Any]]) -> Pipeline:
    """The cached pipeline for this knowledge base."""
    key = hashlib.sha1(json.dumps(kb, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    if key not in _CACHE:
        _CACHE[key] = _build(kb)
    return _CACHE[key]


def _build(kb: dict[str, dict[str, Any]]) -> Pipeline:
    import spacy
    from spacy.matcher import Matcher

    from . import attribution, entities, quantities, time

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pipe = Pipeline(nlp=nlp)
    patterns = []
    for kb_id in sorted(kb):
        entry = kb[kb_id]
        for alias in usable_aliases(entry):
            key = alias.lower() if alias.islower() else alias
            ids = pipe.alias_ids.setdefault(key, [])
            if kb_id not in ids:
                ids.append(kb_id)
            patterns.append({"label": "KB", "pattern": _tokens(nlp, alias), "id": key})
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    for name, module in (("cue", attribution), ("name", entities), ("time", time), ("quantity", quantities)):
        matcher = Matcher(nlp.vocab)
        for label, pats in module.patterns().items():
            matcher.add(label, pats, greedy="LONGEST")
        pipe.matchers[name] = matcher
    return pipe


def _tokens(nlp: Any, alias: str) -> list[dict[str, Any]]:
    """Token pattern of an alias. A lower-case alias ("council") matches any capitalisation, and so does
    a leading "the"; other aliases may take a "the" in front ("the North Korean …" is then one match,
    longer than the alias "the North")."""
    words = [t.text for t in nlp.make_doc(alias)]
    pattern: list[dict[str, Any]] = [{"LOWER": w} if alias.islower() or (i == 0 and w.lower() == "the") else {"ORTH": w}
                                     for i, w in enumerate(words)]
    if words[0].lower() != "the":
        pattern.insert(0, {"LOWER": "the", "OP": "?"})
    return pattern


def longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Matcher results without overlaps: the longest wins, then the earliest; returned in text order."""
    taken: list[tuple[int, int, int]] = []
    used: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if not used.intersection(range(m[1], m[2])):
            taken.append(m)
            used.update(range(m[1], m[2]))
    return sorted(taken, key=lambda m: m[1])
