"""Names in old newspaper print: long s, split words, titles, firms, places by head word."""

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.common import join_broken, match_text, unlong_s
from archivist.extract.entities import extract_entities
from archivist.extract.rules import rule_spans


def spans(text: str) -> set[tuple[str, str]]:
    return {(text[s:e], t) for s, e, t in rule_spans(text)}


def test_long_s_restored_only_where_it_makes_a_word():
    assert unlong_s("the Houfe of Reprefentatives") == "the House of Representatives"
    # real words and names with f stay as they are
    assert unlong_s("fifty of Giffard's staff") == "fifty of Giffard's staff"
    assert unlong_s("ſaid") == "said"


def test_split_words_joined_in_place():
    assert join_broken("to North Caro- lina.") == "to North Carolina  ."
    assert join_broken("pre- and post-war") == "pre- and post-war"  # lower case: left alone


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAfFſsS- \n.Houe")), max_size=40))
def test_match_text_keeps_length(text):
    # every offset found in the matching text must be an offset of the real text
    assert len(match_text(text)) == len(text)


def test_titles_esquire_firms_and_org_heads():
    t = ("Met capt. Johnson and JOHN BRINK, Esq., then Duke d’Urfel at the Bank of "
         "Alexandria, of Stephens & Trammel and the Little River Turnpike Company.")
    got = spans(t)
    assert ("Johnson", "PERSON") in got
    assert ("JOHN BRINK", "PERSON") in got
    assert ("d’Urfel", "PERSON") in got
    assert ("Bank of Alexandria", "ORG") in got
    assert ("Stephens & Trammel", "ORG") in got
    assert ("Little River Turnpike Company", "ORG") in got


def test_title_does_not_reach_over_a_sentence_end():
    assert not any(t == "PERSON" for _s, t in spans("moved by the Secretary. Resolved, that"))


def test_places_by_head_word_and_state_abbreviation():
    got = spans("From Denver, Colo., to Tabor City and Putnam County, then Fort Collins.")
    assert {("Denver", "PLACE"), ("Colo.", "PLACE"), ("Tabor City", "PLACE"),
            ("Putnam County", "PLACE"), ("Fort Collins", "PLACE")} <= got


def test_county_in_capitals_is_a_place():
    got = spans("LATEST FROM GRANT COUNTY. The COUNTY COURT met IN LINN COUNTY.")
    assert {("GRANT COUNTY", "PLACE"), ("LINN COUNTY", "PLACE")} <= got
    assert not any("COURT" in s or s.startswith("IN ") for s, _t in got)


def test_newspaper_is_a_work_not_an_org():
    assert ("Norfolk Journal", "WORK") in spans("as the Norfolk Journal reports")


def test_long_s_names_found_with_their_printed_surface(doc_factory):
    doc = extract_entities(doc_factory("Letters from Ruffia and from Philadelphia arrived."))
    rus = next(e for e in doc.entities if e.name == "Russia")
    assert rus.type == "PLACE" and "Ruffia" in rus.variants
    m = next(m for m in doc.mentions if m.entity == rus.id)
    assert doc.original[m.orig_start:m.orig_end] == "Ruffia"


def test_surname_repeated_bare_is_the_same_person(doc_factory):
    doc = extract_entities(doc_factory(
        "Col. Aaron Burr arrived at noon. The crowd cheered when Burr spoke."))
    bare = next(m for m in doc.mentions if m.text == "Burr")
    full = next(m for m in doc.mentions if m.text == "Aaron Burr")
    assert bare.entity == full.entity
    assert next(e for e in doc.entities if e.id == bare.entity).type == "PERSON"


def test_works_named_in_the_text_and_cited_periodicals(doc_factory):
    from archivist.extract.citations import extract_citations

    doc = doc_factory("As he wrote in his book “Bygone Years”, the war was lost.",
                      ["A. Smith, “On the War,” Slavic Review, 12, no. 2 (1950), 3–9."])
    doc = extract_entities(extract_citations(doc))
    works = {e.name for e in doc.entities if e.type == "WORK"}
    assert {"Bygone Years", "Slavic Review"} <= works


def test_note_dates_keep_reported_dates_and_drop_publication_data(doc_factory):
    from archivist.extract.citations import extract_citations
    from archivist.extract.dates import extract_dates

    doc = doc_factory("The pact was signed.",
                      ["Letter of 5 May 1933, in RGASPI, f. 558, op. 11, d. 45, l. 1.",
                       "I. Ivanov, Memoirs (Moscow: Nauka, 1991), 147."])
    doc = extract_dates(extract_citations(doc))
    assert [(d.where, d.value) for d in doc.dates] == [("note:1", "1933-05-05")]


def test_given_name_and_surname_is_a_person_but_not_a_state_or_nationality():
    import pytest

    from archivist.extract.rules import given_name_spans, given_names

    if not given_names():
        pytest.skip("gender-guesser (the first-name list) is not installed")
    t = "Willis Bond met Christian Science readers in Georgia and Eva Hovis"
    got = [t[s:e] for s, e in given_name_spans(t, frozenset({"Christian"}))]
    assert got == ["Willis Bond", "Eva Hovis"]


def test_firms_with_initials_and_lower_case_army():
    got = spans("from W. C. Gaston Co. and the British army")
    assert ("W. C. Gaston Co.", "ORG") in got and ("British army", "ORG") in got


def test_famous_cities_need_no_support_but_word_like_ones_do():
    from archivist.extract.gazetteer import load

    g = load()
    assert not g.lookup("London").ambiguous and not g.lookup("Leeds").ambiguous
    assert g.lookup("Reading").ambiguous and g.lookup("Charlotte").ambiguous


def test_doctor_and_warden_written_out_are_titles():
    got = spans("the prisoners told Warden Pelbury so; Doctor Quillan agreed")
    assert {("Pelbury", "PERSON"), ("Quillan", "PERSON")} <= got
    assert not any(s.startswith(("Warden", "Doctor")) for s, _t in got)  # the title stays apart


def test_a_ship_named_after_its_kind_is_no_place_or_person(doc_factory):
    got = spans("a letter from the captain of the ship Corvenna; the brig Amos Pryce sailed")
    assert {("Corvenna", "SHIP"), ("Amos Pryce", "SHIP")} <= got
    assert not any(t == "SHIP" for _s, t in spans("Brig. Hale commanded"))  # a brigadier
    doc = doc_factory("The sloop Corvenna was taken off Ostley by the frigate Merrow.")
    extract_entities(doc)
    types = {e.name: e.type for e in doc.entities}
    assert types.get("Corvenna") == "SHIP" and types.get("Merrow") == "SHIP"


def test_u_states_is_the_country_not_initials():
    got = spans("goods sent to the U. States by J. Rumbold and the U.States ships")
    assert {("U. States", "PLACE"), ("U.States", "PLACE"), ("J. Rumbold", "PERSON")} <= got
    assert not any(t == "PERSON" and "States" in s for s, t in got)
