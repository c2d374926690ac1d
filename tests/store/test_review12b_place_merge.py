"""review12b: entity_group merged a place written with one noun of place ("Orbury
parish") with the bare place only, so with no bare "Orbury" in the corpus it missed
"Orbury township", which entities() counts as the same place."""

from __future__ import annotations

from store_helpers import doc_json, make_doc

from archivist.store import Store


def _add(store: Store, name: str, text: str, typ: str, ent: str) -> None:
    store.add(doc_json(make_doc(name, [text], entities=[(typ, ent, [])])), "1")


def test_two_nouns_of_place_are_one_place_without_the_bare_name(store: Store) -> None:
    _add(store, "one", "The tithe of Orbury parish was paid in kind.", "PLACE", "Orbury parish")
    _add(store, "two", "Orbury township was surveyed.", "PLACE", "Orbury township")
    assert len(store.entities("PLACE")) == 1
    assert len(store.entity_group("Orbury parish")) == 2
    assert store.entity_group("Orbury township") == store.entity_group("Orbury parish")
    assert {h.doc for h in store.search('entity:"Orbury parish"').hits} == {"one", "two"}


def test_a_place_with_thousands_of_variants_is_looked_up(store: Store) -> None:
    # each bare variant is looked up under its 14 nouns of place: 5,000 variants asked
    # for 70,000 parameters in one statement, past PostgreSQL's 65,535
    letters = "abcdefghijklmnopqrstuvwxyz"
    forms = [f"Orbury {letters[i // 676]}{letters[i // 26 % 26]}{letters[i % 26]}"
             for i in range(5000)]
    store.add(doc_json(make_doc("one", ["The tithe of Orbury was paid in kind."],
                                entities=[("PLACE", "Orbury", forms)])), "1")
    assert len(store.entity_group("Orbury")) == 1
