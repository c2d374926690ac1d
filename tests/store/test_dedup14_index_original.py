"""SQLite indexes a passage whose original reads as its clean text in the `text`
columns only (migration 11, `passages.index_original`): the same hits as when every
passage was indexed twice, deletes leave no trace of rows indexed either way, and the
ranking of edited against unedited passages stays as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

from archivist.model import Document
from archivist.store import open_store
from archivist.store import sqlite as S
from archivist.store.text import PASSAGE_TEXTS_SQL, index_string


def _insert_both_ways(self: S.SQLiteStore, cur: sqlite3.Cursor, doc_id: int,
                      rows: list[tuple]) -> list[int]:
    # the writer up to schema 10 (no index_original column): pinned here, as the
    # layout every older corpus has
    cur.executemany("INSERT INTO passages (doc_id, kind, page_id, note_id, page_n, "
                    "note_n) VALUES (?,?,?,?,?,?)", [(doc_id, *r[:5]) for r in rows])
    ids = [int(r[0]) for r in cur.execute(
        "SELECT id FROM passages WHERE doc_id = ? ORDER BY id", (doc_id,)).fetchall()]
    self._fts_pending += [(i, *r[5:]) for i, r in zip(ids, rows, strict=True)]
    return ids


def _flush_both_ways(self: S.SQLiteStore, cur: sqlite3.Cursor) -> None:
    rows, self._fts_pending = self._fts_pending, []
    if rows:
        counts: dict[str, int] = {}
        for r in rows:
            for p in r[5]:
                counts[p] = counts.get(p, 0) + 1
        S._upsert_pairs(cur, counts)
        cur.executemany("INSERT INTO fts (rowid, text, original) VALUES (?,?,?)",
                        [r[:3] for r in rows])
        cur.executemany("INSERT INTO fts_pairs (rowid, text, original) VALUES (?,?,?)",
                        [(r[0], r[3], r[4]) for r in rows])


def _unindex_both_ways(self: S.SQLiteStore, cur: sqlite3.Cursor, doc_id: int) -> None:
    rows = cur.execute(f"{PASSAGE_TEXTS_SQL} WHERE p.doc_id = ?", (doc_id,)).fetchall()
    idx = [(pid, index_string(t or ""), index_string(o or "")) for pid, t, o in rows]
    cur.executemany("INSERT INTO fts (fts, rowid, text, original) VALUES ('delete',?,?,?)",
                    idx)
    pairs, counts = S._pair_rows(idx)
    cur.executemany("INSERT INTO fts_pairs (fts_pairs, rowid, text, original) "
                    "VALUES ('delete',?,?,?)", pairs)
    cur.executemany("UPDATE pair_vocab SET df = df - ? WHERE pair = ?",
                    [(c, p) for p, c in counts])


@contextmanager
def _schema_10(db: Path) -> Iterator[S.SQLiteStore]:
    """A store at schema 10 written by the code of then (every passage in both
    columns); upgraded to the latest when next opened without this."""
    with open_store(str(db)):
        pass
    con = sqlite3.connect(db)
    con.executescript("ALTER TABLE passages DROP COLUMN index_original; "
                      "DELETE FROM schema_version WHERE version >= 11;")
    con.close()
    with pytest.MonkeyPatch.context() as mp:
        for v in [v for v in S.MIGRATIONS if v > 10]:
            mp.delitem(S.MIGRATIONS, v)
        mp.setattr(S.SQLiteStore, "_insert_passages", _insert_both_ways)
        mp.setattr(S.SQLiteStore, "_flush_index", _flush_both_ways)
        mp.setattr(S.SQLiteStore, "_unindex_document", _unindex_both_ways)
        st_ = open_store(str(db))
        assert isinstance(st_, S.SQLiteStore)
        try:
            yield st_
        finally:
            st_.close()


def _docs() -> list[Document]:
    return [
        make_doc("plain", ["The envoy reached the border post at dawn.",
                           "Border guards fired on the envoy."]),
        make_doc("fixed", ["The cnvoy reached the bordcr post at night.",
                           "The guards stood at the border."], fixes={"cnvoy": "envoy",
                                                                      "bordcr": "border"}),
        make_doc("noted", ["Troops crossed the river near the border post."],
                 note="Report of the border guards, 1938."),
        make_doc("noted_fixed", ["The tr00ps held the bridge; the envoy left."],
                 fixes={"tr00ps": "troops"}, note="The envoy's own account."),
        make_doc("other", ["Nothing of the kind was seen at the river crossing."]),
    ]


# words, phrases through the pair index and through the word index (a phrase beside
# a word), a prefix, AND / OR / NOT, original-only forms, and fuzzy look-ups
QUERIES = ["envoy", "border", '"border post"', '"the envoy"', '"border post" troops',
           '"border guards" OR river', "bord*", "gua*", "envoy AND border", "envoy OR troops",
           "border NOT guards", "bordcr", "cnvoy", "tr00ps", '"bordcr post"', "1938",
           "crossing", "account"]


def _hits(st_: Any, query: str, exact: bool) -> list[tuple]:
    res = st_.search(query, exact=exact, limit=500, facets=False)
    return sorted((h.doc, h.where, h.start, h.end, h.in_original_only) for h in res.hits)


def _instances(st_: Any, table: str) -> list[tuple]:
    """Every (term, rowid, column, offset) the full-text table `table` holds."""
    st_.con.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.v_{table} USING "
                    f"fts5vocab(main, {table}, 'instance')")
    return sorted(st_.rows(f"SELECT term, doc, col, offset FROM temp.v_{table}"))


def _totals(st_: Any, table: str) -> bytes:
    """FTS5's averages record: rows and tokens per column, bm25's average length. A
    delete handed a column the row did not index still removes every instance of
    its words, but leaves that column's tokens counted."""
    return bytes(st_.rows(f"SELECT block FROM {table}_data WHERE id = 1")[0][0])


def _varints(b: bytes) -> list[int]:
    """SQLite's varints (7 bits a byte, high bit: more follows) of a record."""
    out, v = [], 0
    for byte in b:
        v = (v << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(v)
            v = 0
    return out


def _trace(st_: Any) -> tuple[list[tuple], list[tuple], bytes, bytes]:
    return (_instances(st_, "fts"), _instances(st_, "fts_pairs"), _totals(st_, "fts"),
            _totals(st_, "fts_pairs"))


def test_an_unedited_passage_is_indexed_in_its_text_column_only(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "n.db")) as st_:
        for d in _docs():
            st_.add(doc_json(d), "1")
        flags = st_.rows("SELECT d.name, p.kind, p.id, p.index_original FROM passages p "
                         "JOIN documents d ON d.id = p.doc_id ORDER BY p.id")
        words = {r[1] for r in _instances(st_, "fts") if r[2] == "original"}
        pairs = {r[1] for r in _instances(st_, "fts_pairs") if r[2] == "original"}
    # the passages whose original reads differently: the two repaired pages (the note
    # "The envoy's own account." reads as printed)
    assert [(n, k) for n, k, _, f in flags if f == 1] == [("fixed", "page"),
                                                          ("noted_fixed", "page")]
    both = {pid for _, _, pid, f in flags if f == 1}
    assert words == pairs == both


def test_searches_find_what_they_found_when_every_passage_was_indexed_twice(
        tmp_path: Path) -> None:
    with _schema_10(tmp_path / "old.db") as old:
        for d in _docs():
            old.add(doc_json(d), "1")
        before = {(q, e): _hits(old, q, e) for q in QUERIES for e in (True, False)}
        old_original = [r for r in _instances(old, "fts") if r[2] == "original"]
    with open_store(str(tmp_path / "new.db")) as new:
        for d in _docs():
            new.add(doc_json(d), "1")
        after = {(q, e): _hits(new, q, e) for q in QUERIES for e in (True, False)}
        new_original = [r for r in _instances(new, "fts") if r[2] == "original"]
    assert all(before[k] for k in before if k[0] not in ("bordcr", "cnvoy")), before
    assert after == before
    assert len(new_original) < len(old_original) / 2  # (and the index is smaller)


def _forget_setup(tmp_path: Path, name: str, old_way: bool, docs: list[Document]
                  ) -> Path:
    db = tmp_path / f"{name}.db"
    if old_way:
        with _schema_10(db) as st_:
            for d in docs:
                st_.add(doc_json(d), "1")
    else:
        with open_store(str(db)) as st_:
            for d in docs:
                st_.add(doc_json(d), "1")
    return db


@pytest.mark.parametrize("old_way", [True, False], ids=["indexed-before-11", "indexed-now"])
def test_a_deleted_document_leaves_no_trace_in_the_full_text_tables(
        tmp_path: Path, old_way: bool) -> None:
    docs = _docs()
    kept, gone = docs[:1] + docs[2:3], docs[1:2] + docs[3:4]  # gone: both have edits
    gone.append(docs[4])  # ... and one without
    db = _forget_setup(tmp_path, "a", old_way, kept + gone)
    ref = _forget_setup(tmp_path, "b", old_way, kept)
    with open_store(str(db)) as st_:  # (upgraded to 11 and 12 when written before 11)
        assert st_.schema_version() == max(S.MIGRATIONS)
        for d in gone:
            st_.delete(int(st_.rows("SELECT id FROM documents WHERE sha256 = ?",
                                    (d.source.sha256,))[0][0]))
        left = _trace(st_)
        # (pair_counts: with pair_recent, pair_vocab alone is empty here, and was
        # compared empty to empty)
        pair_df = st_.rows("SELECT pair, df FROM pair_counts WHERE df > 0 ORDER BY pair")
        assert pair_df
    with open_store(str(ref)) as st_:
        assert _trace(st_) == left
        assert st_.rows("SELECT pair, df FROM pair_counts WHERE df > 0 ORDER BY pair") == \
            pair_df


@pytest.mark.parametrize("old_way", [True, False], ids=["indexed-before-11", "indexed-now"])
def test_a_reprocessed_document_leaves_only_its_new_rows(tmp_path: Path,
                                                          old_way: bool) -> None:
    """Rejecting an edit rewrites the document's passages: the old rows (indexed
    either way) must go, the new ones be indexed as the new code does."""
    docs = _docs()
    db = _forget_setup(tmp_path, "a", old_way, docs)
    ref = _forget_setup(tmp_path, "b", False, docs)  # the same, all indexed now
    traces = []
    for path in (db, ref):
        with open_store(str(path)) as st_:
            doc_id = int(st_.rows("SELECT id FROM documents WHERE name = 'fixed'")[0][0])
            edit_id = int(st_.rows("SELECT seq FROM edits WHERE doc_id = ? AND "
                                   "original = 'cnvoy'", (doc_id,))[0][0])
            st_.set_edit_status(doc_id, edit_id, "rejected")
            other = int(st_.rows("SELECT id FROM documents WHERE name = 'plain'")[0][0])
            st_.delete(other)  # (an unedited one, indexed the old way in `db`)
            mine = st_.rows("SELECT id FROM passages WHERE doc_id = ?", (doc_id,))
            traces.append((_trace(st_), mine,
                           [h.doc for h in st_.search("cnvoy", exact=True).hits]))
    assert traces[0][1] == traces[1][1]  # (same passage ids: comparable traces)
    if old_way:  # the other documents stay indexed both ways in `db`: compare the
        # rows of the reprocessed document only, and that nothing of 'plain' remains
        ids = {int(r[0]) for r in traces[0][1]}
        for a, b in zip(traces[0][0][:2], traces[1][0][:2], strict=True):
            assert [r for r in a if r[1] in ids] == [r for r in b if r[1] in ids]
        with open_store(str(db)) as st_:
            live = {int(r[0]) for r in st_.rows("SELECT id FROM passages")}
            assert {r[1] for t in _trace(st_)[:2] for r in t} == live
            # the tokens counted are those of the passages left, each indexed as it
            # says (the averages record: rows, then tokens per column)
            expect = [len(live)] + [sum(
                len(S.index_string(x or "").split()) * (c == "t" or bool(f))
                for f, _, t, o in st_.rows(S._flagged_texts_sql("p.index_original"))
                for x in [t if c == "t" else o]) for c in "to"]
            assert _varints(_totals(st_, "fts")) == expect
    else:
        assert traces[0][0] == traces[1][0]
    assert traces[0][2] == traces[1][2] == ["fixed"]  # its original still found


def test_migration_11_adds_the_flag_to_an_old_corpus_and_keeps_its_rows_both_ways(
        tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with _schema_10(db) as st_:
        st_.add(doc_json(_docs()[0]), "1")
    con = sqlite3.connect(db)
    assert "index_original" not in {r[1] for r in con.execute("PRAGMA table_info(passages)")}
    con.close()
    with open_store(str(db)) as st_:
        assert st_.rows("SELECT DISTINCT index_original FROM passages") == [(1,)]
        st_.add(doc_json(_docs()[4]), "1")  # written now: unedited, text column only
        assert st_.rows("SELECT d.name, min(p.index_original), max(p.index_original) "
                        "FROM passages p JOIN documents d ON d.id = p.doc_id "
                        "GROUP BY d.name ORDER BY d.name") == [("other", 0, 0),
                                                               ("plain", 1, 1)]
    with open_store(str(db)) as st_:  # a new corpus has it from its schema file
        assert max(S.MIGRATIONS) == st_.schema_version() >= 11


def test_a_pair_backfill_indexes_pairs_as_the_words_were_indexed(tmp_path: Path) -> None:
    # a corpus whose pair tables were dropped (schema 3) after passages were written
    # the new way: the backfill must give them '' for the original too, or deleting
    # the document would leave its original's pairs behind
    db = tmp_path / "v3.db"
    with open_store(str(db)) as st_:
        doc_id = st_.add(doc_json(_docs()[0]), "1")
        st_.add(doc_json(_docs()[1]), "1")
    con = sqlite3.connect(db)
    con.executescript("DROP TABLE fts_pairs; DROP TABLE pair_vocab; DROP VIEW pair_counts; "
                      "DROP TABLE pair_recent; DELETE FROM schema_version WHERE version >= 4;")
    con.close()
    with open_store(str(db)) as st_:
        st_.delete(doc_id)
        rest = {int(r[0]) for r in st_.rows("SELECT id FROM passages")}
        assert {r[1] for r in _instances(st_, "fts_pairs")} == rest
        totals = _totals(st_, "fts_pairs")
    with open_store(str(tmp_path / "ref.db")) as st_:  # never held it
        st_.add(doc_json(_docs()[1]), "1")
        assert _totals(st_, "fts_pairs") == totals


QUERIED = ("envoy", "border", "guards", "spoke", "envoy border")  # "spoke": misread in one


def _score(st_: Any, query: str) -> dict[str, float]:
    return {h.doc: h.score for h in st_.search(query, exact=True, limit=50,
                                                facets=False).hits}


def test_an_unedited_passage_ranks_against_an_edited_one_as_before(tmp_path: Path) -> None:
    """bm25 weighs the text column 1.0 and the original 0.6: an unedited passage
    indexed once loses the original's share of each word's frequency, but its length
    (all columns) halves too, and bm25's length normalisation makes up for it, so
    `_match` corrects nothing. What is checked: two passages with the same clean text,
    one unedited and one whose original misread a word (repaired), among unedited
    filler pages; for words both hold, the misread word, and two words, the ratio of
    their scores is within 12 % of what it was with every passage indexed twice
    (measured: +3 %, and +9 % for the misread word; multiplying the unedited row's
    score by 1.6, the linear guess, gives +65 % and +75 %)."""
    text = "The envoy reached the border post and spoke with the guards at length."
    filler = [make_doc(f"f{i}", [f"Page {i} of the register lists the stores, the "
                                 "horses and the rations of the garrison."])
              for i in range(10)]
    docs = [*filler, make_doc("unedited", [text]),
            make_doc("edited", [text.replace("spoke", "spokc")], fixes={"spokc": "spoke"})]
    with _schema_10(tmp_path / "old.db") as old:
        for d in docs:
            old.add(doc_json(d), "1")
        before = {q: _score(old, q) for q in QUERIED}
    with open_store(str(tmp_path / "new.db")) as new:
        for d in docs:
            new.add(doc_json(d), "1")
        after = {q: _score(new, q) for q in QUERIED}
    for q in before:
        was = before[q]["unedited"] / before[q]["edited"]
        now = after[q]["unedited"] / after[q]["edited"]
        assert now == pytest.approx(was, rel=0.12), (q, was, now)


SAMPLE = st.sampled_from(["border", "guards", "envoy", "the", "post", "river", "troops",
                          "1938", "Zürich", "bridge"])
MISREAD = {"border": "bordcr", "guards": "guarcls", "envoy": "cnvoy", "river": "rivcr"}


@settings(max_examples=15, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pages=st.lists(st.tuples(st.lists(SAMPLE, min_size=2, max_size=12).map(" ".join),
                                st.booleans()), min_size=1, max_size=5),
       words=st.lists(SAMPLE, min_size=1, max_size=2))
def test_random_pages_with_and_without_edits_give_the_same_hits(
        tmp_path_factory: pytest.TempPathFactory, pages: list[tuple[str, bool]],
        words: list[str]) -> None:
    docs = []
    for i, (page, misread) in enumerate(pages):
        bad = next((w for w in MISREAD if f" {w} " in f" {page} "), None)
        if misread and bad:  # printed misread, repaired by an edit
            docs.append(make_doc(f"d{i}", [f" {page} ".replace(f" {bad} ", f" {MISREAD[bad]} ",
                                                               1).strip()],
                                 fixes={MISREAD[bad]: bad}))
        else:
            docs.append(make_doc(f"d{i}", [page]))
    tmp = tmp_path_factory.mktemp("prop")
    queries = [*words, " ".join(words), f'"{" ".join(words)}"', " OR ".join(words),
               *(MISREAD[w] for w in words if w in MISREAD)]
    with _schema_10(tmp / "old.db") as old:
        for d in docs:
            old.add(doc_json(d), "1")
        before = [_hits(old, q, e) for q in queries for e in (True, False)]
    with open_store(str(tmp / "new.db")) as new:
        for d in docs:
            new.add(doc_json(d), "1")
        after = [_hits(new, q, e) for q in queries for e in (True, False)]
    assert after == before
