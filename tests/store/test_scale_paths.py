"""The search and write paths added for large corpora give the answers of the plain
ones: the Python ranking of common phrases, the regex word-start test, the numpy
trigram count, the per-query entity closure, and full-text rows written last."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

import archivist.store.base as base
from archivist.store import Store, open_store
from archivist.store import query as Q
from archivist.store.base import Matcher
from archivist.store.text import confusion_variants, trigrams


def _phrase_corpus(store: Store) -> dict[str, int]:
    """Five documents, added oldest first; 'border guards' occurs 0-3 times in each."""
    ids = {}
    for name, n in (("a", 1), ("b", 3), ("c", 0), ("d", 2), ("e", 1)):
        text = " ".join(["The border guards held the line."] * n + ["Quiet days followed."] * 4
                        + [f"Report {name}."])  # distinct texts (same bytes: same document)
        ids[name] = store.add(doc_json(make_doc(name, [text])), "1")
    return ids


def test_common_phrase_is_ranked_over_its_newest_matches(store: Store, monkeypatch) -> None:
    if not store.rank_common_phrases_here:
        pytest.skip("this backend ranks common phrases itself, over its window")
    _phrase_corpus(store)
    full = store.search('"border guards"', exact=True)
    assert {h.doc for h in full.hits} == {"a", "b", "d", "e"}
    monkeypatch.setattr(base, "PHRASE_RANK_WINDOW", 1)  # every phrase is now "common"
    monkeypatch.setattr(base, "RECENT_RANK", 3)
    monkeypatch.setattr(base, "PAIR_RANK_MAX_DF", 0)  # even when the pair index has it
    monkeypatch.setattr(store, "rank_window", None)
    res = store.search('"border guards"', exact=True)
    docs = [h.doc for h in res.hits]
    assert set(docs) == {"b", "d", "e"}  # the three newest matching passages only
    assert res.passages == 3
    # more occurrences in a passage of the same length rank higher: b (3) > d (2) > e (1)
    assert list(dict.fromkeys(docs)) == ["b", "d", "e"]
    assert [h.score for h in res.hits] == sorted((h.score for h in res.hits), reverse=True)
    assert all(h.match.lower() == "border guards" for h in res.hits)


def test_common_phrase_from_pairs_is_ranked_by_the_backend_over_its_window(
        store: Store, monkeypatch) -> None:
    _phrase_corpus(store)
    monkeypatch.setattr(base, "PHRASE_RANK_WINDOW", 3)  # 4 passages match: "common"
    monkeypatch.setattr(store, "rank_window", None)
    called = []
    monkeypatch.setattr(store, "_rank_recent", lambda *a: called.append(a))
    res = store.search('"border guards"', exact=True)
    assert not called  # no Python ranking: the backend ranked the newest 3
    docs = [h.doc for h in res.hits]
    assert set(docs) == {"b", "d", "e"} and res.passages == 3
    assert list(dict.fromkeys(docs)) == ["b", "d", "e"]  # 3, 2, 1 occurrences


def test_common_phrase_ranking_keeps_boolean_filters(store: Store, monkeypatch) -> None:
    _phrase_corpus(store)
    monkeypatch.setattr(base, "PHRASE_RANK_WINDOW", 1)
    monkeypatch.setattr(store, "rank_window", None)
    res = store.search('"border guards" doc:d', exact=True)
    assert {h.doc for h in res.hits} == {"d"}
    assert store.search('"border guards" NOT held', exact=True).hits == []


_TEXT = st.text(alphabet="ab sS'’ʼ_-.é1\n", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from(["a", "ab", "s", "a*", '"a b"', '"ab s"', "b OR ab*"]))
def test_word_start_test_matches_the_look_behind_pattern(text: str, query: str) -> None:
    m = Matcher(Q.parse(query).node)
    folded = text.lower()
    if len(folded) != len(text):
        return
    with_look_behind = re.compile(m.pattern)  # the pattern the loop stands in for
    expected = [x.span() for x in with_look_behind.finditer(
        base._fold_same_length(text).lower())]
    assert m.spans(text) == expected


def _grouped_candidates(con: sqlite3.Connection, word: str, fuzziness: float) -> set[str]:
    """The trigram candidates as the previous GROUP BY statement chose them."""
    tris = sorted(trigrams(word))
    slack = max(1, round(len(word) * fuzziness / 2))
    need = max(1, int(len(tris) * (1 - 2 * fuzziness)))
    marks = ",".join("?" * len(tris))
    return {r[0] for r in con.execute(
        "SELECT v.word FROM (SELECT word_id, count(*) AS c FROM vocab_tri "
        f"WHERE tri IN ({marks}) AND len BETWEEN ? AND ? GROUP BY word_id "
        "HAVING c >= ?) t JOIN vocab v ON v.id = t.word_id",
        (*tris, len(word) - slack, len(word) + slack, need))}


def test_numpy_trigram_count_finds_the_grouped_candidates(tmp_path) -> None:
    words = ["border", "bordor", "boarder", "burden", "order", "borders", "harbour",
             "brother", "bored", "ardor", "recorder", "bordello", "sorted", "abort"]
    with open_store(str(tmp_path / "c.db")) as s:
        s.add(doc_json(make_doc("v", [" ".join(words)])), "1")
        for word in ("border", "bordor", "harbor", "recorded"):
            for fz in (0.25, 0.4):
                got = {w for w, _ in s._fuzzy_candidates(word, fz)}
                assert _grouped_candidates(s.con, word, fz) <= got
                assert got - _grouped_candidates(s.con, word, fz) <= confusion_variants(word)


def test_entity_closure_follows_a_chain_of_variants(store: Store) -> None:
    # x~y in one document, y~z in another, z alone in a third: one entity
    store.add(doc_json(make_doc("one", ["Hsinking was named Changchun."],
                                entities=[("PLACE", "Hsinking", ["Changchun"])])), "1")
    store.add(doc_json(make_doc("two", ["Changchun, or Chang-chun, grew."],
                                entities=[("PLACE", "Changchun", ["Chang-chun"])])), "1")
    store.add(doc_json(make_doc("three", ["Chang-chun again."],
                                entities=[("PLACE", "Chang-chun", [])])), "1")
    store.add(doc_json(make_doc("four", ["Mukden is elsewhere."],
                                entities=[("PLACE", "Mukden", [])])), "1")
    group = store.entity_group("Hsinking")
    assert len(group) == 3
    assert store.entity_group("chang chun") == group
    hits = store.search("entity:Hsinking").hits
    assert {h.doc for h in hits} == {"one", "two", "three"}
    assert {h.match for h in hits} >= {"Hsinking", "Changchun", "Chang-chun"}


def test_batch_writes_the_full_text_last_and_whole(tmp_path) -> None:
    docs = [doc_json(make_doc(f"d{i}", [f"Page {i} mentions wordno{i} twice: wordno{i}."]))
            for i in range(6)]
    with open_store(str(tmp_path / "batch.db")) as a, open_store(str(tmp_path / "one.db")) as b:
        a.add_many(docs, "1")
        for d in docs:
            b.add(d, "1")
        terms = "SELECT term, doc, cnt FROM temp.fv ORDER BY term"
        for s in (a, b):
            s.con.execute("CREATE VIRTUAL TABLE temp.fv USING fts5vocab(main, fts, 'row')")
        assert a.con.execute(terms).fetchall() == b.con.execute(terms).fetchall()
        assert {h.doc for h in a.search("wordno3", exact=True).hits} == {"d3"}
        assert a._fts_pending == []


def test_a_failed_batch_leaves_no_full_text_behind(tmp_path, monkeypatch) -> None:
    with open_store(str(tmp_path / "c.db")) as s:
        calls = {"n": 0}
        real = s._add_vocab

        def failing(cur, vocab, sign):  # the vocabulary step fails after the passages
            calls["n"] += 1
            raise RuntimeError("disk full")

        monkeypatch.setattr(s, "_add_vocab", failing)
        res = s.add_many([doc_json(make_doc("lost", ["Zanzibar harbour at dawn."]))], "1")
        assert isinstance(res[0], RuntimeError) and calls["n"] == 1
        assert s._fts_pending == []
        monkeypatch.setattr(s, "_add_vocab", real)
        s.add(doc_json(make_doc("kept", ["Mombasa harbour at dusk."])), "1")
        s.con.execute("CREATE VIRTUAL TABLE temp.fv USING fts5vocab(main, fts, 'row')")
        terms = {r[0] for r in s.con.execute("SELECT term FROM temp.fv")}
        assert "mombasa" in terms and "zanzibar" not in terms
        assert s.search("Zanzibar", exact=True).hits == []


@pytest.mark.parametrize("limit", [1, 2, 5])
def test_snippets_are_made_only_for_returned_hits(store: Store, monkeypatch,
                                                  limit: int) -> None:
    store.add(doc_json(make_doc("rep", ["guards " * 5 + "and more guards."])), "1")
    made = []
    real = base.kwic

    def counting(*a, **k):
        made.append(1)
        return real(*a, **k)

    monkeypatch.setattr(base, "kwic", counting)
    res = store.search("guards", exact=True, limit=limit)
    assert len(res.hits) == limit and len(made) == limit


@pytest.mark.postgres
def test_postgres_full_text_runs_without_sequential_scans(pg_url: str) -> None:
    # the planner ignores de-TOASTing tsvectors (see PostgresStore._full_text); the
    # setting holds for the match's own transaction only
    with open_store(pg_url) as s:
        assert s._full_text("SHOW enable_seqscan", ()) == [("off",)]
        assert s.rows("SHOW enable_seqscan") == [("on",)]
