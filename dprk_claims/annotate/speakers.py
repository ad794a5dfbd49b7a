"""Who a source is: a pronoun or bare surname resolved to the last full name before it, a plural role
noun ("diplomats") a ``group``, "a diplomat" ``anonymous``, "the letter" a ``document``, a news agency
``media``; names linked to the knowledge base through the entity mentions."""

from __future__ import annotations

from typing import Any

from .entities import Mention, last_full_name

MEDIA = {"afp", "agence france-presse", "reuters", "ap", "associated press", "yonhap", "kcna", "korean central news agency",
         "xinhua", "tass", "kyodo", "bbc", "cnn", "nhk", "ria novosti", "interfax"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
GROUP = set(("diplomats officials analysts observers experts countries members sources critics activists lawmakers residents "
             "authorities ministers leaders nations allies governments envoys delegates ambassadors investigators "
             "scientists researchers officers spokespeople states participants inspectors monitors").split())
ROLE = set(("diplomat official analyst observer expert source ambassador spokesman spokeswoman spokesperson envoy minister "
            "representative president secretary delegate officer aide adviser advisor negotiator lawmaker leader "
            "chairman chairwoman chair commander").split())
MEDIA_NOUNS = {"media", "agency", "newspaper", "broadcaster", "television", "tv", "radio", "daily", "outlet"}
NOT_SOURCE = set(("the a an in on at of and but or for to by with from as this that these those monday tuesday wednesday "
                  "thursday friday saturday sunday january february march april may june july august september october "
                  "november december").split())
POSTMODIFIER = {"to", "of", "at", "for", "in", "from", "on"}
DOCUMENT = set("letter statement report document resolution communique declaration memo text draft notice readout".split())


class Resolver:
    """Who a source span is: knowledge-base link, canonical name and kind, given the mentions before it."""

    def __init__(self, doc: Any, mentions: list[Mention], kb: dict[str, dict[str, Any]]):
        self.doc, self.mentions, self.kb = doc, mentions, kb
        self.previous: list[dict[str, Any]] = []

    def link(self, span: tuple[int, int], cue: tuple[int, int]) -> dict[str, Any]:
        doc = self.doc
        sp, cp = doc[span[0]:span[1]], doc[cue[0]:cue[1]]
        normalized, kb_id, kind = self.resolve(span)
        out = {"speaker": sp.text, "speaker_start": sp.start_char, "speaker_end": sp.end_char, "speaker_normalized": normalized,
               "speaker_kb_id": kb_id, "speaker_kind": kind, "cue": cp.text, "cue_start": cp.start_char, "cue_end": cp.end_char}
        self.previous.append(out)
        return out

    def _kind_of(self, kb_id: str) -> str:
        entry = self.kb[kb_id]
        names = {entry["name"].lower(), *(a.lower() for a in entry.get("aliases", []))}
        if names & MEDIA:
            return "media"
        return {"person": "person", "state": "state", "document": "document"}.get(entry["type"], "organisation")

    def resolve(self, span: tuple[int, int]) -> tuple[str | None, str | None, str]:
        doc = self.doc
        sp = doc[span[0]:span[1]]
        words = [t.lower_ for t in sp]
        before = [m for m in self.mentions if m.end <= sp.start_char]
        inner = [m for m in self.mentions if sp.start_char <= m.start and m.end <= sp.end_char]
        if words[-1] in ("he", "she", "i"):
            target = next((m for m in reversed(before) if m.type == "person" and m.full), None)
            return (target.name, target.kb_id, "person") if target else (None, None, "anonymous")
        if words[-1] == "it":
            target = next((m for m in reversed(before) if m.type in ("state", "organisation", "document")), None)
            return (target.name, target.kb_id, self._kind_of(target.kb_id)) if target and target.kb_id else (None, None, "anonymous")
        if words[-1] in ("they", "we"):
            group = next((p for p in reversed(self.previous) if p["speaker_kind"] in ("group", "state", "organisation")), None)
            return (group["speaker_normalized"], group["speaker_kb_id"], group["speaker_kind"]) if group else (None, None, "group")
        people = [m for m in inner if m.type == "person"]
        if people:
            m = people[-1]
            return m.name, m.kb_id, "person"
        cut = next((i for i, w in enumerate(words) if i > 0 and w in POSTMODIFIER), len(words))
        head_end = sp[cut - 1].idx + len(sp[cut - 1].text)
        known = [(m, m.kb_id) for m in inner if m.kb_id and m.end == head_end]
        if known:  # "the United States": a known name at the head, not the word "states"
            return known[-1][0].name, known[-1][1], self._kind_of(known[-1][1])
        whole, words = len(words), words[:cut]  # "Japan's ambassador to the United Nations": the head comes before "to"
        if words[-1] in DOCUMENT:
            return sp.text, None, "document"
        if words[-1] in GROUP:
            return (sp.text if whole > 1 else f"unnamed {words[0]}"), None, "group"
        if words[-1] in ROLE:
            if words[0] in ("a", "an"):
                return f"an unnamed {' '.join(words[1:])}", None, "anonymous"
            if words[0] in ("the", "this") and whole == 2:
                target = next((m for m in reversed(before) if m.type == "person" and m.full), None)
                if target:
                    return target.name, target.kb_id, "person"
            return sp.text, None, "person" if words[0] not in ("a", "an") else "anonymous"
        if inner and inner[-1].kb_id:
            return inner[-1].name, inner[-1].kb_id, self._kind_of(inner[-1].kb_id)
        if inner and inner[-1].type == "organisation":
            return inner[-1].text, None, "organisation"
        if words[-1] in MEDIA_NOUNS or sp.text.lower() in MEDIA:
            return sp.text, None, "media"
        if sp.text.lower() in MEDIA:
            return sp.text, None, "media"
        target = last_full_name(before, sp.text)
        if target is not None:
            return target.name, target.kb_id, "person"
        organisation = sp.start > 0 and doc[sp.start - 1].lower_ == "the" or " of " in sp.text or sp.text.isupper()
        return sp.text, None, "organisation" if organisation else "person"
