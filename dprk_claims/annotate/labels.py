"""Claim types (AVeriTeC) and factuality (FactBank) from the words of the span, its attribution and its
layers, by the rules of docs/annotation-guidelines.md. Check-worthiness is learned: see ``checkworthy``."""

from __future__ import annotations

import re
from typing import Any

POSITION_CUES = {"urged", "urges", "urging", "called for", "calls for", "calling for", "is calling for", "asked for", "asking for",
                 "demanded", "demands", "demanding", "vowed", "vows", "vowing", "warned", "warns", "warning", "has warned",
                 "threatened", "threatens", "threatening", "pledged", "insisted", "insists"}
HEDGE_CUES = {"believed", "believe", "believes", "think", "thinks", "say", "suggested"}
EVALUATIVE = set(("flagrant hostile dangerous unlawful illegal nasty outrageous shameful regrettable irresponsible reckless "
                  "unacceptable absurd ridiculous deplorable provocative provocation provocations silent deafeningly credibility "
                  "destabilizing destabilising brutal heinous cynical hypocritical aggressive threatening disgraceful unjust "
                  "legitimate fair unfair baseless groundless disastrous grave serious alarming worrying welcome important "
                  "clear recurrent artificial").split())
STANCE = re.compile(r"\b(we|us|our|let us|i)\b.*\b(will|would|shall|must|should|stand ready|want|hope|love|call|urge|demand|"
                    r"begin|need|are determined|remain committed|will not)\b|\bshall\b|\bmust\b|\bshould\b", re.I)
CAUSAL = re.compile(r"\b(because|due to|as a result|in order to|so that|in an effort to|meant to|aimed at|results? in|"
                    r"led to|caused?|after .{3,60} broke down)\b", re.I)
# Modals are matched in lower case: "May" is the month far more often than a sentence-initial modal.
MODAL = re.compile(r"\b(may|might|could|would|will|likely|possibly|expected to|Could|Would|Will|Might)\b")
POSSIBLE = re.compile(r"\b(may|might|could|likely|Could|Might)\b")
CONDITIONAL = re.compile(r"\b(if|unless)\b", re.I)
NEGATION = re.compile(r"\b(not|never|no|failed to|without|refused to|n't)\b|n’t\b", re.I)
ALLEGED = re.compile(r"\b(alleged|allegedly|claimed|purported|reportedly)\b", re.I)


def claim_types(span: str, quote_type: str, cue: str | None, quantities: list[Any], dated: bool) -> list[str]:
    types = []
    evaluative = len(set(re.findall(r"[a-z]+", span.lower())) & EVALUATIVE)
    opinion = evaluative >= (1 if quote_type != "none" else 2)
    speculative = bool(MODAL.search(span) and (CONDITIONAL.search(span) or POSSIBLE.search(span)))
    intention = quote_type != "none" and not speculative and bool(re.search(r"\b(would|will|shall)\b", span, re.I))
    position = cue in POSITION_CUES or intention or (quote_type != "none" and bool(STANCE.search(span)))
    if not (opinion or position or speculative) or dated:
        types.append("event_property")
    if quantities:
        types.append("numerical")
    if position:
        types.append("position_statement")
    if quote_type in ("direct", "mixed"):
        types.append("quote_verification")
    if CAUSAL.search(span):
        types.append("causal")
    if speculative:
        types.append("speculative")
    if opinion and not position:
        types.append("opinion")
    return types


def factuality(span: str, quote_type: str, cue: str | None) -> dict[str, str | None]:
    negated = bool(NEGATION.search(span))
    if quote_type == "none":
        author = "Uu" if ALLEGED.search(span) else ("CT-" if negated else "CT+")
        return {"author": author, "source": None}
    if cue in HEDGE_CUES or (cue or "").endswith("say"):
        source = "PR-" if negated else "PR+"
    elif POSSIBLE.search(span) or (CONDITIONAL.search(span) and MODAL.search(span)):
        source = "PS-" if negated else "PS+"
    elif re.search(r"\b(would|will)\b", span, re.I) and quote_type == "indirect":
        source = "PR-" if negated else "PR+"
    elif cue in ("threatening", "threatened", "threatens"):
        source = "PS+"
    else:
        source = "CT-" if negated else "CT+"
    return {"author": "Uu", "source": source}
