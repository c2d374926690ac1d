"""Faults found on invented passages (consular report, review, letters, debates)."""

from __future__ import annotations

from archivist.extract.citations import parse_citation
from archivist.extract.entities import extract_entities
from archivist.extract.quantities import find_quantities


def test_abbreviated_taels_are_money_and_no_place(doc_factory):
    text = "The Council estimated the loss to trade at Tls. 500,000 a day."
    found = [(text[f.start:f.end], f.unit, f.value) for f in find_quantities(text)]
    assert found == [("Tls. 500,000", "tael", 500000)]
    doc = extract_entities(doc_factory(text))
    assert not [e for e in doc.entities if e.name == "Tls"]


def test_a_second_title_is_not_part_of_the_name(doc_factory):
    doc = extract_entities(doc_factory("Mr. Consul-General Barnham to Sir Edward Grey."))
    people = {e.name for e in doc.entities if e.type == "PERSON"}
    assert "Barnham" in people and not any("Consul" in p for p in people)


def test_book_with_a_chapter_or_a_numbered_document():
    c = parse_citation("B. L. Weale, The Truth about Tariffs (New York, 1919), ch. IV.")
    assert (c["type"], c["title"], c["locator"], c["label"]) == (
        "book", "The Truth about Tariffs", "IV", "chapter")
    c = parse_citation("Documents on Foreign Policy, series D, vol. V (London, 1953), no. 405.")
    assert (c["volume"], c["locator"], c["label"]) == ("V", "405", "number")
    assert c["title"] == "Documents on Foreign Policy, series D"


def test_volume_after_a_short_title():
    c = parse_citation("Treaty Series, vol. XXIX, p. 85.")
    assert (c["title"], c["volume"], c["locator"]) == ("Treaty Series", "XXIX", "85")


def _date_values(text: str) -> list[tuple[str, str]]:
    from archivist.extract.dates import find_dates

    return [(text[f.start:f.end], f.value) for f in find_dates(text)]


def test_on_the_nth_is_a_day_of_the_month_just_named():
    got = _date_values("In March 1939 the demand came, and on the 22nd the minister gave way.")
    assert ("on the 22nd", "1939-03-22") in got
    assert _date_values("On the 5th he left.") == []


def test_a_financial_year_is_two_years_but_pages_are_not():
    assert _date_values("The revenue in 1928-29 was large.") == [("1928-29", "1928/1929")]
    assert _date_values("See cols. 1914-15 of the debate.") == []


def test_a_span_of_years():
    assert _date_values("The war of 1914-18 was long.") == [("1914-18", "1914/1918")]
    assert _date_values("In 1914-1918 they fought.") == [("1914-1918", "1914/1918")]


def test_the_year_in_a_capitals_heading():
    assert _date_values("CONSULAR REPORT FOR THE YEAR 1912.") == [("THE YEAR 1912", "1912")]


def test_a_publisher_in_an_imprint_is_an_organisation(doc_factory):
    doc = extract_entities(doc_factory(
        "The Far Eastern Question. By J. O. P. Bland. London: Heinemann, 1921. Pp. 340."))
    found = {e.name: e.type for e in doc.entities}
    assert found.get("Heinemann") in (None, "ORG")
    assert found.get("London") == "PLACE"


def test_a_heading_of_two_common_words_is_no_person(doc_factory):
    doc = extract_entities(doc_factory("HOUSE OF COMMONS.\n\nORAL ANSWERS.\n\nSALT TAX."))
    assert not [e for e in doc.entities if e.type == "PERSON"]


def test_persian_money_is_money():
    text = "The Treasurer drew a further 200,000 tomans and 5,000 krans from the customs."
    found = {text[f.start:f.end]: f.unit for f in find_quantities(text)}
    assert found == {"200,000 tomans": "toman", "5,000 krans": "kran"}


def test_a_currency_word_is_no_entity(doc_factory):
    doc = extract_entities(doc_factory(
        "The sums involved amount to 50 million Reichsmarks; the rest was paid later."))
    assert not [e for e in doc.entities if "mark" in e.name.lower()]


def test_inverted_author_with_an_initial_and_a_given_name():
    c = parse_citation("Shuster, W. Morgan, The Strangling of Persia (New York, 1912), p. 4.")
    assert c["author"] == [{"family": "Shuster", "given": "W. Morgan"}]
    assert c["title"] == "The Strangling of Persia"


def test_sentence_case_title_keeps_nationalities_capitalised():
    from archivist.extract.metadata import sentence_case

    assert sentence_case("TELEGRAM FROM THE BRITISH MINISTER AT PEKING", {"PEKING": "Peking"}) \
        == "Telegram from the British minister at Peking"


def test_chinese_names_in_wade_giles_are_people(doc_factory):
    doc = extract_entities(doc_factory(
        "Yuan Shih-kai arrived to-day, and General Chang Tso-lin met Sun Yat-sen at noon."))
    people = {e.name for e in doc.entities if e.type == "PERSON"}
    assert {"Yuan Shih-kai", "Chang Tso-lin", "Sun Yat-sen"} <= people
    doc = extract_entities(doc_factory("The Sino-Japanese war and a well-known firm."))
    assert not [e for e in doc.entities if e.type == "PERSON"]


def test_a_treaty_name_does_not_run_over_a_blank_line():
    from archivist.extract.rules import rule_spans

    t = "The Provinces and the Peace of Brest-Litovsk\n\nBy R. H. LORD"
    assert [(t[a:b], ty) for a, b, ty in rule_spans(t) if ty == "AGREEMENT"] == [
        ("Peace of Brest-Litovsk", "AGREEMENT")]


def test_journal_article_with_pp_before_its_pages():
    c = parse_citation('J. W. Wheeler-Bennett, "The Forgotten Peace," Foreign Affairs, '
                       'vol. 16, no. 2 (1938), pp. 230-45.')
    assert (c["type"], c["title"], c["container-title"]) == (
        "article-journal", "The Forgotten Peace", "Foreign Affairs")
    assert (c["volume"], c["issue"], c["page"]) == ("16", "2", "230-45")


def test_a_capitals_heading_word_is_no_organisation(doc_factory):
    doc = extract_entities(doc_factory(
        "WRITTEN ANSWERS.\n\nRUBBER (IMPORTS).\n\nMr. BOOTHBY asked the President of the "
        "Board of Trade the quantity of rubber imported from Malaya."))
    assert not [e for e in doc.entities if e.name.upper() == "RUBBER"]
