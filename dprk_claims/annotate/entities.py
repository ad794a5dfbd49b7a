"""Entity mentions linked to the knowledge base.

- Names the knowledge base knows come from the EntityRuler (its patterns are the aliases of
  ``kb/entities.json``, read at run time).
- A person name it does not know (two or three capitalised parts, "Jane Doe", "Kim Yong-chol") is a
  ``person`` with ``kb_id`` null (a ``location`` after a locative preposition: "in New York").
- A bare name ("Kim", "Doe") is linked to the last full name before it that starts or ends with it.
- An alias shared by two entries ("Pyongyang": the state and the city) is the place after a locative
  preposition ("in Pyongyang") and the state otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .nlp import Pipeline, longest_first, matches

NOT_NAME = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "or", "for", "to", "by", "with", "from", "as", "after", "before",
    "since", "while", "when", "if", "according", "however", "instead", "each", "this", "that", "these", "those", "we", "it",
    "he", "she", "they", "our", "their", "his", "her", "its", "mr", "mrs", "ms", "dr", "ambassador", "president", "secretary",
    "minister", "general", "envoy", "representative", "spokesman", "spokeswoman", "spokesperson", "chairman", "leader", "prime",
    "deputy", "foreign", "state", "defence", "defense", "director", "chief", "premier", "chancellor", "official", "council",
    "security", "nations", "united", "party", "congress", "agency", "committee", "ministry", "office", "department", "news",
    "north", "south", "east", "west", "korea", "korean", "peninsula", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "published", "updated", "photo", "reuters", "afp", "yonhap", "kcna", "un", "us", "eu", "unsc",
    "military", "army", "navy", "force", "forces", "assembly", "republic", "people", "democratic", "central", "national",
    "international", "world", "house", "white", "pentagon", "kremlin", "group", "union", "organisation", "organization",
}
ORG_HEADS = set(("programme program organization organisation agency fund council committee ministry bank institute "
                 "party army navy command office service association union foundation center centre university group "
                 "force forces commission court authority administration").split())
PLACE_PREPOSITIONS = {"in", "at", "near", "around", "outside", "inside", "across"}
LOCATIVE = {"in", "at", "near", "around", "outside", "inside", "into", "across", "visited", "visit", "to"}


@dataclass
class Mention:
    start: int
    end: int
    tok_start: int
    tok_end: int
    text: str
    type: str
    kb_id: str | None
    name: str  # canonical name (knowledge base) or the full name as written
    full: bool  # a full name (not a bare surname)


def patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """Person names of two or three capitalised words ("Kim Jong Un"), the last or first one hyphenated
    ("Kim Song-hye", "Linda Thomas-Greenfield", "Jean-Pierre Dubois")."""
    word: dict[str, Any] = {"IS_TITLE": True, "LOWER": {"NOT_IN": sorted(NOT_NAME)}}
    hyphen: list[dict[str, Any]] = [{"ORTH": "-"}, {"IS_ALPHA": True}]
    camel: dict[str, Any] = {"TEXT": {"REGEX": "^[A-Z][a-z]+[A-Z][a-z]+$"}}  # "DiCarlo", "McDonald"
    pats = [[word, word], [word, word, *hyphen], [word, word, word], [word, *hyphen, word], [word, camel]]
    return {"NAME": pats}


def _part_of_longer_name(doc: Any, ent: Any) -> bool:
    """"Washington Post", "the North Atlantic": a one-word place alias followed by another capitalised word
    that is not a title ("US Ambassador") begins a longer name the knowledge base does not know."""
    words = [t for t in ent if t.lower_ != "the"]
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return len(words) == 1 and nxt is not None and nxt.is_title and nxt.lower_ not in NOT_NAME and nxt.ent_iob_ != "B"


def _kb_choice(doc: Any, ent: Any, ids: list[str], kb: dict[str, dict[str, Any]]) -> str:
    if len(ids) == 1:
        return ids[0]
    prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    places = [i for i in ids if kb[i]["type"] == "location"]
    others = [i for i in ids if kb[i]["type"] != "location"]
    if prev in LOCATIVE and places:
        return places[0]
    return (others or places)[0]


def _strip_article(doc: Any, ent: Any, pipe: Pipeline) -> tuple[int, int]:
    """Drop a leading "the" unless it belongs to a one-word name ("the North")."""
    if ent[0].lower_ != "the" or len(ent) < 2:
        return ent.start, ent.end
    core = doc[ent.start + 1:ent.end]
    if len(core) >= 2 or core.text in pipe.alias_ids or core.text.lower() in pipe.alias_ids:
        return ent.start + 1, ent.end
    return ent.start, ent.end


def mentions(doc: Any, pipe: Pipeline, kb: dict[str, dict[str, Any]]) -> list[Mention]:
    """Every entity mention of the article, in text order."""
    found: list[Mention] = []
    taken: set[int] = set()
    for ent in doc.ents:
        ids = pipe.alias_ids.get(ent.ent_id_, [])
        if not ids or (all(kb[i]["type"] in ("state", "location") for i in ids) and _part_of_longer_name(doc, ent)):
            continue
        kb_id = _kb_choice(doc, ent, ids, kb)
        t0, t1 = _strip_article(doc, ent, pipe)
        span = doc[t0:t1]
        entry = kb[kb_id]
        found.append(Mention(span.start_char, span.end_char, t0, t1, span.text, entry["type"], kb_id, entry["name"],
                             entry["type"] != "person" or len(span.text.split()) > 1))
        taken.update(range(t0, t1))
    for _, s, e in longest_first(matches(doc, pipe, "name")):
        if taken.intersection(range(s, e)):
            continue
        if doc[e - 1].lower_ in ORG_HEADS or (e < len(doc) and doc[e].lower_ in ORG_HEADS and doc[e].is_title):
            e = e if doc[e - 1].lower_ in ORG_HEADS else e + 1
            while s > 0 and doc[s - 1].is_title and doc[s - 1].lower_ not in ("the", "a", "an") and s - 1 not in taken:  # "World Food …"
                s -= 1
            kind = "organisation"
        else:
            kind = "location" if s > 0 and doc[s - 1].lower_ in PLACE_PREPOSITIONS else "person"  # "in New York"
        span = doc[s:e]
        found.append(Mention(span.start_char, span.end_char, s, e, span.text, kind, None, span.text, True))
        taken.update(range(s, e))
    found.sort(key=lambda m: m.start)
    return _bare_names(doc, found, taken)


def _bare_names(doc: Any, found: list[Mention], taken: set[int]) -> list[Mention]:
    """Single capitalised words that repeat a part of an earlier full person name."""
    people = [m for m in found if m.type == "person" and m.full]
    if not people:
        return found
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    parts = {w for m in people for ws in (m.text.split(), name_parts(m.text)) if ws for w in (ws[0], ws[-1])}
    can = {strings[w] for w in parts if w in strings}  # only these words can repeat a name (see last_full_name)
    extra = []
    for i in [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if orth in can and i not in taken]:
        tok = doc[i]
        if not tok.is_title or tok.lower_ in NOT_NAME:
            continue
        before = [m for m in people if m.end <= tok.idx]
        target = last_full_name(before, tok.text)
        if target is not None:
            extra.append(Mention(tok.idx, tok.idx + len(tok.text), tok.i, tok.i + 1, tok.text, "person", target.kb_id,
                                 target.name, False))
    return sorted(found + extra, key=lambda m: m.start)


def name_parts(text: str) -> list[str]:
    return text.replace("-", " ").split()


def last_full_name(mentions_before: list[Mention], word: str) -> Mention | None:
    """The most recent full person name whose first or last part (or whole first word) is ``word``."""
    for m in reversed(mentions_before):
        if m.type != "person" or not m.full:
            continue
        words = m.text.split()
        if word in (words[0], words[-1]) or word in (name_parts(m.text)[0], name_parts(m.text)[-1]):
            return m
    return None


def inside(items: list[Mention], start: int, end: int) -> list[dict[str, Any]]:
    """Entity records (claims schema shape, without qid) for the mentions inside [start, end)."""
    return [{"char_start": m.start, "char_end": m.end, "text": m.text, "type": m.type, "kb_id": m.kb_id}
            for m in items if start <= m.start and m.end <= end]
