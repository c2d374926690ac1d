"""Session 12's cold-path speed-ups give the same values as the code they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair.channel import confusions
from archivist.repair.words import _Floor, _saving

PIECES = sorted({c for c in "abcdefghijklmnopqrstuvwxyz"}
                | {k.lower() for k in confusions()}
                | {v.lower() for vs in confusions().values() for v, _ in vs})
words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=7).map("".join)


def _old_bound(floor: _Floor, b: str) -> float:
    """`_Floor.__call__` as it was: each position's max over the readings `b` holds,
    summed over every position (0.0 where none)."""
    from rapidfuzz.distance import Levenshtein

    from archivist.repair.channel import GENERIC

    there = {r for r in floor.readings if r in b}
    save = sum(max((x for x, intended in at if intended in there), default=0.0)
               for at in floor.hits)
    return Levenshtein.distance(floor.a, b) * GENERIC - save - 1e-6


@settings(max_examples=500, deadline=None)
@given(words, words)
def test_ranked_saving_is_the_same_float_as_the_max_per_position(a: str, b: str) -> None:
    floor = _Floor(a)
    assert floor(b) == _old_bound(floor, b)


def test_saving_takes_the_first_held_reading_per_position() -> None:
    ranked = [[(1.25, 1), (0.5, 2)], [(0.75, 4), (0.25, 1)], [(0.5, 8)]]
    assert _saving(ranked, 0) == 0.0
    assert _saving(ranked, 2 | 1) == 1.25 + 0.25
    assert _saving(ranked, 2 | 8) == 0.5 + 0.5
    assert _saving(ranked, 15) == 1.25 + 0.75 + 0.5
