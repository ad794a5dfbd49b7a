"""Attribution frames (PARC 3.0): what the claim drafting reads of one reporting event.

A :class:`Frame` is made from the learned tagger's cue, source and content in :mod:`.frames`; who a
source is (its knowledge-base link, name and kind) is worked out in :mod:`.speakers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AUX = ["has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "previously", "repeatedly", "later", "earlier"]
DATE_WORDS = set("monday tuesday wednesday thursday friday saturday sunday today yesterday january february march april june "
                 "july august september october november december".split())


@dataclass
class Frame:
    cue: tuple[int, int]  # token span of the cue
    speaker: tuple[int, int] | None  # token span of the source
    link: dict[str, Any]
    extent: tuple[int, int]  # tokens of source, cue and what binds them
    trailing: bool  # the content comes before the frame ("…,” Smith said)
    chain: list[dict[str, Any]] = field(default_factory=list)
    report: tuple[int, int] | None = None  # "Smith said in a letter … on Monday": the reporting event, a claim itself


def with_auxiliaries(doc: Any, s: int, lo: int = 0) -> int:
    """The start of the cue with the auxiliaries and adverbs before its verb ("has also warned")."""
    while s > lo and doc[s - 1].lower_ in AUX:
        s -= 1
    return s
