"""issue 6: the queries that lower-case in SQL (`Store.lower_sql`: account names,
the quantities' `near` filter) fold a non-ASCII name's case as Python's str.lower
does on both backends, PostgreSQL included when its database's LC_CTYPE is C (its
lower() then folds ASCII letters only: "ÉCOLE" -> "École"). Search and entities
fold in Python before SQL (`text.index_string`, `norm_name`): checked here too.

Every sentence and name here is invented."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count

import pytest
from store_helpers import doc_json, make_doc

from archivist.store import Store, open_store

NAMES = [("Ärzte", "ärzte"), ("ÉCOLE", "école"), ("Øresund", "ØRESUND")]
_n = count()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres),
                        pytest.param("postgresql-c", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Store]:
    """A store on SQLite, on PostgreSQL as the test cluster makes databases, and on
    a PostgreSQL database whose LC_CTYPE (and collation) is C."""
    if request.param == "sqlite":
        url = str(tmp_path / "corpus.db")  # type: ignore[operator]
    elif request.param == "postgresql":
        url = request.getfixturevalue("pg_url")
    else:
        import psycopg

        base = request.getfixturevalue("pg_server")
        name = f"c{os.getpid()}_{next(_n)}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                        "LC_COLLATE 'C' LC_CTYPE 'C'")
        with psycopg.connect(f"{base}/{name}", autocommit=True) as con:
            con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            assert con.execute("SHOW lc_ctype").fetchone()[0] == "C"
        url = f"{base}/{name}"
    s = open_store(url)
    try:
        yield s
    finally:
        s.close()


@pytest.mark.parametrize("name,other", NAMES)
def test_an_account_name_differing_in_case_only_is_the_same_account(
        any_store: Store, name: str, other: str) -> None:
    any_store.add_user(name, "h", "reader", "2026-01-01")
    got = any_store.user(other)
    assert got is not None and got["name"] == name
    with pytest.raises(KeyError):
        any_store.add_user(other, "h", "reader", "2026-01-01")


def test_the_quantities_near_filter_folds_non_ascii_case(any_store: Store) -> None:
    from archivist.extract.quantities import extract_quantities

    doc = extract_quantities(make_doc("q", ["The ÉCOLE paid £1,200 for the Ärzte at Øresund."]))
    assert doc.quantities  # (else the test tests nothing)
    any_store.add(doc_json(doc), "t")
    for near in ("école", "ÉCOLE", "Øresund", "øresund", "ÄRZTE"):
        assert any_store.quantities(near=near), near


def test_search_and_entities_fold_non_ascii_case(any_store: Store) -> None:
    doc = make_doc("s", ["The ÉCOLE at Øresund wrote to the Ärzte."],
                   entities=[("ORG", "ÉCOLE", []), ("LOC", "Øresund", [])])
    doc_id = any_store.add(doc_json(doc), "t")
    for q in ("école", "ÉCOLE", "øresund", "ärzte", "ÄRZTE"):
        assert [h.doc_id for h in any_store.search(q, exact=True).hits] == [doc_id], q
    for name in ("école", "ØRESUND"):
        assert any_store.entity_group(name), name


@pytest.mark.parametrize("text", ["ÉCOLE", "Ärzte", "ØRESUND", "STRAẞE", "ΟΔΟΣ ΣΑΣ",
                                  "İSTANBUL", "ǅUROVIĆ", "ＡＢＣ"])
def test_lower_sql_is_pythons_lower(any_store: Store, text: str) -> None:
    got = any_store.rows(f"SELECT {any_store.lower_sql.format('?')}", (text,))[0][0]
    assert got == text.lower()
