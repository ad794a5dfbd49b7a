"""Strict reading: what a lenient reader would take silently is refused with the file, line and key."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ARTICLE, ARTICLE_ID, KB, Project, annotation_file, tree

from dprk_claims import cli
from dprk_claims.core import strictjson


def fails(project: Project, capsys: pytest.CaptureFixture[str]) -> str:
    """The build exits 1 with one problem, the dataset intact; returns the error line."""
    before = tree(project.out)
    capsys.readouterr()
    assert cli.main(project.args("--no-cache")) == 1
    lines = capsys.readouterr().err.replace(str(project.root) + "/", "").splitlines()
    assert lines[-1] == "build failed with 1 problem(s); dataset was left as it was"
    assert tree(project.out) == before
    return lines[0]


def raw_annotation(project: Project, old: str, new: str) -> None:
    text = json.dumps(annotation_file(ARTICLE), indent=1)
    if old not in text:
        raise AssertionError(f"the fixture changed: {old!r} is not in it")
    project.annotate(ARTICLE_ID, text.replace(old, new, 1))


NUMBER_FIX = "Fix: write the number with digits, or null when it is unknown"


def test_a_duplicate_key(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw_annotation(built, '"checkworthiness": "CFS",', '"checkworthiness": "CFS",\n   "checkworthiness": "NFS",')
    assert fails(built, capsys) == (
        "error: annotations/100_abcd.json: line 28, column 4: field 'checkworthiness': the key "
        "'checkworthiness' appears twice in one object. Fix: see docs/annotation-guidelines.md, section 4"
    )


def test_a_number_too_large_to_keep(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw_annotation(
        built,
        '"quantities": []',
        '"quantities": [{"char_start": 0, "char_end": 1, "text": "N", "value": 1e400, "unit": null, "mod": null}]',
    )
    assert fails(built, capsys) == (
        "error: annotations/100_abcd.json: line 55, column 74: field 'value': the number 1e400 is "
        f"too large to be stored (it would become infinity). {NUMBER_FIX}"
    )


def test_nan(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw_annotation(built, '"char_start": 70,', '"char_start": NaN,')
    assert (
        fails(built, capsys)
        == f"error: annotations/100_abcd.json: line 20, column 18: field 'char_start': NaN is not a JSON number. {NUMBER_FIX}"
    )


def test_an_integer_past_2_53(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw_annotation(built, '"char_start": 70,', f'"char_start": {2**53 + 1},')
    assert fails(built, capsys) == (
        "error: annotations/100_abcd.json: line 20, column 18: field 'char_start': the integer "
        f"9007199254740993 is past 2**53 and would be rounded by most readers. {NUMBER_FIX}"
    )


def test_deep_nesting(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw_annotation(
        built,
        '"notes"' if '"notes"' in json.dumps(annotation_file(ARTICLE)) else '"annotators": [',
        '"annotators": ' + "[" * 100000 + "]" * 100000 + ', "x": [',
    )
    assert fails(built, capsys) == (
        "error: annotations/100_abcd.json: line 5, column 79: the data is nested more than 64 levels "
        "deep. Fix: see docs/annotation-guidelines.md, section 4"
    )


def test_a_control_character_in_a_string(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    raw_annotation(built, '"annotators": [\n  "test"', '"annotators": [\n  "te\\u0007st"')
    assert fails(built, capsys) == (
        "error: annotations/100_abcd.json: line 6, column 3: a string holds a control character other "
        "than newline and tab. Fix: see docs/annotation-guidelines.md, section 4"
    )


def test_strict_reading_lets_good_json_through() -> None:
    text = b'{"a": [1, 2.5, -0.0, 9007199254740992, "tab\\tnewline\\n", {"b": null}], "c": "\\u00e9 \\"q\\": x"}'
    assert strictjson.loads(text) == json.loads(text)


def saturday_valued(value: str) -> dict[str, Any]:
    """The small article's annotation file with "Saturday" as a DATE valued `value`."""
    data = annotation_file(ARTICLE)
    sat = ARTICLE.index("Saturday")
    data["claims"][0]["time_expressions"] = [
        {
            "char_start": sat,
            "char_end": sat + 8,
            "text": "Saturday",
            "type": "DATE",
            "value": value,
            "mod": None,
            "value_source": "inferred",
        }
    ]
    return data


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-02-30", "2019-02-30 is not a date of the calendar"),
        ("2019-13", "2019-13 is not a date of the calendar"),
        ("2019-W54", "2019-W54 is not a week of the calendar"),
        ("2019-03-01T25:00", "T25:00 is not a time of day"),
    ],
)
def test_a_timex_value_must_be_a_real_date(built: Project, capsys: pytest.CaptureFixture[str], value: str, message: str) -> None:
    data = saturday_valued(value)
    built.annotate(ARTICLE_ID, data)
    assert fails(built, capsys).endswith(
        f"field 'time_expressions[0].value': {message} (value: {value!r}). Fix: write a date "
        "of the calendar (YYYY-MM-DD, YYYY-MM, YYYY-Www), or null when it is unknown"
    )


def test_a_timex_value_outside_the_grammar(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    data = saturday_valued("last Saturday")
    built.annotate(ARTICLE_ID, data)
    assert "field 'time_expressions[0].value'" in fails(built, capsys)


def test_an_empty_entity_span(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    data = annotation_file(ARTICLE)
    data["claims"][0]["entities"] = [{"char_start": 70, "char_end": 70, "text": "", "type": "state", "kb_id": None}]
    built.annotate(ARTICLE_ID, data)
    assert "field 'entities[0].text'" in fails(built, capsys)


def test_a_qid_in_the_knowledge_base(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    kb = json.loads(json.dumps(KB))
    kb["entities"][0]["qid"] = "q423"
    built.kb.write_text(json.dumps(kb), encoding="utf-8")
    assert fails(built, capsys) == (
        "error: kb.json: entity north_korea: field 'qid': not a Wikidata QID (value: 'q423'). "
        "Fix: write Q followed by the item's number, e.g. Q423, or null when it is not confirmed"
    )


@pytest.mark.parametrize("text", ["\u3000\u2003 \u200b\u200b\n", "\u200b\u200d\ufeff 1234 ...\n"])
def test_a_seed_without_letters(built: Project, capsys: pytest.CaptureFixture[str], text: str) -> None:
    built.seed("101_abcd", text)
    assert fails(built, capsys).startswith(
        "error: seeds/101_abcd.txt: field 'text': the seed holds no letters (only spaces, "
        "invisible or zero-width characters, digits or punctuation)"
    )


def test_a_control_character_in_a_seed(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    built.seed("101_abcd", "Council meets\n\nThe Council \x1b[1mmet.\n")
    assert fails(built, capsys) == (
        "error: seeds/101_abcd.txt: line 3, byte 27: field 'text': the file contains the control "
        "character U+001B (value: '\\x1b'). Fix: remove it: an article holds no control characters "
        "other than newline and tab"
    )


@pytest.mark.parametrize("raw", [
    b'{"a": 1, "a": 2}', b'{"a" : 1,\n "a"\t: 2}', b'{"a\\\\": 1, "a\\\\": 2}', b'{"k": "say \\": x", "k": 1}',
    b'{"a": "x\\u0001"}', b'{"a": "x\\b"}', b'["\\u009f"]', b'{"a": "\x7f"}', b'{"a": "\xc2\x85"}',
    b'{"a": 9007199254740993}', b'[[-9007199254740993]]', b"[" * 65 + b"]" * 65,
], ids=["duplicate", "duplicate-spaced", "duplicate-backslash-key", "duplicate-after-escaped-quote", "escaped-c0",
        "escaped-backspace", "escaped-c1", "raw-del", "raw-c1", "big-int", "big-negative-int-nested", "too-deep"])
def test_what_the_fast_reading_would_let_through_is_refused(raw: bytes) -> None:
    """orjson reads all of these; the checks on its bytes send each to the strict reading, which refuses it."""
    import orjson

    orjson.loads(raw)
    with pytest.raises(strictjson.StrictError):
        strictjson.loads(raw)


def test_clean_files_with_escapes_and_spaced_keys_read_the_same_as_the_standard_library() -> None:
    raw = b'{"a" : "tab\\there \\"quoted\\"", "b": [1, 2.5, null, true], "c\\\\": {"n": 9007199254740992}}'
    assert strictjson.loads(raw) == json.loads(raw)
