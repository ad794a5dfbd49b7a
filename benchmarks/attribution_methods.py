"""Two ways of finding attributions (cue, source, content) learned from PolNeAR, measured alike (issue #12).

Run: python benchmarks/attribution_methods.py [--data ../shared/data] [--sample N] [--max-steps S] [--out FILE]
1. **linear**: the two LinearSVC token taggers of ``dprk_claims.learn.attribution`` (cues B/I/O, then
   source / content per cue within its sentence).
2. **spacy**: a pipeline trained by spaCy's own training loop (``spacy.cli.train.train`` on a config
   written here into a temporary folder): a shared tok2vec (HashEmbed of NORM / PREFIX / SUFFIX / SHAPE and
   a 4-layer CNN, no pretrained vectors), a ``span_finder`` proposing spans from token start / end
   probabilities, and a ``spancat`` labelling them CUE, SOURCE or CONTENT (overlapping spans allowed, so
   nested attributions are kept). Docs are paragraphs. Each predicted cue takes the nearest predicted
   SOURCE in its sentence and the nearest CONTENT touching its sentence (a content may run past it).

Both learn from the PolNeAR train split: the linear one from all of it, the spaCy one from its first
90% (the last 10% is spaCy's own dev set, for choosing the best checkpoint). Both are scored on PolNeAR
dev with ``polnear.score``; prediction is timed on the dev articles (articles per second). The process
runs on one CPU with one BLAS thread and fixed seeds; spaCy training is capped at ``--max-steps`` steps
(default 1500, about 10 minutes here) and stopped early after 1600 steps without gain. Nothing trained
is kept: the spaCy model lives in a temporary folder. This is a benchmark, not a test.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dprk_claims.learn import attribution_fit as attribution  # noqa: E402
from dprk_claims.learn import polnear  # noqa: E402
from dprk_claims.learn.polnear import Article, Relation  # noqa: E402

LABELS = {"cue": "CUE", "source": "SOURCE", "content": "CONTENT"}
PARA = re.compile(r"[^\n]+")
CONFIG = """
[paths]
train = null
dev = null
[system]
seed = {seed}
gpu_allocator = null
[nlp]
lang = "en"
pipeline = ["tok2vec","span_finder","spancat"]
batch_size = 256
[components]
[components.tok2vec]
factory = "tok2vec"
[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"
[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false
[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
[components.span_finder]
factory = "span_finder"
spans_key = "candidates"
threshold = 0.3
max_length = 60
[components.span_finder.model]
@architectures = "spacy.SpanFinder.v1"
[components.span_finder.model.scorer]
@layers = "spacy.LinearLogistic.v1"
nO = 2
[components.span_finder.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "tok2vec"
[components.spancat]
factory = "spancat"
spans_key = "sc"
threshold = 0.5
max_positive = 1
[components.spancat.suggester]
@misc = "spacy.preset_spans_suggester.v1"
spans_key = "candidates"
[components.spancat.model]
@architectures = "spacy.SpanCategorizer.v1"
[components.spancat.model.reducer]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 128
[components.spancat.model.scorer]
@layers = "spacy.LinearLogistic.v1"
[components.spancat.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = 96
upstream = "tok2vec"
[corpora]
[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
[training]
seed = ${{system.seed}}
gpu_allocator = null
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 0
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = ["span_finder"]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 600
compound = 1.001
[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.001
[training.score_weights]
spans_sc_f = 1.0
spans_sc_p = 0.0
spans_sc_r = 0.0
span_finder_candidates_f = 0.0
span_finder_candidates_p = 0.0
span_finder_candidates_r = 0.0
[initialize]
"""


def paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in PARA.finditer(text)]


def docbin(nlp: Any, articles: list[Article], path: Path) -> int:
    """The articles' paragraphs as Docs with their gold CUE / SOURCE / CONTENT spans (each fragment a span)."""
    from spacy.tokens import DocBin

    out = DocBin(store_user_data=False)
    n = 0
    for art in articles:
        parts = [(role, r) for rel in art.relations for role in LABELS for r in getattr(rel, role)]
        for p0, piece in paragraphs(art.text):
            doc = nlp.make_doc(piece)
            seen: dict[tuple[int, int, str], Any] = {}
            for role, (a, b) in parts:
                if p0 <= a and b <= p0 + len(piece):
                    span = doc.char_span(a - p0, b - p0, label=LABELS[role], alignment_mode="expand")
                    if span is not None and len(span):
                        seen.setdefault((span.start, span.end, span.label_), span)
            spans = [seen[k] for k in sorted(seen)]
            doc.spans["sc"] = spans
            doc.spans["candidates"] = spans
            out.add(doc)
            n += 1
    out.to_disk(path)
    return n


def train_spacy(train: list[Article], folder: Path, seed: int, max_steps: int) -> tuple[Any, float]:
    import spacy
    from spacy.cli.train import train as spacy_train

    blank = spacy.blank("en")
    cut = max(1, len(train) * 9 // 10) if len(train) > 1 else len(train)
    docbin(blank, train[:cut], folder / "train.spacy")
    docbin(blank, train[cut:] or train[-1:], folder / "dev.spacy")
    config = CONFIG.format(seed=seed, max_steps=max_steps, eval_frequency=max(50, min(500, max_steps // 6)))
    (folder / "config.cfg").write_text(config, encoding="utf-8")
    start = time.perf_counter()
    spacy_train(folder / "config.cfg", folder / "model",
                overrides={"paths.train": str(folder / "train.spacy"), "paths.dev": str(folder / "dev.spacy")})
    seconds = time.perf_counter() - start
    nlp = spacy.load(folder / "model" / "model-best")
    nlp.add_pipe("sentencizer", first=True)
    return nlp, seconds


def _gap(a: Any, b: Any) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


def _nearest(cue: Any, spans: list[Any], sent: Any, inside: bool) -> Any:
    """The span nearest the cue (not overlapping it), inside its sentence or (``inside`` False) touching it."""
    keep = [s for s in spans if (s.end <= cue.start or s.start >= cue.end)
            and ((sent.start <= s.start and s.end <= sent.end) if inside else (s.start < sent.end and sent.start < s.end))]
    return min(keep, key=lambda s: (_gap(s, cue), -len(s), s.start), default=None)


def relations_of(doc: Any, p0: int) -> list[Relation]:
    spans = list(doc.spans["sc"])
    scores = doc.spans["sc"].attrs.get("scores")
    scored = [(float(scores[i].max()) if scores is not None else 1.0, s) for i, s in enumerate(spans)]
    cues: list[Any] = []
    for _, s in sorted((x for x in scored if x[1].label_ == "CUE"), key=lambda x: (-x[0], x[1].start)):
        if all(s.end <= c.start or s.start >= c.end for c in cues):  # overlapping cues: the most confident
            cues.append(s)
    sources = [s for s in spans if s.label_ == "SOURCE"]
    contents = [s for s in spans if s.label_ == "CONTENT"]
    out = []
    for cue in sorted(cues, key=lambda s: s.start):
        sent = doc[cue.start].sent
        got = [_nearest(cue, sources, sent, True), _nearest(cue, contents, sent, False)]
        ch = [((p0 + s.start_char, p0 + s.end_char),) if s is not None else () for s in [cue] + got]
        out.append(Relation(ch[0], ch[1], ch[2]))
    return out


def predict_spacy(nlp: Any, text: str) -> list[Relation]:
    paras = paragraphs(text)
    out: list[Relation] = []
    for (p0, _), doc in zip(paras, nlp.pipe([p for _, p in paras]), strict=True):
        out += relations_of(doc, p0)
    return out


def timed(predict: Any, articles: list[Article]) -> tuple[list[list[Relation]], float]:
    start = time.perf_counter()
    got = [predict(a.text) for a in articles]
    return got, len(articles) / max(time.perf_counter() - start, 1e-9)


def figures(scores: dict[str, Any], train_s: float, per_s: float) -> dict[str, Any]:
    a, s = scores["all"], scores["saying"]
    out: dict[str, Any] = {}
    for role in polnear.ROLES:
        out[f"{role}_overlap_f1"] = a[role]["overlap"]["f1"]
        out[f"{role}_exact_f1"] = a[role]["exact"]["f1"]
    out |= {"saying_cue_overlap_r": s["cue"]["overlap"]["r"], "saying_cue_overlap_p": s["cue"]["overlap"]["p"],
            "source_right_of_found": a["source_right_of_found"], "content_token_f1": a["content_token_f1"],
            "train_seconds": round(train_s, 1), "articles_per_second": round(per_s, 1)}
    return out


HEAD = ["cue ovl F1", "source ovl F1", "content ovl F1", "cue exact F1", "source exact F1", "content exact F1",
        "saying cue R (ovl)", "saying cue P (ovl)", "source right of found", "content token F1", "train s", "articles/s"]
KEYS = ["cue_overlap_f1", "source_overlap_f1", "content_overlap_f1", "cue_exact_f1", "source_exact_f1", "content_exact_f1",
        "saying_cue_overlap_r", "saying_cue_overlap_p", "source_right_of_found", "content_token_f1", "train_seconds",
        "articles_per_second"]


def table(rows: dict[str, dict[str, Any]]) -> str:
    lines = ["| method | " + " | ".join(HEAD) + " |", "|---" * (len(HEAD) + 1) + "|"]
    for name, fig in rows.items():
        lines.append(f"| {name} | " + " | ".join(str(fig[k]) for k in KEYS) + " |")
    return "\n".join(lines)


def default_data() -> Path:
    env = os.environ.get("DPRK_CLAIMS_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data(),
                        help="folder holding polnear/ (default $DPRK_CLAIMS_DATA, else ../shared/data next to the repository)")
    parser.add_argument("--sample", type=int, default=None, help="use only the first N train and N dev articles")
    parser.add_argument("--max-steps", type=int, default=1500, help="cap on spaCy training steps (default 1500)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here (default: print only)")
    args = parser.parse_args()
    if not (args.data / "polnear" / "train" / "text").is_dir():
        print(f"{args.data / 'polnear' / 'train'}: not found; give --data the folder that holds polnear/")
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from spacy.util import fix_random_seed

    fix_random_seed(args.seed)
    train, dev = polnear.read(args.data, "train", args.sample), polnear.read(args.data, "dev", args.sample)
    rows: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="attribution-spacy-") as tmp:
        nlp, spacy_s = train_spacy(train, Path(tmp), args.seed, args.max_steps)
        predict_spacy(nlp, dev[0].text)  # warm up before timing
        got, per_s = timed(lambda text: predict_spacy(nlp, text), dev)
        spacy_fig = figures(polnear.score(dev, got), spacy_s, per_s)
    start = time.perf_counter()
    tagger = attribution.fit(train)
    linear_s = time.perf_counter() - start
    attribution.predict_article(tagger, dev[0].text)
    got, per_s = timed(lambda text: attribution.predict_article(tagger, text), dev)
    rows["linear (LinearSVC taggers)"] = figures(polnear.score(dev, got), linear_s, per_s)
    rows["spacy (span_finder + spancat)"] = spacy_fig
    print(f"\nPolNeAR dev, {len(dev)} articles; trained on {len(train)} train articles (spaCy: first 90%, "
          f"last 10% its dev), spaCy steps capped at {args.max_steps}, seed {args.seed}, one CPU\n")
    print(table(rows))
    if args.out:
        result = {"dev_articles": len(dev), "train_articles": len(train), "max_steps": args.max_steps, "seed": args.seed, "methods": rows}
        args.out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
