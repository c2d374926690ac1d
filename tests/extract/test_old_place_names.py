"""Old English names of cities (geonames' alternate names) on invented sentences."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from archivist.extract.entities import extract_entities
from archivist.extract.gazetteer import load


def places(doc) -> dict[str, object]:
    return {e.name: e for e in doc.entities if e.type == "PLACE"}


def test_old_names_are_filed_under_the_modern_place():
    g = load()
    for old, modern in [("Bombay", "Mumbai"), ("Rangoon", "Yangon"), ("Danzig", "Gdańsk"),
                        ("Memel", "Klaipėda"), ("Königsberg", "Kaliningrad"),
                        ("Stalingrad", "Volgograd"), ("Salonika", "Thessaloníki"),
                        ("Tientsin", "Tianjin"), ("Breslau", "Wrocław"), ("Simla", "Shimla")]:
        e = g.lookup(old)
        assert e is not None and e.type == "PLACE", old
        assert e.name == old and e.id == g.lookup(modern).id


def test_other_languages_forms_and_codes_are_not_names():
    g = load()
    for form in ("Bombaim", "Mumbajus", "Kalkutta"):
        assert g.lookup(form) is None, form
    assert g.lookup("BOM") is None or g.lookup("BOM").id != g.lookup("Mumbai").id


def test_sailed_from_bombay_to_rangoon(doc_factory):
    doc = extract_entities(doc_factory("He sailed from Bombay to Rangoon."))
    found = places(doc)
    assert set(found) == {"Bombay", "Rangoon"}
    assert found["Bombay"].id == load().lookup("Mumbai").id


def test_the_simla_conference_is_a_place_not_a_person(doc_factory):
    doc = extract_entities(doc_factory(
        "The delegates gathered for the Simla conference late in the summer."))
    simla = [e for e in doc.entities if "Simla" in e.variants]
    assert [e.type for e in simla] == ["PLACE"]


def test_old_and_modern_names_make_one_entity_named_as_the_text_names_it(doc_factory):
    doc = extract_entities(doc_factory(
        "The mail steamer left Bombay on Monday. Travellers from Bombay complained of the "
        "heat, and a later hand wrote Mumbai beside it in the margin."))
    found = [e for e in doc.entities if e.id == load().lookup("Mumbai").id]
    assert len(found) == 1
    assert found[0].name == "Bombay"
    assert {"Bombay", "Mumbai"} <= set(found[0].variants)


@pytest.mark.parametrize("text", [
    "The band played a tango and the crowd shouted amen.",
    "She had the luck to find the tape in a drawer.",
    "They walked past the minster and the deli on the corner.",
])
def test_words_that_are_also_old_names_are_left_alone(doc_factory, text):
    doc = extract_entities(doc_factory(text))
    assert [e for e in doc.entities if e.type == "PLACE"] == []


def test_an_old_name_that_is_also_a_word_needs_support(doc_factory):
    """"Tango" (Tanggu) and "Trident" (Trento) are words first: capitalised at a
    sentence's start they stay words; after "in" the old name is a place."""
    g = load()
    for w in ("Tango", "Trident"):
        assert g.lookup(w) is not None and g.lookup(w).ambiguous, w
    doc = extract_entities(doc_factory(
        "Tango lessons were popular that winter. Trident was the name of the boat."))
    assert [e for e in doc.entities if e.type == "PLACE"] == []
    doc = extract_entities(doc_factory("The agent arrived in Tango on Monday."))
    assert [e.name for e in doc.entities if e.type == "PLACE"] == ["Tango"]


def test_no_old_name_takes_another_places_modern_name():
    """"Victoria", "Manchester": a modern name of a place stays that place's."""
    g = load()
    for name in ("Victoria", "Manchester", "Philadelphia", "Delhi"):
        e = g.lookup(name)
        assert e is not None and e.name == name, name


def _build_script():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_tests_keep_english_forms_and_drop_the_rest():
    b = _build_script()
    assert b.old_name_ok("Bombay", "Mumbai", ["Bombay", "Mumbai"])
    assert b.old_name_ok("Memel", "Klaipėda", ["Memel", "Klaipeda"])
    # other languages' forms, codes, words, given names, first syllables
    assert not b.old_name_ok("Bombaim", "Mumbai", [])
    assert not b.old_name_ok("BOM", "Mumbai", [])
    assert not b.old_name_ok("Luck", "Lutsk", [])
    assert not b.old_name_ok("Florence", "Firenze", [])
    assert not b.old_name_ok("Cheng", "Zhengzhou", ["Cheng-chou"])
    # one old name for two cities of a size: neither gets it
    cities = [{"geonameid": 1, "name": "Aaa", "population": 500_000, "countrycode": "PL",
               "alternatenames": ["Danzig"]},
              {"geonameid": 2, "name": "Bbb", "population": 400_000, "countrycode": "PL",
               "alternatenames": ["Danzig"]}]
    assert b.old_names(cities, set()) == {}
    cities[1]["population"] = 50_000  # too small to count, and to compete
    assert b.old_names(cities, set()) == {"Danzig": ("Aaa", "city")}
    assert b.old_names(cities, {"danzig"}) == {}  # the key is taken


def test_english_speaking_countries_cities_give_no_old_names():
    """An American city's alternate names are nicknames ("Motown"), not old forms."""
    b = _build_script()
    city = {"geonameid": 1, "name": "Aaa", "population": 500_000, "countrycode": "US",
            "alternatenames": ["Danzig"]}
    assert b.old_names([city], set()) == {}
    assert load().lookup("Motown") is None or load().lookup("Motown").id != load().lookup(
        "Detroit").id
