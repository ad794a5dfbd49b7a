"""Entities linked through the knowledge base, and quantities with their units."""

from __future__ import annotations

from conftest import ANNOTATOR_KB, annotate_text, claim_with


def ents(text: str, fragment: str) -> list[tuple]:
    return [(e["text"], e["type"], e["kb_id"], e["qid"]) for e in claim_with(annotate_text(text)[0], fragment)["entities"]]


def test_aliases_link_to_the_knowledge_base_with_qids() -> None:
    assert ents("The DPRK fired a missile toward the US on Monday.\n", "fired") == [
        ("DPRK", "state", "north_korea", "Q423"), ("US", "state", "united_states", "Q30")]


def test_the_article_is_dropped_from_a_name_but_kept_for_a_one_word_alias() -> None:
    found = ents("The North has ignored the Council and the UN Security Council for years.\n", "ignored")
    assert [e[0] for e in found] == ["The North", "Council", "UN Security Council"]


def test_the_north_inside_north_korean_is_one_mention() -> None:
    assert [e[0] for e in ents("Nine members discussed the North Korean issue at length.\n", "issue")] == ["North Korean"]


def test_pyongyang_is_the_city_after_a_locative_and_the_state_otherwise() -> None:
    text = "A parade was held in Pyongyang as Pyongyang rejected the talks with the US.\n"
    assert [(e[0], e[2]) for e in ents(text, "parade")][:2] == [("Pyongyang", "pyongyang"), ("Pyongyang", "north_korea")]


def test_unknown_names_have_no_kb_id_and_bare_surnames_follow_the_full_name() -> None:
    text = "John Smith met Jane Roe in Geneva, and Smith later met Roe again for three hours.\n"
    found = [(e["text"], e["type"], e["kb_id"], e["qid"]) for c in annotate_text(text)[0] for e in c["entities"]]
    assert ("John Smith", "person", None, None) in found and ("Smith", "person", None, None) in found
    assert ("Roe", "person", "jane_roe", None) in found


def test_generic_document_aliases_are_not_matched() -> None:
    assert ents("Jane Roe read the letter to the Council on Monday.\n", "read") == [
        ("Jane Roe", "person", "jane_roe", None), ("Council", "organisation", "un_security_council", "Q37470")]
    assert "some_letter" in ANNOTATOR_KB


def quantities(text: str, fragment: str) -> list[tuple]:
    claim = claim_with(annotate_text(text)[0], fragment)
    return [(q["text"], q["value"], q["unit"], q["mod"]) for q in claim["quantities"]]


def test_quantity_with_a_minimum_and_a_proper_noun_modifier() -> None:
    text = "A minimum of nine Council members need to support the request.\n"
    assert quantities(text, "support") == [("A minimum of nine Council members", 9.0, "member", "min")]


def test_quantity_unit_is_the_singular_noun_phrase() -> None:
    text = "North Korea carried out 13 ballistic missile launches and ten other tests in 2019.\n"
    assert quantities(text, "launches") == [("13 ballistic missile launches", 13.0, "ballistic missile launch", None),
                                            ("ten other tests", 10.0, "test", None)]


def test_hyphenated_and_large_numbers() -> None:
    text = "The six-nation talks broke down after the North sold 1.5 million barrels of oil.\n"
    assert quantities(text, "talks") == [("six-nation", 6.0, "nation", None), ("1.5 million barrels", 1_500_000.0, "barrel", None)]


def test_years_ordinals_and_days_are_not_quantities() -> None:
    assert quantities("The 8th Congress met on March 5 in 2021 and again in 2022.\n", "Congress") == []


def test_one_is_an_idiom_not_a_count() -> None:
    assert quantities("The council must speak with one voice against one-sided pressure.\n", "voice") == []


def test_money_percentages_and_irregular_plurals() -> None:
    text = "The North earned nearly $3 billion, cut imports by about 30% and fed 26 million people last year.\n"
    assert quantities(text, "earned") == [("nearly $3 billion", 3e9, "dollar", "approx"), ("about 30%", 30.0, "percent", "approx"),
                                          ("26 million people", 26e6, "person", None)]


def test_fractions_are_not_counts() -> None:
    assert quantities("Nearly two-thirds of the population face food shortages.\n", "shortages") == []


def test_unknown_organisation_name_is_an_organisation() -> None:
    found = ents("The World Food Programme sent aid to the North in 2019.\n", "aid")
    assert ("World Food Programme", "organisation", None, None) in found


def test_a_one_word_alias_inside_a_longer_name_is_not_linked() -> None:
    text = "The Washington Post said the North Atlantic talks and US Ambassador Jane Roe's visit to Washington failed.\n"
    found = [(e["char_start"], e["text"], e["kb_id"]) for c in annotate_text(text)[0] for e in c["entities"]]
    assert found == [(54, "US", "united_states"), (68, "Jane Roe", "jane_roe"), (88, "Washington", "united_states")]
