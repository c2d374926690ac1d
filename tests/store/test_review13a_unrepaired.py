"""review13a: a document stored by `ingest --no-repair` (`_store.unrepaired`) counts
nothing in the corpus lexicon on every path, on both backends.

`Store.set_edit_status` rebuilt the stored JSON with `store_json`, which dropped the
flag: revising one of its layout edits counted the unrepaired OCR's forms and pairs.

Every sentence here is invented."""

from __future__ import annotations

from pathlib import Path

from archivist.store import Store
from archivist.store.ingest import ingest

TEXT = ("Lady Marrowick wrote from Ortelby; the copper kettle sang. Marrowick came home "
        "to Ortelby.\n\n\n\nAt Ortelby the kettle sang again, and Marrowick listened.   \n")


def _tables(store: Store) -> tuple[list[tuple[str, int, int]], dict[str, tuple[int, int]]]:
    forms = sorted((str(f), int(n), int(d))
                   for f, n, d in store.rows("SELECT form, n, docs FROM lexicon"))
    return forms, store.pair_rows()


def test_revising_an_unrepaired_document_counts_nothing(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    [out] = ingest(store, [f], no_repair=True)
    doc = store.document(out.doc_id)
    layout = [e for e in doc.edits if e.kind == "layout"]
    assert layout, "the text gives the layout stages an edit to revise"
    store.set_edit_status(out.doc_id, layout[0].id, "rejected")
    assert store.stored_forms(out.doc_id) == {}
    assert _tables(store) == ([], {})
    assert store.document_json(out.doc_id)["_store"].get("unrepaired") is True
    # and `--reprocess` then repairs it and counts it, as a full ingest would
    [again] = ingest(store, [f], reprocess=True, no_nlp=True)
    assert again.status == "reprocessed"
    assert store.stored_forms(again.doc_id)["marrowick"] == 3
    assert _tables(store)[0] == [("marrowick", 3, 1), ("ortelby", 3, 1)]
