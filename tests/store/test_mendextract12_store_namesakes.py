"""mendextract12: a namesake town of an old name ("Canton, Ohio"; the gazetteer files
"Canton" under Guangzhou) got a document id without its region, so the corpus index
merged it with the Chinese city's "Canton" of another document."""

from __future__ import annotations

from store_helpers import doc_json, make_doc

from archivist.extract.entities import extract_entities
from archivist.store import Store


def _add(store: Store, name: str, text: str) -> None:
    store.add(doc_json(extract_entities(make_doc(name, [text]))), "1")


def test_an_old_names_namesake_town_stays_apart_across_documents(store: Store) -> None:
    _add(store, "one", "The foundry at Canton, Ohio, was sold in the autumn.")
    _add(store, "two", "The tea was shipped from Canton in the autumn.")
    _add(store, "three", "The cotton of Canton, Miss., came north by rail.")
    cantons = sorted((e["id"], e["documents"]) for e in store.entities("PLACE")
                     if "Canton" in {e["name"], *e["variants"]})
    assert len(cantons) == 3 and ("E:canton@us-oh", 1) in cantons
    assert ("E:canton@us-ms", 1) in cantons
