"""Footnote blocks, markers and anchors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from layout_helpers import layout_text

from archivist.layout.notes import marker_candidates

PAGE = (
    "The harvest failed in the east, and the ministry blamed the “saboteurs.”³Grain\n"
    "was bought abroad: 1,421 thousand tons in 1933 alone, at prices that the trade\n"
    "delegation called ruinous.[4] The delegation's report reached Moscow in May 1933,\n"
    "and it was read by the whole bureau before the summer recess began in earnest.⁵\n"
    "3 Pravda, 12 March 1933.\n"
    "4 RGAE, f. 413, op. 13, d. 72, l. 5; see also the report of the trade mission\n"
    "to Berlin, l. 9.\n"
    "5 Ibid., l. 11-\n"
    "12.\n"
)


def _notes(doc):
    out = {}
    for n in doc.notes:
        a = doc.note_anchor(n)
        out[n.n] = (doc.note_view(n).text, doc.text[:a])
    return out


def test_notes_found_with_text_and_anchor():
    doc = layout_text(PAGE)
    notes = _notes(doc)
    assert list(notes) == ["3", "4", "5"]
    assert notes["3"][0] == "Pravda, 12 March 1933."
    assert notes["3"][1].endswith("the “saboteurs.”")
    assert notes["4"][0] == ("RGAE, f. 413, op. 13, d. 72, l. 5; see also the report of the "
                             "trade mission to Berlin, l. 9.")
    assert notes["4"][1].endswith("called ruinous.")
    assert notes["5"][1].endswith("in earnest.")
    # a break after a hyphen is left for repair.hyphenation
    assert notes["5"][0] == "Ibid., l. 11-\n12."


def test_markers_leave_the_text_and_lost_space_returns():
    doc = layout_text(PAGE)
    assert "“saboteurs.” Grain was bought" in doc.text
    assert "ruinous. The delegation" in doc.text
    assert "[4]" not in doc.text and "³" not in doc.text and "⁵" not in doc.text
    assert "Pravda" not in doc.text and "RGAE" not in doc.text
    # quantities and years are untouched
    assert "1,421 thousand tons in 1933 alone" in doc.text
    assert "May 1933, and" in doc.text


def test_note_offsets_point_into_original():
    doc = layout_text(PAGE)
    for n in doc.notes:
        assert doc.original[n.marker_start:n.marker_end] in ("³", "[4]", "⁵", "4")
        assert doc.original[n.start:n.end].startswith(("Pravda", "RGAE", "Ibid"))


def test_numbered_list_is_not_a_note_block():
    text = ("The committee agreed on three points, listed below in their order.\n"
            "1 The dam is to be rebuilt.\n2 The mill is to close.\n3 The ford stays.\n")
    doc = layout_text(text)
    # no marker 1-3 in the body: the numbered lines are text, not notes
    assert doc.notes == []
    assert "1 The dam is to be rebuilt. 2 The mill is to close." in doc.text


def test_glued_plain_digit_markers_after_punctuation():
    text = ("It was, they said, a question of millions.10In February the troops left the\n"
            "valley for good, and nobody saw them again that year or the next.11\n"
            "10 Harrison, Soviet Planning, 369.\n11 Intercepted cable.\n")
    doc = layout_text(text)
    assert "millions. In February" in doc.text
    assert [n.n for n in doc.notes if n.marker_start is not None] == ["10", "11"]


@settings(max_examples=60, deadline=None)
@given(year=st.integers(1000, 2100), qty=st.integers(1000, 10**7),
       dec=st.integers(0, 99), n=st.integers(1, 300))
def test_numbers_are_not_markers(year, qty, dec, n):
    text = f"In {year} they spent {qty:,} rubles, or {n}.{dec} per cent, in {n} days."
    assert marker_candidates(text, 0, len(text)) == []
