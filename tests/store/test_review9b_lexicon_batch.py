"""Review 9b: one source given twice in one batch counts once in the corpus lexicon
(invented names)."""

from __future__ import annotations

from store_helpers import doc_json, make_doc
from test_lexicon_store import recount, table

from archivist.store import Store

PAGE = "The envoy Tervanets met Vaskarln at the ford. Tervanets left."


def test_a_source_twice_in_one_batch_counts_once(store: Store) -> None:
    store.add(doc_json(make_doc("other", ["Vaskarin went north with Tervanets."])), "t")
    # the same source (same sha256) twice, the second repaired: one by one, the
    # second replaces the first; in one batch the first's forms were subtracted from
    # the table before the batch had added them, and 'vaskarln' was counted anyway
    ids = store.add_many([doc_json(make_doc("a", [PAGE])),
                          doc_json(make_doc("b", ["Pelvanova came."])),
                          doc_json(make_doc("a", [PAGE], fixes={"Vaskarln": "Vaskarin"}))], "t")
    assert store.stats()["documents"] == 3
    assert ids[0] == ids[2] and ids[0] != ids[1]
    assert table(store) == recount(store) == {
        "pelvanova": (1, 1), "tervanets": (3, 2), "vaskarin": (2, 2)}
