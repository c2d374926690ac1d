"""review14b: final read of session 14's store change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store_helpers import doc_json, make_doc

from archivist.store import open_store
from archivist.store import sqlite as S


def test_pair_counts_are_read_within_the_old_parameter_limit(tmp_path: Path) -> None:
    # SQLite before 3.32 takes at most 999 parameters a statement: reading 900 pairs
    # from both pair tables bound each twice (1,800) and failed there
    with open_store(str(tmp_path / "c.db")) as st:
        assert isinstance(st, S.SQLiteStore)
        st.add(doc_json(make_doc("a", ["The border guards held."])), "1")
        st.con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        asked = ["border_guards"] + [f"no_{i}" for i in range(899)]
        assert st._pair_dfs(asked) == {"border_guards": 1}
