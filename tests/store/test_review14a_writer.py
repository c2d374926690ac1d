"""review14a: the writer thread of `ingest` (writer14) and SQLite's `bulk_writing`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_helpers import doc_json, make_doc

from archivist.store import open_store
from archivist.store import sqlite as S
from archivist.store.ingest import Outcome, ingest


def _files(root: Path, n: int) -> Path:
    root.mkdir()
    for i in range(n):
        (root / f"d{i}.txt").write_text(f"Document number {i} of the river guards.\n")
    return root


def test_an_interrupted_report_reports_no_outcome_twice(tmp_path: Path) -> None:
    # Ctrl-C in `on_result` (the CLI's progress bar) while a batch's outcomes were
    # being reported: `finally` reported that batch again from its first outcome
    folder = _files(tmp_path / "docs", 4)
    seen: list[str] = []

    def on_result(o: Outcome) -> None:
        seen.append(o.path)
        if len(seen) == 1:
            raise KeyboardInterrupt

    with open_store(str(tmp_path / "c.db")) as st:
        with pytest.raises(KeyboardInterrupt):
            ingest(st, [folder], no_repair=True, batch_pages=1, on_result=on_result)
    assert len(seen) == len(set(seen)), seen


def _autocheckpoint(st: S.SQLiteStore) -> int:
    return int(st.con.execute("PRAGMA wal_autocheckpoint").fetchone()[0])


def test_bulk_writing_checkpoints_the_open_file_after_a_chdir(tmp_path: Path,
                                                               monkeypatch) -> None:
    # a store opened by a relative path: the checkpoint thread reopened that name in
    # the new working directory, another (new, empty) database, and this WAL was
    # never checkpointed during the block
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    with open_store("c.db") as st:
        assert isinstance(st, S.SQLiteStore)
        monkeypatch.chdir(tmp_path / "b")
        with st.bulk_writing():
            st.add(doc_json(make_doc("a", ["The border guards held."])), "1")
        assert not (tmp_path / "b" / "c.db").exists()
        assert st.search("guards").hits


def test_bulk_writing_leaves_checkpoints_to_the_writer_if_it_cannot_connect(
        tmp_path: Path, monkeypatch) -> None:
    # the checkpoint connection failing (too many open files, say) had the writer's
    # own checkpoints off all the same: the WAL grew for the whole run
    with open_store(str(tmp_path / "c.db")) as st:
        assert isinstance(st, S.SQLiteStore)

        def refuse(*_a: object, **_k: object) -> sqlite3.Connection:
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(S.sqlite3, "connect", refuse)
        with st.bulk_writing():
            assert _autocheckpoint(st) > 0
            st.add(doc_json(make_doc("a", ["The border guards held."])), "1")


def test_bulk_writing_restores_the_writers_own_setting(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "c.db")) as st:
        assert isinstance(st, S.SQLiteStore)
        st.con.execute("PRAGMA wal_autocheckpoint=321")
        with st.bulk_writing():
            assert _autocheckpoint(st) == 0
        assert _autocheckpoint(st) == 321
    with open_store(":memory:") as st, st.bulk_writing():  # nothing to checkpoint
        st.add(doc_json(make_doc("a", ["The border guards held."])), "1")
