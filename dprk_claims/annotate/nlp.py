"""The annotator's spaCy pipeline: a blank English tokenizer (no model, nothing downloaded), an
EntityRuler whose patterns are the knowledge-base aliases, and one Matcher per layer.

Built once per knowledge base and cached; spaCy is imported here only, inside functions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Aliases that are generic noun phrases ("a document", "the letter") name one particular unnamed
# document in the knowledge base; matching them in a new article would link the wrong thing.
_GENERIC_STARTS = ("a ", "an ", "the letter", "the statement", "the document")


@dataclass
class Pipeline:
    nlp: Any
    matcher: Any = None
    alias_ids: dict[str, list[str]] = field(default_factory=dict)


_CACHE: dict[str, Pipeline] = {}


def usable_aliases(entry: dict[str, Any]) -> list[str]:
    """The aliases of a knowledge-base entry that may be matched in any article."""
    if entry["type"] == "document" and not entry.get("qid"):
        return []  # an unnamed, article-specific document: its aliases are descriptions, not names
    names = [entry["name"], *entry.get("aliases", [])]
    return sorted({a for a in names if a and not a.startswith(_GENERIC_STARTS) and len(a) <= 60})


Patterns = Callable[[], dict[str, list[Any]]]  # a layer's Matcher patterns, by label


def pipeline(kb: dict[str, dict[str, Any]], layers: tuple[tuple[str, Patterns], ...]) -> Pipeline:
    """The cached pipeline for this knowledge base, with one Matcher for the layers' patterns (by name)."""
    key = hashlib.sha1(json.dumps([kb, [name for name, _ in layers]], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    if key not in _CACHE:
        _CACHE[key] = _build(kb, layers)
    return _CACHE[key]


def _build(kb: dict[str, dict[str, Any]], layers: tuple[tuple[str, Patterns], ...]) -> Pipeline:
    import spacy

    from .tokenmatch import TokenMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    pipe = Pipeline(nlp=nlp)
    patterns: list[dict[str, Any]] = []
    for kb_id in sorted(kb):
        entry = kb[kb_id]
        for alias in usable_aliases(entry):
            key = alias.lower() if alias.islower() else alias
            ids = pipe.alias_ids.setdefault(key, [])
            if kb_id not in ids:
                ids.append(kb_id)
            patterns.extend({"label": "KB", "pattern": form, "id": key} for form in variants(alias))
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    entries = [(f"{name}:{label}", pat) for name, patterns_of in layers for label, pats in patterns_of().items() for pat in pats]
    try:
        pipe.matcher = TokenMatcher(nlp.vocab, entries)  # the Matcher's matches, faster (see tokenmatch)
    except ValueError:  # a pattern TokenMatcher does not run: spaCy's Matcher, one for every layer
        pipe.matcher = spacy_matcher(nlp.vocab, entries)
    return pipe


def spacy_matcher(vocab: Any, entries: list[tuple[str, list[dict[str, Any]]]]) -> Any:
    """spaCy's Matcher for the patterns (each key greedy="LONGEST"), in the order given."""
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for key, pat in entries:
        matcher.add(key, [pat], greedy="LONGEST")
    return matcher


def matches(doc: Any, pipe: Pipeline, layer: str) -> list[tuple[str, int, int]]:
    """(label, start token, end token) of the matches of one layer; the Matcher runs once per Doc."""
    if "matches" not in doc.user_data:
        grouped: dict[str, list[tuple[str, int, int]]] = {}
        strings = doc.vocab.strings
        for key, s, e in pipe.matcher(doc):
            name, label = strings[key].split(":", 1)
            grouped.setdefault(name, []).append((label, s, e))
        doc.user_data["matches"] = grouped
    return list(doc.user_data["matches"].get(layer, []))


def variants(alias: str) -> list[str]:
    """The written forms an alias is matched in (phrase patterns, so matching stays fast): as given, with
    "the"/"The" in front (so that "the North Korean …" is one match, longer than the alias "the North"),
    and, for a lower-case alias ("council", "secretary general"), capitalised too."""
    forms = {alias}
    if alias.islower():
        forms |= {alias[:1].upper() + alias[1:], alias.title()}
    if alias.lower().startswith("the "):
        forms |= {"The " + f[4:] for f in forms} | {"the " + f[4:] for f in forms}
    else:
        forms |= {p + f for f in forms for p in ("the ", "The ")}
    return sorted(forms)


def longest_first(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Matches without overlaps: the longest wins, then the earliest; returned in text order."""
    taken: list[tuple[str, int, int]] = []
    used: set[int] = set()
    for m in sorted(found, key=lambda m: (-(m[2] - m[1]), m[1])):
        if not used.intersection(range(m[1], m[2])):
            taken.append(m)
            used.update(range(m[1], m[2]))
    return sorted(taken, key=lambda m: m[1])
