"""A scanned PDF (page images, no text layer), the commonest file an archive hands
over (probe 10): read by OCR, page by page, instead of refused."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from ingest_helpers import page_image, scanned_pdf
from PIL import Image

from archivist.errors import InputError
from archivist.ingest import read

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr is not installed")


@needs_tesseract
def test_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    p = tmp_path / "scan.pdf"
    p.write_bytes(scanned_pdf([["The mill was sold in the spring", "to the miller of Brigg."],
                               None, ["The new owner rebuilt the weir."]]))
    doc = read(p)
    assert doc.source.format == "pdf"
    assert [r.n for r in doc.raw_pages] == ["1", "2", "3"]
    pages = [doc.original[r.start:r.end] for r in doc.raw_pages]
    assert "mill was sold" in pages[0] and pages[1] == "" and "rebuilt the weir" in pages[2]
    assert doc.tokens and all(0 <= t.confidence <= 1 for t in doc.tokens)
    assert any("read by OCR" in w for w in doc.warnings)


@needs_tesseract
def test_scanned_pdf_of_blank_images_is_refused_clearly(tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(200, 200))
    c.drawImage(ImageReader(Image.new("L", (400, 400), "white")), 0, 0, width=200, height=200)
    c.save()
    p = tmp_path / "blank.pdf"
    p.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="OCR found no text"):
        read(p)


@needs_tesseract
def test_scanned_page_bound_in_with_typeset_ones_is_read_by_ocr(tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = page_image(["The letter itself is lost."])
    w, h = img.width * 72 / 300, img.height * 72 / 300
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(w, h))
    c.setFont("Times-Roman", 11)
    c.drawString(10, h - 30, "Calendar of the mill papers, item 7.")
    c.showPage()
    c.drawImage(ImageReader(img), 0, 0, width=w, height=h)
    c.showPage()
    c.save()
    p = tmp_path / "mixed.pdf"
    p.write_bytes(buf.getvalue())
    doc = read(p)
    first, second = (doc.original[r.start:r.end] for r in doc.raw_pages)
    assert first == "Calendar of the mill papers, item 7."
    assert "letter itself is lost" in second
    # confidences only for the OCR page's words, at their places
    assert doc.tokens and all(t.start >= doc.raw_pages[1].start for t in doc.tokens)
    assert doc.original[doc.tokens[0].start:doc.tokens[0].end] == "The"
    assert any("page(s) 2" in w and "OCR" in w for w in doc.warnings)
