"""A run's snapshot of the corpus word pairs is bounded (lexicon11), on both
backends: at most `MAX_SNAPSHOT_PAIRS` pairs, those most documents print; pairs tied
at the cut are all left out, so the snapshot is a documents threshold rising with
the corpus, recorded on the lexicon (`min_pair_docs`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archivist.repair import corpus as C
from archivist.repair.corpus import MIN_PAIR_COUNT, MIN_PAIR_DOCS, snapshot_pair_docs
from archivist.store import Store

WORDS = ["ash", "elm", "oak", "yew", "fir", "bay", "box"]


def _fill(store: Store) -> dict[str, tuple[int, int]]:
    """Pair rows as documents would have left them: (occurrences, documents)."""
    rows: dict[str, tuple[int, int]] = {}
    k = 0
    for a in WORDS:
        for b in WORDS:
            docs = 1 + k % 6  # 1..6 documents
            rows[f"{a} {b}"] = (docs + k % 3, docs)
            k += 1
    with store.transaction() as cur:
        store.xmany(cur, "INSERT INTO lexicon_pairs (pair, n, docs) VALUES (?,?,?)",
                    [(p, n, d) for p, (n, d) in sorted(rows.items())])
    return rows


def _past(rows: dict[str, tuple[int, int]], docs: int) -> set[str]:
    return {p for p, (n, d) in rows.items() if n >= MIN_PAIR_COUNT and d >= docs}


def test_uncapped_the_snapshot_holds_every_pair_past_the_thresholds(store: Store) -> None:
    rows = _fill(store)
    lex = store.lexicon()
    assert set(lex.pairs) == _past(rows, MIN_PAIR_DOCS)
    assert lex.min_pair_docs == MIN_PAIR_DOCS


@pytest.mark.parametrize("cap", [0, 5, 8, 9, 20, 40])
def test_the_snapshot_keeps_the_pairs_most_documents_print(
        store: Store, monkeypatch: pytest.MonkeyPatch, cap: int) -> None:
    rows = _fill(store)
    monkeypatch.setattr(C, "MAX_SNAPSHOT_PAIRS", cap)
    lex = store.lexicon()
    assert len(lex.pairs) <= cap
    cut = lex.min_pair_docs
    assert set(lex.pairs) == _past(rows, cut)  # every pair at or past the cut: no ties split
    if cut > MIN_PAIR_DOCS:  # the cut is the lowest that fits
        assert len(_past(rows, cut - 1)) > cap
    assert store.snapshot_pair_docs(cap) == cut
    # the same rows give the same snapshot (the run's digest)
    assert store.lexicon().digest == lex.digest


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(1, 500)), max_size=30),
       st.integers(0, 3000), st.integers(1, 5))
def test_the_cut_is_the_lowest_documents_threshold_within_the_cap(
        groups: list[tuple[int, int]], cap: int, floor: int) -> None:
    merged: dict[int, int] = {}
    for d, k in groups:
        merged[d] = merged.get(d, 0) + k
    cut = snapshot_pair_docs(merged.items(), cap, floor)

    def held(t: int) -> int:
        return sum(k for d, k in merged.items() if d >= t)

    assert cut >= floor and held(cut) <= cap
    assert cut == floor or held(cut - 1) > cap
