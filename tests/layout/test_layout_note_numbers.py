"""Footnote numbering that restarts on each page: every note keeps its own name."""

from __future__ import annotations

from layout_helpers import doc_of, layout_text

from archivist.model import check_edits
from archivist.pipeline import Pipeline


def test_restarted_numbering_gives_distinct_notes() -> None:
    text = ("The treaty was signed.¹ Then the war began.\n1 See the memoirs.\f"
            "The border was closed.¹ Trade stopped.\n1 Izvestiia, 7 August 1938.")
    doc = layout_text(text)
    assert [n.n for n in doc.notes] == ["1", "1b"]
    wheres = [v.where for v in doc.views()]
    assert len(wheres) == len(set(wheres))
    assert [doc.view_for(f"note:{n.n}").text for n in doc.notes] == [
        "See the memoirs.", "Izvestiia, 7 August 1938."]


def test_mentions_in_a_repeated_note_number_point_into_that_note() -> None:
    # shrunk by hypothesis: the second note "2" was read with the first one's view,
    # and extract.entities raised IndexError on "Moscow"
    text = "\f²\n2 the\n3 \n4 \f0 ¹\n1 the\n2 Moscow"
    doc = Pipeline()(doc_of(text))
    check_edits(doc.original, doc.edits)
    for m in doc.mentions:
        assert doc.view_for(m.where).text[m.start:m.end] == m.text
    assert any(m.text == "Moscow" for m in doc.mentions)


def test_marker_at_the_very_start_of_the_text_is_removed_there() -> None:
    # hypothesis: "¹ odd\n¹ odd". The marker edit took the space before the
    # marker, at clean offset -1: it landed at the end of the text as an empty
    # insertion and the marker stayed in the reading text
    doc = layout_text("¹ odd\n¹ odd")
    check_edits(doc.original, doc.edits)
    (note,) = doc.notes
    assert (note.marker_start, note.marker_end) == (0, 1)
    assert doc.text == "odd"
    marker = [e for e in doc.edits if "marker" in e.reason]
    assert [(e.start, e.end, e.original) for e in marker] == [(0, 2, "¹ ")]
