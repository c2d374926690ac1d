"""names11: historic places that resolved to American namesakes, signatures read as
countries, and "X parish" beside "X" as two entities. Invented names except the generic
historic place names the task names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from archivist.extract.common import slug
from archivist.extract.entities import extract_entities
from archivist.extract.gazetteer import load


def _build_script():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer_n11", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_historic_names_resolve_to_the_old_world_city_not_a_us_namesake():
    g = load()
    for old, modern in [("Canton", "Guangzhou"), ("Batavia", "Jakarta"), ("Smyrna", "İzmir"),
                        ("Port Arthur", "Lüshun"), ("Mukden", "Shenyang"),
                        ("Peking", "Beijing"), ("Memel", "Klaipėda"), ("Lemberg", "Lviv"),
                        ("Fiume", "Rijeka"), ("Tiflis", "Tbilisi"), ("Christiania", "Oslo"),
                        ("Tientsin", "Tianjin"), ("Salonika", "Thessaloníki"),
                        ("Danzig", "Gdańsk"), ("Königsberg", "Kaliningrad"),
                        ("Bombay", "Mumbai")]:
        e = g.lookup(old)
        assert e is not None and e.type == "PLACE", old
        assert e.id == "place-" + slug(modern), (old, e.id)


def test_a_namesake_far_smaller_than_its_model_gives_the_name_back():
    b = _build_script()
    # (the old name must be written in English: a generic historic name, invented towns)
    cities = [{"geonameid": 1, "name": "İzmir", "population": 2_000_000, "countrycode": "TR",
               "alternatenames": ["Smyrna"]},
              {"geonameid": 2, "name": "Smyrna", "population": 40_000, "countrycode": "US"},
              {"geonameid": 3, "name": "New Smyrna Quay", "population": 20_000,
               "countrycode": "AU"}]
    taken = {"smyma"}  # (name_key folds "rn" onto "m", as OCR does)
    got = b.old_names(cities, taken, b.namesakes(cities))
    assert got.get("Smyrna", ("",))[0] == "İzmir"
    assert b.old_names(cities, taken) == {}  # without the namesake rule: taken
    # a namesake nearly as large as its model keeps its name
    cities[1]["population"] = 500_000
    assert "Smyrna" not in b.old_names(cities, taken, b.namesakes(cities))
    # ... and a British town is the model, never a namesake
    cities[1].update(population=40_000, countrycode="GB")
    assert "Smyrna" not in b.old_names(cities, taken, b.namesakes(cities))


def test_merchants_of_canton_is_the_chinese_city(doc_factory):
    doc = extract_entities(doc_factory(
        "The tea was shipped from Canton to Batavia, and the figs came from Smyrna."))
    found = {e.name: e.id for e in doc.entities if e.type == "PLACE"}
    assert found == {"Canton": "place-guangzhou", "Batavia": "place-jakarta",
                     "Smyrna": "place-izmir"}


def _types(doc, word: str) -> set[str]:
    return {e.type for e in doc.entities if word in {e.name, *e.variants}}


@pytest.mark.parametrize("text", [
    "The road was finished in the spring.\n\nYours faithfully,\n\nJORDAN.\n",
    "I have the honour to be, Sir,\nYour obedient servant,\n(Signed) JORDAN\n",
    "The boundary question is closed.\n(Sgd.) PERSIA.\n",
    "The boundary question is closed.\n\nJORDAN\nH.M. Minister at Caltrova\n",
])
def test_a_one_word_signature_in_capitals_is_a_person(doc_factory, text):
    word = "PERSIA" if "PERSIA" in text else "JORDAN"
    doc = extract_entities(doc_factory(text))
    assert _types(doc, word) == {"PERSON"}, doc.entities


@pytest.mark.parametrize("text", [
    "The envoy reached the Kingdom of JORDAN in May.\n",
    "JORDAN\n\nThe kingdom lies east of the river and its king rules from the capital.\n",
    "Yours faithfully, the people of JORDAN.\n",
])
def test_the_country_in_capitals_elsewhere_stays_a_place(doc_factory, text):
    doc = extract_entities(doc_factory(text))
    assert _types(doc, "JORDAN") == {"PLACE"}, doc.entities


@pytest.mark.parametrize("text,bare,longer", [
    ("The tithe of the parish of Orbury was disputed. Orbury parish then had two hundred "
     "souls, and the vicar of Orbury wrote to the bishop.", "Orbury", "Orbury parish"),
    ("Later the Whitlow township was surveyed, and the settlers of Whitlow built a mill.",
     "Whitlow", "Whitlow township"),
    ("The Cressing valley flooded in March; at Cressing the mill was lost.",
     "Cressing", "Cressing valley"),
])
def test_a_place_with_a_noun_of_place_is_one_entity_with_the_bare_name(doc_factory, text,
                                                                        bare, longer):
    doc = extract_entities(doc_factory(text))
    ents = [e for e in doc.entities if {bare, longer} & {e.name, *e.variants}]
    assert len(ents) == 1, doc.entities
    assert ents[0].type == "PLACE" and ents[0].name == bare
    mentioned = {m.text for m in doc.mentions if m.entity == ents[0].id}
    assert bare in mentioned


def test_a_leading_word_makes_another_place(doc_factory):
    doc = extract_entities(doc_factory(
        "He sailed from New York to Hong Kong, and later went from York to Kong."))
    ids = {m.text: m.entity for m in doc.mentions}
    assert ids["New York"] != ids["York"]
    assert ids["Hong Kong"] != ids["Kong"]


@pytest.mark.parametrize("text,place", [
    ("Mr. Councillor Vane, of Hyde, took the chair at the meeting.", "Hyde"),
    ("The Weymouth and Bath coach leaves every Tuesday at seven.", "Bath"),
])
def test_an_ambiguous_town_is_supported_by_residence_or_a_sure_neighbour(doc_factory, text,
                                                                        place):
    doc = extract_entities(doc_factory(text))
    assert place in {m.text for m in doc.mentions
                     if m.entity.startswith("place-")}, doc.mentions


def test_an_ambiguous_town_without_support_stays_unread(doc_factory):
    doc = extract_entities(doc_factory("She ran a hot bath and wrote to Mrs. Bath at once."))
    assert "place-bath" not in {e.id for e in doc.entities}


def test_a_possessor_before_a_city_is_not_one_name_with_it(doc_factory):
    """spaCy may read "Harlan’s St. Louis audience" as one person (it does with some
    surnames): the owner is cut off and the city stays a place."""
    from archivist.extract.entities import find_candidates

    doc = doc_factory("A large part of Harlan’s St. Louis audience left early.")
    view = doc.body_view()
    s = view.text.index("Harlan")
    e = view.text.index(" audience")
    cands = find_candidates([view], {view.where: [(s, e, "PERSON")]}, {})[view.where]
    spacy = [c for c in cands if c.label == "PERSON"]
    assert [view.text[c.start:c.end] for c in spacy] == ["Harlan"]
    assert any(view.text[c.start:c.end] == "St. Louis" and c.type == "PLACE" for c in cands)
