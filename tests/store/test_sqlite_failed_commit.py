"""A COMMIT that fails must not leave the SQLite connection inside the transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archivist.store import open_store


def test_a_failed_commit_rolls_back_and_the_next_writer_works(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'c.db'}")
    con = store.con
    # a deferred foreign key makes COMMIT itself fail, the way disk-full or I/O errors do
    con.execute("PRAGMA foreign_keys=ON")
    con.execute("CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)")
    con.execute("CREATE TEMP TABLE child (pid INTEGER REFERENCES parent(id) "
                "DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction() as cur:
            cur.execute("INSERT INTO child VALUES (99)")
    assert not con.in_transaction
    assert con.execute("SELECT count(*) FROM child").fetchone()[0] == 0
    with store.transaction() as cur:  # BEGIN IMMEDIATE again: no "within a transaction"
        cur.execute("INSERT INTO parent VALUES (1)")
    assert con.execute("SELECT count(*) FROM parent").fetchone()[0] == 1
    store.close()
