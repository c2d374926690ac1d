"""Two ragged-right columns with the page number set out in the margin (probe 9)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

LEFT = ["the harbour dues of the little town were farmed", "out every third year to the highest bidder",
        "who paid the council in two instalments, at", "Easter and at Michaelmas, and then kept the",
        "rest for his pains and for the risk of a bad", "season, which in some years took all the",
        "profit and more besides from the farmer"]
RIGHT = ["the farmers' books survive only for the", "years after the great fire, and even these",
         "were copied by a clerk who did not understand", "the measures used on the quay nor the",
         "coins of account in which the dues were", "reckoned, so that his totals cannot be",
         "trusted without a check"]


def draw_columns(c: canvas.Canvas, left: list[str], right: list[str]) -> None:
    """Two columns of 10-point lines from the top of the page, 12 points apart."""
    c.setFont("Times-Roman", 10)
    for x, lines in ((60, left), (310, right)):
        y = 760
        for ln in lines:
            c.drawString(x, y, ln)
            y -= 12


def ragged_page(number_x: float) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Times-Roman", 9)
    c.drawString(250, 800, "PORT FINANCES")
    c.drawString(number_x, 800, "211")
    draw_columns(c, LEFT, RIGHT)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_page_number_in_the_margin_does_not_merge_the_columns(read_file) -> None:
    doc = read_file("ragged.pdf", ragged_page(535))
    body = doc.original[doc.original.index("the harbour"):]
    assert body == "\n".join(LEFT) + "\n" + "\n".join(RIGHT)


def test_lines_across_the_page_stay_whole(read_file) -> None:
    # the same rows with no gutter between the halves are one line each
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Times-Roman", 10)
    c.drawString(535, 800, "211")
    y = 760
    for a, b in zip(LEFT, RIGHT, strict=True):
        c.drawString(60, y, f"{a} and then {b}")
        y -= 12
    c.showPage()
    c.save()
    doc = read_file("wide.pdf", buf.getvalue())
    assert f"{LEFT[0]} and then {RIGHT[0]}\n{LEFT[1]} and then {RIGHT[1]}" in doc.original


def test_short_last_page_keeps_the_gutter_and_notes_come_last(read_file) -> None:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for page, (left, right) in enumerate(((LEFT, RIGHT), (LEFT[:4], RIGHT[:3]))):
        draw_columns(c, left, right)
        if page == 1:  # a short note under the left column, far below the text
            c.setFont("Times-Roman", 8)
            c.drawString(60, 100, "1 Town book, fol. 12.")
        c.showPage()
    c.save()
    doc = read_file("short.pdf", buf.getvalue())
    second = doc.original.split("\f")[1]
    assert second == ("\n".join(LEFT[:4]) + "\n" + "\n".join(RIGHT[:3])
                      + "\n\n1 Town book, fol. 12.")


def test_short_page_alone_is_not_split(read_file) -> None:
    # without a page before it, four rows are too few to show a gutter: read as rows
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    draw_columns(c, LEFT[:4], RIGHT[:4])
    c.showPage()
    c.save()
    doc = read_file("alone.pdf", buf.getvalue())
    assert doc.original.splitlines()[0] == f"{LEFT[0]} {RIGHT[0]}"
