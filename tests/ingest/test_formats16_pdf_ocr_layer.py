"""A searchable scan (a PDF whose text is an OCR engine's layer over the page image, as
tesseract, OCRmyPDF or a scanner's software write it) is read as OCR output: a raised
note number the engine read as a quote is a marker there, as in the hOCR or ALTO of the
same page. Its text was taken as typeset, and the page's notes stayed in the body."""

from __future__ import annotations

import io

from PIL import Image

from archivist.ingest import read
from archivist.process import process_path

BODY = ["The ferry ran twice a week in the summer months,",
        "carrying the post and the doctor to the island.\u2019 In",
        "winter the crossing was made only when the sea allowed."]
NOTE = "1 Letter of the harbour master, 3 May."


def _pdf(with_image: bool) -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(420, 600))
    if with_image:  # the scan (blank here: only its place on the page matters)
        c.drawImage(ImageReader(Image.new("L", (105, 150), 250)), 0, 0, 420, 600)
    t = c.beginText()
    if with_image:
        t.setTextRenderMode(3)  # invisible, as OCR layers are
    t.setFont("Times-Roman", 10)
    t.setTextOrigin(30, 540)
    for line in BODY:
        t.textLine(line)
    t.setTextOrigin(30, 60)
    t.textLine(NOTE)
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_ocr_layer_is_read_as_ocr(tmp_path) -> None:
    f = tmp_path / "scan.pdf"
    f.write_bytes(_pdf(with_image=True))
    doc = read(f)
    assert doc.ocr
    assert any("OCR layer" in w for w in doc.warnings)
    doc = process_path(f, skip=["repair", "extract"])
    assert [n.n for n in doc.notes] == ["1"]
    assert "\u2019" not in doc.text and "island. In winter" in doc.text


def test_typeset_pdf_keeps_its_quote(tmp_path) -> None:
    f = tmp_path / "typeset.pdf"
    f.write_bytes(_pdf(with_image=False))
    doc = read(f)
    assert not doc.ocr
    assert not any("OCR layer" in w for w in doc.warnings)
    doc = process_path(f, skip=["repair", "extract"])
    assert "island.\u2019 In" in doc.text
