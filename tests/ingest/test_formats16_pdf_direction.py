"""PDF text that does not run upright on the page as shown is read in its own direction:
a page whose /Rotate turns it, a table printed across a portrait page, an upside-down
page, a stamp up the margin. Read as upright text it came out reversed or shuffled
letter by letter."""

from __future__ import annotations

import io

from ingest_helpers import page_texts

from archivist.ingest import pdf

W, H = 595.0, 842.0
LINES = ["The ferry to the island ran twice a week in the summer",
         "months, carrying the post, the doctor and the schoolmaster.",
         "In winter the crossing was made only when the sea allowed."]
STAMP = "Copied for the parish record office"


def _draw(c, x0: float, y0: float) -> None:
    c.setFont("Times-Roman", 11)
    for i, line in enumerate(LINES):
        c.drawString(x0, y0 - 14 * i, line)


def _pdf(turn: int, page_rotate: int = 0, stamp: bool = False) -> bytes:
    """One portrait page with LINES drawn turned `turn` degrees counter-clockwise,
    the page's /Rotate set to `page_rotate`, and maybe a stamp up the left margin."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(W, H))
    c.saveState()
    if turn == 90:  # text running up the page
        c.translate(W, 0)
    elif turn == 180:
        c.translate(W, H)
    elif turn == 270:  # running down the page
        c.translate(0, H)
    c.rotate(turn)
    width, height = (H, W) if turn in (90, 270) else (W, H)
    _draw(c, 60, height - 80)
    c.restoreState()
    if stamp:
        c.saveState()
        c.translate(30, 250)
        c.rotate(90)
        c.setFont("Helvetica", 8)
        c.drawString(0, 0, STAMP)
        c.restoreState()
    c.showPage()
    c.save()
    if not page_rotate:
        return buf.getvalue()
    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    writer.pages[0].rotate(page_rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _text(data: bytes) -> str:
    return page_texts(pdf.read_bytes("t.pdf", data))[0]


def test_upright_page_as_before() -> None:
    assert _text(_pdf(0)) == "\n".join(LINES)


def test_page_turned_by_its_rotate_entry_reads_as_upright() -> None:
    # text set upright on the page, the page shown turned: the words are the same
    for rotate in (90, 180, 270):
        assert _text(_pdf(0, rotate)) == "\n".join(LINES), rotate


def test_text_printed_sideways_or_upside_down() -> None:
    for turn in (90, 180, 270):
        assert _text(_pdf(turn)) == "\n".join(LINES), turn


def test_sideways_page_put_right_by_its_rotate_entry() -> None:
    # the scan-workflow case: text drawn sideways, /Rotate turns it upright on screen
    assert _text(_pdf(90, 90)) == "\n".join(LINES)


def test_margin_stamp_reads_as_its_own_block_after_the_text() -> None:
    assert _text(_pdf(0, stamp=True)) == "\n".join(LINES) + "\n\n" + STAMP
