"""Changing an edit's status in place (Store.set_edit_status), on every backend."""

from __future__ import annotations

import pytest
from store_helpers import doc_json, make_doc

from archivist.model import Edit, EditConflict
from archivist.store import Store
from archivist.store.revise import EditNotFound

P1 = ("The Jaranese troops crossed the frontier near Hunch'un on July 29, 1938, and "
      "Shigemitsu protested.")
P2 = "A second page where the Jaranese consul spoke with Litvinov."


def _add(store: Store) -> tuple[int, int, int]:
    """Store a two-page document with one applied repair and one suggestion; return
    (doc id, applied edit id, suggested edit id)."""
    doc = make_doc("rev", [P1, P2], fixes={"Jaranese": "Japanese"},
                   entities=[("PERSON", "Shigemitsu", []), ("PERSON", "Litvinov", [])],
                   dates=[("July 29, 1938", "1938-07-29")],
                   events=[("July 29, 1938", "1938-07-29")])
    applied = len(doc.edits) - 1
    v = doc.body_view()
    i = v.text.index("consul")
    sug = v.edit("test.plant", i, i + 6, "CONSULQ", confidence=0.1, reason="planted")
    doc.add_edits([sug])
    assert sug.status == "suggested"
    return store.add(doc_json(doc), "7"), applied, sug.id


def _annotations_quote_text(store: Store, doc_id: int) -> None:
    d = store.document_json(doc_id)
    for m in d["mentions"]:
        assert d["text"][m["start"]:m["end"]] == m["text"]
    for t in d["dates"]:
        assert d["text"][t["start"]:t["end"]] == t["text"]


def test_accept_keeps_id_and_updates_everything(store: Store) -> None:
    doc_id, _, sug = _add(store)
    assert store.search("consulq", exact=True).hits == []
    ch = store.set_edit_status(doc_id, sug, "applied", "[ok by Ada]")
    assert (ch.doc_id, ch.old_status, ch.new_status, ch.text_changed) == \
        (doc_id, "suggested", "applied", True)
    assert store.stats()["documents"] == 1
    assert [d["id"] for d in store.documents()] == [doc_id]
    assert store.documents()[0]["pipeline_version"] == "7"
    d = store.document_json(doc_id)
    assert "CONSULQ" in d["text"] and d["edits"][sug]["status"] == "applied"
    assert d["edits"][sug]["reason"] == "planted [ok by Ada]"
    assert store.document(doc_id).text == d["text"]
    # edit rows, full text and vocabulary follow the new text
    rows = store.rows("SELECT status, reason FROM edits WHERE doc_id = ? AND seq = ?",
                      (doc_id, sug))
    assert rows == [("applied", "planted [ok by Ada]")]
    hits = store.search("consulq", exact=True).hits
    assert [(h.doc_id, h.match) for h in hits] == [(doc_id, "CONSULQ")]
    assert store.search("consul", exact=True).hits[0].in_original_only
    assert store.rows("SELECT df FROM vocab WHERE word = 'consulq'") == [(1,)]
    assert store.rows("SELECT df FROM vocab WHERE word = 'litvinov'") == [(1,)]
    _annotations_quote_text(store, doc_id)
    # mentions after the changed word moved with it and are still found by entity
    assert {h.match for h in store.search("entity:Litvinov").hits} == {"Litvinov"}
    assert [e["date"] for e in store.timeline()] == ["1938-07-29"]


def test_reject_an_applied_repair_restores_the_original(store: Store) -> None:
    doc_id, applied, _ = _add(store)
    before = store.document_json(doc_id)["text"]
    ch = store.set_edit_status(doc_id, applied, "rejected")
    assert ch.text_changed and ch.old_status == "applied"
    after = store.document_json(doc_id)["text"]
    assert after.startswith("The Jaranese troops") and before.startswith("The Japanese")
    assert len(after) == len(before)
    _annotations_quote_text(store, doc_id)
    hits = store.search("Jaranese", exact=True).hits
    assert hits and not hits[0].in_original_only
    # and back again
    assert store.set_edit_status(doc_id, applied, "applied").text_changed
    assert store.document_json(doc_id)["text"] == before


def test_rejecting_a_suggestion_changes_no_text(store: Store) -> None:
    doc_id, _, sug = _add(store)
    before = store.document_json(doc_id)["text"]
    ch = store.set_edit_status(doc_id, sug, "rejected")
    assert not ch.text_changed and store.document_json(doc_id)["text"] == before
    assert store.review_queue(0.5, doc_id=doc_id) == []


def test_review_queue_and_document_details(store: Store) -> None:
    doc_id, _, sug = _add(store)
    q = store.review_queue(0.5)
    assert [(it["doc_id"], it["edit"], it["status"]) for it in q] == \
        [(doc_id, sug, "suggested")]
    assert q[0]["alternatives"] == [] and q[0]["doc"] == "rev"
    assert store.review_queue(0.95, limit=10)[0]["confidence"] == pytest.approx(0.1)
    assert len(store.review_queue(0.95)) == 2
    assert len(store.review_queue(0.95, offset=1)) == 1
    assert store.review_queue(0.5, doc_id=doc_id + 1000) == []
    (d,) = store.documents(details=True)
    assert (d["id"], d["title"], d["edits"], d["suggested"], d["rejected"]) == \
        (doc_id, "rev", 1, 1, 0)
    assert store.documents(offset=1) == [] and len(store.documents(0, 1)) == 1


def test_bad_changes_leave_the_document_untouched(store: Store) -> None:
    doc_id, applied, sug = _add(store)
    before = store.document_json(doc_id)
    with pytest.raises(KeyError):
        store.set_edit_status(doc_id + 1000, 0, "applied")
    with pytest.raises(EditNotFound):
        store.set_edit_status(doc_id, 999, "applied")
    with pytest.raises(ValueError):
        store.set_edit_status(doc_id, sug, "deleted")
    assert store.document_json(doc_id) == before


def test_conflicting_accept_is_refused_and_rolled_back(store: Store) -> None:
    doc = make_doc("clash", ["The Jaranese troops crossed."])
    i = doc.original.index("Jaranese")
    doc.add_edits([Edit("t.a", i, i + 8, "Jaranese", "Japanese", confidence=0.9)])
    # a suggestion partially overlapping the applied repair (made on the original)
    b = Edit("t.b", i + 4, i + 14, doc.original[i + 4:i + 14], "nese troop", confidence=0.1)
    doc.add_edits([b])
    b.status = "suggested"  # add_edits refused it; a reviewer may still try to accept it
    doc_id = store.add(doc_json(doc), "1")
    before = store.document_json(doc_id)
    assert before["edits"][b.id]["status"] == "suggested"
    with pytest.raises(EditConflict):
        store.set_edit_status(doc_id, b.id, "applied")
    assert store.document_json(doc_id) == before
    assert store.stats()["documents"] == 1


def test_accepting_an_edit_moves_the_quantities_after_it(store: Store) -> None:
    from archivist.extract.quantities import extract_quantities

    doc = extract_quantities(make_doc("qty", ["The cnsul sent 400 men and £5 10s. on."]))
    v = doc.body_view()
    i = v.text.index("cnsul")
    sug = v.edit("test.plant", i, i + 5, "consul-general", confidence=0.1, reason="planted")
    doc.add_edits([sug])
    doc_id = store.add(doc_json(doc), "7")
    store.set_edit_status(doc_id, sug.id, "applied")
    d = store.document_json(doc_id)
    assert [q["text"] for q in d["quantities"]] == ["400 men", "£5 10s."]
    for q in d["quantities"]:
        assert d["text"][q["start"]:q["end"]] == q["text"]
        assert d["original"][q["orig_start"]:q["orig_end"]] == q["text"]


def test_a_decision_finds_the_changed_stretch_once_per_view(monkeypatch) -> None:
    # review10c: it was found again for every annotation (whole-text scans each), so
    # one click on a long document with many names took a minute
    from archivist.model import Document, Mention, Source
    from archivist.store import revise

    text = " ".join(f"word{i % 97}" for i in range(2000))
    doc = Document(text, Source("x", "0", "text"))
    doc.add_edits([doc.body_view().edit("t", 5, 9, "WORD", confidence=0.1)])
    for p in range(0, len(text) - 10, len(text) // 200):
        doc.mentions.append(Mention("e", text[p:p + 5], "text", p, p + 5))
    calls = []
    real = revise._region
    monkeypatch.setattr(revise, "_region", lambda *a: calls.append(1) or real(*a))
    revise.change_status(doc, 0, "applied")
    assert len(calls) == 1
    assert all(doc.text[m.start:m.end] == m.text for m in doc.mentions)
