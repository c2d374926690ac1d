"""Raised footnote markers in page images come back as superscript digits."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from archivist.ingest import ocrsup
from archivist.ingest.xmlsafe import parse_markup

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr is not installed")
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SIZE = 40


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if SERIF.exists():
        return ImageFont.truetype(str(SERIF), size)
    return ImageFont.load_default(size=size)


def page(lines: list[list[tuple[str, bool]]]) -> Image.Image:
    """Lines of (text, is_marker) runs; markers are set small and raised."""
    img = Image.new("L", (1700, 90 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    big, small = font(SIZE), font(int(SIZE * 0.6))
    for i, runs in enumerate(lines):
        x, base = 40.0, 40 + 70 * i + SIZE
        for text, marker in runs:
            f = small if marker else big
            rise = int(SIZE * 0.42) if marker else 0
            draw.text((x, base - rise), text, font=f, fill=0, anchor="ls")
            x += draw.textlength(text, font=f)
    return img


LINES = [
    [("against the criminals who were “agents of our enemies.”", False), ("7", True),
     ("Even in", False)],
    [("May 1933, Stalin denounced the party in Chita, across the", False)],
    [("border, for slogans against “imperialists.”", False), ("12", True),
     (" He didn't stop.", False)],
]


@needs_tesseract
def test_markers_become_superscripts(read_file):
    import io

    buf = io.BytesIO()
    page(LINES).save(buf, "PNG", dpi=(300, 300))
    doc = read_file("note.png", buf.getvalue())
    assert "enemies.”\u2077Even" in doc.original
    assert "imperialists.”\u00b9\u00b2" in doc.original
    # quotes and apostrophes are raised too but half as tall: left alone
    assert "“agents" in doc.original and "didn't" in doc.original
    assert re.findall("[\u2070-\u2079\u00b9\u00b2\u00b3]+", doc.original) == [
        "\u2077", "\u00b9\u00b2"]


@needs_tesseract
def test_plain_page_has_no_candidates():
    import pytesseract

    img = page([[("A plain line with “quotes”, it's 1933 and no notes.", False)]])
    hocr = pytesseract.image_to_pdf_or_hocr(img, extension="hocr",
                                            config="-c hocr_char_boxes=1")
    root, _ = parse_markup("p.hocr", hocr)
    assert ocrsup.candidates(root) == []


def test_candidates_from_character_boxes():
    # an x-height of 24 (x_size 44 - ascenders 11 - descenders 9), baseline at y=321
    hocr = """<html><body><div class='ocr_page'>
    <span class='ocr_line' title='bbox 100 277 600 331; baseline 0 -10; x_size 44;
     x_descenders 9; x_ascenders 11'>
     <span class='ocrx_word' title='bbox 100 287 300 321; x_wconf 90'>
      <span class='ocrx_cinfo' title='x_bboxes 100 298 125 321; x_conf 99'>e</span>
      <span class='ocrx_cinfo' title='x_bboxes 128 289 139 300; x_conf 99'>&#8221;</span>
      <span class='ocrx_cinfo' title='x_bboxes 142 279 155 299; x_conf 50'>&#8217;</span>
      <span class='ocrx_cinfo' title='x_bboxes 160 288 185 321; x_conf 99'>E</span>
     </span></span></div></body></html>"""
    root, _ = parse_markup("c.hocr", hocr.encode())
    cands = ocrsup.candidates(root)
    assert len(cands) == 1  # the closing quote is raised but too short
    assert [c.text for c in cands[0].chars] == ["\u2019"]
    assert cands[0].box == (142, 279, 155, 299)
    assert cands[0].baseline == pytest.approx(321) and cands[0].xh == pytest.approx(24)
    assert [el.text for el, _ in cands[0].followers] == ["E"]


@needs_tesseract
def test_raised_number_opening_a_line_is_a_note_number(read_file):
    import io

    notes = [[("7", True), ("Stalin i Kaganovich, 208.", False)],
             [("12", True), ("RGASPI, fond 558, opis 11.", False)]]
    buf = io.BytesIO()
    page(LINES[:1] + notes).save(buf, "PNG", dpi=(300, 300))
    doc = read_file("notes.png", buf.getvalue())
    assert "enemies.”\u2077Even" in doc.original  # a marker stays a superscript
    assert "7 Stalin i Kaganovich, 208." in doc.original
    assert "12 RGASPI, fond 558, opis 11." in doc.original
