"""The PolNeAR reader and the attribution scorer, on tiny inline brat files."""

from __future__ import annotations

from pathlib import Path

from dprk_claims.learn import polnear
from dprk_claims.learn.polnear import Article, Relation

TEXT = "Smith said the vote failed. Jones thinks it will pass."
ANN = (
    "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 26\tthe vote failed\nT4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 28 33\tJones\nT6\tCue 34 40\tthinks\nT7\tContent 41 53;53 54\tit will pass.\n"
    "E2\tAttribution:T6 Cue:T6 Content:T7 Source:T5\n#1\tAnnotatorNotes T1\ta note\ncontinued text line\n"
)


def test_an_annotation_file_gives_each_relation_with_its_fragments() -> None:
    rels = polnear.parse_ann(ANN)
    assert rels == [Relation(((6, 10),), ((0, 5),), ((11, 26),)), Relation(((34, 40),), ((28, 33),), ((41, 53), (53, 54)))]


def test_the_first_annotator_of_an_article_is_read_once(tmp_path: Path) -> None:
    root = tmp_path / "polnear" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a_story.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "a_story_bbbb.ann").write_text("", encoding="utf-8")
    (root / "attributions" / "a_story_aaaa.ann").write_text(ANN, encoding="utf-8")
    (arts,) = [polnear.read(tmp_path, "dev")]
    assert [a.name for a in arts] == ["a_story"] and len(arts[0].relations) == 2
    assert sorted(polnear.data_files(tmp_path, "dev")) == ["polnear/dev/attributions/a_story_aaaa.ann", "polnear/dev/text/a_story.txt"]


def test_scores_count_exact_and_overlapping_spans_and_saying_cues_apart() -> None:
    art = Article("a", TEXT, polnear.parse_ann(ANN))
    exact = polnear.score([art], [art.relations])
    assert exact["all"]["cue"]["exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert exact["saying"]["cue"]["n_gold"] == 1  # "said" is a verb of saying, "thinks" is not
    shifted = [Relation(((6, 9),), ((0, 5),), ((11, 20),))]  # "sai": overlaps the cue, not exact; half the content
    got = polnear.score([art], [shifted])["all"]
    assert got["cue"]["exact"]["p"] == 0.0 and got["cue"]["overlap"] == {"p": 1.0, "r": 0.5, "f1": 0.6667}
    assert got["source_right_of_found"] == 1.0 and 0 < got["content_token_f1"] < 1


def test_spans_of_two_articles_at_the_same_offsets_do_not_match_each_other() -> None:
    one, two = Article("a", TEXT, polnear.parse_ann(ANN)), Article("b", TEXT, [])
    got = polnear.score([one, two], [[], one.relations])["all"]["cue"]
    assert got["overlap"]["p"] == 0.0 and got["overlap"]["r"] == 0.0
