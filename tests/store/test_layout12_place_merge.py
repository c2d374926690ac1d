"""layout12: a place written with a noun of place in one document ("Orbury parish") and
bare in another ("Orbury") is one entity across the corpus, as it is within a document;
other types and a capitalised name that merely ends in such a word stay apart."""

from __future__ import annotations

from store_helpers import doc_json, make_doc

from archivist.store import Store


def _add(store: Store, name: str, text: str, typ: str, ent: str) -> None:
    store.add(doc_json(make_doc(name, [text], entities=[(typ, ent, [])])), "1")


def test_place_with_a_noun_of_place_merges_with_the_bare_place(store: Store) -> None:
    _add(store, "one", "The tithe of Orbury parish was paid in kind.", "PLACE", "Orbury parish")
    _add(store, "two", "The mill at Orbury burnt down.", "PLACE", "Orbury")
    _add(store, "three", "Orbury township was surveyed.", "PLACE", "Orbury township")
    places = store.entities("PLACE")
    assert len(places) == 1
    assert places[0]["name"] == "Orbury" and places[0]["documents"] == 3
    group = store.entity_group("Orbury")
    assert len(group) == 3
    assert store.entity_group("Orbury parish") == group
    assert {h.doc for h in store.search("entity:Orbury").hits} == {"one", "two", "three"}


def test_only_places_merge_by_the_noun(store: Store) -> None:
    _add(store, "one", "John Parish spoke at length.", "PERSON", "John Parish")
    _add(store, "two", "John spoke briefly.", "PERSON", "John")
    assert len(store.entities("PERSON")) == 2
    assert len(store.entity_group("John")) == 1
