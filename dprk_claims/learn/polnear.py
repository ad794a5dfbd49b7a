"""PolNeAR 1.0.0 (Newell, Margolin and Ruths, LREC 2018): political news with attribution relations in
brat standoff, read from ``<data>/polnear/<split>/`` (``text/<name>.txt`` and
``attributions/<name>_<annotator>.ann``). The corpus has no explicit licence: it is read where it lies,
and nothing of its text is copied into this package (only weights learned from it).

An article annotated by more than one annotator is read from the first annotation file in name order,
so every article counts once. An attribution is an ``E`` line tying a Cue to its Source and Content
(``Attribution-no-source`` ones have no Source); a part written in fragments (``315 448;463 553``) is
kept as its fragments. Lines that are not T or E lines (notes, continued text) are skipped.

Scoring (:func:`score`) compares spans as sets of character ranges: *exact* when the predicted range is
the gold one, *overlap* when they share a character; precision counts predicted spans that match a
gold one, recall gold spans matched by a predicted one. Content is also scored by token F1 on the
attributions whose cue was found. A *verb of saying* is a cue whose words include one of
:data:`SAYING` (forms of say, tell, state, …): the reported statements this dataset is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Range = tuple[int, int]
ROLES = ("cue", "source", "content")
T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
E_LINE = re.compile(r"^(E\d+)\t(\S.*)$")
SAYING = frozenset(
    "say says said saying tell tells told telling state states stated stating add adds added adding claim claims claimed "
    "claiming announce announces announced announcing declare declares declared declaring explain explains explained "
    "write writes wrote written insist insists insisted note notes noted argue argues argued warn warns warned "
    "report reports reported according deny denies denied confirm confirms confirmed ask asks asked respond responds "
    "responded reply replies replied suggest suggests suggested acknowledge acknowledged admit admits admitted "
    "tweet tweets tweeted tweeting accuse accuses accused allege alleges alleged describe describes described "
    "call calls called urge urges urged promise promised vow vows vowed quoted quote quotes".split())


@dataclass(frozen=True)
class Relation:
    cue: tuple[Range, ...]
    source: tuple[Range, ...]
    content: tuple[Range, ...]


@dataclass
class Article:
    name: str
    text: str
    relations: list[Relation] = field(default_factory=list)


def files(data_dir: Path, split: str) -> list[tuple[Path, Path]]:
    """(text file, the annotation file read for it), in name order."""
    root = data_dir / "polnear" / split
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return [(txt, anns[txt.stem]) for txt in sorted((root / "text").glob("*.txt")) if txt.stem in anns]


def parse_ann(ann: str) -> list[Relation]:
    spans: dict[str, tuple[str, tuple[Range, ...]]] = {}
    events: list[str] = []
    for line in ann.splitlines():
        m = T_LINE.match(line)
        if m:
            ranges = tuple((int(a), int(b)) for a, b in (part.split() for part in m.group(3).split(";")))
            spans[m.group(1)] = (m.group(2), ranges)
        elif E_LINE.match(line):
            events.append(line.split("\t", 1)[1])
    out = []
    for event in events:
        parts: dict[str, tuple[Range, ...]] = {}
        for arg in event.split():
            role, _, ref = arg.partition(":")
            if ref in spans and role in ("Cue", "Source", "Content"):
                parts[role] = parts.get(role, ()) + spans[ref][1]
        if parts.get("Cue"):
            out.append(Relation(tuple(sorted(parts["Cue"])), tuple(sorted(parts.get("Source", ()))),
                                tuple(sorted(parts.get("Content", ())))))
    return sorted(set(out), key=lambda r: (r.cue, r.source, r.content))


def read(data_dir: Path, split: str, sample: int | None = None) -> list[Article]:
    """The articles of one split (``train`` or ``dev``), the first ``sample`` of them if given."""
    out = []
    for txt, ann in files(data_dir, split)[:sample]:
        out.append(Article(txt.stem, txt.read_text(encoding="utf-8"), parse_ann(ann.read_text(encoding="utf-8"))))
    return out


def data_files(data_dir: Path, split: str, sample: int | None = None) -> dict[str, Path]:
    """Every file :func:`read` reads, by its name under the data folder (for the model card's hashes)."""
    out = {}
    for txt, ann in files(data_dir, split)[:sample]:
        out[txt.relative_to(data_dir).as_posix()] = txt
        out[ann.relative_to(data_dir).as_posix()] = ann
    return out


def is_saying(text: str, cue: Sequence[Range]) -> bool:
    words = re.findall(r"[a-z]+", " ".join(text[a:b] for a, b in cue).lower())
    return any(w in SAYING for w in words)


def _overlaps(a: Sequence[Range], b: Sequence[Range]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def span_counts(gold: Sequence[tuple[Range, ...]], pred: Sequence[tuple[Range, ...]]) -> list[int]:
    """[exact predicted right, exact gold found, overlap predicted right, overlap gold found, n predicted, n gold]
    of one article's spans of one role."""
    gset, pset = set(gold), set(pred)
    return [len(pset & gset), len(gset & pset), sum(1 for p in pset if any(_overlaps(p, g) for g in gset)),
            sum(1 for g in gset if any(_overlaps(p, g) for p in pset)), len(pset), len(gset)]


def _span_scores(c: Sequence[int]) -> dict[str, Any]:
    return {"exact": _prf(c[0], c[4], c[1], c[5]), "overlap": _prf(c[2], c[4], c[3], c[5]), "n_pred": c[4], "n_gold": c[5]}


def _words(ranges: Iterable[Range], text: str) -> set[Range]:
    out = set()
    for a, b in ranges:
        out |= {(a + m.start(), a + m.end()) for m in re.finditer(r"\w+|[^\w\s]", text[a:b])}
    return out


def score(articles: Sequence[Article], predicted: Sequence[Sequence[Relation]]) -> dict[str, Any]:
    """Cue, source and content P / R / F1 (exact and overlap), content token F1 on found cues, and the same
    on attributions whose cue is a verb of saying (recall of those, precision of predicted saying cues,
    source right on the found ones)."""
    out: dict[str, Any] = {}
    for subset in ("all", "saying"):
        counts = {role: [0] * 6 for role in ROLES}
        found = source_right = 0
        tok_tp = tok_p = tok_g = 0
        for art, preds in zip(articles, predicted, strict=True):
            keep_g = [r for r in art.relations if subset == "all" or is_saying(art.text, r.cue)]
            keep_p = [r for r in preds if subset == "all" or is_saying(art.text, r.cue)]
            for role in ROLES:
                got = span_counts([getattr(r, role) for r in keep_g if getattr(r, role)],
                                  [getattr(r, role) for r in keep_p if getattr(r, role)])
                counts[role] = [a + b for a, b in zip(counts[role], got, strict=True)]
            for g in keep_g:
                match = next((p for p in preds if _overlaps(p.cue, g.cue)), None)
                if match is None:
                    continue
                found += 1
                source_right += bool((not g.source and not match.source) or (g.source and match.source
                                                                               and _overlaps(g.source, match.source)))
                gw, pw = _words(g.content, art.text), _words(match.content, art.text)
                tok_tp, tok_p, tok_g = tok_tp + len(gw & pw), tok_p + len(pw), tok_g + len(gw)
        part: dict[str, Any] = {role: _span_scores(counts[role]) for role in ROLES}
        part["content_token_f1"] = _prf(tok_tp, tok_p, tok_tp, tok_g)["f1"]
        part["cue_found"] = found
        part["source_right_of_found"] = round(source_right / found, 4) if found else 0.0
        out[subset] = part
    return out
