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
