"""Attribution (cue, source, content), learned from PolNeAR with two linear token classifiers.

1. **Cues.** Every token of a sentence is tagged B (first token of a cue), I (inside one) or O from its
   words and their neighbours: the word, its shape and suffix, the two words either side, whether it
   stands inside quotation marks, and what punctuation is next to it.
2. **Source and content of a cue.** Every other token of the cue's sentence is tagged S (source),
   C (content) or O, from the word, the cue's words, which side of the cue the token is on and how far,
   and what lies between them (commas, quotation marks, "that"). The source is the run of S tokens
   nearest the cue; the content the run of C tokens nearest it (gaps of one or two tokens bridged).

Both are scikit-learn LinearSVC models on hashed features of spaCy's blank English tokenizer (the
annotator's own tokens), stored as :mod:`.linear` arrays; nothing of PolNeAR's text is stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import linear
from .attribution_columns import bucket as _bucket
from .attribution_columns import cue_columns, role_columns
from .features import DIGIT

QUOTES = set("“”\"")
OPEN = set("“")
N_FEATURES = 2**20
PARAMS: dict[str, Any] = {"C_cue": 1.0, "C_role": 0.3, "n_features": N_FEATURES, "random_state": 0, "bridge": 4, "source_bridge": 2}
Span = tuple[int, int]  # token start, end
_LEXEMES: dict[str, dict[int, tuple[str, str, str, bool]]] = {}  # language -> {orth: text, word, shape, is_title}


@dataclass(frozen=True)
class Found:
    """One attribution in token offsets: the cue, its source (or None) and its content (or None)."""
    cue: Span
    source: Span | None
    content: Span | None


def _word(tok: Any) -> str:
    return DIGIT.sub("0", tok.lower_)


def _inside_quotes(texts: Sequence[str]) -> list[bool]:
    """Whether each token of a sentence stands inside a quotation (curly marks, or straight ones by parity)."""
    out, inside = [], False
    for t in texts:
        if t == "“" or (t == '"' and not inside):
            out.append(False)
            inside = True
        elif t == "”" or (t == '"' and inside):
            out.append(False)
            inside = False
        else:
            out.append(inside)
    return out


class Sentence:
    """What the features read of a sentence's tokens, fetched from spaCy once per sentence (not once per
    cue), with the prefix counts and the cue-independent role features made on first use."""

    def __init__(self, toks: Sequence[Any]) -> None:
        self.texts = [t.text for t in toks]
        self.words = [_word(t) for t in toks]
        self.shapes = [t.shape_ for t in toks]
        self.titles = [t.is_title for t in toks]
        self.quoted = _inside_quotes(self.texts)
        self._counts: tuple[list[int], list[int], list[int], list[bool]] | None = None
        self._own: dict[str, list[tuple[str, str, str, str, str]]] = {}

    @classmethod
    def of_orths(cls, vocab: Any, orths: Sequence[int]) -> Sentence:
        """The same as ``Sentence(tokens)`` from the tokens' orth ids (what is read depends on the word alone),
        each distinct word read from the vocabulary once per process."""
        sent = cls([])
        known = _LEXEMES.setdefault(vocab.lang, {})
        for orth in orths:
            entry = known.get(orth)
            if entry is None:
                lex = vocab[orth]
                entry = known[orth] = (lex.orth_, DIGIT.sub("0", lex.lower_), lex.shape_, lex.is_title)
            sent.texts.append(entry[0])
            sent.words.append(entry[1])
            sent.shapes.append(entry[2])
            sent.titles.append(entry[3])
        sent.quoted = _inside_quotes(sent.texts)
        return sent

    def counts(self) -> tuple[list[int], list[int], list[int], list[bool]]:
        """Prefix counts of commas, quotation marks and "that" (what lies between a token and the cue), and
        whether a "that", ":" or opening quotation mark comes later in the sentence."""
        if self._counts is None:
            words, n = self.words, len(self.words)
            commas, marks, thats, ahead = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [False] * (n + 1)
            for i in range(n - 1, -1, -1):
                ahead[i] = ahead[i + 1] or words[i] in ("that", ":", "“")
            for i, text in enumerate(self.texts):
                commas[i + 1] = commas[i] + (text in (",", ";", ":", "—", "–"))
                marks[i + 1] = marks[i] + (text in QUOTES)
                thats[i + 1] = thats[i] + (words[i] == "that")
            self._counts = commas, marks, thats, ahead
        return self._counts

    def own(self, side: str) -> list[tuple[str, str, str, str, str]]:
        """The role features of each token that do not depend on the cue, on one side of it."""
        if side not in self._own:
            words, out = self.words, []
            for j, w in enumerate(words):
                prev = words[j - 1] if j else "<s>"
                nxt = words[j + 1] if j + 1 < len(words) else "</s>"
                out.append((f"{side}w={w}", f"{side}p={prev}", f"{side}n={nxt}", f"{side}pw={prev}_{w}", f"{side}s3={w[-3:]}"))
            self._own[side] = out
        return self._own[side]


def cue_features(toks: Sequence[Any] | Sentence) -> list[list[str]]:
    sent = toks if isinstance(toks, Sentence) else Sentence(toks)
    words = ["<s2>", "<s1>"] + sent.words + ["</s1>", "</s2>"]
    rows = []
    for i, (shape, title, q) in enumerate(zip(sent.shapes, sent.titles, sent.quoted, strict=True)):
        k = i + 2
        w, p, n, pp = words[k], words[k - 1], words[k + 1], words[k - 2]
        f = [f"w={w}", f"p={p}", f"n={n}", f"pp={pp}", f"nn={words[k + 2]}", f"pw={p}_{w}", f"wn={w}_{n}", f"s3={w[-3:]}",
             f"sh={shape}", f"q={q}", f"qw={q}_{w}", f"pos={min(i, 5)}", f"ppw={pp}_{p}_{w}"]
        if title:
            f.append("title")
        rows.append(f)
    return rows


def role_features(toks: Sequence[Any] | Sentence, cue: Span) -> list[list[str]]:
    """Features of every token of the sentence with respect to one cue (cue tokens get a row too, unused)."""
    sent = toks if isinstance(toks, Sentence) else Sentence(toks)
    words, quoted = sent.words, sent.quoted
    cue_words = words[cue[0]:cue[1]]
    head = cue_words[-1] if cue_words else ""
    first = cue_words[0] if cue_words else ""
    before = words[cue[0] - 1] if cue[0] else "<s>"  # what the cue follows and precedes: "…,” said X", "X said, “…"
    after = words[cue[1]] if cue[1] < len(words) else "</s>"
    commas, marks, thats, ahead = sent.counts()
    last = len(words) - 1
    rows: list[list[str]] = []
    for j in range(len(words)):
        if cue[0] <= j < cue[1]:
            rows.append([])
            continue
        side = "L" if j < cue[0] else "R"
        lo, hi = (j + 1, cue[0]) if side == "L" else (cue[1], j)
        d = cue[0] - j if side == "L" else j - cue[1] + 1
        b = _bucket(d)
        c = min(commas[hi] - commas[lo], 2)
        m = min(marks[hi] - marks[lo], 2)
        t = min(thats[hi] - thats[lo], 1)
        w_, p_, n_, pw_, s3_ = sent.own(side)[j]
        rows.append([f"{side}", f"{side}{b}", w_, f"{side}{b}w={words[j]}", f"{side}c{c}", f"{side}m{m}", f"{side}t{t}",
                     f"{side}c{c}m{m}t{t}b{b}", f"{side}h={head}", f"{side}f={first}", f"{side}h={head}c{c}m{m}",
                     f"{side}q={quoted[j]}m{m}", f"{side}sh={sent.shapes[j]}b{b}", p_, n_, pw_,
                     f"{side}title={sent.titles[j]}c{c}", s3_, f"{side}cb={before}{b}", f"{side}ca={after}{b}",
                     f"{side}h={head}at{min(j, 3)}c{c}", f"{side}a={ahead[j + 1]}t{t}c{c}", f"{side}a={ahead[j + 1]}h={head}",
                     f"{side}end={j == last or words[j + 1] in ('.', '?', '!')}c{c}"])
    return rows


def decode_cues(labels: Sequence[str], join: int = 2) -> list[Span]:
    """Token spans of B/I tags. An I with no B before it continues the cue just before it when at most
    ``join`` tokens lie between ("said [in] a …"), and starts a cue otherwise."""
    out: list[list[int]] = []
    open_ = False
    for i, lab in enumerate(labels):
        if lab == "B":
            out.append([i, i + 1])
            open_ = True
        elif lab == "I" and open_:
            out[-1][1] = i + 1
        elif lab == "I" and out and i - out[-1][1] <= join:
            out[-1][1] = i + 1
            open_ = True
        elif lab == "I":
            out.append([i, i + 1])
            open_ = True
        else:
            open_ = False
    return [(a, b) for a, b in out]


def decode_role(labels: Sequence[str], cue: Span, role: str, bridge: int) -> Span | None:
    """The run of ``role`` tags nearest the cue, runs closer than ``bridge`` tokens joined."""
    runs: list[list[int]] = []
    for j, lab in enumerate(labels):
        if lab != role or cue[0] <= j < cue[1]:
            continue
        if runs and j - runs[-1][1] <= bridge and not (runs[-1][1] <= cue[0] <= j):
            runs[-1][1] = j + 1
        else:
            runs.append([j, j + 1])
    if not runs:
        return None
    def distance(r: list[int]) -> int:
        return cue[0] - r[1] if r[1] <= cue[0] else r[0] - cue[1]

    best = min(runs, key=lambda r: (distance(r), -(r[1] - r[0])))
    return best[0], best[1]


class Tagger:
    """The two models, and the article-level prediction from them."""

    def __init__(self, cue: linear.Linear, role: linear.Linear, params: dict[str, Any] = PARAMS) -> None:
        self.cue, self.role, self.params = cue, role, params

    def sentences(self, sents: Sequence[Sequence[Any] | Sentence]) -> list[list[Found]]:
        """The attributions of each sentence (lists of tokens, or Sentences), with one call per model for them all."""
        read = [s if isinstance(s, Sentence) else Sentence(s) for s in sents]
        rows = [row for sent in read for row in cue_columns(sent, self.cue.n_features)]
        tags = self.cue.predict_columns(rows)
        cues, pos = [], 0
        for sent in read:
            cues.append(decode_cues(tags[pos:pos + len(sent.words)]))
            pos += len(sent.words)
        role_rows = [row for sent, mine in zip(read, cues, strict=True) for cue in mine
                     for row in role_columns(sent, cue, self.role.n_features)]
        labels = self.role.predict_columns(role_rows)
        out, pos = [], 0
        for sent, mine in zip(read, cues, strict=True):
            found = []
            for cue in mine:
                part = labels[pos:pos + len(sent.words)]
                pos += len(sent.words)
                source = decode_role(part, cue, "S", self.params.get("source_bridge", 0))
                found.append(Found(cue, source, decode_role(part, cue, "C", self.params["bridge"])))
            out.append(found)
        return out


def token_sentences(doc: Any) -> list[list[Any]]:
    """The sentencizer's sentences as token lists, cut at line breaks too, with an opening quotation mark
    left at the end of a sentence moved to the sentence it opens (as the annotator's splitter does)."""
    sents: list[list[Any]] = []
    for sent in doc.sents:
        cur: list[Any] = []
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if cur:
                    sents.append(cur)
                cur = []
            else:
                cur.append(tok)
        if cur:
            sents.append(cur)
    for prev, nxt in zip(sents, sents[1:], strict=False):
        while len(prev) > 1 and prev[-1].text in "“‘\"'(" and prev[-2].whitespace_ and prev[-1].i + 1 == nxt[0].i:
            nxt.insert(0, prev.pop())
    return [s for s in sents if s]


def save(folder: Path, tagger: Tagger) -> None:
    for name, model in (("cue", tagger.cue), ("role", tagger.role)):
        (folder / name).mkdir(parents=True, exist_ok=True)
        linear.save_model(folder / name, model, {"method": "LinearSVC on hashed spaCy-tokenizer features", "params": tagger.params})


def load(folder: Path) -> Tagger:
    import json

    meta = json.loads((folder / "cue" / "model.json").read_text(encoding="utf-8"))
    return Tagger(linear.load(folder / "cue"), linear.load(folder / "role"), dict(meta.get("params", PARAMS)))
