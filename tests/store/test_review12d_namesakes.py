"""review12d: the corpus entity index merged a namesake town ("Paris, Texas", document
id place-paris-us-tx) with the place abroad of its name (place-paris) by their shared
name, so the namesake ids of places12 were lost across documents."""

from __future__ import annotations

from store_helpers import doc_json, make_doc

from archivist.store import Store


def _add(store: Store, name: str, text: str, ent: str, local_id: str) -> None:
    doc = make_doc(name, [text], entities=[("PLACE", ent, [])])
    doc.entities[0].id = local_id
    for m in doc.mentions:
        m.entity = local_id
    store.add(doc_json(doc), "1")


def test_a_namesake_town_stays_apart_from_the_place_abroad(store: Store) -> None:
    _add(store, "one", "The cotton buyers of Paris met at noon.", "Paris", "place-paris-us-tx")
    _add(store, "two", "The peace conference sat in Paris.", "Paris", "place-paris")
    _add(store, "three", "Paris was quiet.", "Paris", "place-paris-us-tx")
    ents = store.entities("PLACE")
    assert sorted((e["id"], e["documents"]) for e in ents) == [
        ("E:paris", 1), ("E:paris@us-tx", 2)]
    # a search by the name still finds both
    assert len(store.entity_group("Paris")) == 3
