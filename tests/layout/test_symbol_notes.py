"""Footnotes marked by symbols (*, †, ‡, §, ‖, ¶, then doubled), as nineteenth-century
books print them: found at the page foot, linked to their marks, restarting per page."""

from __future__ import annotations

import pytest
from layout_helpers import layout_text, run

BODY = ("The commissioners met at the inn and agreed upon the line of the new road.* They\n"
        "sent their report to the board in the spring, and the work began at once.\u2020 Nothing\n"
        "more was heard of the matter until the following year.\n")


@pytest.mark.parametrize("fmt", ["text", "hocr"])
def test_star_and_dagger_notes_are_notes_linked_to_their_marks(fmt: str) -> None:
    # (in OCR text a star may also be a misread note number: not where notes are symbols)
    from archivist.ingest.text import read_bytes

    doc = read_bytes("t.txt", (BODY + "\n* The report is printed in the appendix.\n"
                               "\u2020 See the minutes of the board for May.\n").encode())
    doc.source.format = fmt
    doc = run(doc)
    assert [(n.n, doc.note_view(n).text) for n in doc.notes] == [
        ("*", "The report is printed in the appendix."),
        ("\u2020", "See the minutes of the board for May.")]
    assert "*" not in doc.text and "\u2020" not in doc.text
    assert doc.text.index("road.") + len("road.") == doc.note_anchor(doc.notes[0])
    assert all(doc.note_anchor(n) is not None for n in doc.notes)


def test_symbols_restart_on_each_page() -> None:
    page2 = ("Nothing more was heard of the matter until the following year, when the vicar\n"
             "wrote to the board again.* He was answered by the clerk at some length.\n\n"
             "* See the minutes of the board for June.\n")
    doc = layout_text(BODY + "\n* The report is printed in the appendix.\n"
                      "\u2020 See the minutes of the board for May.\n\f" + page2)
    assert [n.n for n in doc.notes] == ["*", "\u2020", "*b"]  # names stay unique
    assert doc.note_view(doc.notes[2]).text == "See the minutes of the board for June."
    assert all(doc.note_anchor(n) is not None for n in doc.notes)


def test_section_breaks_and_starred_words_are_no_notes() -> None:
    text = ("The vicar wrote to the board and the board wrote back to the vicar at length.\n\n"
            "* * *\n\n"
            "Mr. B***** said the d*mn road would never be made, and the board agreed.\n")
    doc = layout_text(text)
    assert doc.notes == [] and "* * *" in doc.text and "B*****" in doc.text
