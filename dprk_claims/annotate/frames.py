"""Attribution frames from the learned tagger (``models/attribution/``, see ``models/MODEL_CARD.md``).

The tagger finds each cue of a sentence, its source and its content (:mod:`dprk_claims.learn.attribution`);
this module turns them into the :class:`~.attribution.Frame` the claim drafting reads:
- the content before the cue ("“…,” Smith said") makes a trailing frame whose extent starts where the
  content ends; content after it ("Smith said that …") makes one whose extent ends where the content starts;
- a cue with no source of its own takes the source of the sentence's previous frame (", adding that …");
  a cue with neither is no frame (a passive "was reported", a noun);
- a cue inside a quotation is not a frame of the sentence: the quotation is reported whole;
- an act on a thing ("rejected the talks") is not a reported statement: the author reports it (:func:`reported`);
- a dated reporting event between cue and content ("said in a letter on Monday that …") is a claim of
  the author's, as in the guidelines.
Who a source is (its knowledge-base link, name and kind) is worked out in :mod:`.speakers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..learn import attribution as learned
from . import packaged
from .attribution import AUX, DATE_WORDS, Frame, with_auxiliaries
from .entities import Mention
from .quotes import Quote
from .speakers import DOCUMENT, Resolver

FOLDER = Path(__file__).resolve().parent / "models" / "attribution"
FILES = ("cue/model.json", "cue/weights.npy", "cue/columns.npy", "role/model.json", "role/weights.npy", "role/columns.npy")


@cache
def tagger() -> learned.Tagger:
    packaged.require(FOLDER, FILES, "attribution", "attribution")
    return learned.load(FOLDER)


@cache
def model_id() -> str:
    """``model:attribution sha256:<16 hex>``, over the model's files in a fixed order."""
    return packaged.model_id(FOLDER, FILES, "attribution")


def tag(doc: Any, sentences: Sequence[tuple[int, int]], use: learned.Tagger | None = None) -> list[list[learned.Found]]:
    """What the tagger finds in each sentence (token ranges of the doc), in doc token offsets."""
    from spacy.attrs import ORTH

    orths = doc.to_array(ORTH).tolist() if len(doc) else []
    sents = [learned.Sentence.of_orths(doc.vocab, orths[lo:hi]) for lo, hi in sentences]
    out = []
    for (lo, _), found in zip(sentences, (use or tagger()).sentences(sents), strict=True):
        out.append([learned.Found(_shift(f.cue, lo), _shift(f.source, lo), _shift(f.content, lo)) for f in found])  # type: ignore[arg-type]
    return out


def _shift(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + by, span[1] + by)


def _speaker(doc: Any, span: tuple[int, int], mentions: Sequence[Mention]) -> tuple[int, int] | None:
    """The speaker as the guidelines write it, the nearest mention, from the source as PolNeAR marks it (the
    whole noun phrase): without punctuation at its edges; of "Smith, the British ambassador," or "Russia's
    envoy, Vassily Nebenzia," the part that names a person (else the first part), up to a relative clause
    ("an official who talked to Reuters"); for a relative pronoun, the name it follows ("the United States,
    which said …"); the name a phrase ends in ("Foreign Minister Choe Son Hui"); "the
    Pentagon" as "Pentagon"."""
    a, b = span
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    if a == b:
        return None
    if b - a == 1 and doc[a].lower_ in ("which", "who", "that"):  # "The United States – which confirmed it –"
        k = a
        while k > 0 and (doc[k - 1].is_punct or doc[k - 1].is_space):
            k -= 1
        before = [m for m in mentions if m.tok_end == k and m.type != "location"]
        return (before[-1].tok_start, k) if before else None
    commas = [i for i in range(a, b) if doc[i].text == ","]
    parts = [(x, y) for x, y in zip([a] + [c + 1 for c in commas], commas + [b], strict=True) if y > x]
    named = [p for p in parts if any(m.type == "person" and p[0] <= m.tok_start and m.tok_end <= p[1] for m in mentions)]
    a, b = (named or parts)[0]
    b = next((i for i in range(a + 1, b) if doc[i].lower_ in ("who", "which", "whose", "that")), b)  # "a diplomat who …"
    head = [m for m in mentions if a <= m.tok_start and m.tok_end == b and m.type == "person"]
    if head:  # "Foreign Minister Choe Son Hui": the name the phrase ends in
        return head[-1].tok_start, b
    if b - a > 1 and doc[b - 1].is_upper and doc[b - 1].is_alpha and len(doc[b - 1]) > 1 and doc[b - 2].is_lower:
        return b - 1, b  # "state media KCNA"
    if b - a > 1 and doc[a].lower_ == "the" and (doc[a + 1].is_title or any(m.tok_start == a + 1 and m.tok_end == b for m in mentions)):
        a += 1
    return a, b


def conventions(doc: Any, f: learned.Found, lo: int, hi: int) -> learned.Found:
    """The cue as the guidelines write it: with the auxiliaries and adverbs before its verb ("has also
    warned", taken from the end of the source if the tagger put them there), with the news agency a
    statement was made to ("told AFP"), and with the document it was made in ("said in a letter"). A cue
    after a comma or a closing quotation mark followed only by a short noun phrase to the end of the sentence
    ("…, said Japan's ambassador to the UN.") has that phrase for source and what comes before for content,
    whichever way the tagger took them (PolNeAR has few such inversions outside quotations)."""
    s, e = f.cue
    source = f.source
    if source is not None and source[1] == s:
        k = source[1]
        while k > source[0] + 1 and doc[k - 1].lower_ in AUX:
            k -= 1
        source, s = (source[0], k), k
    s = with_auxiliaries(doc, s, source[1] if source is not None and source[1] <= s else lo)
    while e - s > 1 and doc[e - 1].lower_ in ("in", "a", "an", "the"):  # "said in a" → "said", then as below
        e -= 1
    if e < hi and doc[e - 1].lower_ in ("told", "tells") and doc[e].is_upper and doc[e].is_alpha and len(doc[e]) > 1:
        e += 1
    if e + 2 < hi and doc[e].lower_ == "in" and doc[e + 1].lower_ in ("a", "an", "the") and doc[e + 2].lower_ in DOCUMENT:
        e += 3
    content = f.content
    if content is not None and content[0] < e and content[1] > e:
        content = (e, content[1])
    if s > lo and doc[s - 1].text in (",", "”", '"', "’") and (content is None or content[0] >= e):
        end = hi
        while end > e and doc[end - 1].is_punct:
            end -= 1
        after = list(doc[e:end])
        if 0 < len(after) <= 10 and after[0].lower_ not in PREPOSITIONS and not any(t.lower_ in CLAUSE or t.text == "," for t in after):
            return learned.Found((s, e), (e, end), (lo, s - 1))  # "…, said Japan's ambassador to the UN."
    return learned.Found((s, e), source, content)


def _content_start(doc: Any, content: tuple[int, int], stop: int) -> int:
    """Where a content after its cue starts: after a "that" that follows a short adjunct with no punctuation
    ("wrote in a letter to the envoy on Friday that …"), before the next cue."""
    for i in range(content[0], min(content[1], content[0] + 12, stop)):
        if doc[i].is_punct:
            break
        if doc[i].lower_ == "that" and i > content[0]:
            return i
    return content[0]


PREPOSITIONS = {"for", "to", "about", "on", "in", "at", "with", "by", "from", "of", "into", "over", "against", "after"}
CLAUSE = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could", "should",
          "shall", "must", "may", "might", "do", "does", "did", "not", "that", "whether", "if", "“", '"', "‘", ":"}


def reported(doc: Any, f: learned.Found) -> bool:
    """Whether a frame reports a statement, as the guidelines' attribution layer requires, rather than an
    act on a thing ("rejected the talks", "met … to discuss the launch", "condemned the test"), which the
    author reports. PolNeAR marks both; the second is kept as the author's claim. Not a statement: a
    source more than two words before its cue (the subject of another verb), or a content after the cue
    of at most six words with no auxiliary, complementiser, quotation mark or verb ending in -ed/-ing."""
    if f.source is not None and f.source[1] <= f.cue[0]:
        between = [t for t in doc[f.source[1]:f.cue[0]] if not (t.is_punct or t.lower_ in AUX)]
        if len(between) > 2:
            return False
    if f.content is None or f.content[0] < f.cue[1]:
        return True
    words = [t for t in doc[f.content[0]:f.content[1]] if not t.is_punct or t.text in CLAUSE]
    clause = any(t.lower_ in CLAUSE or t.lower_.endswith(("ed", "ing")) for t in words)
    return clause or len(words) > 6


def _media(doc: Any, source: tuple[int, int] | None, mentions: Sequence[Mention], resolver: Resolver) -> list[dict[str, Any]]:
    """"According to an official who talked to Reuters, …": the news agency the source spoke to is the outer link."""
    if source is None:
        return []
    for m in mentions:
        if source[0] < m.tok_start and m.tok_end <= source[1] and m.kb_id and resolver._kind_of(m.kb_id) == "media" \
                and doc[m.tok_start - 1].lower_ == "to":
            link = resolver.link((m.tok_start, m.tok_end), (m.tok_start - 1, m.tok_end))
            resolver.previous.pop()
            return [link]
    return []


def frames(doc: Any, lo: int, hi: int, found: Sequence[learned.Found], quoted: Sequence[Quote], resolver: Resolver,
           mentions: Sequence[Mention] = ()) -> list[Frame]:
    """The frames of the sentence [lo, hi), in text order."""
    out: list[Frame] = []
    mapped = (conventions(doc, f, lo, hi) for f in found)
    cues = sorted((f for f in mapped if reported(doc, f)), key=lambda f: f.cue)
    for k, f in enumerate(cues):
        start = doc[f.cue[0]].idx
        if any(q.open < start < (q.close or 0) for q in quoted):
            continue
        own = _speaker(doc, f.source, mentions) if f.source is not None else None
        source = own if own is not None else (out[-1].speaker if out else None)
        if source is None:
            continue
        head = (min(f.cue[0], f.source[0]), max(f.cue[1], f.source[1])) if f.source is not None and own else f.cue
        trailing = f.content is not None and f.content[1] <= f.cue[0]
        if trailing and f.content is not None:
            stop = cues[k + 1].cue[0] if k + 1 < len(cues) else hi
            rest = [t for t in doc[head[1]:stop] if not (t.is_punct or t.is_space)]
            end = stop if len(rest) <= 6 else head[1]  # "…,” KCNA said in a statement carried by KCNA."
            extent = (max(f.content[1], lo), max(end, f.content[1]))
        elif f.content is not None and f.content[0] >= f.cue[1]:
            stop = cues[k + 1].cue[0] if k + 1 < len(cues) else hi
            extent = (head[0], max(_content_start(doc, f.content, stop), head[1]))
        else:
            extent = head
        frame = Frame(f.cue, source, resolver.link(source, f.cue), extent, trailing, [])
        frame.chain = _media(doc, f.source, mentions, resolver) + [frame.link]
        if not trailing and any(t.lower_ in DATE_WORDS or t.like_num for t in doc[f.cue[1]:extent[1]]):
            frame.report = (extent[0], extent[1] - (doc[extent[1] - 1].lower_ == "that"))
        out.append(frame)
    return out
