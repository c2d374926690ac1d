"""layout12: old names of the period the frequency tests miss ("Stamboul") are kept by
hand in the build script (each an alternate name geonames gives its city) and shipped
in places.tsv; "Scutari", two towns' name, is a curated place filed under neither."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from archivist.extract.entities import extract_entities
from archivist.extract.gazetteer import load


def _build_script():  # noqa: ANN202
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer_l12", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("old,modern", [
    ("Stamboul", "Istanbul"), ("Stambul", "Istanbul"), ("Constantinople", "Istanbul"),
    ("Philippopolis", "Plovdiv"), ("Agram", "Zagreb"), ("Mayence", "Mainz"),
    ("Chemulpo", "Incheon"), ("Salonica", "Thessaloniki"), ("Leghorn", "Livorno"),
])
def test_old_names_share_the_modern_city_id(old: str, modern: str) -> None:
    g = load()
    e, m = g.lookup(old), g.lookup(modern)
    assert e is not None and m is not None and e.type == "PLACE"
    assert e.id == m.id
    assert not e.ambiguous


def test_scutari_is_a_place_of_its_own(doc_factory) -> None:
    e = load().lookup("Scutari")
    assert e is not None and e.type == "PLACE" and e.id == "place-scutari"
    doc = extract_entities(doc_factory("The wounded were carried across to Scutari."))
    assert {m.entity for m in doc.mentions if m.text == "Scutari"} == {"place-scutari"}


def test_stamboul_in_a_sentence_is_istanbul(doc_factory) -> None:
    doc = extract_entities(doc_factory("The steamer left Stamboul at dawn for the Black Sea."))
    assert {m.entity for m in doc.mentions if m.text == "Stamboul"} == {"place-istanbul"}


def test_a_hand_kept_old_name_skips_only_the_frequency_tests() -> None:
    b = _build_script()
    cities = [{"geonameid": 1, "name": "Qorvask", "population": 60_000, "countrycode": "TR",
               "alternatenames": ["Zorbulon"]},
              {"geonameid": 2, "name": "Velmarin", "population": 900_000, "countrycode": "GR",
               "alternatenames": ["Taken"]}]
    assert b.old_names(cities, set()) == {}  # never written in English: no old name
    b.KEEP_OLD["Zorbulon"] = "test"
    b.KEEP_OLD["Taken"] = "test"
    from archivist.extract.common import name_key
    got = b.old_names(cities, {name_key("Taken")})
    assert got == {"Zorbulon": ("Qorvask", "city")}  # a taken key stays taken
