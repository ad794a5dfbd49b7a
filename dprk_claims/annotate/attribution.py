"""Attribution (PARC 3.0): reporting cues, their sources, and who a source is.

Cues come from a Matcher ("said", "has warned", "told AFP", "said in a letter", "according to", …).
The source of a cue is found in a window of tokens around it:
- "X said", "X, the ambassador to the UN, said" (an appositive is skipped), "said X";
- "according to X"; a participle after a comma (", saying …") or a verb after "and" takes the
  previous source of the sentence, or its subject.
Who the source is (its knowledge-base link, name and kind) is worked out in ``speakers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .entities import Mention
from .speakers import DOCUMENT, GROUP, MEDIA_NOUNS, NOT_SOURCE, PRONOUNS, ROLE, Resolver

AUX = ["has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "previously", "repeatedly", "later", "earlier"]
BE = {"is", "are", "was", "were", "be", "been", "being"}
VERBS = ("said says say told tells added adds continued stated declared declares warned warns accused accuses claimed claim "
         "insisted insists noted argued argues explained explains wrote writes announced announces urged urges demanded demands "
         "threatened threatens vowed vows acknowledged admitted denied denies stressed stresses emphasised emphasized charged "
         "alleged complained confirmed believed believe believes think thinks suggested asked asks called "
         "calls characterised characterized characterises characterizes reiterated maintained pledged reported estimated "
         "estimates countered retorted").split()
ING = ("saying telling adding stating declaring warning accusing claiming insisting noting arguing urging demanding threatening "
       "vowing calling asking stressing denying reiterating").split()
BOUNDARY = {"that", "and", "but", "which", "who", "whom", "whose", "when", "while", "as", "because", "if", "what", "where",
            "so", "than", "then", "after", "before", "since", "until", "although", "though", "however", "or", "for", "with"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "several", "some", "many", "most", "other", "unnamed",
               "anonymous", "senior", "western", "foreign", "top", "two", "three", "four", "five", "six", "ten", "both", "its",
               "their", "his", "her", "’s", "'s", "’", "'"}
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
    verb = {"LOWER": {"IN": VERBS}}
    return {  # auxiliaries before the verb ("has warned") are added by with_auxiliaries()
        "CUE": [[verb], [{"LOWER": {"IN": ["called", "calls", "calling", "asked", "asks", "asking"]}}, {"LOWER": "for"}],
                [{"LOWER": {"IN": ["warned", "warns", "warning", "accused", "accuses", "accusing"]}}, {"LOWER": "of"}],
                [{"LOWER": {"IN": ["told", "tells", "telling"]}}, {"IS_UPPER": True}],
                [{"LOWER": {"IN": ["told", "tells", "telling"]}}, {"LOWER": {"IN": ["reporters", "journalists"]}}],
                [verb, {"LOWER": "in"}, {"LOWER": {"IN": ["a", "an", "the"]}},
                 {"LOWER": {"IN": ["letter", "statement", "speech", "interview", "briefing", "post", "report"]}}],
                [{"LOWER": {"IN": ING}}], [{"LOWER": {"IN": ["calling", "asking"]}}, {"LOWER": "for"}]],
        "ACCORDING": [[{"LOWER": "according"}, {"LOWER": "to"}]],
    }


def with_auxiliaries(doc: Any, s: int, lo: int = 0) -> int:
    """The start of the cue with the auxiliaries and adverbs before its verb ("has also warned")."""
    while s > lo and doc[s - 1].lower_ in AUX:
        s -= 1
    return s


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
    after = doc[e + 1].lower_ if e + 1 < len(doc) else ""
    return not (verb == "called" and (nxt == "off" or after == "off"))  # "called (it) off"


def _candidate(doc: Any, lo: int, hi: int, mentions: list[Mention], last: bool) -> tuple[int, int] | None:
    """The source noun phrase inside tokens [lo, hi) nearest to the cue (the last one before it, or the
    first after it): a name, a pronoun, a role, group or document noun with its modifiers, a known entity."""
    if hi <= lo:
        return None
    inside = [m for m in mentions if lo <= m.tok_start and m.tok_end <= hi and m.type != "location"]
    ends = {m.tok_end - 1: m for m in inside} if last else {m.tok_start: m for m in inside}
    for i in (range(hi - 1, lo - 1, -1) if last else range(lo, hi)):
        if i in ends:
            m = ends[i]
            if not last and m.tok_end + 1 < hi and doc[m.tok_end].lower_ in ("’s", "'s"):  # "South Korea's military"
                return m.tok_start, hi
            return m.tok_start, m.tok_end
        if last and i == hi - 1 and doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1:  # "state media KCNA said"
            return i, i + 1
        low = doc[i].lower_
        if low in PRONOUNS and (not last or i == hi - 1):
            return i, i + 1
        if low in GROUP or low in ROLE or low in DOCUMENT or low in MEDIA_NOUNS:
            return _modifiers(doc, lo, i, low in ROLE), i + 1
    titled = [i for i in range(lo, hi) if (doc[i].is_title or (doc[i].is_upper and len(doc[i]) > 1))
              and not doc[i].is_sent_start and doc[i].lower_ not in NOT_SOURCE]
    if not titled:
        return None
    i = titled[-1 if last else 0]
    j, k = i, i + 1
    while j - 2 >= lo and doc[j - 1].lower_ == "of" and doc[j - 2].is_title:  # "Bank of Korea"
        j -= 2
    while k < hi and (doc[k].is_title or doc[k].is_upper) and doc[k].lower_ not in NOT_SOURCE:
        k += 1
    return j, k


def _modifiers(doc: Any, lo: int, i: int, role: bool) -> int:
    """Start of the noun phrase ending at noun i: determiners, numbers and capitalised words before it
    ("several European countries"); for a singular role noun also the adjectives after a determiner or
    possessive ("the UN's top political official")."""
    j = i
    while j > lo and (doc[j - 1].lower_ in DETERMINERS or doc[j - 1].is_title or doc[j - 1].is_upper or doc[j - 1].like_num):
        j -= 1
    if role:
        k = j
        while k > lo and doc[k - 1].is_alpha and doc[k - 1].is_lower and i - k < 5:
            k -= 1
        if k < j and k > lo and (doc[k - 1].lower_ in DETERMINERS or doc[k - 1].lower_ in ("’s", "'s")):
            j = k - 1
            while j > lo and (doc[j - 1].lower_ in DETERMINERS or doc[j - 1].is_title or doc[j - 1].is_upper):
                j -= 1
    return j


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
                found_apposition = _appositive(doc, s - 1, lo, mentions)
                if found_apposition is not None:
                    span, ext = found_apposition[0], (found_apposition[1], e)
            if span is None and doc[s].lower_ in INVERTIBLE:
                span = _candidate(doc, e, _window_right(doc, e, hi), mentions, last=False)
                trailing = span is not None
                if span is not None and span[1] < hi and doc[span[1]].text == ",":  # "said Doe, the ambassador."
                    close = next((i for i in range(span[1] + 1, min(hi, span[1] + 15)) if doc[i].text in ",.;:—–"), hi)
                    ext = (s, close)
        elif prev is not None:
            w = _window_left(doc, s, lo)
            span = _candidate(doc, w, s, mentions, last=True)
            ext = (w, e)
            trailing = span is not None and w > lo and doc[w - 1].text in (",", "”", '"', "’") and _ends_sentence(doc, e, hi) \
                and doc[lo].lower_ not in INTRO
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
    quote_follows = i + 1 < hi and doc[i + 1].text in ("“", '"', "‘")
    return len(rest) <= 3 or (doc[i].text == "," and not quote_follows)


def _appositive(doc: Any, comma: int, lo: int, mentions: list[Mention]) -> tuple[tuple[int, int], int] | None:
    """In "Smith, the British envoy to the UN, said", the source is the name before the first comma; the
    result is (source span, first token of the whole source phrase)."""
    first = next((i for i in range(comma - 1, max(lo, comma - 14) - 1, -1) if doc[i].text == ","), None)
    if first is None or first <= lo or any(t.text in "“”\"" or t.lower_ in VERBS for t in doc[first:comma]):
        return None
    named = [m for m in mentions if m.type == "person" and first < m.tok_start and m.tok_end <= comma]
    before = [m for m in mentions if m.type == "person" and m.tok_end == first]
    start = _window_left(doc, first, lo)
    if named and not before:  # "Russia's envoy, Vassily Nebenzia, said": the name is the source
        return (named[-1].tok_start, named[-1].tok_end), start
    span = _candidate(doc, start, first, mentions, last=True)
    return (span, start) if span is not None else None


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
