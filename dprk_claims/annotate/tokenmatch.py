"""The annotator's token patterns matched as spaCy's Matcher matches them, several times faster.

spaCy's Matcher starts every pattern at every token and tests its first token there (all ~35 patterns
at each of an article's ~550 tokens). Every token spec of the annotator's patterns reads only what a
word is (its text, lower case, shape, number-likeness: attributes of the lexeme), so here each spec is
tested once per distinct word, by a spaCy Matcher of one-token patterns (spaCy's own predicates), and
remembered; a pattern is started only where its first spec holds. The automaton that runs the
patterns is the Matcher's own (``find_matches`` and ``transition_states`` in spaCy's matcher.pyx, for
the quantifiers used here: one, and ``?``), so the matches, their order and the ``greedy="LONGEST"``
filter are the Matcher's: the same list of (key, start, end). ``tests/annotate/test_tokenmatch.py``
compares the two on real and generated text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

Pattern = list[dict[str, Any]]


class TokenMatcher:
    """Called on a Doc, returns what ``Matcher(doc)`` returns for the same patterns added in the same
    order, each key with ``greedy="LONGEST"``."""

    def __init__(self, vocab: Any, entries: Sequence[tuple[str, Pattern]]) -> None:
        from spacy.matcher import Matcher

        self.vocab = vocab
        spec_ids: dict[str, int] = {}
        self.patterns: list[tuple[int, tuple[tuple[int, bool], ...]]] = []  # (key, ((spec, optional), …))
        for name, pattern in entries:
            steps = []
            for token in pattern:
                spec = {k: v for k, v in token.items() if k != "OP"}
                op = token.get("OP")
                if op not in (None, "?") or not spec:
                    raise ValueError(f"token spec {token!r}: only one-token specs with no OP or OP '?' are supported")
                steps.append((spec_ids.setdefault(json.dumps(spec, sort_keys=True), len(spec_ids)), op == "?"))
            if not steps or steps[0][1]:
                raise ValueError(f"pattern {name!r}: it must start with a required token")
            self.patterns.append((vocab.strings.add(name), tuple(steps)))
        self.specs = Matcher(vocab)
        for text, k in spec_ids.items():
            self.specs.add(str(k), [[json.loads(text)]])
        self._spec_of = {vocab.strings.add(str(k)): k for k in spec_ids.values()}
        self._steps = [(key, [(1 << spec, optional, k == len(steps) - 1) for k, (spec, optional) in enumerate(steps)])
                       for key, steps in self.patterns]  # per step: its spec's bit, whether optional, whether last
        self._lexemes: dict[int, tuple[int, tuple[int, ...]]] = {}  # orth -> (specs it meets as a bit mask, patterns it starts)

    def _learn(self, orths: set[int]) -> None:
        from spacy.tokens import Doc

        words = [self.vocab.strings[o] for o in orths]
        masks = [0] * len(words)
        for key, i, _ in self.specs(Doc(self.vocab, words=words, spaces=[False] * len(words))):
            masks[i] |= 1 << self._spec_of[key]
        for orth, mask in zip(orths, masks, strict=True):
            starts = tuple(n for n, (_, steps) in enumerate(self.patterns) if mask >> steps[0][0] & 1)
            self._lexemes[orth] = (mask, starts)

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        from spacy.attrs import ORTH

        orths = doc.to_array(ORTH).tolist() if len(doc) else []
        lexemes = self._lexemes
        new = {o for o in orths if o not in lexemes}
        if new:
            self._learn(new)
        found = self._run([lexemes[o] for o in orths])
        return _longest(found, len(orths))

    def _run(self, tokens: list[tuple[int, tuple[int, ...]]]) -> list[tuple[int, int, int]]:
        """The Matcher's matches before filtering: (key, start, end) in the order it finds them. Per state,
        the Matcher's get_action for the quantifiers one and ``?`` (a ``?`` spec that does not hold is
        skipped on the same token; one that holds both continues on the next token and is skipped)."""
        steps_of = self._steps
        states: list[tuple[int, int, int, int]] = []  # (pattern, step, start, length), in the Matcher's order
        out: list[tuple[int, int, int]] = []
        for i, (mask, starts) in enumerate(tokens):
            if starts:
                states.extend((n, 0, i, 0) for n in starts)  # the others are rejected at once, leaving no trace
            if not states:
                continue
            kept: list[tuple[int, int, int, int]] = []
            added: list[tuple[int, int, int, int]] = []
            for n, step, start, length in states:
                key, steps = steps_of[n]
                while True:
                    bit, optional, final = steps[step]
                    if not optional:
                        if mask & bit:
                            if final:
                                out.append((key, start, start + length + 1))  # MATCH
                            else:
                                kept.append((n, step + 1, start, length + 1))  # ADVANCE
                        break  # or REJECT
                    if mask & bit:
                        if final:  # MATCH_DOUBLE
                            if length > 0:
                                out.append((key, start, start + length))
                            out.append((key, start, start + length + 1))
                            break
                        added.append((n, step + 1, start, length + 1))  # RETRY_ADVANCE
                    elif final:
                        out.append((key, start, start + length))  # MATCH_REJECT
                        break
                    step += 1  # RETRY (and the second half of RETRY_ADVANCE)
            states = kept + added
        for n, step, start, length in states:  # finish_states: patterns whose remaining specs are all optional
            key, steps = steps_of[n]
            while steps[step][1]:
                if steps[step][2]:
                    out.append((key, start, start + length))
                    break
                step += 1
        seen: set[tuple[int, int, int]] = set()
        unique = []
        for m in out:
            if m not in seen and m[2] > m[1]:
                seen.add(m)
                unique.append(m)
        return unique


def _longest(found: list[tuple[int, int, int]], length: int) -> list[tuple[int, int, int]]:
    """The Matcher's ``greedy="LONGEST"`` filter: per key (in the order keys are first found), the longest
    matches first, then the earliest, each kept if none of its tokens is taken by a kept one."""
    by_key: dict[int, list[tuple[int, int]]] = {}
    for key, start, end in found:
        by_key.setdefault(key, []).append((start, end))
    final = []
    for key, pairs in by_key.items():
        taken = bytearray(length)
        for start, end in sorted(pairs, key=lambda x: (x[1] - x[0], -x[0]), reverse=True):
            if not any(taken[start:end]):
                final.append((key, start, end))
                taken[start:end] = b"\x01" * (end - start)
    return final
