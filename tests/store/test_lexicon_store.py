"""The corpus lexicon in the store, on both backends: counted with each document
(body and notes), subtracted when it is deleted, replaced or revised, rebuilt by
migration 7 for documents stored before it; `Store.lexicon()` for repair.

Every name and sentence here is invented."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

from archivist.repair.corpus import CorpusLexicon, document_forms
from archivist.store import Store, open_store
from archivist.store.base import LEXICON_DDL
from archivist.store.record import lexicon_forms, lexicon_texts

PAGE_A = "The envoy Vaskarin met the elders at Oblomsk. Vaskarin stayed two days."
NOTE_A = "Vaskarin's own report of the journey."
PAGE_B = "From Oblomsk the road ran north; Vaskarin never took it."
PAGE_C = "The council of Oblomsk wrote twice to Vaskarln about the mill."


def table(store: Store) -> dict[str, tuple[int, int]]:
    return {str(f): (int(n), int(d)) for f, n, d in
            store.rows("SELECT form, n, docs FROM lexicon ORDER BY form")}


def recount(store: Store) -> dict[str, tuple[int, int]]:
    """What the table must hold: every stored document's JSON counted afresh."""
    n: Counter[str] = Counter()
    d: Counter[str] = Counter()
    for (doc_id,) in store.rows("SELECT id FROM documents"):
        forms = document_forms(lexicon_texts(store.document_json(int(doc_id))))
        n.update(forms)
        d.update(forms.keys())
    return {f: (n[f], d[f]) for f in sorted(n)}


def test_a_document_adds_its_body_and_notes_forms(store: Store) -> None:
    store.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
    # body twice, the note once (possessive stripped); English words are not counted
    assert table(store) == {"oblomsk": (1, 1), "vaskarin": (3, 1)}
    store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    assert table(store) == {"oblomsk": (2, 2), "vaskarin": (4, 2)}
    lex = store.lexicon()
    assert isinstance(lex, CorpusLexicon)
    assert dict(lex.forms) == {"vaskarin": (4, 2)}  # oblomsk: 2 occurrences, not a term
    assert dict(store.lexicon(min_docs=2, min_count=2).forms) == {
        "oblomsk": (2, 2), "vaskarin": (4, 2)}
    assert store.lexicon_terms() == [{"form": "vaskarin", "n": 4, "docs": 2}]
    assert [r["form"] for r in store.lexicon_terms(min_count=1)] == ["vaskarin", "oblomsk"]
    assert store.lexicon_terms(limit=0) == []


def test_delete_subtracts_and_drops_rows_that_reach_zero(store: Store) -> None:
    a = store.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
    b = store.add(doc_json(make_doc("b", [PAGE_C])), "t")
    assert table(store)["vaskarln"] == (1, 1)
    store.delete(b)
    assert table(store) == {"oblomsk": (1, 1), "vaskarin": (3, 1)}
    store.delete(a)
    assert table(store) == {}
    assert not store.lexicon() and store.lexicon() == CorpusLexicon.from_counts({})


def test_replacing_a_document_counts_only_its_new_text(store: Store) -> None:
    store.add(doc_json(make_doc("a", [PAGE_A])), "t")
    store.add(doc_json(make_doc("c", [PAGE_C])), "t")
    assert table(store)["vaskarln"] == (1, 1)
    # the same source (same sha256) stored again, now repaired: it replaces the first
    store.add(doc_json(make_doc("c", [PAGE_C], fixes={"Vaskarln": "Vaskarin"})), "t")
    assert store.stats()["documents"] == 2
    assert table(store) == {"oblomsk": (2, 2), "vaskarin": (3, 2)} == recount(store)


def test_a_batch_with_a_replacement_counts_like_one_by_one(store: Store) -> None:
    first = [doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), doc_json(make_doc("c", [PAGE_C]))]
    store.add_many(first, "t")
    again = [doc_json(make_doc("b", [PAGE_B])),
             doc_json(make_doc("c", [PAGE_C], fixes={"Vaskarln": "Vaskarin"}))]
    ids = store.add_many(again, "t")
    assert all(isinstance(i, int) for i in ids)
    assert table(store) == recount(store) == {"oblomsk": (3, 3), "vaskarin": (5, 3)}


def test_revising_an_edit_moves_the_counts(store: Store) -> None:
    doc_id = store.add(doc_json(make_doc("c", [PAGE_C], fixes={"Vaskarln": "Vaskarin"})), "t")
    assert table(store)["vaskarin"] == (1, 1)
    edit = next(i for i, e in enumerate(store.document(doc_id).edits)
                if e.replacement == "Vaskarin")
    store.set_edit_status(doc_id, edit, "rejected")
    assert "vaskarin" not in table(store)
    assert table(store) == recount(store) == {"oblomsk": (1, 1), "vaskarln": (1, 1)}


def test_the_digest_of_the_lexicon_a_repair_read_is_kept(store: Store) -> None:
    doc = make_doc("a", [PAGE_A])
    plain = store.add(doc_json(doc), "t")
    lex = CorpusLexicon.from_counts({"vaskarin": (7, 3)})
    doc2 = make_doc("b", [PAGE_B])
    doc2.lexicon = lex
    d = doc_json(doc2)
    assert d["_store"]["lexicon"] == lex.digest
    used = store.add(d, "t")
    assert store.lexicon_digest(plain) is None
    assert store.lexicon_digest(used) == lex.digest
    assert "lexicon" not in doc_json(doc)["_store"]  # no lexicon: the JSON as it was


def test_migration_7_backfills_documents_stored_before_it(db_url: str) -> None:
    with open_store(db_url) as st:
        st.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
        st.add(doc_json(make_doc("b", [PAGE_B])), "t")
        fresh = table(st)
        assert fresh == recount(st)
        with st.transaction() as cur:  # back to the schema before the lexicon
            st.x(cur, "DROP TABLE lexicon")
            st.x(cur, "ALTER TABLE documents DROP COLUMN lexicon")
            st.x(cur, "DELETE FROM schema_version WHERE version >= 7")
    with open_store(db_url) as st:  # upgraded on open, counted from the stored JSON
        assert table(st) == fresh
        assert st.rows("SELECT max(version) FROM schema_version")[0][0] >= 7
        assert st.rows("SELECT count(*) FROM documents WHERE lexicon IS NULL")[0][0] == 2
        st.add(doc_json(make_doc("c", [PAGE_C])), "t")  # and written to as usual
        fresh = table(st)
    with open_store(db_url) as st:  # nothing applied twice
        assert table(st) == fresh
        with st.transaction() as cur:  # wound back with the table and its rows kept:
            st.x(cur, "DELETE FROM schema_version WHERE version >= 7")
    with open_store(db_url) as st:  # rebuilt, not doubled
        assert table(st) == fresh == recount(st)


def test_the_schema_files_hold_the_migrations_table() -> None:
    root = Path(__file__).resolve().parents[2] / "src" / "archivist" / "store"
    for name in ("schema_sqlite.sql", "schema_postgres.sql"):
        text = (root / name).read_text("utf-8")
        assert LEXICON_DDL in text
        assert "  lexicon          TEXT" in text  # the documents column


def test_the_forms_are_those_of_the_clean_texts() -> None:
    d = doc_json(make_doc("a", [PAGE_A], note=NOTE_A))
    assert lexicon_texts(d) == [d["text"], d["notes"][0]["text"]]
    assert lexicon_forms(d) == {"oblomsk": 1, "vaskarin": 3}


NAMES = ["Vaskarin", "Oblomsk", "Tervanets", "Pelvanova"]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(st.sampled_from(NAMES), min_size=0, max_size=5),
                          st.booleans()), min_size=1, max_size=6))
def test_any_sequence_of_writes_and_deletes_keeps_the_table_exact(
        tmp_path_factory: pytest.TempPathFactory,
        ops: list[tuple[list[str], bool]]) -> None:
    # the table after any writes and deletes is what counting the stored documents
    # afresh gives (SQLite: a fresh file per example)
    path = tmp_path_factory.mktemp("lex") / "c.db"
    with open_store(str(path)) as store:
        ids: list[int] = []
        for k, (names, drop) in enumerate(ops):
            page = f"Entry {k}: " + " and ".join(names or ["nobody"]) + " came."
            ids.append(store.add(doc_json(make_doc(f"d{k}", [page])), "t"))
            if drop and ids:
                store.delete(ids.pop(0))
        assert table(store) == recount(store)
