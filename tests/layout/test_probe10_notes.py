"""OCR read a footnote's number 1 as a letter (probe 10)."""

from __future__ import annotations

import pytest
from layout_helpers import layout_text

BODY = ("The vestry met in the church on the feast of St. Luke and chose two new\n"
        "churchwardens for the year.¹ The overseers were asked to bring their accounts\n"
        "to the next meeting, which they did not do.²\n")
FOOT = ("\n{one} Vestry minute book, fol. 17.\n"
        "2 Overseers' accounts, bundle 4, no. 9.\n")


@pytest.mark.parametrize("one", ["I", "l", "|"])
def test_note_one_read_as_a_letter_is_note_one(one: str) -> None:
    doc = layout_text(BODY + FOOT.format(one=one))
    assert [n.n for n in doc.notes] == ["1", "2"]
    assert doc.note_view(doc.notes[0]).text == "Vestry minute book, fol. 17."
    assert "Vestry minute book" not in doc.text and "¹" not in doc.text


def test_a_body_line_starting_with_i_stays_text() -> None:
    # no marker 1 on the page: notes numbered through the chapter, 1 was a page before
    body = BODY.replace("year.¹", "year.").replace("do.²", "do.²\n\nI went to see them.")
    doc = layout_text(body + "\n2 Overseers' accounts, bundle 4, no. 9.\n")
    assert [n.n for n in doc.notes] == ["2"]
    assert "I went to see them." in doc.text


def test_note_one_on_the_page_before_keeps_the_next_page_as_it_is() -> None:
    page1 = BODY.replace(" The overseers", "\nThe overseers").split("The overseers")[0]
    page1 = page1 + "\n1 Vestry minute book, fol. 17.\n"
    page2 = ("The overseers brought their accounts at last.²\n\n"
             "I have not found them.\n\n2 Overseers' accounts, bundle 4, no. 9.\n")
    doc = layout_text(page1 + "\f" + page2)
    assert [n.n for n in doc.notes] == ["1", "2"]
    assert "I have not found them." in doc.text
