"""Old city names that are also surnames, and old names the builder used to miss."""

from __future__ import annotations

import pytest

from archivist.extract.entities import extract_entities
from archivist.extract.gazetteer import load


def _places(doc) -> list[str]:
    return [e.name for e in doc.entities if e.type == "PLACE"]


@pytest.mark.parametrize("text", [
    "Afterwards he wrote to Marchand about the loan.",
    "Mr. Marchand was not at home.",
    "Marchand said that the loan was safe.",
    "Pierre Marchand arrived late.",
    "We met Salazar at the station.",
])
def test_a_surname_that_is_an_old_city_name_is_no_place(doc_factory, text):
    doc = extract_entities(doc_factory(text))
    assert not [p for p in _places(doc) if p in ("Marchand", "Salazar")]


@pytest.mark.parametrize("text, name", [
    ("The delegates gathered for the Simla conference in the summer.", "Simla"),
    ("Bombay was hot and the mail was late.", "Bombay"),
    ("Trade through Danzig grew every year.", "Danzig"),
    ("The garrison of Königsberg was small.", "Königsberg"),
    ("Tientsin remained quiet all winter.", "Tientsin"),
    ("The consul reported that Salonika was full of refugees.", "Salonika"),
])
def test_old_names_in_ordinary_sentences_stay_places(doc_factory, text, name):
    assert name in _places(extract_entities(doc_factory(text)))


def test_junk_old_names_are_not_in_the_table():
    """Surnames and Latin words the frequency tests let through are dropped at build
    time (scripts/build_gazetteer.py, DROP_OLD, each with its reason)."""
    g = load()
    for w in ("Marchand", "Salazar", "Larkin", "Insula", "Barium"):
        e = g.lookup(w)
        assert e is None or not e.old, w


@pytest.mark.parametrize("old, modern", [
    ("Kiev", "Kyiv"), ("Amoy", "Xiamen"), ("Lvov", "Lviv"), ("Helsingfors", "Helsinki"),
    ("Pressburg", "Bratislava"), ("Laibach", "Ljubljana"), ("Leopoldville", "Kinshasa"),
    ("Tiflis", "Tbilisi"), ("Reval", "Tallinn"), ("Fiume", "Rijeka"), ("Lemberg", "Lviv"),
    ("Christiania", "Oslo"), ("Memel", "Klaipėda"),
])
def test_old_names_once_lost_to_the_filters_are_found(old, modern):
    g = load()
    e = g.lookup(old)
    assert e is not None and e.old and e.id == g.lookup(modern).id


def test_four_letter_old_names_are_places_in_text(doc_factory):
    doc = extract_entities(doc_factory(
        "He travelled from Kiev to Lvov, and later sailed from Amoy."))
    assert {"Kiev", "Lvov", "Amoy"} <= set(_places(doc))
    assert not [e for e in doc.entities if e.type == "PERSON"]
