"""mendextract12: a namesake town of a name the gazetteer files under a city abroad (a
curated place or an old name) takes its region into its id, as the self-filed ones do;
without it two towns of one name in a document ("Canton, Ohio", "Canton, Miss.") merged."""

from __future__ import annotations

from archivist.extract.entities import extract_entities


def test_two_namesake_towns_of_an_old_name_stay_apart(doc_factory) -> None:
    text = ("The foundry at Canton, Ohio, sent its iron south. The cotton of Canton, Miss., "
            "came north by the same line.")
    doc = extract_entities(doc_factory(text))
    got = {m.entity for m in doc.mentions if m.text == "Canton"}
    assert got == {"place-canton-us-oh", "place-canton-us-ms"}


def test_a_namesake_of_a_curated_place_has_its_province(doc_factory) -> None:
    text = "The grain boats reached Port Arthur, Ont., and then Port Arthur, Texas, in May."
    doc = extract_entities(doc_factory(text))
    got = {m.entity for m in doc.mentions if m.text == "Port Arthur"}
    assert got == {"place-port-arthur-ca", "place-port-arthur-us-tx"}
