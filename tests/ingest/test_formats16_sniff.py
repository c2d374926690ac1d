"""A file under the wrong extension (or none) is read as what its first bytes say it is,
with a warning: a PDF named .txt went into the corpus as PDF syntax, an image named
.txt was refused as "a binary file", an ALTO file named .hocr was refused as not hOCR."""

from __future__ import annotations

import io

import pytest
from ingest_helpers import page_image

from archivist.errors import InputError

ALTO = b"""<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout>
<Page ID="p1" PHYSICAL_IMG_NR="1"><PrintSpace><TextBlock ID="b1">
<TextLine><String CONTENT="Barley" WC="0.9"/><SP/><String CONTENT="prices" WC="0.9"/>
<SP/><String CONTENT="fell." WC="0.9"/></TextLine>
</TextBlock></PrintSpace></Page></Layout></alto>"""

HOCR = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title/></head><body>
<div class="ocr_page" title="bbox 0 0 500 200; ppageno 0">
<p class="ocr_par"><span class="ocr_line" title="bbox 10 10 300 40">
<span class="ocrx_word" title="bbox 10 10 80 40; x_wconf 91">Barley</span>
<span class="ocrx_word" title="bbox 90 10 160 40; x_wconf 90">prices</span>
<span class="ocrx_word" title="bbox 170 10 220 40; x_wconf 92">fell.</span>
</span></p></div></body></html>"""


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(400, 300))
    c.drawString(40, 250, "Barley prices fell in the spring.")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("name", ["scan.txt", "scan", "scan.hocr"])
def test_pdf_under_another_name_is_read_as_pdf(read_file, name: str) -> None:
    doc = read_file(name, _pdf())
    assert doc.source.format == "pdf"
    assert doc.original.strip() == "Barley prices fell in the spring."
    assert "read as a PDF" in doc.warnings[0] and name in doc.warnings[0]


@pytest.mark.parametrize(("name", "data", "fmt"), [
    ("page.hocr", ALTO, "alto"), ("page.alto", HOCR, "hocr"),
    ("page.txt", ALTO, "alto"), ("page.txt", HOCR, "hocr"), ("page", HOCR, "hocr")])
def test_ocr_layout_under_another_name(read_file, name: str, data: bytes, fmt: str) -> None:
    doc = read_file(name, data)
    assert doc.source.format == fmt
    assert doc.original == "Barley prices fell."
    # .hocr and .alto are both OCR layout files: no warning between the two
    assert bool(doc.warnings) == (not name.endswith((".hocr", ".alto")))


def test_image_named_txt_is_read_by_ocr(read_file) -> None:
    buf = io.BytesIO()
    page_image(["Barley prices fell."]).save(buf, format="PNG")
    doc = read_file("page.txt", buf.getvalue())
    assert doc.source.format == "image"
    assert "Barley" in doc.original
    assert "but is a PNG image: read as a PNG image" in doc.warnings[0]


def test_text_that_opens_like_xml_but_is_no_ocr_file_stays_text(read_file) -> None:
    data = b"<?xml version='1.0'?><letter><p>Barley prices fell.</p></letter>"
    doc = read_file("letter.txt", data)
    assert doc.source.format == "text"
    assert doc.original == data.decode()
    assert doc.warnings == []


def test_text_named_pdf_is_still_refused(read_file) -> None:
    with pytest.raises(InputError, match="no %PDF header"):
        read_file("notes.pdf", b"Barley prices fell.")
