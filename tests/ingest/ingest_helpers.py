"""Helpers for the ingest tests (a uniquely named module, not conftest, so it
cannot clash with other test folders' conftest modules)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from archivist.model import Document

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def page_texts(doc: Document) -> list[str]:
    """The text of each RawPage, cut from `original` by its span."""
    return [doc.original[p.start:p.end] for p in doc.raw_pages]


def token_texts(doc: Document) -> list[str]:
    return [doc.original[t.start:t.end] for t in doc.tokens]


def page_image(lines: list[str]) -> Image.Image:
    """A white page image with `lines` of black text, large enough for Tesseract."""
    img = Image.new("L", (1400, 80 + 70 * len(lines)), "white")
    draw = ImageDraw.Draw(img)
    face = (ImageFont.truetype(str(FONT), 40) if FONT.exists()
            else ImageFont.load_default(size=40))
    for i, text in enumerate(lines):
        draw.text((40, 40 + 70 * i), text, font=face, fill="black")
    return img


def scanned_pdf(pages: list[list[str] | None]) -> bytes:
    """A PDF of page images, no text layer: one page per item, an image of its lines,
    or (None) a page with nothing on it."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(336, 200))
    for lines in pages:
        if lines is not None:
            img = page_image(lines)
            # sized so that rendering at 300 dpi gives the image back at its own size
            w, h = img.width * 72 / 300, img.height * 72 / 300
            c.setPageSize((w, h))
            c.drawImage(ImageReader(img), 0, 0, width=w, height=h)
        c.showPage()
    c.save()
    return buf.getvalue()
