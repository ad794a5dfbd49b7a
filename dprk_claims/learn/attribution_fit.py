"""Training the attribution tagger (:mod:`.attribution`) on PolNeAR, and its figures.

The tagger learns from PolNeAR train (``python build_dataset.py train --only attribution``). Its settings
were chosen on the last 84 articles of train, held out while choosing (see ``TUNE``); the published
figures are on PolNeAR dev, which neither training nor the choice of settings saw. To score against
PolNeAR, whose content spans run over several sentences, a prediction keeps quotations whole: a content
that opens a quotation runs to its end, and the quotations that follow in the same paragraph, each
opening its sentence with no cue of its own, belong to the same content (the annotator's claims follow
the same rule: a quotation with no cue of its own takes the speaker of the one before it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import linear, polnear
from .attribution import PARAMS, Span, Tagger, cue_features, role_features, token_sentences
from .polnear import Article, Relation

TUNE = 84  # the last TUNE articles of PolNeAR train were held out to choose PARAMS


def _tok_labels(toks: Sequence[Any], ranges: Sequence[tuple[int, int]]) -> list[bool]:
    return [any(a < t.idx + len(t.text) and t.idx < b for a, b in ranges) for t in toks]


def examples(articles: Sequence[Article]) -> tuple[list[list[str]], list[str], list[list[str]], list[str]]:
    """Cue rows and tags, role rows and tags, from gold relations (the role model learns from gold cues)."""
    from .features import sentencizer

    nlp = sentencizer()
    cue_x: list[list[str]] = []
    cue_y: list[str] = []
    role_x: list[list[str]] = []
    role_y: list[str] = []
    for art in articles:
        for toks in token_sentences(nlp(art.text)):
            s0, s1 = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            rels = [r for r in art.relations if s0 <= r.cue[0][0] < s1]
            tags = ["O"] * len(toks)
            for rel in rels:
                inside = [i for i, hit in enumerate(_tok_labels(toks, rel.cue)) if hit]
                for n, i in enumerate(inside):
                    tags[i] = "B" if n == 0 and tags[i] == "O" else ("I" if tags[i] == "O" else tags[i])
                if not inside:
                    continue
                cue = (inside[0], inside[-1] + 1)
                src, con = _tok_labels(toks, rel.source), _tok_labels(toks, rel.content)
                for j, feats in enumerate(role_features(toks, cue)):
                    if feats:
                        role_x.append(feats)
                        role_y.append("S" if src[j] else "C" if con[j] else "O")
            cue_x += cue_features(toks)
            cue_y += tags
    return cue_x, cue_y, role_x, role_y


def fit_one(rows: Sequence[list[str]], labels: Sequence[str], c: float, params: dict[str, Any]) -> linear.Linear:
    from sklearn.svm import LinearSVC
    from threadpoolctl import threadpool_limits

    from .features import hasher

    matrix = hasher(params["n_features"]).transform(rows)
    with threadpool_limits(1):
        svm = LinearSVC(C=c, random_state=params["random_state"], max_iter=3000).fit(matrix, list(labels))
    return linear.from_sklearn(svm, params["n_features"])


def fit(articles: Sequence[Article], params: dict[str, Any] = PARAMS) -> Tagger:
    cue_x, cue_y, role_x, role_y = examples(articles)
    return Tagger(fit_one(cue_x, cue_y, params["C_cue"], params), fit_one(role_x, role_y, params["C_role"], params), params)


def predict_article(tagger: Tagger, text: str) -> list[Relation]:
    """Relations in character ranges, for scoring against PolNeAR."""
    from .features import sentencizer

    sents = token_sentences(sentencizer()(text))
    pairs = quote_pairs(text)
    found = tagger.sentences(sents)
    cued = [bool(f) for f in found]
    out = []
    for k, (toks, mine) in enumerate(zip(sents, found, strict=True)):
        for f in mine:
            content = [whole_quote(r, pairs) for r in _chars(toks, f.content)]
            if content and any(o <= content[-1][0] <= o + 1 or o < content[-1][1] <= c + 1 for o, c in pairs):
                content += continued_quotes(text, sents, cued, k, pairs, content[-1][1])
            out.append(Relation(_chars(toks, f.cue), _chars(toks, f.source), tuple(content)))
    return out


def continued_quotes(text: str, sents: Sequence[Sequence[Any]], cued: Sequence[bool], k: int,
                     pairs: Sequence[tuple[int, int]], after: int) -> list[tuple[int, int]]:
    """The quotations that follow sentence k in the same paragraph, each opening its sentence and with no
    cue of its own ("“…,” Smith said. “…”"): the same speaker goes on, and the quotation is his content."""
    out: list[tuple[int, int]] = []
    for j in range(k + 1, len(sents)):
        first = sents[j][0].idx
        if cued[j] or "\n" in text[after:first] or text[first] not in "“\"":
            break
        pair = next(((o, c) for o, c in pairs if o == first), None)
        if pair is None:
            break
        if not out or pair[0] >= out[-1][1]:
            out.append((pair[0], pair[1] + 1))
        after = pair[1] + 1
    return out


def quote_pairs(text: str, longest: int = 2000) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the quotations of a text: curly marks matched as they nest, straight
    double marks paired within a paragraph."""
    pairs, stack = [], []
    for i, ch in enumerate(text):
        if ch == "“":
            stack.append(i)
        elif ch == "”" and stack:
            o = stack.pop()
            if i - o <= longest:
                pairs.append((o, i))
        elif ch == "\n":
            stack.clear()
    for para_start, para in _paragraphs(text):
        marks = [para_start + k for k, ch in enumerate(para) if ch == '"']
        pairs += [(marks[k], marks[k + 1]) for k in range(0, len(marks) - 1, 2) if marks[k + 1] - marks[k] <= longest]
    return sorted(pairs)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def whole_quote(r: tuple[int, int], pairs: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """A content range that opens a quotation running past it ends where the quotation ends; one that
    closes a quotation opened before it starts where the quotation opens (quotes over several sentences)."""
    a, b = r
    for o, c in pairs:
        if o <= a <= o + 1 and b <= c:
            b = c + 1
        elif b - 2 <= c < b and o < a:
            a = o
    return a, b


def _chars(toks: Sequence[Any], span: Span | None) -> tuple[tuple[int, int], ...]:
    if span is None:
        return ()
    return ((toks[span[0]].idx, toks[span[1] - 1].idx + len(toks[span[1] - 1].text)),)

def digest(files: dict[str, Path]) -> str:
    """One sha256 over the names and sha256 of many files (a corpus split), in name order."""
    import hashlib

    total = hashlib.sha256()
    for name in sorted(files):
        total.update(f"{name}\t{hashlib.sha256(files[name].read_bytes()).hexdigest()}\n".encode())
    return total.hexdigest()


def figures(scored: dict[str, Any], articles: int) -> dict[str, Any]:
    """The published subset of :func:`polnear.score`: per subset, every role's exact and overlap P/R/F1,
    content token F1 and how often the source is right on the found cues."""
    out: dict[str, Any] = {"articles": articles}
    for subset, part in scored.items():
        out[subset] = {role: {"exact": part[role]["exact"], "overlap": part[role]["overlap"], "n_gold": part[role]["n_gold"]}
                       for role in polnear.ROLES}
        out[subset]["content_token_f1"] = part["content_token_f1"]
        out[subset]["source_right_of_found"] = part["source_right_of_found"]
    return out


def train(data_dir: Path, out_dir: Path, sample: int | None = None) -> dict[str, Any]:
    """The trainer registered in :mod:`dprk_claims.curate.train`: fit on PolNeAR train, score on PolNeAR dev."""
    from .attribution import save

    articles = polnear.read(data_dir, "train", sample)
    dev = polnear.read(data_dir, "dev", sample)
    tagger = fit(articles)
    save(out_dir, tagger)
    scored = polnear.score(dev, [predict_article(tagger, a.text) for a in dev])
    data = {f"polnear/train/ ({len(articles)} articles, text and annotations)": digest(polnear.data_files(data_dir, "train", sample)),
            f"polnear/dev/ ({len(dev)} articles, scored only)": digest(polnear.data_files(data_dir, "dev", sample))}
    return {"figures": {"polnear_dev": figures(scored, len(dev))}, "data": data, "params": dict(PARAMS, tune_articles=TUNE)}
