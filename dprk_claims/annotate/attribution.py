"""Attribution (PARC 3.0): reporting cues, their sources, and who a source is.

Cues come from a Matcher ("said", "has warned", "told AFP", "said in a letter", "according to", …).
The source of a cue is found in a window of tokens around it:
- "X said", "X, the ambassador to the UN, said" (an appositive is skipped), "said X";
- "according to X"; a participle after a comma (", saying …") or a verb after "and" takes the
  previous source of the sentence, or its subject.
A pronoun or a bare surname is resolved to the last full name before it; a plural role noun
("diplomats") is a ``group``, "a diplomat" is ``anonymous``, "the letter" a ``document``, a news agency
``media``; names are linked to the knowledge base through the entity mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .entities import NOT_NAME, Mention, last_full_name

AUX = ["has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "previously", "repeatedly", "later", "earlier"]
BE = {"is", "are", "was", "were", "be", "been", "being"}
VERBS = ("said says say told tells added adds continued stated declared declares warned warns accused accuses claimed claim "
         "insisted insists noted argued argues explained explains wrote writes announced announces urged urges demanded demands "
         "threatened threatens vowed vows acknowledged admitted denied denies stressed stresses emphasised emphasized charged "
         "alleged complained confirmed believed believe believes think thinks suggested asked asks called "
         "calls characterised characterized characterises characterizes reiterated maintained pledged reported").split()
ING = ("saying telling adding stating declaring warning accusing claiming insisting noting arguing urging demanding threatening "
       "vowing calling asking stressing denying reiterating").split()
MEDIA = {"afp", "agence france-presse", "reuters", "ap", "associated press", "yonhap", "kcna", "korean central news agency",
         "xinhua", "tass", "kyodo", "bbc", "cnn", "nhk", "ria novosti", "interfax"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
BOUNDARY = {"that", "and", "but", "which", "who", "whom", "whose", "when", "while", "as", "because", "if", "what", "where",
            "so", "than", "then", "after", "before", "since", "until", "although", "though", "however", "or", "for", "with"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "several", "some", "many", "most", "other", "unnamed",
               "anonymous", "senior", "western", "foreign", "top", "two", "three", "four", "five", "six", "ten", "both", "its",
               "their", "his", "her", "’s", "'s", "’", "'"}
GROUP = set(("diplomats officials analysts observers experts countries members sources critics activists lawmakers residents "
             "authorities ministers leaders nations allies governments envoys delegates ambassadors investigators "
             "scientists researchers officers spokespeople states participants inspectors monitors").split())
ROLE = set(("diplomat official analyst observer expert source ambassador spokesman spokeswoman spokesperson envoy minister "
            "representative president secretary delegate officer aide adviser advisor negotiator lawmaker leader "
            "chairman chairwoman chair commander").split())
DOCUMENT = set("letter statement report document resolution communique declaration memo text draft notice readout".split())
DATE_WORDS = set("monday tuesday wednesday thursday friday saturday sunday today yesterday january february march april june "
                 "july august september october november december".split())
INVERTIBLE = {"said", "says", "added", "adds", "continued", "told", "wrote", "stated", "declared", "asked", "insisted", "noted"}
INTRO = {"in", "after", "with", "instead", "since", "according", "while", "although", "when", "despite", "amid", "as",
         "following", "before", "during", "on", "at", "for", "by", "from", "under", "if", "because", "though", "over"}


@dataclass
class Frame:
    cue: tuple[int, int]  # token span of the cue
    speaker: tuple[int, int] | None  # token span of the source
    link: dict[str, Any]
    extent: tuple[int, int]  # tokens of source, cue and what binds them
    trailing: bool  # the content comes before the frame ("…,” Smith said)
    chain: list[dict[str, Any]] = field(default_factory=list)
    report: tuple[int, int] | None = None  # "Smith said in a letter … on Monday": the reporting event, a claim itself


def patterns() -> dict[str, list[list[dict[str, Any]]]]:
    aux = {"LOWER": {"IN": AUX}, "OP": "*"}
    verb = {"LOWER": {"IN": VERBS}}
    return {
        "CUE": [[aux, verb], [aux, {"LOWER": {"IN": ["called", "calls", "calling", "asked", "asks", "asking"]}}, {"LOWER": "for"}],
                [aux, {"LOWER": {"IN": ["told", "tells", "telling"]}}, {"IS_UPPER": True}],
                [aux, {"LOWER": {"IN": ["told", "tells", "telling"]}}, {"LOWER": {"IN": ["reporters", "journalists"]}}],
                [aux, verb, {"LOWER": "in"}, {"LOWER": {"IN": ["a", "an", "the"]}},
                 {"LOWER": {"IN": ["letter", "statement", "speech", "interview", "briefing", "post", "report"]}}],
                [{"LOWER": {"IN": ING}}], [{"LOWER": {"IN": ["calling", "asking"]}}, {"LOWER": "for"}]],
        "ACCORDING": [[{"LOWER": "according"}, {"LOWER": "to"}]],
    }


def valid_cue(doc: Any, s: int, e: int) -> bool:
    """Drop passives ("is believed"), nouns ("a warning") and adjectives ("so-called", "the reported launch")."""
    words = [t.lower_ for t in doc[s:e]]
    verb = next((w for w in words if w not in AUX), words[-1])
    prev = doc[s - 1].lower_ if s > 0 else ""
    nxt = doc[e].lower_ if e < len(doc) else ""
    if prev in ("-", "a", "an", "the", "so") or (set(words) & BE and not verb.endswith("ing")):
        return False
    if verb in ING:
        return prev in (",", "and") or nxt in ("that", "“", '"', "to", "of", "for", ":") or doc[s - 1].is_alpha
    if verb in ("reported", "alleged"):
        return nxt in ("that", ",")
    return not (verb == "called" and nxt in ("off", "it"))


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
        if words[-1] in DOCUMENT:
            return sp.text, None, "document"
        if words[-1] in GROUP:
            return (sp.text if len(words) > 1 else f"unnamed {sp.text}"), None, "group"
        if words[-1] in ROLE:
            if words[0] in ("a", "an"):
                return f"an unnamed {' '.join(words[1:])}", None, "anonymous"
            if words[0] in ("the", "this") and len(words) == 2:
                target = next((m for m in reversed(before) if m.type == "person" and m.full), None)
                if target:
                    return target.name, target.kb_id, "person"
            return sp.text, None, "person" if words[0] not in ("a", "an") else "anonymous"
        if inner and inner[-1].kb_id:
            return inner[-1].name, inner[-1].kb_id, self._kind_of(inner[-1].kb_id)
        if sp.text.lower() in MEDIA:
            return sp.text, None, "media"
        target = last_full_name(before, sp.text)
        if target is not None:
            return target.name, target.kb_id, "person"
        return sp.text, None, "person"


def _candidate(doc: Any, lo: int, hi: int, mentions: list[Mention], last: bool) -> tuple[int, int] | None:
    """The source noun phrase inside tokens [lo, hi) nearest to the cue (the last one before it, or the
    first after it): a name, a pronoun, a role, group or document noun with its modifiers, a known entity."""
    if hi <= lo:
        return None
    inside = [m for m in mentions if lo <= m.tok_start and m.tok_end <= hi and m.type != "location"]
    ends = {m.tok_end - 1: m for m in inside} if last else {m.tok_start: m for m in inside}
    for i in (range(hi - 1, lo - 1, -1) if last else range(lo, hi)):
        if i in ends:
            return ends[i].tok_start, ends[i].tok_end
        low = doc[i].lower_
        if low in PRONOUNS and (not last or i == hi - 1):
            return i, i + 1
        if low in GROUP or low in ROLE or low in DOCUMENT:
            j = i
            while j > lo and (doc[j - 1].lower_ in DETERMINERS or doc[j - 1].is_title or doc[j - 1].is_upper
                              or doc[j - 1].like_num):
                j -= 1
            return j, i + 1
    titled = [i for i in range(lo, hi) if doc[i].is_title and not doc[i].is_sent_start and doc[i].lower_ not in NOT_NAME]
    return (titled[-1 if last else 0], titled[-1 if last else 0] + 1) if titled else None


def _window_left(doc: Any, start: int, lo: int) -> int:
    j = start
    while j > lo and j > start - 12 and not (doc[j - 1].is_punct and doc[j - 1].text not in "-’'") \
            and doc[j - 1].lower_ not in BOUNDARY:
        j -= 1
    return j


def _window_right(doc: Any, end: int, hi: int) -> int:
    j = end
    while j < hi and j < end + 10 and not (doc[j].is_punct and doc[j].text not in "-’'") and doc[j].lower_ not in BOUNDARY:
        j += 1
    return j


def subject(doc: Any, lo: int, hi: int, mentions: list[Mention]) -> tuple[int, int] | None:
    """The subject of the sentence [lo, hi): the first source-like phrase after an introductory phrase."""
    start = lo
    if doc[lo].lower_ in INTRO:
        comma = next((i for i in range(lo, hi) if doc[i].text == ","), None)
        start = comma + 1 if comma is not None else lo
    end = next((i for i in range(start, hi) if doc[i].lower_ in BOUNDARY or doc[i].text in (",", ";")), hi)
    return _candidate(doc, start, end, mentions, last=False)


def frames(doc: Any, lo: int, hi: int, cues: list[tuple[str, int, int]], mentions: list[Mention],
           resolver: Resolver) -> list[Frame]:
    """The attribution frames of one sentence (tokens [lo, hi)), in text order."""
    found: list[Frame] = []
    for kind, s, e in cues:
        if kind == "ACCORDING":
            r = _window_right(doc, e, hi)
            span = _candidate(doc, e, r, mentions, last=False)
            if span is None:
                continue
            link = resolver.link(span, (s, e))
            chain = _media_link(doc, span[1], r, mentions, resolver)
            trailing = s > lo and doc[s - 1].text == ","
            close = next((i for i in range(span[1], min(hi, span[1] + 15)) if doc[i].text == ","), None)
            ext_end = close if close is not None and not trailing else span[1]
            found.append(Frame((s, e), span, link, (s, ext_end), trailing, chain + [link]))
            continue
        prev = doc[s - 1] if s > lo else None
        span, ext, trailing = None, (s, e), False
        if prev is not None and prev.text in (",", "”", '"', "’"):
            if prev.text == "," and doc[s].lower_ not in ING:
                span = _appositive(doc, s - 1, lo, mentions)
                ext = (_window_left(doc, span[0], lo), e) if span else ext
            if span is None and doc[s].lower_ in INVERTIBLE:
                span = _candidate(doc, e, _window_right(doc, e, hi), mentions, last=False)
                trailing = span is not None
                if span is not None and span[1] < hi and doc[span[1]].text == ",":  # "said Doe, the ambassador."
                    close = next((i for i in range(span[1] + 1, min(hi, span[1] + 15)) if doc[i].is_punct), hi)
                    ext = (s, close)
        elif prev is not None:
            w = _window_left(doc, s, lo)
            span = _candidate(doc, w, s, mentions, last=True)
            ext = (w, e)
            trailing = span is not None and span[0] > lo and doc[span[0] - 1].text in (",", "”", '"') \
                and _ends_sentence(doc, e, hi)
            if span is None and w > lo and doc[w - 1].lower_ == "and":
                ext = (w - 1, e)
        if span is None:
            ext = ext if ext[0] < s else (s, e)
            span = found[-1].speaker if found else subject(doc, lo, hi, mentions)
            if span is None:
                continue
        else:
            ext = (min(span[0], ext[0]), max(span[1], ext[1]))
        link = resolver.link(span, (s, e))
        frame = Frame((s, e), span, link, ext, trailing, [link])
        if not trailing:
            _complementiser(doc, frame, hi)
        found.append(frame)
    return found


def _ends_sentence(doc: Any, i: int, hi: int) -> bool:
    """Only punctuation, a comma clause or a short adjunct ("on Friday") follows token i."""
    rest = [t for t in doc[i:hi] if not t.is_punct]
    return len(rest) <= 3 or doc[i].text == ","


def _appositive(doc: Any, comma: int, lo: int, mentions: list[Mention]) -> tuple[int, int] | None:
    """In "Smith, the British envoy to the UN, said", the source is the name before the first comma."""
    first = next((i for i in range(comma - 1, max(lo, comma - 14) - 1, -1) if doc[i].text == ","), None)
    if first is None or first <= lo or any(t.text in "“”\"" or t.lower_ in VERBS for t in doc[first:comma]):
        return None
    return _candidate(doc, _window_left(doc, first, lo), first, mentions, last=True)


def _media_link(doc: Any, lo: int, hi: int, mentions: list[Mention], resolver: Resolver) -> list[dict[str, Any]]:
    """"According to an official who talked to Reuters, …": the news agency is the outer link of the chain."""
    end = next((i for i in range(lo, min(hi + 15, len(doc))) if doc[i].text in (",", ".")), hi)
    for m in mentions:
        if lo <= m.tok_start and m.tok_end <= end and m.kb_id and resolver._kind_of(m.kb_id) == "media" \
                and doc[m.tok_start - 1].lower_ == "to":
            link = resolver.link((m.tok_start, m.tok_end), (m.tok_start - 1, m.tok_end))
            resolver.previous.pop()
            return [link]
    return []


def _complementiser(doc: Any, frame: Frame, hi: int) -> None:
    """"said in a statement to reporters on Monday that …": the content starts after "that"; a dated
    reporting event before it is a claim of the author's."""
    e = frame.cue[1]
    k = e
    while k < min(hi, e + 16) and doc[k].lower_ not in BOUNDARY and not doc[k].is_punct:
        k += 1
    if k > e and k < hi and doc[k].lower_ == "that":
        frame.extent = (frame.extent[0], k + 1)
        if any(t.lower_ in DATE_WORDS or t.like_num for t in doc[e:k]):
            frame.report = (frame.extent[0], k)
