"""The SQLite word-pair index (migration 4): phrase queries answered from adjacent
word pairs give the passages the word index gives, OCR-variant phrases are limited
to the combinations that occur, and the pair tables follow every write, delete,
revision and migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc, recount_pairs

import archivist.store.base as base
from archivist.store import Store, open_store
from archivist.store import query as Q
from archivist.store import sqlite as S
from archivist.store.sqlite import SQLiteStore
from archivist.store.text import index_string, pair_string


def _pair_table(con: sqlite3.Connection) -> list[tuple]:
    """Every pair term of the FTS5 pair index with its passage and occurrence counts."""
    con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.pv USING "
                "fts5vocab(main, fts_pairs, 'row')")
    return con.execute("SELECT term, doc, cnt FROM temp.pv WHERE doc > 0 ORDER BY term"
                       ).fetchall()


def _vocab(store: Store) -> dict[str, int]:
    # SQLite keeps recent batches' counts apart (pair_recent); the view sums them
    table = "pair_counts" if store.backend == "sqlite" else "pair_vocab"
    return {p: df for p, df in store.rows(f"SELECT pair, df FROM {table} WHERE df > 0")}


def test_pair_string_matches_index_words() -> None:
    idx = index_string("Litvinov's note: Hunch'un, to-day.")
    assert pair_string(idx) == "litvinov_note note_hunchun hunchun_to to_day"


def test_phrase_uses_the_pair_index_and_finds_original_and_repaired(store: Store) -> None:
    if True:
        doc = make_doc("a", ["The bordor guards held the line at Hunch'un."],
                       fixes={"bordor": "border"})
        store.add(doc_json(doc), "1")
        store.add(doc_json(make_doc("b", ["Guards of the border, held."])), "1")
        q = Q.parse('"border guards"')
        store._set_combos(q.node)
        assert q.node.combos == [["border", "guards"]]  # the repaired text's pair
        if store.backend == "sqlite":
            assert S._fts_table(q.node)[0] == "fts_pairs"
        res = store.search('"border guards"', exact=True)
        assert [(h.doc, h.match, h.original) for h in res.hits] == [
            ("a", "border guards", "bordor guards")]
        # the original's pair is indexed too
        assert [h.doc for h in store.search('"bordor guards"', exact=True).hits] == ["a"]
        # three words: consecutive pairs, not merely both pairs somewhere
        assert [h.doc for h in store.search('"guards held the"', exact=True).hits] == ["a"]
        assert store.search('"guards the border"', exact=True).hits == []
        assert store.search('"guards border"', exact=True).hits == []
        assert store.search('"held the line at hunchun"', exact=True).hits[0].doc == "a"


def test_ocr_variant_phrase_keeps_only_occurring_combinations(store: Store) -> None:
    if True:
        store.add(doc_json(make_doc("a", ["Shighmitsu spoke to Litvinov on Monday."])), "1")
        store.add(doc_json(make_doc("b", ["Shigemitsu spoke twice; Litvinow spoke."])), "1")
        store.add(doc_json(make_doc("c", ["Litvinov spoke at Moscow."])), "1")
        res = store.search('"shigemitsu spoke"')
        assert sorted(h.doc for h in res.hits) == ["a", "b"]
        assert "shighmitsu" in res.expansions["shigemitsu"]
        q = Q.parse('"shigemitsu spoke"')
        store._expand_node(q.node, base.DEFAULT_FUZZINESS, {})
        store._set_combos(q.node)
        assert sorted(q.node.combos) == [["shigemitsu", "spoke"], ["shighmitsu", "spoke"]]
        assert q.node.df == 2
        # variants of the second word exist, but not next to "shigemitsu"
        assert store.search('"shigemitsu litvinov"').hits == []


_WORDS = st.sampled_from(["ab", "ba", "abb", "bab", "the", "of"])
_PAGE = st.lists(_WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(st.lists(_PAGE, min_size=1, max_size=6), st.lists(_WORDS, min_size=2, max_size=3),
       st.booleans())
def test_pair_index_gives_the_word_index_passages(pages: list[str], words: list[str],
                                                  exact: bool) -> None:
    phrase = '"' + " ".join(words) + '"'
    store = SQLiteStore(":memory:")
    try:
        for i, p in enumerate(pages):
            store.add(doc_json(make_doc(f"d{i}", [p + f" z{i}."])), "1")
        with_pairs = store.search(phrase, exact=exact, limit=100, facets=False)
        store._pair_dfs = lambda pairs: None  # type: ignore[method-assign]  # word index
        without = store.search(phrase, exact=exact, limit=100, facets=False)
    finally:
        store.close()
    key = sorted((h.doc, h.start, h.end) for h in with_pairs.hits)
    assert key == sorted((h.doc, h.start, h.end) for h in without.hits)
    # and the documents holding the phrase are those found (short: all are ranked)
    expect = {f"d{i}" for i, p in enumerate(pages)
              if base.find_spans(Q.parse(phrase).node, p + f" z{i}.")}
    assert {h.doc for h in with_pairs.hits} == expect


def test_too_many_combinations_fall_back_to_the_word_index(tmp_path: Path,
                                                           monkeypatch) -> None:
    with open_store(str(tmp_path / "c.db")) as store:
        store.add(doc_json(make_doc("a", ["The border guards held."])), "1")
        monkeypatch.setattr(base, "MAX_PAIR_COMBOS", 0)
        q = Q.parse('"border guards"')
        store._set_combos(q.node)
        assert q.node.combos is None and S._fts_table(q.node)[0] == "fts"
        assert [h.doc for h in store.search('"border guards"').hits] == ["a"]


def test_pair_tables_follow_writes_deletes_and_revisions(store: Store) -> None:
    if True:
        doc = make_doc("a", ["The bordor guards held.", "Second page here."],
                       fixes={"bordor": "border"}, note="See the border report.")
        a = store.add(doc_json(doc), "1")
        b = store.add(doc_json(make_doc("b", ["The border guards slept."])), "1")
        assert _vocab(store) == recount_pairs(store)
        edit = next(e["id"] for e in store.document_json(a)["edits"]
                    if e["stage"] == "repair.test")
        store.set_edit_status(a, edit, "rejected")  # clean text reads "bordor" again
        assert _vocab(store) == recount_pairs(store)
        assert [h.doc for h in store.search('"border guards"', exact=True).hits] == ["b"]
        store.delete(b)
        assert store.search('"border guards"', exact=True).hits == []
        assert _vocab(store) == recount_pairs(store)
        store.delete(a)
        assert _vocab(store) == {}
        if store.backend == "sqlite":
            assert _pair_table(store.con) == []
            store.con.execute("INSERT INTO fts_pairs(fts_pairs) VALUES('integrity-check')")


def test_failed_batch_leaves_no_pairs(store: Store, monkeypatch) -> None:
    if True:
        def boom(*a: object) -> None:
            raise RuntimeError("vocabulary down")

        monkeypatch.setattr(store, "_add_vocab", boom)
        with pytest.raises(RuntimeError):
            store.add(doc_json(make_doc("a", ["The border guards held."])), "1")
        assert _vocab(store) == {}
        if store.backend == "sqlite":
            assert _pair_table(store.con) == []
        monkeypatch.undo()
        store.add(doc_json(make_doc("b", ["Later, the border guards slept."])), "1")
        assert _vocab(store)["border_guards"] == 1  # nothing left over from the failed batch


def test_migration_4_backfills_what_writing_makes(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with open_store(str(db)) as store:
        store.add(doc_json(make_doc("a", ["The bordor guards held.", "Second page."],
                                    fixes={"bordor": "border"}, note="The border note.")),
                  "1")
        store.add(doc_json(make_doc("b", ["Guards of the border."])), "1")
        want_vocab = _vocab(store)
        want_terms = _pair_table(store.con)
        # make it a version-3 file: no pair tables
        store.con.executescript("DROP TABLE fts_pairs; DROP TABLE pair_vocab; DROP VIEW pair_counts; "
                                "DROP TABLE pair_recent; "
                                "DELETE FROM schema_version WHERE version >= 4;")
    with open_store(str(db)) as store:
        assert store.rows("SELECT max(version) FROM schema_version")[0][0] == max(S.MIGRATIONS)
        assert _vocab(store) == want_vocab
        assert _pair_table(store.con) == want_terms
        assert [h.doc for h in store.search('"border guards"', exact=True).hits] == ["a"]


def test_postgres_migration_4_backfills_what_writing_makes(store: Store) -> None:
    if store.backend != "postgresql":
        pytest.skip("the PostgreSQL variant of the test above")
    store.add(doc_json(make_doc("a", ["The bordor guards held.", "Second page."],
                                fixes={"bordor": "border"}, note="The border note.")), "1")
    store.add(doc_json(make_doc("b", ["Guards of the border."])), "1")
    want_vocab = _vocab(store)
    want_ptsv = store.rows("SELECT id, ptsv::text FROM passages ORDER BY id")
    with store.con.transaction():
        store.con.execute("DROP INDEX passages_ptsv")
        store.con.execute("ALTER TABLE passages DROP COLUMN ptsv")
        store.con.execute("DROP TABLE pair_vocab")
        store.con.execute("DELETE FROM schema_version WHERE version >= 4")
    from archivist.store import postgres as P

    assert store.migrate() == max(P.MIGRATIONS)
    assert _vocab(store) == want_vocab
    assert store.rows("SELECT id, ptsv::text FROM passages ORDER BY id") == want_ptsv
    assert [h.doc for h in store.search('"border guards"', exact=True).hits] == ["a"]
