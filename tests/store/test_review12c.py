"""review12c: faults found in session 12's store changes (issue 6).

- `PostgresStore.lower_sql` named the ICU root collation whenever the server had it,
  but a database whose encoding ICU does not support (EUC_JIS_2004, MULE_INTERNAL;
  SQL_ASCII too) refuses it: every account query failed there.
- The fuzzy look-up took candidates by another rule on each backend: SQLite by
  shared trigrams (at least 1 - 2 * fuzziness of the query's), PostgreSQL by pg_trgm
  similarity >= 0.6 - fuzziness. A five-letter word misread in its middle letter
  shares 3 of 6 trigrams (similarity 3/9): SQLite found it, PostgreSQL did not.

Every sentence and name here is invented."""

from __future__ import annotations

import os
from itertools import count

import pytest

from archivist.store import open_store

_n = count()

TEXT = ("The Arzte of Vaskarin wrote to Ortelby about the harbour, the Kolbe mill "
        "and the Drunsk ferry.")
# (query, the stored word a search must find): one letter misread, the OCR kind
MISREAD = [("arzle", "arzte"), ("kolhe", "kolbe"), ("drunsh", "drunsk"),
           ("vaskarim", "vaskarin"), ("harbonr", "harbour")]


@pytest.mark.postgres
def test_accounts_work_on_a_database_icu_cannot_collate(pg_server: str) -> None:
    import psycopg

    name = f"r12c{os.getpid()}_{next(_n)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'EUC_JIS_2004' "
                    "LC_COLLATE 'C' LC_CTYPE 'C'")
    with psycopg.connect(f"{pg_server}/{name}", autocommit=True) as con:
        con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with open_store(f"{pg_server}/{name}") as st:
        st.add_user("Ada", "h", "reader", "2026-01-01")
        got = st.user("ADA")
        assert got is not None and got["name"] == "Ada"
        with pytest.raises(KeyError):
            st.add_user("ada", "h", "reader", "2026-01-01")
        assert st.rows(f"SELECT {st.lower_sql.format('?')}", ("ÁDA Lovelace",))[0][0] \
            .endswith("da lovelace")
