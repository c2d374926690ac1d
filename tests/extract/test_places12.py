"""places12: wrong places the gazetteer gave.

A name the gazetteer holds as written is that name, whatever other name shares its
OCR-tolerant lookup key ("Dayton" and "Clayton" both fold to "dayton"); a form no row
spells still finds the key's holder (the OCR-garbled forms the key was made for)."""

from __future__ import annotations

import pytest

from archivist.extract.entities import extract_entities, gazetteer_spans
from archivist.extract.gazetteer import load


@pytest.mark.parametrize("name,other", [
    ("Dayton", "Clayton"), ("Altoona", "Altona"), ("Yemen", "Emmen"),
    ("Newcastle", "New Castle"),
    # (one pair fewer since places16: a settler town's spelling of a city abroad is the
    # city's English name, filed under it - test_places16)
])
def test_a_name_as_written_is_never_shadowed_by_its_key(name: str, other: str) -> None:
    g = load()
    e, o = g.lookup(name), g.lookup(other)
    assert e is not None and o is not None
    assert e.name == name and o.name == other and e.id != o.id


def test_a_shadowed_name_is_found_in_text() -> None:
    t = "He went by rail to Dayton, then to Clayton and Altoona."
    got = {t[c.start:c.end]: c.entry.id for c in gazetteer_spans(t, None)}
    assert got == {"Dayton": "place-dayton", "Clayton": "place-clayton",
                   "Altoona": "place-altoona"}


def test_a_shadowed_name_keeps_its_id_in_the_entities(doc_factory) -> None:
    doc = extract_entities(doc_factory("The strike spread from the mills in Dayton to Altoona."))
    ids = {m.text: m.entity for m in doc.mentions}
    assert ids.get("Dayton") == "place-dayton"
    assert ids.get("Altoona") == "place-altoona"


@pytest.mark.parametrize("garbled,name", [
    ("Clayt0n", "Clayton"), ("POSSIET", "Posyet"), ("Birrningham", "Birmingham"),
])
def test_an_ocr_garbled_form_still_finds_the_key_holder(garbled: str, name: str) -> None:
    e = load().lookup(garbled)
    assert e is not None and e.name == name


def test_an_ocr_garbled_curated_place_is_still_found_in_text(doc_factory) -> None:
    doc = extract_entities(doc_factory("The Russian squadron lay at POSSIET all winter."))
    assert {m.entity for m in doc.mentions if m.text == "POSSIET"} == \
        {load().lookup("Posyet").id}


@pytest.mark.parametrize("word", ["Hasan", "Rookies"])
def test_a_word_or_given_name_is_no_garbled_curated_name(word: str) -> None:
    # the key folds "Hasan" onto Khasan, "Rookies" onto the Rockies: words and given
    # names of their own, not the OCR evidence a key-only match needs
    t = f"The next morning {word} was all the talk."
    assert [t[c.start:c.end] for c in gazetteer_spans(t, None)] == []
    assert load().lookup(word) is None


@pytest.mark.parametrize("word", ["Java", "Lewis", "Hugh"])
def test_a_transliteration_pair_is_no_garbled_generated_place(word: str) -> None:
    # generated places have no curated spellings: only an OCR confusion may stand for one
    assert load().lookup(word) is None


# "Paris, Texas": the gazetteer files "Paris" under itself (one row for every Paris), so
# the namesake rule needs the row's home: the largest Paris is in France
@pytest.mark.parametrize("text,name,eid", [
    ("The cotton buyers of Paris, Texas, met at noon.", "Paris", "place-paris-us-tx"),
    ("The steel works at Birmingham, Alabama, closed.", "Birmingham", "place-birmingham-us-al"),
    ("He settled in London, Ontario, in 1890.", "London", "place-london-ca"),
    ("The mills of Dayton, Ohio, closed.", "Dayton", "place-dayton"),
    ("The mills of Paris, France, closed.", "Paris", "place-paris"),
    ("He sailed from Portland, Oregon, in May.", "Portland", "place-portland"),
])
def test_a_region_after_a_name_not_the_places_home_makes_a_namesake(
        doc_factory, text: str, name: str, eid: str) -> None:
    doc = extract_entities(doc_factory(text))
    assert {m.entity for m in doc.mentions if m.text == name} == {eid}


def test_the_rows_know_their_home() -> None:
    g = load()
    assert (g.lookup("Paris").home, g.lookup("Dayton").home, g.lookup("Texas").home) == \
        ("FR", "US-OH", "US-TX")


@pytest.mark.parametrize("text,name", [
    ("His daughter Janina married a doctor in 1931.", "Janina"),  # Ioannina's old name
    ("Her sister Virginia married a lawyer.", "Virginia"),  # a state
    ("Kowalski's widow Janina left the town.", "Janina"),
])
def test_a_kinship_noun_before_a_place_name_makes_a_person(doc_factory, text: str,
                                                           name: str) -> None:
    doc = extract_entities(doc_factory(text))
    ents = {e.id: e for e in doc.entities}
    got = [ents[m.entity].type for m in doc.mentions if m.text == name]
    assert got == ["PERSON"]


@pytest.mark.parametrize("text", [
    "The troops entered Janina in 1913.", "His son was sent to Janina.",
])
def test_janina_as_a_place_stays_ioannina(doc_factory, text: str) -> None:
    doc = extract_entities(doc_factory(text))
    assert {m.entity for m in doc.mentions if m.text == "Janina"} == \
        {"place-ioannina"}


@pytest.mark.parametrize("text,name", [
    ("He met his brother Paris Smith at the station.", "Paris Smith"),
    ("Her daughter Janina Kowalska married in 1931.", "Janina Kowalska"),
    ("His daughter Virginia Woolf wrote.", "Virginia Woolf"),
    ("He met his wife Virginia The next day she left.", "Virginia"),  # a lost stop
])
def test_the_kinship_rule_keeps_the_whole_name(doc_factory, text: str, name: str) -> None:
    # (review12d) the rule took the place's name alone: "Paris", not "Paris Smith"
    doc = extract_entities(doc_factory(text))
    ents = {e.id: e for e in doc.entities}
    assert [(m.text, ents[m.entity].type) for m in doc.mentions] == [(name, "PERSON")]


@pytest.mark.parametrize("text", [
    "The cotton buyers of Paris, Tex., met those of Paris, Texas, at noon.",
    "The mills of Paris, Texas, and the buyers of Paris, Tex., met.",
])
def test_a_state_abbreviation_gives_the_namesake_the_full_names_id(doc_factory,
                                                                    text: str) -> None:
    # (review12d) "Paris, Tex." was place-paris-us, "Paris, Texas" place-paris-us-tx
    doc = extract_entities(doc_factory(text))
    assert {m.entity for m in doc.mentions if m.text == "Paris"} == {"place-paris-us-tx"}


def test_an_abbreviated_home_state_keeps_the_places_id(doc_factory) -> None:
    doc = extract_entities(doc_factory("The mills of Dayton, O., and Portland, Ore., closed."))
    ids = {m.text: m.entity for m in doc.mentions}
    assert ids.get("Portland") == "place-portland"
    assert "place-dayton-us" not in ids.values()


@pytest.mark.parametrize("text,want", [
    ("Athens, Ga., and Athens, Ohio, are college towns.",
     ["place-athens-us-ga", "place-athens-us-oh"]),
    ("Sydney, Nova Scotia, and Sydney, N.S.W., are ports.",
     ["place-sydney-ca", "place-sydney"]),
])
def test_two_towns_of_one_name_in_one_document_stay_apart(doc_factory, text: str,
                                                           want: list[str]) -> None:
    # (review12d) two namesakes, or a namesake and the place in its own home region,
    # were merged into the first one's entity
    doc = extract_entities(doc_factory(text))
    name = text.split(",")[0]
    assert [m.entity for m in doc.mentions if m.text == name] == want


@pytest.mark.parametrize("garbled,name", [("Dayt0n", "Dayton"), ("A1toona", "Altoona")])
def test_a_garbled_form_finds_the_row_it_garbles_not_the_keys_first(garbled: str,
                                                                     name: str) -> None:
    # (review12d) "Dayt0n" shares Clayton's key and went to Clayton, the key's first row
    e = load().lookup(garbled)
    assert e is not None and e.name == name
