"""Schema migrations: a version-1 corpus is brought up to date on open, in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store_helpers import doc_json, make_doc

from archivist.store import Store, open_store
from archivist.store import sqlite as S


def test_a_new_store_is_at_the_latest_version(store: Store) -> None:
    from archivist.store import postgres as P

    latest = max(S.MIGRATIONS if store.backend == "sqlite" else P.MIGRATIONS)
    assert store.rows("SELECT max(version) FROM schema_version")[0][0] == latest


def test_version_1_file_is_migrated_keeping_its_documents(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(S._migration_1() + "\nINSERT INTO schema_version (version) VALUES (1);")
    con.close()
    with open_store(str(db)) as st:  # version 1 -> latest
        doc_id = st.add(doc_json(make_doc("m", ["Litvinov spoke at Moscow."])), "1")
    con = sqlite3.connect(db)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"mentions_passage_entity", "dates_passage_lo", "variants_norm_entity",
            "variants_entity_norm", "mentions_entity_passage"} <= names
    assert not {"variants_norm", "variants_entity", "mentions_entity"} & names  # replaced
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == \
        max(S.MIGRATIONS)
    # migration 5: the full-text tables flush their pending terms every 16 MB
    assert con.execute("SELECT v FROM fts_config WHERE k = 'hashsize'").fetchone()[0] == \
        S.FTS_HASHSIZE
    # migration 10: both full-text tables merge segments 8 at a time
    for t in ("fts", "fts_pairs"):
        assert con.execute(f"SELECT v FROM {t}_config WHERE k = 'automerge'").fetchone()[0] \
            == S.FTS_AUTOMERGE == 8
    con.close()
    with open_store(str(db)) as st:  # reopening applies nothing twice
        assert [h.doc_id for h in st.search("Litvinov").hits] == [doc_id]
        assert [h.doc_id for h in st.search('"Litvinov spoke"').hits] == [doc_id]
        # (version 0 is the lexicon's counting rules, no migration)
        assert st.rows("SELECT count(*) FROM schema_version WHERE version > 0"
                       )[0][0] == max(S.MIGRATIONS)


def test_pair_index_backfill_announces_itself_and_indexes_old_passages(
        tmp_path: Path, monkeypatch, capsys) -> None:
    db = tmp_path / "v3.db"
    with open_store(str(db)) as st:
        doc_id = st.add(doc_json(make_doc("p", ["The envoy spoke at the border post."])), "1")
    con = sqlite3.connect(db)  # back to schema 3: no pair index yet
    con.executescript("DROP TABLE fts_pairs; DROP TABLE pair_vocab; DROP VIEW pair_counts; "
                      "DROP TABLE pair_recent; "
                      "DELETE FROM schema_version WHERE version >= 4;")
    con.close()
    monkeypatch.setattr(S, "BACKFILL_NOTICE", 1)
    with open_store(str(db)) as st:
        assert "upgrading" in capsys.readouterr().err
        assert st.rows("SELECT count(*) FROM pair_vocab WHERE pair = 'border_post'")[0][0] == 1
        assert [h.doc_id for h in st.search('"border post"').hits] == [doc_id]
    with open_store(str(db)):  # nothing to upgrade: silent
        assert capsys.readouterr().err == ""


def test_a_migration_another_process_applied_meanwhile_is_not_applied_twice(
        tmp_path: Path, monkeypatch) -> None:
    """Two processes open the same old file: the second read the old version, then
    waited for the write lock while the first migrated. It must look again under
    the lock, not index every passage a second time."""
    db = tmp_path / "c.db"
    with open_store(str(db)) as st:
        st.add(doc_json(make_doc("p", ["The envoy spoke at the border post."])), "1")
        before = st.rows("SELECT pair, df FROM pair_counts ORDER BY pair")
    latest = max(S.MIGRATIONS)
    stale = iter([3])  # the first look sees schema 3, as the waiting process did
    real = S.SQLiteStore.schema_version

    def version(self: S.SQLiteStore) -> int:
        return next(stale, None) or real(self)

    monkeypatch.setattr(S.SQLiteStore, "schema_version", version)
    with open_store(str(db)) as st:
        assert st.rows("SELECT count(*) FROM schema_version WHERE version > 3") == \
            [(latest - 3,)]
        assert st.rows("SELECT pair, df FROM pair_counts ORDER BY pair") == before
        assert [h.doc for h in st.search('"border post"').hits] == ["p"]
