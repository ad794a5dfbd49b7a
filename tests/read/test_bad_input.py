"""Each bad input gets a clear message (file, record, field, value, fix), exit status 1, and the
previous dataset/ is left exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTICLE, ARTICLE_ID, Project, annotation_file, claim_item


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fails_with(project: Project, expected: str) -> None:
    """The build exits 1, prints exactly the expected error line, and leaves the old dataset intact."""
    before = snapshot(project.out)
    result = project.run()
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stderr.replace(str(project.root) + "/", "").splitlines()
    assert lines[0] == expected
    assert lines[-1] == "build failed with 1 problem(s); dataset was left as it was"
    assert snapshot(project.out) == before
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".dataset")] == []


@pytest.fixture
def built(small: Project) -> Project:
    result = small.run()
    assert result.returncode == 0, result.stderr
    return small


def edit(project: Project, change: Any) -> None:
    data = annotation_file(ARTICLE)
    change(data["claims"][0])
    project.annotate(ARTICLE_ID, data)


def test_empty_file(built: Project) -> None:
    built.seed("101_abcd", b"")
    fails_with(built, "error: seeds/101_abcd.txt: field 'text': the seed file is empty or only whitespace. "
                      "Fix: put the article text in the file, or remove the file")


def test_invalid_utf8(built: Project) -> None:
    built.seed("101_abcd", b"North Korea \xff said.\n")
    fails_with(built, "error: seeds/101_abcd.txt: line 1, byte 12: field 'text': the file is not valid UTF-8 "
                      "(value: b'\\xff'). Fix: re-save the article as UTF-8 (e.g. iconv -f cp1252 -t utf-8)")


def test_byte_order_mark(built: Project) -> None:
    built.seed("101_abcd", b"\xef\xbb\xbfNorth Korea said.\n")
    fails_with(built, "error: seeds/101_abcd.txt: line 1: field 'text': the file starts with a UTF-8 byte-order mark "
                      "(value: b'\\xef\\xbb\\xbf'). Fix: save the file as UTF-8 without a BOM (offsets would count it)")


def test_crlf_line_endings(built: Project) -> None:
    built.seed("101_abcd", b"North Korea said.\r\nMore.\r\n")
    fails_with(built, "error: seeds/101_abcd.txt: line 1, byte 17: field 'text': the file has CR or CRLF line endings "
                      "(value: '\\r\\n'). Fix: convert the line endings to LF (e.g. dos2unix FILE)")


def test_odd_file_name(built: Project) -> None:
    built.seed("North Korea", "x")
    fails_with(built, "error: seeds/North Korea.txt: field 'file name': not a seed file name: it has no underscore between "
                      "the number and the hex id (value: 'North Korea.txt'). Fix: name an article NNN_<hex>.txt: three or more "
                      "digits, an underscore, and an id of 4 to 64 lower-case hex digits unique to the article, e.g. "
                      "004_a1b2c3d4.txt; `python build_dataset.py name FILE` prints a fresh name for FILE. A file that is not "
                      "an article is ignored if its name starts with README, NOTES or a dot, or does not end in .txt")


def test_span_does_not_match_text(built: Project) -> None:
    edit(built, lambda c: c.update(text="North Korea launched a cruise missile"))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'text': span text does not match "
                      "text[70:122]: they differ from character 23 of the span on (text offset 93): the text has "
                      "…'rea launched a ballistic missile on Satu'…, the span has …'rea launched a cruise missile' "
                      "(value: 'North Korea launched a cruise missile'). "
                      "Fix: correct the offsets or the span text so that text[char_start:char_end] equals it")


LONG_ARTICLE = ("North Korea fires missile\n\n"
                "North Korea launched a ballistic missile on Saturday, its ninth launch this year and the first since the "
                "Security Council met behind closed doors, officials in Seoul said on Sunday.\n")


def test_span_that_differs_late_shows_both_strings_where_they_differ(project: Project) -> None:
    """Both strings are shown around their first difference (character 160 here), not cut at the same length."""
    project.seed(ARTICLE_ID, LONG_ARTICLE)
    span = LONG_ARTICLE[LONG_ARTICLE.index("North Korea launched"):LONG_ARTICLE.index(" on Sunday.")] + " on Sunday"
    data = annotation_file(LONG_ARTICLE, claims=[claim_item(LONG_ARTICLE, span)])
    data["claims"][0]["text"] = span.replace("in Seoul", "in Tokyo")
    project.annotate(ARTICLE_ID, data)
    result = project.run()
    assert result.returncode == 1
    line = result.stderr.replace(str(project.root) + "/", "").splitlines()[0]
    assert line == ("error: annotations/100_abcd.json: claim 100_abcd:c001: field 'text': span text does not match "
                    "text[27:207]: they differ from character 160 of the span on (text offset 187): the text has "
                    "…', officials in Seoul said on Sunday', the span has …', officials in Tokyo said on Sunday' "
                    "(value: 'North Korea launched a ballistic missile on Saturday, its ninth launch this ...). "
                    "Fix: correct the offsets or the span text so that text[char_start:char_end] equals it")


def test_offsets_out_of_range(built: Project) -> None:
    edit(built, lambda c: c.update(char_end=5000))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'text': offsets out of range for a "
                      "text of 186 characters (value: [70, 5000)). "
                      "Fix: give 0 <= char_start <= char_end <= the text length, counted in code points")


def test_entity_span_does_not_match(built: Project) -> None:
    edit(built, lambda c: c["entities"][0].update(text="South Korea"))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'entities[0]': span text does not "
                      "match text[70:81]: they differ from character 0 of the span on (text offset 70): the text has "
                      "'North Korea', the span has 'South Korea' (value: 'South Korea'). "
                      "Fix: correct the offsets or the span text so that text[char_start:char_end] equals it")


def test_duplicate_id(built: Project) -> None:
    data = annotation_file(ARTICLE)
    data["claims"].append(claim_item(ARTICLE, "We condemn the launch", cid="c001"))
    built.annotate(ARTICLE_ID, data)
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'id': the claim id is used twice in "
                      "this file (value: 'c001'). Fix: give the claim a new id that was never used (ids are never reused)")


def test_unknown_label(built: Project) -> None:
    edit(built, lambda c: c.update(checkworthiness="maybe"))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'checkworthiness': must be one of "
                      "['CFS', 'UFS', 'NFS'] (value: 'maybe'). Fix: use one of 'CFS', 'UFS', 'NFS'")


def test_missing_field(built: Project) -> None:
    edit(built, lambda c: c.pop("factuality"))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'factuality': is missing. "
                      "Fix: add the missing field (see docs/annotation-guidelines.md, section 4)")


def test_unknown_kb_id(built: Project) -> None:
    edit(built, lambda c: c["entities"][0].update(kb_id="nk"))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'entities[0].kb_id': not in the "
                      "knowledge base (value: 'nk'). Fix: add the entity to kb/entities.json or correct the kb_id")


def test_annotation_without_seed(built: Project) -> None:
    built.annotate("102_abcd", annotation_file(ARTICLE, "102_abcd"))
    fails_with(built, "error: annotations/102_abcd.json: field 'article_id': no seed file for this annotation file "
                      "(value: '102_abcd'). Fix: add seeds/102_abcd.txt, or move the annotation file out of the annotations folder")


def test_seed_changed_under_its_annotations(built: Project) -> None:
    built.seed(ARTICLE_ID, ARTICLE + "More.\n")
    fails_with(built, "error: annotations/100_abcd.json: field 'text_sha256': the annotations were made for a different "
                      "text of this article (value: '3cd690114e39acdcf857fb893cbf5ae625b79f0d237c2f0bd628d2be03bd9c94'). "
                      "Fix: re-check every span against 100_abcd.txt, then set text_sha256 to "
                      "db20687ade54000d6b65f7d1ccb57ba900fbd15e71769ff90f5e951809a3cfb9")


def test_invalid_json(built: Project) -> None:
    built.annotate(ARTICLE_ID, '{"article_id": ')
    fails_with(built, "error: annotations/100_abcd.json: line 1, column 16: not valid JSON: Expecting value. "
                      "Fix: fix the JSON syntax at that place")


def annotate_first_start_as(project: Project, literal: str) -> None:
    """The first claim's char_start written as this JSON text (which json.dumps cannot write)."""
    text = json.dumps(annotation_file(ARTICLE))
    if '"char_start": 70,' not in text:
        raise AssertionError("the fixture changed: its first claim no longer starts at 70")
    project.annotate(ARTICLE_ID, text.replace('"char_start": 70,', f'"char_start": {literal},', 1))


def test_offset_with_a_decimal_point(built: Project) -> None:
    annotate_first_start_as(built, "70.0")
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'text': offsets must be whole numbers "
                      "written without a decimal point (value: [70.0, 122)). Fix: write the offsets as integers, e.g. 23 rather than 23.0")


def test_seed_named_right_but_not_a_file(built: Project) -> None:
    (built.root / "seeds" / "101_abcd.txt").mkdir()  # a folder (a link to nothing is refused as a link: test_trust_links)
    fails_with(built, "error: seeds/101_abcd.txt: field 'file': named like a seed, but not a file that can be read "
                      "(a folder, or a link to nothing) (value: '101_abcd.txt'). Fix: put the article text in a plain file of that name")


def test_huge_seed_file(built: Project) -> None:
    path = built.seed("101_abcd", "x")
    with path.open("r+b") as f:
        f.truncate(50_000_000)  # sparse: 50 MB on paper, nothing on disk
    fails_with(built, "error: seeds/101_abcd.txt: field 'text': the seed file is 50,000,000 bytes; an article is at most "
                      "1,000,000 (value: 50,000,000 bytes). Fix: put one article in each seed file "
                      "(is this a whole feed or a binary file?)")


def test_nan_is_not_a_number(built: Project) -> None:
    annotate_first_start_as(built, "NaN")
    fails_with(built, "error: annotations/100_abcd.json: line 1, column 294: field 'char_start': NaN is not a JSON number. "
                      "Fix: write the number with digits, or null when it is unknown")


def test_claim_in_timestamp_paragraph(built: Project) -> None:
    built.annotate(ARTICLE_ID, annotation_file(ARTICLE, claims=[claim_item(ARTICLE, "PUBLISHED : Monday")]))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'paragraph_index': claims never "
                      "come from a timestamp paragraph (value: 'timestamp'). "
                      "Fix: remove the claim, or correct the paragraph's role in metadata.paragraph_roles")


def test_every_problem_is_reported_as_json(built: Project) -> None:
    import json

    built.seed("101_abcd", b"")
    built.seed("102_abcd", b"\xff")
    result = built.run("--json")
    assert result.returncode == 1
    problems = json.loads(result.stderr[: result.stderr.rindex("]") + 1])
    assert [(Path(p["file"]).name, p["code"]) for p in problems] == [("101_abcd.txt", "empty_file"),
                                                                      ("102_abcd.txt", "invalid_utf8")]
    assert set(problems[0]) == {"file", "record", "field", "code", "message", "value", "hint", "follows", "follows_what"}


def test_usage_error_exits_2(small: Project) -> None:
    assert small.run("--no-such-option").returncode == 2


def test_sentences_must_cover_every_paragraph(built: Project) -> None:
    data = annotation_file(ARTICLE)
    data["sentences"] = [{"char_start": 0, "char_end": 25}]  # only the headline
    built.annotate(ARTICLE_ID, data)
    fails_with(built, "error: annotations/100_abcd.json: article 100_abcd: field 'sentences': character 27 of paragraph 1 "
                      "is not in any sentence (value: 'P'). Fix: list sentences that cover every paragraph exactly once, without overlaps")


def test_link_to_unknown_claim(built: Project) -> None:
    import json

    (built.annotations / "claim_links.json").write_text(json.dumps({"links": [
        {"claim_id_a": "100_abcd:c001", "claim_id_b": "100_abcd:c009", "relation": "repeats", "note": "x"}]}))
    fails_with(built, "error: annotations/claim_links.json: link 100_abcd:c001 -> 100_abcd:c009: field 'claim_id_b': "
                      "no claim has this id (value: '100_abcd:c009'). Fix: use a claim_id from the claims config")


def test_keep_going_reports_every_problem_of_every_stage(built: Project) -> None:
    import json

    built.seed("101_abcd", b"\xffbad bytes\n")  # seed stage
    built.seed("North Korea", "x")  # file name
    other = ARTICLE.replace("fires missile", "fires a missile")
    built.seed("102_abcd", other)
    bad_label = annotation_file(other, "102_abcd")
    bad_label["claims"][0]["checkworthiness"] = "maybe"  # annotation stage
    built.annotate("102_abcd", bad_label)
    edit(built, lambda c: c.update(char_end=c["char_end"] + 1))  # validation stage (span)
    before = snapshot(built.out)
    result = built.run("--keep-going")
    assert result.returncode == 1
    table = result.stderr.replace(str(built.root) + "/", "").splitlines()
    assert table[0].split() == ["file", "record", "field", "code", "value", "problem", "and", "fix"]
    body = "\n".join(table)
    for expected in ("invalid_utf8", "bad_file_name", "schema", "span_mismatch"):
        assert expected in body, expected
    assert table[-1] == "build failed with 4 problem(s); dataset was left as it was"
    assert snapshot(built.out) == before
    as_json = built.run("--keep-going", "--json")
    problems = json.loads(as_json.stderr[: as_json.stderr.rindex("]") + 1])
    assert sorted(p["code"] for p in problems) == ["bad_file_name", "invalid_utf8", "schema", "span_mismatch"]


def test_unicode_that_looks_equal_but_is_not(built: Project) -> None:
    data = annotation_file(ARTICLE)
    data["claims"][0]["text"] = "North Korea\u00a0launched a ballistic missile on Saturday"  # a no-break space
    built.annotate(ARTICLE_ID, data)
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'text': span text looks like text[70:122] "
                      "but its Unicode differs from character 11 on (text has U+0020 U+006C, span has U+00A0 U+006C U+0061) "
                      "(value: 'North Korea\\xa0launched a ballistic missile on Saturday'). Fix: copy the span from the seed text "
                      "itself (the seed is not normalised; the span must not be either)")


def test_unknown_link_relation(built: Project) -> None:
    import json

    other = ARTICLE.replace("fires missile", "fires a missile")
    built.seed("102_abcd", other)
    built.annotate("102_abcd", annotation_file(other, "102_abcd"))
    (built.annotations / "claim_links.json").write_text(json.dumps({"links": [
        {"claim_id_a": "100_abcd:c001", "claim_id_b": "102_abcd:c001", "relation": "echoes", "note": "x"}]}))
    fails_with(built, "error: annotations/claim_links.json: link 100_abcd:c001 -> 102_abcd:c001: field 'relation': must be "
                      "one of ['repeats', 'updates', 'contradicts', 'responds_to', 'same_event'] (value: 'echoes'). "
                      "Fix: use one of 'repeats', 'updates', 'contradicts', 'responds_to', 'same_event'")


def test_broken_knowledge_base(built: Project) -> None:
    built.kb.write_text('{"entities": [', encoding="utf-8")
    fails_with(built, "error: kb.json: knowledge base is not readable: Expecting value: line 1 column 15 (char 14). "
                      "Fix: fix the JSON; every entry needs kb_id, name, type, aliases, qid")


def test_a_curated_claim_is_checked_once(built: Project) -> None:
    """Issue #16: a curated claim's item is schema-checked when its file is read, its row only where that check
    leaves it unproven; a bad value is reported once, by whichever check sees it first."""
    start = ARTICLE.index("\nPUBLISHED")  # in the blank line after the headline: the claim is in no paragraph
    edit(built, lambda c: c.update(char_start=start, char_end=start + 10, text=ARTICLE[start:start + 10], entities=[]))
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'paragraph_index': must be bigger than or "
                      "equal to 0 (value: -1). Fix: correct the value in the input file; the schema is in schema/claims.schema.json")
    edit(built, lambda c: c.update(checkworthiness="maybe", char_start=start))  # bad in the file: its check alone reports it
    fails_with(built, "error: annotations/100_abcd.json: claim 100_abcd:c001: field 'checkworthiness': must be one of "
                      "['CFS', 'UFS', 'NFS'] (value: 'maybe'). Fix: use one of 'CFS', 'UFS', 'NFS'")


@pytest.mark.parametrize("variant", [("--text-free",), ("--text-free", "--keep-going", "--shard-articles", "1"),
                                     ("--keep-going", "--shard-articles", "1")])
def test_a_bad_article_fails_alike_in_every_variant(built: Project, variant: tuple[str, ...]) -> None:
    """A shard whose only article failed has no files to place: the build still reports the problem (once)
    and exits 1, never a traceback, whatever the variant."""
    before = snapshot(built.out)
    edit(built, lambda c: c.update(char_end=5000))
    result = built.run(*variant)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("offsets out of range for a text of 186 characters") == 1, result.stderr
    assert "build failed with 1 problem(s)" in result.stderr
    assert snapshot(built.out) == before
