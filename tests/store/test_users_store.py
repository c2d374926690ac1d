"""Workbench accounts in the store (migration 9), on both backends."""

from __future__ import annotations

from importlib import resources

import pytest

from archivist.store import Store, open_store
from archivist.store import postgres as P
from archivist.store import sqlite as S
from archivist.store.base import USERS_DDL, schema_block


def test_a_new_store_has_no_accounts(store: Store) -> None:
    assert store.has_users() is False and store.users() == [] and store.user("ada") is None


def test_accounts_are_added_read_and_listed_without_their_hashes(store: Store) -> None:
    store.add_user("Ada", "scrypt$h1", "reviewer", "2026-01-01T00:00:00+00:00")
    store.add_user("Zoë", "scrypt$h2", "reader", "2026-01-02T00:00:00+00:00")
    assert store.has_users()
    assert store.user("Ada") == {"name": "Ada", "pw_hash": "scrypt$h1", "role": "reviewer",
                                 "created": "2026-01-01T00:00:00+00:00", "disabled": False}
    assert store.user("ada")["name"] == "Ada"  # any case finds it
    assert store.user("ZOË")["name"] == "Zoë"  # beyond ASCII too, in both backends
    rows = store.users()
    assert [r["name"] for r in rows] == ["Ada", "Zoë"]
    assert all("pw_hash" not in r for r in rows)


def test_a_name_is_taken_in_any_case(store: Store) -> None:
    store.add_user("Ada", "h", "reviewer", "t")
    for other in ("Ada", "ADA", "ada"):
        with pytest.raises(KeyError):
            store.add_user(other, "h2", "admin", "t")
    assert len(store.users()) == 1 and store.user("Ada")["pw_hash"] == "h"


def test_update_changes_only_what_is_given(store: Store) -> None:
    store.add_user("Ada", "h", "reviewer", "t")
    assert store.update_user("ada", disabled=True)
    assert store.user("Ada")["disabled"] is True and store.user("Ada")["role"] == "reviewer"
    assert store.update_user("Ada", role="admin", pw_hash="h2", disabled=False)
    assert store.user("Ada") == {"name": "Ada", "pw_hash": "h2", "role": "admin",
                                 "created": "t", "disabled": False}
    assert store.update_user("Nobody", role="admin") is False
    assert store.has_users()  # a disabled account still counts (no silent token login)
    store.update_user("Ada", disabled=True)
    assert store.has_users()


def test_the_users_table_is_the_same_text_in_both_schema_files() -> None:
    pg = resources.files("archivist.store").joinpath("schema_postgres.sql").read_text("utf-8")
    assert USERS_DDL == schema_block("users") and USERS_DDL in pg
    assert S.MIGRATIONS[9]() == USERS_DDL and P.MIGRATIONS[9]() == USERS_DDL


def test_a_version_8_corpus_gets_the_users_table(db_url: str) -> None:
    with open_store(db_url) as st:
        with st.transaction() as cur:
            st.x(cur, "DROP TABLE users")
            st.x(cur, "DELETE FROM schema_version WHERE version >= 9")
        assert st.rows("SELECT max(version) FROM schema_version")[0][0] == 8
        latest = max(S.MIGRATIONS if st.backend == "sqlite" else P.MIGRATIONS)
    with open_store(db_url) as st:  # migration 9 (and any later) on open
        assert st.rows("SELECT max(version) FROM schema_version")[0][0] == latest >= 9
        assert not st.has_users()
        st.add_user("Ada", "h", "reader", "t")
    with open_store(db_url) as st:  # and kept
        assert st.user("Ada")["role"] == "reader"


@pytest.mark.postgres
def test_two_adds_of_one_name_at_once_leave_one_account(pg_url: str) -> None:
    # PostgreSQL runs READ COMMITTED: a second add that checked the name before the
    # first committed would insert "ada" beside "Ada" (the key is the name as typed)
    import threading

    with open_store(pg_url) as a, open_store(pg_url) as b:
        got: list[object] = []

        def second() -> None:
            try:
                b.add_user("ada", "h2", "reader", "t")
                got.append(None)
            except KeyError as exc:
                got.append(exc)

        with a.transaction() as cur:
            a._lock_users(cur)
            a.x(cur, "INSERT INTO users (name, pw_hash, role, created, disabled) "
                "VALUES (?,?,?,?,0)", ("Ada", "h1", "reviewer", "t"))
            t = threading.Thread(target=second)
            t.start()
            t.join(1.0)  # (without the lock it checks and inserts meanwhile)
        t.join()
        assert len(got) == 1 and isinstance(got[0], KeyError)
        assert [u["name"] for u in a.users()] == ["Ada"]
