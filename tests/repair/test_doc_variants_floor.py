"""The cheap bound `doc_variants` tries first never exceeds the weighted distance it
stands in for, so skipping a term on it changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair.channel import confusions, weighted_distance
from archivist.repair.words import _Floor

# letters plus the pieces the confusion table reads and writes, so that confusions
# really occur in the generated pairs
PIECES = sorted({c for c in "abcdefghijklmnopqrstuvwxyz"}
                | {k.lower() for k in confusions()}
                | {v.lower() for vs in confusions().values() for v, _ in vs})
words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(words, words)
def test_floor_never_exceeds_the_weighted_distance(a: str, b: str) -> None:
    assert _Floor(a)(b) <= weighted_distance(a, b)


def test_floor_prunes_unrelated_terms_and_keeps_near_ones() -> None:
    floor = _Floor("marlborough")
    assert floor("manchester") > 2.5  # skipped without the DP
    assert floor("marlhorough") <= weighted_distance("marlborough", "marlhorough")
    assert floor("marlhorough") == floor("marlhorough")  # the saving, remembered
