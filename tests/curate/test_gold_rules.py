"""Rules of guidelines 1.3.0, checked on the built gold and shown to catch the case they forbid (issue #14, point 4).

Each check returns what breaks the rule; a tiny fixture named after the case shows it fails, and the gold
must give nothing.
"""

from __future__ import annotations

import json
import re
from typing import Any

from conftest import ROOT

DATASET = ROOT / "dataset" / "jsonl"
OPENING, CLOSING = "“‘\"", "”’\""
AGENCIES = {"afp", "reuters", "ap", "yonhap", "kcna", "xinhua", "tass"}
# TIMEX3 (TimeML 1.2.1) values: value ::= Duration | Date | Time | WeekDate | ... ; no start/end interval.
_DATE = r"(\d{4}|XXXX)(-(\d{2}|XX)(-(\d{2}|XX))?|-W(\d{2}|XX)(-[1-7X])?)?"
TIMEX3_DATE = re.compile(rf"^{_DATE}$")
TIMEX3_DURATION = re.compile(r"^P(\d+|X)(Y|M|W|D)$")


def rows(config: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATASET / f"{config}.jsonl").read_text(encoding="utf-8").split("\n") if line]


def texts() -> dict[str, str]:
    return {a["article_id"]: a["text"] for a in rows("articles")}


def mixed_spans_cut_inside_marks(claim: dict[str, Any], text: str) -> list[str]:
    """A mixed quote whose span stops just inside a quotation mark (§2, 1.3.0)."""
    if claim["attribution"]["quote_type"] != "mixed":
        return []
    s, e = claim["char_start"], claim["char_end"]
    problems = []
    if s > 0 and text[s - 1] in OPENING:
        problems.append(f"{claim['claim_id']}: starts after {text[s - 1]}")
    if e < len(text) and text[e] in CLOSING:
        problems.append(f"{claim['claim_id']}: ends before {text[e]}")
    return problems


def agencies_spoken_to(claim: dict[str, Any]) -> list[str]:
    """A news agency in the chain only because a source spoke to it ("told AFP", "to AFP"; §3.4, 1.3.0)."""
    return [f"{claim['claim_id']}: {link['speaker']} ({link['cue']})" for link in claim["attribution"]["chain"]
            if (link["speaker_kind"] == "media" or (link["speaker_kb_id"] or "") in AGENCIES)
            and re.match(r"^(to|told)\b", link["cue"] or "", re.IGNORECASE)]


def unreadable_periods(claim: dict[str, Any]) -> list[str]:
    """A time value no TIMEX3 reader takes (an interval), or an anchored period whose parts do not agree (§3.8)."""
    problems = []
    for t in claim["time_expressions"]:
        value, begin, end = t["value"], t["begin_point"], t["end_point"]
        where = f"{claim['claim_id']} {t['text']!r}"
        if value is not None and not (TIMEX3_DATE.match(value) or TIMEX3_DURATION.match(value)):
            problems.append(f"{where}: {value} is not a TIMEX3 value")
        if (begin or end) and t["type"] != "DURATION":
            problems.append(f"{where}: anchors on a {t['type']}")
        for point in (begin, end):
            if point is not None and not TIMEX3_DATE.match(point):
                problems.append(f"{where}: anchor {point} is not a date")
        if begin and end and value and TIMEX3_DURATION.match(value) and "X" not in value + begin + end:
            if begin > end:
                problems.append(f"{where}: begins after it ends")
            elif value.endswith("Y") and int(value[1:-1]) != int(end[:4]) - int(begin[:4]):
                problems.append(f"{where}: {value} is not {begin} to {end}")
    return problems


def _claim(text: str, start: int, end: int, quote_type: str = "mixed", chain: list[dict[str, Any]] | None = None,
           times: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"claim_id": "x:c001", "char_start": start, "char_end": end, "text": text[start:end],
            "attribution": {"quote_type": quote_type, "chain": chain or []}, "time_expressions": times or []}


def test_a_mixed_quote_cut_inside_its_marks_is_caught() -> None:
    text = "Kim called it “an act of flattering.”\n"
    inside = _claim(text, text.index("an act"), text.index("”"))
    assert mixed_spans_cut_inside_marks(inside, text) == ["x:c001: starts after “", "x:c001: ends before ”"]
    assert mixed_spans_cut_inside_marks(_claim(text, text.index("“"), text.index("”") + 1), text) == []
    assert mixed_spans_cut_inside_marks(_claim(text, text.index("an act"), text.index("”"), "direct"), text) == []


def test_an_agency_spoken_to_is_caught_as_a_speaker() -> None:
    afp = {"speaker": "AFP", "speaker_kind": "media", "speaker_kb_id": "afp", "cue": "to AFP"}
    kcna = {"speaker": "KCNA", "speaker_kind": "media", "speaker_kb_id": None, "cue": "said"}
    assert agencies_spoken_to(_claim("x", 0, 1, chain=[afp])) == ["x:c001: AFP (to AFP)"]
    assert agencies_spoken_to(_claim("x", 0, 1, chain=[kcna])) == []  # an agency cited for its own report


def test_an_interval_value_is_caught_and_an_anchored_duration_passes() -> None:
    since = {"text": "since 2018", "type": "DURATION", "value": "2018/2019-12", "begin_point": None, "end_point": None}
    anchored = {**since, "value": "P1Y", "begin_point": "2018", "end_point": "2019-12-05"}
    wrong = {**anchored, "value": "P2Y"}
    assert unreadable_periods(_claim("x", 0, 1, times=[since])) == ["x:c001 'since 2018': 2018/2019-12 is not a TIMEX3 value"]
    assert unreadable_periods(_claim("x", 0, 1, times=[anchored])) == []
    assert unreadable_periods(_claim("x", 0, 1, times=[wrong])) == ["x:c001 'since 2018': P2Y is not 2018 to 2019-12-05"]


def test_the_gold_follows_the_1_3_0_rules() -> None:
    found = texts()
    claims = rows("claims")
    problems = [p for c in claims for p in mixed_spans_cut_inside_marks(c, found[c["article_id"]])]
    problems += [p for c in claims for p in agencies_spoken_to(c) + unreadable_periods(c)]
    assert problems == []
    periods = [t for c in claims for t in c["time_expressions"] if t["begin_point"]]
    assert len(periods) >= 5  # "since May", "since 2018", "since 2006", "since the beginning of the year", "Since 2017"


def test_the_false_appositive_identity_is_a_claim() -> None:
    identity = [c for c in rows("claims") if c["text"] == "Kim Song-hye, the North Korean ambassador to the UN"]
    assert [(c["checkworthiness"], c["attribution"]["speaker_kind"]) for c in identity] == [("CFS", "author")]
    verdicts = [v["label"] for v in rows("verdicts") if v["claim_id"] == identity[0]["claim_id"]]
    assert verdicts == ["Refuted"]
