"""Session 13 speed work on the layout-only ingest path: each faster function gives
what the code it replaced gave (the replaced code is kept here as the reference)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.ingest.text import _reads_as_utf8_text, looks_binary
from archivist.layout.pages import HEAD_NUM_LAST, head_num_last
from archivist.layout.paragraphs import BREAK_RUN, break_runs
from archivist.layout.reading_order import line_segments
from archivist.model import (
    _SHARED_RUN,
    Document,
    Edit,
    Note,
    Source,
    View,
    _render,
    _run_maps,
    render,
)
from archivist.pipeline import Pipeline

# spaces of several kinds (\x1c-\x1f and U+2003 are whitespace to `\s` and to
# str.strip), decimal digits of other scripts, line breaks, letters
LINE_CHARS = " \t\x1c\u2003\u00a0\n\r\f1234567890٣१abcXYZ.-'’"


def make(text: str) -> Document:
    return Document(original=text, source=Source("t.txt", "0" * 64, "text"))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=LINE_CHARS, max_size=30))
def test_head_num_last_is_the_pattern(text: str) -> None:
    got, want = head_num_last(text), HEAD_NUM_LAST.match(text)
    assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=" \t\r\n\fab", max_size=40))
def test_break_runs_are_the_pattern(text: str) -> None:
    assert break_runs(text) == [m.span() for m in BREAK_RUN.finditer(text)]


def _old_looks_binary(data: bytes) -> bool:
    """`looks_binary` as it was: the control bytes counted by a generator."""
    from archivist.ingest.text import _BOMS

    sample = data[:8192]
    if any(sample.startswith(b) for b, _ in _BOMS):
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > 0.05 * max(len(sample), 1)


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=200) | st.text(alphabet="ab\t\x01\x1b\x1f\n", max_size=80).map(
    str.encode))
def test_looks_binary_as_before(data: bytes) -> None:
    assert looks_binary(data) == _old_looks_binary(data)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab \x00\x01\x07\x1b\t\n\x1f\u00e9\u4e00\U0001f600", max_size=60))
def test_utf8_control_count_as_before(text: str) -> None:
    import codecs

    sample = text.encode("utf-8")
    decoded = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    ctrl = sum(1 for c in decoded if c < " " and c not in "\t\n\r\f\x1b")
    assert _reads_as_utf8_text(sample) == (
        "\x00" not in decoded and ctrl <= 0.05 * max(len(decoded), 1))


@settings(max_examples=500, deadline=None)
@given(st.integers(0, _SHARED_RUN + 10), st.integers(0, 300))
def test_run_maps_are_ranges(start: int, n: int) -> None:
    om, em = _run_maps(start, start + n)
    assert list(om) == list(range(start, start + n)) and em == [-1] * n


def _old_render(original: str, edits: list[Edit], window: tuple[int, int] | None = None
                ) -> tuple[str, list[int], list[int]]:
    """`render` as it was before session 13 (a new int per character of the maps)."""
    from archivist.model import APPLIED, visible_edits

    ws, we = window if window is not None else (0, len(original))
    inside = [e for e in edits
              if e.status == APPLIED and ws <= e.start and e.end <= we
              and not (window is not None and e.start == ws and e.end == we and e.end > e.start)]
    parts: list[str] = []
    omap: list[int] = []
    emap: list[int] = []
    pos = ws
    for e in visible_edits(inside):
        if e.start > pos:
            parts.append(original[pos:e.start])
            omap.extend(range(pos, e.start))
            emap.extend([-1] * (e.start - pos))
            pos = e.start
        r = e.replacement
        if r:
            parts.append(r)
            if e.moved_from is not None:
                base, lead = e.moved_from, len(r) - len(r.lstrip())
                omap.extend(base + max(k - lead, 0) for k in range(len(r)))
            else:
                last = max(e.end - 1, e.start)
                omap.extend(min(e.start + k, last) for k in range(len(r)))
            emap.extend([e.id] * len(r))
        pos = max(pos, e.end)
    if pos < we:
        parts.append(original[pos:we])
        omap.extend(range(pos, we))
        emap.extend([-1] * (we - pos))
    omap.append(we)
    return "".join(parts), omap, emap


@st.composite
def edited_docs(draw):
    text = draw(st.text(alphabet="ab c\n-.", min_size=1, max_size=40))
    ops = draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 6),
                                  st.text(alphabet="xyz \n", max_size=4),
                                  st.sampled_from(["text", "layout", "move"])), max_size=8))
    d = make(text)
    for pos, length, repl, kind in ops:
        v = d.body_view()
        cs = min(pos, len(v.text))
        ce = min(cs + length, len(v.text))
        e = v.edit("prop", cs, ce, repl, kind=kind)
        if kind == "move" and e.start == e.end:  # the insertion half of a move
            e.moved_from = max(0, e.start - 3)
        d.add_edits([e])
    return d


@settings(max_examples=500, deadline=None)
@given(edited_docs(), st.integers(0, 40), st.integers(0, 40))
def test_render_as_before_and_edit_starts(d: Document, a: int, b: int) -> None:
    assert render(d.original, d.edits) == _old_render(d.original, d.edits)
    window = (min(a, b, len(d.original)), min(max(a, b), len(d.original)))
    assert render(d.original, d.edits, window) == _old_render(d.original, d.edits, window)
    # where each edit's characters start: as found from the edit map alone
    text, omap, emap, starts = _render(d.original, d.edits)
    scanned = View(d, "text", text, omap, emap, (0, len(d.original))).edit_starts()
    assert starts == scanned == d.body_view().edit_starts()
    assert list(starts) == sorted(starts, key=starts.__getitem__)
    # the indices left in place by moves, as found from a set of the whole edit map
    v = d.body_view()
    moved = {i for i in set(v.edit_of) if i != -1 and d.edits[i].moved_from is not None}
    assert v._in_place() == (None if not moved else [i for i, e in enumerate(v.edit_of)
                                                      if e not in moved])


def test_adding_no_edits_keeps_the_cached_views() -> None:
    d = make("one\ntwo\n1 A note.")
    note = Note("1", 10, len(d.original))
    d.notes.append(note)
    body, nv = d.body_view(), d.note_view(note)
    assert d.add_edits([]) == []
    assert d.body_view() is body and d.note_view(note) is nv
    d.add_edits([Edit("t", 3, 4, "\n", " ")])
    assert d.body_view() is not body and d.text == "one two\n1 A note."


def _old_line_segments(view: View, ps: int, pe: int) -> list[tuple[int, int]]:
    """`line_segments` as it was: a step per character of the paragraph."""
    edits = view.doc.edit_by_id
    cuts = []
    for i in range(ps, pe):
        eid = view.edit_of[i]
        if eid != -1 and view.text[i] == " ":
            e = edits[eid]
            if e.kind == "layout" and e.replacement == " " and re.search(r"[\n\r\f]",
                                                                           e.original):
                cuts.append(i)
    segs, s = [], ps
    for c in cuts:
        if c > s:
            segs.append((s, c))
        s = c + 1
    if pe > s:
        segs.append((s, pe))
    return segs


WORDS = ["the", "Parish", "of", "if", "when", "river.", "and", "1", "12", "-", "Notes",
         "it", "was", "closed.", "THE", "HISTORY", "OF", "York", "bor-", "der"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
                          st.sampled_from(["\n", "\n\n", "\r\n", "\f", " \n  ", "\n\t"])),
                min_size=1, max_size=25))
def test_line_segments_as_before(lines: list[tuple[list[str], str]]) -> None:
    text = "".join(" ".join(ws) + brk for ws, brk in lines)
    doc = Pipeline().without(["extract", "repair", "layout.reading_order"])(
        _read(text))
    view = doc.body_view()
    for p in doc.paragraphs():
        got = [(s.start, s.end) for s in line_segments(view, p["start"], p["end"])]
        assert got == _old_line_segments(view, p["start"], p["end"])


def _read(text: str) -> Document:
    from archivist.ingest.text import read_bytes

    return read_bytes("t.txt", text.encode("utf-8"))


def test_default_stages_are_the_packages_order() -> None:
    import archivist.extract as extract
    import archivist.layout as layout
    import archivist.repair as repair
    from archivist.pipeline import DEFAULT_STAGES, default_stage_names

    assert default_stage_names() == [*layout.STAGES, *repair.STAGES,
                                     *layout.STAGES_AFTER_REPAIR, *extract.STAGES]
    assert list(DEFAULT_STAGES) == default_stage_names()


def test_a_layout_only_pipeline_imports_no_repair_or_extraction() -> None:
    import subprocess
    import sys

    code = ("import sys\n"
            "from archivist.pipeline import Pipeline\n"
            "from archivist.ingest.text import read_bytes\n"
            "p = Pipeline().without(['extract', 'repair'])\n"
            "doc = p(read_bytes('t.txt', b'A line\\nand its next.\\n\\n12\\n'))\n"
            "print(doc.text)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('archivist.repair',"
            " 'archivist.extract'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out == ["A line and its next.", "[]"]


def test_unknown_stage_still_refused_when_made() -> None:
    import pytest

    with pytest.raises(KeyError, match="unknown stage"):
        Pipeline(["layout.pages", "layout.nope"])
