"""`Removed.covers` answers what the linear `is_deleted` scan answered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archivist.layout.lines import Removed, is_deleted

SPAN = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(SPAN, max_size=12), SPAN)
def test_covers_is_the_linear_scan(spans: list[tuple[int, int]], probe: tuple[int, int]) -> None:
    spans = sorted(spans)
    assert Removed(spans).covers(*probe) == is_deleted(spans, *probe)
