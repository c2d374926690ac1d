"""A printed book chapter as a PDF (probe 10): running heads alternating verso/recto,
the recto head led by the chapter number, and notes numbered by raised figures set a
little apart from their text."""

from __future__ import annotations

import io

import pytest
from layout_helpers import layout_text

from archivist.ingest.pdf import read_bytes
from archivist.pipeline import Pipeline

BOOK, CHAPTER, FIRST = "A HISTORY OF THE MARSHES", "4 · Draining the Fens", 117

BODY = [
    ["When the commissioners met in the spring they had no money and no plan,",
     "only a list of the parishes whose fields lay under water every winter.^1"],
    ["The first engineer they hired resigned within a year, complaining that",
     "the landowners would neither pay for the cuts nor let his men dig them.^2"],
    ["His successor was more patient and kept a journal of every meeting,",
     "which is why we know so much about the quarrels of those years.^3"],
]
NOTES = ["Minutes of the commissioners, first meeting, book A, fol. 2.",
         "Letter of resignation, bundle 7, item 12.",
         "The journal is kept with the commissioners' papers, box 3."]


def _page_head(n: int) -> tuple[str, str]:
    """(left text, right text) of page n's head: verso number outside left, recto right."""
    return (f"{n}", BOOK) if n % 2 == 0 else (CHAPTER, f"{n}")


def build_pdf() -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5)
    width, height = A5
    for i, lines in enumerate(BODY):
        n = FIRST + i
        c.setFont("Times-Italic", 9)
        left, right = _page_head(n)
        if n % 2 == 0:
            c.drawString(40, height - 40, left)
            c.drawCentredString(width / 2, height - 40, right)
        else:
            c.drawCentredString(width / 2, height - 40, left)
            c.drawRightString(width - 40, height - 40, right)
        y = height - 70
        for ln in lines:
            text, _, mark = ln.partition("^")
            c.setFont("Times-Roman", 10)
            c.drawString(40, y, text)
            if mark:
                c.setFont("Times-Roman", 6)
                c.drawString(40 + c.stringWidth(text, "Times-Roman", 10) + 0.5, y + 4, mark)
            y -= 13
        # the note: a raised 6 pt number, then its text three points to the right
        c.line(40, 90, 140, 90)
        c.setFont("Times-Roman", 6)
        c.drawString(40, 78, str(i + 1))
        c.setFont("Times-Roman", 8)
        c.drawString(46, 75, NOTES[i])
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def doc():  # noqa: ANN201 - a processed Document
    d = read_bytes("chapter.pdf", build_pdf())
    return Pipeline()(d)


def test_recto_heads_give_the_page_number_not_the_chapter_number(doc) -> None:  # noqa: ANN001
    assert [p["n"] for p in doc.pages()] == ["117", "118", "119"]
    nums = [f.text for f in doc.furniture if f.type == "pageNum"]
    assert nums == ["117", "118", "119"]
    heads = {f.text for f in doc.furniture if f.type == "header"}
    assert heads == {CHAPTER, BOOK}
    assert doc.metadata["page"] == "117"


def test_raised_note_numbers_set_apart_from_the_note_are_notes(doc) -> None:  # noqa: ANN001
    assert [n.n for n in doc.notes] == ["1", "2", "3"]
    assert [doc.note_view(n).text.strip() for n in doc.notes] == NOTES
    assert "Minutes of the commissioners" not in doc.text
    assert all(n.marker_start is not None for n in doc.notes)
    assert [n.page for n in doc.notes] == ["117", "118", "119"]


BODY_TEXT = ("The carts went down to the harbour every morning and came back at night\n"
             "with salt, slate and timber for the farms of the upper valley.\n")


def test_bare_numbers_at_the_foot_of_a_page_numbered_at_its_top_stay_text() -> None:
    # OCR put a table's last column at the end of the page: its cells are no page numbers
    pages = [f"{n} A HISTORY OF THE MARSHES\n\n{BODY_TEXT}\nTolls\n96\n\n118" for n in (40, 42)]
    doc = layout_text("\f".join(pages))
    assert [p["n"] for p in doc.pages()] == ["40", "42"]
    assert [f.text for f in doc.furniture if f.type == "pageNum"] == ["40", "42"]
    assert doc.text.count("118") == 2


def test_numbered_head_recurring_without_its_number_elsewhere() -> None:
    # OCR lost the page number of two heads; the third still carries it
    heads = ["4+ Draining the Fens", "4+ Draining the Fens", "4+ Draining the Fens 121"]
    doc = layout_text("\f".join(f"{h}\n\n{BODY_TEXT}" for h in heads))
    assert [p["n"] for p in doc.pages()][2] == "121"
    assert {f.text for f in doc.furniture if f.type == "header"} == {"4+ Draining the Fens"}
    assert "Draining" not in doc.text and "121" not in doc.text


def test_a_page_whose_number_ocr_lost_gets_a_supplied_number() -> None:
    heads = ["A HISTORY OF THE MARSHES", "119", "A HISTORY OF THE MARSHES 120",
             "A HISTORY OF THE MARSHES", "A HISTORY OF THE MARSHES 122"]
    doc = layout_text("\f".join(f"{h}\n\n{BODY_TEXT}" for h in heads))
    assert [p["n"] for p in doc.pages()] == ["[118]", "119", "120", "[121]", "122"]
    # across a gap in the numbering (a plate, a blank leaf) no number is guessed
    heads = ["A HISTORY OF THE MARSHES 40", "A HISTORY OF THE MARSHES",
             "A HISTORY OF THE MARSHES 43"]
    doc = layout_text("\f".join(f"{h}\n\n{BODY_TEXT}" for h in heads))
    assert [p["n"] for p in doc.pages()] == ["40", "2", "43"]
