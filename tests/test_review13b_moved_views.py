"""review13b: speed13's `line_segments` (joins by `View.edit_starts`) and `_in_place`
checked against the code they replaced on views that hold reading-order moves, which
tests/test_speed13_equivalence never reaches (its documents stop before
layout.reading_order)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archivist.ingest.text import read_bytes
from archivist.layout.reading_order import line_segments
from archivist.model import Document, View
from archivist.pipeline import Pipeline

# `line_segments` before speed13 (a step per character of the paragraph)
from test_speed13_equivalence import _old_line_segments

# one paragraph's lines in reading order (a line that ends a sentence in the middle of
# a paragraph is what layout.reading_order moves back)
LINES = [
    "The men of the village went down to the river",
    "early in the morning to see whether the bridge",
    "had been carried away by the flood of the night",
    "before, and they found that the water had risen",
    "above the old stone wall of the mill and that",
    "the road to the market town was closed for",
    "the rest of the week.",
]
MOVED = [0, 1, 2, 6, 3, 4, 5]  # an order the stage is known to repair (one move)


def _old_in_place(view: View) -> list[int] | None:
    """`View._in_place` before speed13: the moved edits from a set of the edit map."""
    edits = view.doc.edits
    moved = {i for i in set(view.edit_of) if i != -1 and edits[i].moved_from is not None}
    return None if not moved else [i for i, e in enumerate(view.edit_of) if e not in moved]


def _layout(text: str) -> Document:
    return Pipeline().without(["extract", "repair"])(read_bytes("t.txt", text.encode()))


def _check(doc: Document) -> None:
    for view in doc.views():
        scanned: dict[int, int] = {}
        for i, eid in enumerate(view.edit_of):
            if eid != -1:
                scanned.setdefault(eid, i)
        assert view.edit_starts() == scanned
        assert view._in_place() == _old_in_place(view)
        for p in doc.paragraphs():
            got = [(s.start, s.end) for s in line_segments(view, p["start"], p["end"])]
            assert got == _old_line_segments(view, p["start"], p["end"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.permutations(range(len(LINES))), min_size=1, max_size=3),
       st.sampled_from(["\n", "\r\n", "\n  "]))
@example([MOVED, list(range(len(LINES)))], "\n")
@example([MOVED], "\r\n")
def test_moved_views_as_before(orders: list[list[int]], brk: str) -> None:
    text = "\n\n".join(brk.join(LINES[i] for i in order) for order in orders)
    _check(_layout(text + "\n"))


def test_the_moved_example_holds_a_move() -> None:
    """(so the examples above reach views with moves)"""
    doc = _layout(("\n".join(LINES[i] for i in MOVED)) + "\n\nA short one.\n")
    assert any(e.kind == "move" and e.moved_from is not None for e in doc.edits)
    assert doc.body_view()._in_place() is not None
    _check(doc)
