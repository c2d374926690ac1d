"""A bold heading set at the body's size and pitch in a PDF (probe 10): it starts a
block in the text read, as a size change or a gap would."""

from __future__ import annotations

import io

from archivist.ingest.pdf import read_bytes

LINES = [("Times-Roman", "the commissioners had no money and no plan, only a long list of"),
         ("Times-Roman", "parishes whose fields lay under water every winter and spring."),
         ("Times-Bold", "How the first cut was made"),
         ("Times-Roman", "The first engineer they hired resigned within a year, saying that"),
         ("Times-Roman", "the landowners would neither pay for the cuts nor let him dig.")]


def build_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(420, 300))
    for i, (font, text) in enumerate(LINES):
        c.setFont(font, 10)
        c.drawString(40, 250 - 13 * i, text)
    c.save()
    return buf.getvalue()


def test_bold_heading_line_starts_a_block() -> None:
    text = read_bytes("chapter.pdf", build_pdf()).original
    assert "spring.\n\nHow the first cut was made\n\nThe first engineer" in text
    # body lines in the same face stay one block
    assert "list of\nparishes" in text and "saying that\nthe landowners" in text
