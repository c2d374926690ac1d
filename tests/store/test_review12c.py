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
from pathlib import Path

import pytest
from store_helpers import doc_json, make_doc

from archivist.store import Store, open_store

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


@pytest.mark.parametrize("query,word", MISREAD)
def test_a_word_misread_in_one_letter_is_found(store: Store, query: str, word: str) -> None:
    doc_id = store.add(doc_json(make_doc("a", [TEXT])), "t")
    assert word in store.expand(query, 0.25)
    assert [h.doc_id for h in store.search(query.capitalize()).hits][:1] == [doc_id]


@pytest.mark.postgres
def test_both_backends_take_the_same_fuzzy_candidates(pg_url: str, tmp_path: Path) -> None:
    # (up to the default fuzziness: above it PostgreSQL keeps a floor, see below)
    words = ["arzte", "kolbe", "drunsk", "vaskarin", "harbour", "ortelby", "wrote",
             "about", "mill", "ferry", "kettle", "copper", "hearth", "window"]
    text = " ".join(words) + ". " + " ".join(w[::-1] for w in words) + "."
    queries = ["arzle", "kolhe", "drunsh", "vaskarim", "harbonr", "ortclby", "wrate",
               "abuut", "mili", "fery", "ketle", "coppor", "heerth", "wimdow", "zzzzz"]
    got = {}
    for url in (str(tmp_path / "c.db"), pg_url):
        with open_store(url) as st:
            st.add(doc_json(make_doc("a", [text])), "t")
            got[st.backend] = {
                (q, f): sorted({w for w, _ in st._fuzzy_candidates(q, f)})
                for q in queries for f in (0.1, 0.2, 0.25)}
    assert got["postgresql"] == got["sqlite"]


@pytest.mark.postgres
def test_a_high_fuzziness_does_not_ask_the_index_for_every_word(pg_url: str) -> None:
    # from fuzziness ~0.3 SQLite's rule bounds the similarity at 0.15 .. 0.01, where
    # the GIN index returns nearly the whole length window: the floor stays 0.2
    with open_store(pg_url) as st:
        st.add(doc_json(make_doc("a", [TEXT])), "t")
        for f in (0.3, 0.4, 0.5):
            st.expand("harbonr", f)
            got = float(st.rows("SHOW pg_trgm.similarity_threshold")[0][0])
            assert got >= 0.2, f
