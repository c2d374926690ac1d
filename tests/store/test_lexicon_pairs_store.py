"""The corpus's own word pairs in the store, on both backends: counted with each
document (body and notes), subtracted when it is deleted, replaced or revised,
rebuilt by migration 8 for documents stored before it; `Store.lexicon()` carries
them for repair and `stored_forms` hands them to a reprocessed document.

Every sentence here is invented (common words in pairs the shipped list lacks)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

from archivist.lexicon import bigram_counts
from archivist.repair.corpus import MIN_PAIR_DOCS, CorpusLexicon, document_pairs
from archivist.store import Store, open_store
from archivist.store.base import PAIRS_DDL
from archivist.store.record import lexicon_pairs, lexicon_texts

PAGE_A = "At dusk the copper kettle sang beside the hearth. The kettle sang on."
NOTE_A = "A barley tune, as the kettle sang."
PAGE_B = "Her kettle sang beside the window while a barley tune played."
PAGE_C = "The kettle song beside the door."


def table(store: Store) -> dict[str, tuple[int, int]]:
    return store.pair_rows()


def recount(store: Store) -> dict[str, tuple[int, int]]:
    """What the table must hold: every stored document's JSON counted afresh."""
    n: Counter[str] = Counter()
    d: Counter[str] = Counter()
    for (doc_id,) in store.rows("SELECT id FROM documents"):
        pairs = document_pairs(lexicon_texts(store.document_json(int(doc_id))))
        n.update(pairs)
        d.update(pairs.keys())
    return {p: (n[p], d[p]) for p in sorted(n)}


def test_the_invented_pairs_are_not_in_the_shipped_list() -> None:
    # (otherwise the tests below would test nothing: shipped pairs are not counted)
    for pair in ("kettle sang", "barley tune", "sang beside", "kettle song"):
        assert tuple(pair.split()) not in bigram_counts()
    assert ("the", "kettle") in bigram_counts()


def test_a_document_adds_its_body_and_notes_pairs(store: Store) -> None:
    store.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
    got = table(store)
    assert got["kettle sang"] == (3, 1)  # body twice, the note once
    assert got["barley tune"] == (1, 1)
    assert ("the", "kettle") not in {tuple(p.split()) for p in got}  # shipped: not kept
    assert got == recount(store)
    assert not store.lexicon().pairs  # one document: no corpus bigram yet
    store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    assert table(store)["kettle sang"] == (4, 2)
    lex = store.lexicon()
    assert isinstance(lex, CorpusLexicon)
    assert lex.pair_count("kettle", "sang") == 4 and lex.pair_count("barley", "tune") == 2
    assert lex.pair_count("copper", "kettle") == 0  # one document prints it
    assert not store.lexicon(pairs=False).pairs
    assert store.stored_forms(1)["kettle sang"] == 3  # a reprocess takes its own out


def test_delete_subtracts_and_drops_rows_that_reach_zero(store: Store) -> None:
    a = store.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
    b = store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    store.delete(b)
    assert table(store) == recount(store)
    assert table(store)["kettle sang"] == (3, 1)
    store.delete(a)
    assert table(store) == {}
    assert not store.lexicon()


def test_replacing_a_document_counts_only_its_new_text(store: Store) -> None:
    store.add(doc_json(make_doc("a", [PAGE_A])), "t")
    store.add(doc_json(make_doc("c", [PAGE_C])), "t")
    assert table(store)["kettle song"] == (1, 1)
    # the same source stored again, now repaired: it replaces the first
    store.add(doc_json(make_doc("c", [PAGE_C], fixes={"song": "sang"})), "t")
    assert store.stats()["documents"] == 2
    got = table(store)
    assert "kettle song" not in got and got["kettle sang"] == (3, 2)
    assert got == recount(store)


def test_a_batch_with_a_replacement_counts_like_one_by_one(store: Store) -> None:
    store.add_many([doc_json(make_doc("a", [PAGE_A], note=NOTE_A)),
                    doc_json(make_doc("c", [PAGE_C]))], "t")
    ids = store.add_many([doc_json(make_doc("b", [PAGE_B])),
                          doc_json(make_doc("c", [PAGE_C], fixes={"song": "sang"}))], "t")
    assert all(isinstance(i, int) for i in ids)
    assert table(store) == recount(store)
    assert table(store)["kettle sang"] == (5, 3)


def test_revising_an_edit_moves_the_counts(store: Store) -> None:
    doc_id = store.add(doc_json(make_doc("c", [PAGE_C], fixes={"song": "sang"})), "t")
    assert table(store)["kettle sang"] == (1, 1)
    edit = next(i for i, e in enumerate(store.document(doc_id).edits) if e.replacement == "sang")
    store.set_edit_status(doc_id, edit, "rejected")
    got = table(store)
    assert "kettle sang" not in got and got["kettle song"] == (1, 1)
    assert got == recount(store)


def test_migration_8_backfills_documents_stored_before_it(db_url: str) -> None:
    with open_store(db_url) as st:
        st.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
        st.add(doc_json(make_doc("b", [PAGE_B])), "t")
        fresh = table(st)
        assert fresh and fresh == recount(st)
        with st.transaction() as cur:  # back to the schema before the pairs
            st.x(cur, "DROP TABLE lexicon_pairs")
            st.x(cur, "DELETE FROM schema_version WHERE version >= 8")
    with open_store(db_url) as st:  # upgraded on open, counted from the stored JSON
        assert table(st) == fresh
        assert st.rows("SELECT max(version) FROM schema_version")[0][0] >= 8
        st.add(doc_json(make_doc("c", [PAGE_C])), "t")  # and written to as usual
        fresh = table(st)
        assert fresh["kettle song"] == (1, 1)
    with open_store(db_url) as st:  # nothing applied twice
        assert table(st) == fresh
        with st.transaction() as cur:  # wound back with the table and its rows kept:
            st.x(cur, "DELETE FROM schema_version WHERE version >= 8")
    with open_store(db_url) as st:  # rebuilt, not doubled
        assert table(st) == fresh == recount(st)


def test_the_schema_files_hold_the_migrations_table() -> None:
    root = Path(__file__).resolve().parents[2] / "src" / "archivist" / "store"
    for name in ("schema_sqlite.sql", "schema_postgres.sql"):
        assert PAIRS_DDL in (root / name).read_text("utf-8")


def test_the_pairs_are_those_of_the_clean_texts() -> None:
    d = doc_json(make_doc("c", [PAGE_C], fixes={"song": "sang"}))
    assert lexicon_pairs(d) == {"kettle sang": 1, "sang beside": 1}


def test_the_lexicon_json_round_trip_keeps_the_pairs(store: Store) -> None:
    for name in ("a", "b", "c"):
        store.add(doc_json(make_doc(name, [PAGE_A if name != "b" else PAGE_B])), "t")
    lex = store.lexicon()
    assert lex.pairs and all(d >= MIN_PAIR_DOCS for _, d in lex.pairs.values())
    back = CorpusLexicon.from_json(lex.to_json())
    assert back == lex and back.digest == lex.digest
    assert back.digest != store.lexicon(pairs=False).digest  # pairs are part of it


WORDS = ["kettle sang", "barley tune", "copper lantern", "sang beside", "velvet harbour"]


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=0, max_size=5),
                          st.booleans()), min_size=1, max_size=6))
def test_any_sequence_of_writes_and_deletes_keeps_the_table_exact(
        tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[list[str], bool]]) -> None:
    # the table after any writes and deletes is what counting the stored documents
    # afresh gives (SQLite: a fresh file per example)
    path = tmp_path_factory.mktemp("pairs") / "c.db"
    with open_store(str(path)) as store:
        ids: list[int] = []
        for k, (phrases, drop) in enumerate(ops):
            page = f"Entry {k}: " + ", and ".join(phrases or ["nothing"]) + "."
            ids.append(store.add(doc_json(make_doc(f"d{k}", [page])), "t"))
            if drop and ids:
                store.delete(ids.pop(0))
        assert table(store) == recount(store)


def test_rebuild_recounts_both_lexicon_tables(store: Store, tmp_path: Path) -> None:
    # after a change of the counting rules the tables hold what older code counted;
    # `rebuild_lexicon` (and `archivist lexicon --rebuild`) recounts them
    from store_helpers import saved_lexicon

    store.add(doc_json(make_doc("a", [PAGE_A], note=NOTE_A)), "t")
    store.add(doc_json(make_doc("b", [PAGE_B + " Vaskarin wrote. Vaskarin came."])), "t")
    right_pairs = table(store)
    right_forms = store.rows("SELECT form, n, docs FROM lexicon ORDER BY form")
    with store.transaction() as cur:  # counts an older version might have left
        cur.execute("UPDATE lexicon_pairs SET n = n + 7")
        cur.execute("INSERT INTO lexicon (form, n, docs) VALUES ('stale', 4, 2)")
    assert table(store) != right_pairs
    forms, pairs = store.rebuild_lexicon()
    assert table(store) == right_pairs == recount(store) and pairs == len(right_pairs)
    assert store.rows("SELECT form, n, docs FROM lexicon ORDER BY form") == right_forms
    assert forms == len(right_forms)
    if store.backend == "sqlite":  # the command, on a file the CLI can open
        store.rows("UPDATE lexicon_pairs SET n = n + 7")
        url = f"sqlite:///{store.path}"
        store.close()
        from typer.testing import CliRunner

        from archivist.cli import app

        r = CliRunner().invoke(app, ["lexicon", "--db", url, "--rebuild"])
        assert r.exit_code == 0, r.output
        with open_store(url) as st:
            assert table(st) == right_pairs
        saved = saved_lexicon(url, tmp_path / "lex.json")
        assert saved.pair_count("kettle", "sang") == right_pairs["kettle sang"][0] == 4
