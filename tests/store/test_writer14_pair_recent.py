"""SQLite keeps the pair counts of recent batches in `pair_recent` and folds them into
`pair_vocab` now and then (migration 12): phrase search, the counts a reader sees
(`pair_counts`) and deletes are the same whether a count sits in one table, the other
or both."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import doc_json, make_doc, recount_pairs

from archivist.store import open_store
from archivist.store import sqlite as S


def _counts(st: S.SQLiteStore, table: str) -> dict[str, int]:
    return dict(st.rows(f"SELECT pair, df FROM {table} WHERE df != 0"))


@pytest.mark.parametrize("fold_at", [0, 1, 10_000_000])  # always, at once, never
def test_counts_and_search_agree_however_the_counts_are_split(tmp_path: Path, monkeypatch,
                                                              fold_at: int) -> None:
    monkeypatch.setattr(S, "PAIR_RECENT_FOLD", fold_at)
    with open_store(str(tmp_path / "c.db")) as st:
        a = st.add(doc_json(make_doc("a", ["The bordor guards held.", "Second page here."],
                                     fixes={"bordor": "border"}, note="The border note.")),
                   "1")
        b = st.add(doc_json(make_doc("b", ["The border guards slept."])), "1")
        st.add(doc_json(make_doc("c", ["Guards of the border slept."])), "1")
        assert _counts(st, "pair_counts") == recount_pairs(st)
        recent = _counts(st, "pair_recent")
        assert (recent == {}) if fold_at <= 1 else (recent == recount_pairs(st))
        assert {h.doc for h in st.search('"border guards"', exact=True).hits} == {"a", "b"}
        assert {h.doc for h in st.search('"border slept"', exact=True).hits} == {"c"}
        st.delete(b)  # its counts come off whichever table holds them
        assert _counts(st, "pair_counts") == recount_pairs(st)
        assert [h.doc for h in st.search('"border guards"', exact=True).hits] == ["a"]
        st.delete(a)
        assert st.search('"border guards"', exact=True).hits == []
        assert _counts(st, "pair_counts") == recount_pairs(st)


def test_fold_moves_every_count_and_empties_the_recent_table(tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.setattr(S, "PAIR_RECENT_FOLD", 10_000_000)
    with open_store(str(tmp_path / "c.db")) as st:
        st.add(doc_json(make_doc("a", ["The border guards held."])), "1")
        with st.transaction() as cur:
            assert not S._fold_pairs(cur)  # below the mark: nothing moves
        first = _counts(st, "pair_recent")
        with st.transaction() as cur:
            assert S._fold_pairs(cur, at=0)
        assert _counts(st, "pair_recent") == {} and _counts(st, "pair_vocab") == first
        st.add(doc_json(make_doc("b", ["The border guards slept."])), "1")
        assert _counts(st, "pair_recent")["border_guards"] == 1  # pair_vocab holds 1 more
        assert _counts(st, "pair_counts")["border_guards"] == 2
        assert st._pair_dfs(["border_guards", "guards_held", "no_such"]) == {
            "border_guards": 2, "guards_held": 1}
