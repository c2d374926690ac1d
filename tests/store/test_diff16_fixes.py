"""What the differential tests (test_diff16_backends.py) found: fuzzy variants
ordered by the backend's candidate order, and fuzzy search under a C LC_CTYPE."""

from __future__ import annotations

import itertools
import os

import pytest
from store_helpers import doc_json, make_doc

from archivist.store import Store, open_store

_n = itertools.count()


def test_equally_good_variants_come_in_one_order_whatever_the_backend(store: Store) -> None:
    # "korbek" and "gorbek" are each one letter from "vorbek", equally frequent: the
    # order of the expansions (and which of them a full list keeps) followed the
    # order the backend handed the candidates over in (SQLite: shared trigrams, then
    # the word's id; PostgreSQL: similarity, ties as they came)
    store.add(doc_json(make_doc("a", ["The korbek spoke."])), "t")
    store.add(doc_json(make_doc("b", ["The gorbek grew."])), "t")
    assert store.expand("vorbek", 0.25) == ["vorbek", "gorbek", "korbek"]
    found = store._fuzzy_candidates("vorbek", 0.25)
    store._expansions.clear()
    store._fuzzy_candidates = lambda w, f: found[::-1]  # type: ignore[method-assign]
    assert store.expand("vorbek", 0.25) == ["vorbek", "gorbek", "korbek"]
    assert store.search("vorbek").expansions == {"vorbek": ["vorbek", "gorbek", "korbek"]}


@pytest.mark.postgres
def test_a_c_ctype_database_warns_and_still_finds_variants(pg_server: str) -> None:
    # Under LC_CTYPE C pg_trgm reads "ł" or "ø" as a word break: "łucja" is "ucja" to
    # it, so a one-letter misreading "łucia" shared 2 of its trigrams with "łucja"
    # where the rule (from Python's trigrams, "ł" included) asked for 3: no variant,
    # where SQLite (and a UTF-8 database) finds it. Now counted on the trigrams the
    # index has, and the database's LC_CTYPE named in a warning.
    import psycopg

    from archivist.store.postgres import TrigramCtypeWarning

    name = f"d16c{os.getpid()}_{next(_n)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_COLLATE 'C' LC_CTYPE 'C'")
    with psycopg.connect(f"{pg_server}/{name}", autocommit=True) as con:
        con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with pytest.warns(TrigramCtypeWarning, match="LC_CTYPE is 'C'"):
        st = open_store(f"{pg_server}/{name}")
    try:
        assert st.trgm_ascii_only  # type: ignore[attr-defined]
        st.add(doc_json(make_doc("a", [
            "Łucja Wrzosek met Sørvik at the Ødmark ferry; жук was written on a crate."])),
            "t")
        assert st.expand("łucia", 0.25) == ["łucia", "łucja"]
        assert st.expand("sørvic", 0.25) == ["sørvic", "sørvik"]
        assert [h.match for h in st.search("Łucia").hits] == ["Łucja"]
        # a word with no ASCII letter at all: no trigram to look up, no error
        assert st.expand("жуц", 0.25) == ["жуц"]
        assert [h.match for h in st.search("жук").hits] == ["жук"]
    finally:
        st.close()


@pytest.mark.postgres
def test_a_utf8_ctype_database_does_not_warn(pg_url: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            st = open_store(pg_url)
        except UserWarning:
            pytest.skip("the test cluster was made with LC_CTYPE C")
    st.close()


@pytest.mark.postgres
def test_a_dense_vocabulary_gives_the_same_variants_on_both(pg_url: str, tmp_path) -> None:
    # Of more than 150 words sharing enough trigrams with the query, SQLite kept
    # those sharing the most (ties: the older word), PostgreSQL the most similar
    # (shared over the union: shorter words first): different candidates, and so
    # different expansions, wherever a vocabulary is dense (a large OCR'd corpus)
    import random

    rng = random.Random(16)
    stem = "morvandelisk"
    words: set[str] = set()
    while len(words) < 400:
        w = list(stem)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(w))
            op = rng.randrange(3)
            if op == 0:
                w[i] = rng.choice("abcdefghijklmnopqrstuvwxyz")
            elif op == 1 and len(w) > 9:
                del w[i]
            else:
                w.insert(i, rng.choice("abcdefghijklmnopqrstuvwxyz"))
        words.add("".join(w))
    vocab = sorted(words)
    rng.shuffle(vocab)
    got = {}
    for url in (str(tmp_path / "c.db"), pg_url):
        with open_store(url) as st:
            st.add_many([doc_json(make_doc(f"d{k}", [" ".join(vocab[k:k + 50])]))
                         for k in range(0, len(vocab), 50)], "t")
            got[st.backend] = [st.expand(q, 0.25) for q in vocab[:120]]
    assert got["postgresql"] == got["sqlite"]


@pytest.mark.postgres
@pytest.mark.filterwarnings("ignore::archivist.store.postgres.TrigramCtypeWarning")
def test_orders_follow_code_points_under_any_collation(pg_server: str, tmp_path) -> None:
    # A database whose default collation is ICU's English (or en_US) orders "alpha"
    # before "Beta" and "_x" first; SQLite orders by code point. The timeline's
    # documents of one day, the accounts and the lexicon's ties came in other orders.
    import psycopg

    name = f"d16i{os.getpid()}_{next(_n)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as con:
        try:
            con.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                        "LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C'")
        except psycopg.Error as exc:
            pytest.skip(f"no ICU collation for a database here: {exc}")
    with psycopg.connect(f"{pg_server}/{name}", autocommit=True) as con:
        con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    names = ["beta_note", "Alpha_note", "alpha_note2", "_under", "Émile_note", "zeta"]
    got = {}
    for url in (str(tmp_path / "c.db"), f"{pg_server}/{name}"):
        with open_store(url) as st:
            st.add_many([doc_json(make_doc(
                n, [f"The Vendry barge left on 3 May 1921. {n} wrote it."],
                events=[("The Vendry barge left on 3 May 1921.", "1921-05-03")]))
                for n in names], "t")
            for u in ("bob", "Carl", "ada", "Émile", "_x"):
                st.add_user(u, "h", "reader", "2026-01-01")
            got[st.backend] = ([e["doc"] for e in st.timeline()],
                               [u["name"] for u in st.users()],
                               st.lexicon_terms(min_docs=1, min_count=1))
    assert got["postgresql"] == got["sqlite"]
    assert got["sqlite"][0] == sorted(names)


@pytest.mark.postgres
@pytest.mark.filterwarnings("ignore::archivist.store.postgres.TrigramCtypeWarning")
def test_a_database_without_pg_trgm_yet_opens(pg_server: str) -> None:
    # the ctype check asks pg_trgm: only after the migrations have made it
    import psycopg

    name = f"d16n{os.getpid()}_{next(_n)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name} TEMPLATE template0")
    with open_store(f"{pg_server}/{name}") as st:
        assert isinstance(st.trgm_ascii_only, bool)  # type: ignore[attr-defined]
