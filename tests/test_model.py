"""The Document model: edits are stand-off, never overlap, and reproduce `text`."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.model import (
    APPLIED,
    REJECTED,
    Document,
    Edit,
    EditConflict,
    Note,
    Source,
    check_edits,
    render,
)


def make(text: str) -> Document:
    return Document(original=text, source=Source("t.txt", "0" * 64, "text"))


def test_edit_replaces_and_maps_back():
    d = make("Hello wrold.\nNext line")
    v = d.body_view()
    i = v.text.index("wrold")
    d.add_edits([v.edit("t", i, i + 5, "world", confidence=0.9)])
    v = d.body_view()
    assert v.text == "Hello world.\nNext line"
    assert d.original == "Hello wrold.\nNext line"  # never touched
    j = v.text.index("Next")
    assert d.original[v.orig[j]:v.orig[j] + 4] == "Next"
    assert v.from_orig(d.original.index("Next")) == j


def test_later_edit_refines_earlier_one_without_overlap():
    d = make("bor-\nder here")
    v = d.body_view()
    d.add_edits([v.edit("layout", 4, 5, " ", kind="layout")])
    v = d.body_view()
    assert v.text == "bor- der here"
    d.add_edits([v.edit("hyph", 0, 8, "border")])
    assert d.text == "border here"
    assert d.edits[1].supersedes == [0]
    check_edits(d.original, d.edits)
    d.set_status(1, REJECTED)  # reversible: rejecting restores the earlier reading
    assert d.text == "bor- der here"


def test_low_confidence_edit_is_only_a_suggestion():
    d = make("the cat")
    d.threshold = 0.8
    v = d.body_view()
    e = v.edit("t", 4, 7, "cot", confidence=0.3)
    d.add_edits([e])
    assert e.status == "suggested"
    assert d.text == "the cat"


def test_note_window_renders_its_own_edits():
    d = make("Body.\n1 A nte.")
    ns = d.original.index("\n1")
    note = Note("1", ns + 3, len(d.original))
    d.notes.append(note)
    d.add_edits([Edit("layout", ns, len(d.original), d.original[ns:], "", kind="layout")])
    nv = d.note_view(note)
    k = nv.text.index("nte")
    d.add_edits([nv.edit("t", k, k + 3, "note")])
    assert d.text == "Body."
    assert d.note_view(note).text == "A note."


def test_partial_overlap_is_refused():
    d = make("abcdef")
    d.add_edits([Edit("a", 0, 3, "abc", "X")])
    bad = Edit("b", 2, 5, "cde", "Y")
    d.add_edits([bad])
    assert bad.status == REJECTED
    assert d.text == "Xdef"
    with pytest.raises(EditConflict):
        check_edits(d.original, [Edit("a", 0, 3, "abc", "X", id=0),
                                 Edit("b", 2, 5, "cde", "Y", id=1)])


def apply_visible(original: str, edits: list[Edit]) -> str:
    """Independent re-implementation: apply non-overlapping edits right to left."""
    out = original
    for e in sorted(edits, key=lambda e: (e.start, e.end != e.start, e.rank),
                    reverse=True):
        out = out[:e.start] + e.replacement + out[e.end:]
    return out


@st.composite
def doc_and_ops(draw):
    text = draw(st.text(alphabet="ab c\n-.", min_size=1, max_size=40))
    ops = draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6),
                                  st.text(alphabet="xyz ", max_size=4),
                                  st.floats(0, 1)), max_size=8))
    return text, ops


@settings(max_examples=300, deadline=None)
@given(doc_and_ops())
def test_edits_made_through_views_reproduce_text(data):
    text, ops = data
    d = make(text)
    for pos, length, repl, conf in ops:
        v = d.body_view()
        n = len(v.text)
        cs = min(pos, n)
        ce = min(cs + length, n)
        expected = v.text[:cs] + repl + v.text[ce:]
        e = v.edit("prop", cs, ce, repl, confidence=conf)
        d.add_edits([e])
        if e.status == APPLIED:
            assert d.text == expected
        check_edits(d.original, d.edits)
    # the visible applied edits, applied to original, give text exactly
    from archivist.model import visible_edits

    vis = visible_edits(d.edits)
    assert apply_visible(d.original, vis) == d.text
    t, omap, emap = render(d.original, d.edits)
    assert len(omap) == len(t) + 1 and len(emap) == len(t)
    for i, ch in enumerate(t):
        if emap[i] == -1:
            assert d.original[omap[i]] == ch
        assert 0 <= omap[i] <= len(d.original)


def test_from_orig_skips_moved_text():
    """After a move, original offsets still find their place in the clean text."""
    d = make("A one. C three. B two. D four.")
    v = d.body_view()
    b = v.text.index("B two. ")
    c = v.text.index("C three. ")
    dele = v.edit("order", b, b + len("B two. "), "", kind="move")
    ins = v.edit("order", c, c, "B two. ", kind="move")
    ins.moved_from = d.original.index("B two.")
    d.add_edits([dele, ins])
    v = d.body_view()
    assert v.text == "A one. B two. C three. D four."
    for word in ("A", "C", "D"):
        o = d.original.index(word)
        assert v.text[v.from_orig(o)] == word
