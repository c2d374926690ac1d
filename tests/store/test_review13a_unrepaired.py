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


def _counting_everything(d: dict) -> list[str]:
    """`record.lexicon_texts` before `--no-repair`: it counted every document's text."""
    return [d.get("text") or "", *((n.get("text") or "") for n in d.get("notes") or [])]


def test_code_that_counted_unrepaired_text_recounts_first(
        store: Store, tmp_path: Path, monkeypatch) -> None:
    # `lexicon_texts` changed what is counted, so the counting rules changed with it:
    # code of the rules before (COUNTING_VERSION 1, same PIPELINE_VERSION, e.g. an
    # older install on the same corpus) that deleted or replaced an unrepaired
    # document took its forms off the other documents' counts
    from archivist.repair import corpus as C
    from archivist.store import record

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text("Marrowick of Ortelby sold the mill; Marrowick left Ortelby.\n",
                 encoding="utf-8")
    ingest(store, [a], no_nlp=True)
    [unrepaired] = ingest(store, [b], no_repair=True)
    full = _tables(store)
    with monkeypatch.context() as m:  # that older code
        m.setattr(C, "COUNTING_VERSION", 1)
        m.setattr(record, "lexicon_texts", _counting_everything)
        store.delete(unrepaired.doc_id)
        assert _tables(store) == full  # b counted nothing: a's counts are left whole
    store.delete(int(store.rows("SELECT min(id) FROM documents")[0][0]))
    assert _tables(store) == ([], {})
