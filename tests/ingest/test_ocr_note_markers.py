"""Note markers in Tesseract's hOCR and ALTO (no character boxes): a raised number read
as "*", "°" or "'" glued to its word, or set apart in a small raised word box (or a
smaller font), is read as the marker, so the notes of the page's foot block link to
their anchors."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import pytest

import archivist.layout as layout
from archivist.ingest import alto, hocr
from archivist.model import Document
from archivist.pipeline import REGISTRY

BODY = [
    ["The", "commission", "met", "in", "the", "spring", "and", "signed", "the", "treaty.*"],
    ["Yet", "the", "ministers", "who", "had", "to", "apply", "it", "were", "never", "told,"],
    ["and", "the", "clerks", "kept", "the", "maps", "in", "a", "locked", "room.", "SUP2"],
    ["Nobody", "asked", "for", "them", "again", "until", "the", "floods", "of", "that", "year."],
]
FOOT = [["1", "See", "the", "minutes", "of", "the", "commission."],
        ["2", "Ibid.,", "the", "clerk's", "report."]]
H, GAP = 30, 12  # a word's height and the space between words, in pixels


def layout_doc(doc: Document) -> Document:
    for name in layout.STAGES:
        doc = REGISTRY[name](doc)
    return doc


def boxes(lines: list[list[str]], top: int) -> list[list[tuple[str, tuple[int, ...]]]]:
    """Each word with its box; "SUP2" is a "2" set small and raised after its word."""
    out = []
    for k, words in enumerate(lines):
        y, x, row = top + 50 * k, 40, []
        for w in words:
            if w.startswith("SUP"):
                x -= GAP - 2  # glued to the word before
                row.append((w[3:], (x, y - 6, x + 10, y + 12)))
                x += 10 + GAP
                continue
            width = 14 * len(w)
            row.append((w, (x, y, x + width, y + H)))
            x += width + GAP
        out.append(row)
    return out


def hocr_page(body: list[list[str]], foot: list[list[str]]) -> str:
    def line(row) -> str:
        x0 = min(b[0] for _, b in row)
        y0, y1 = min(b[1] for _, b in row), max(b[3] for _, b in row)
        x1 = max(b[2] for _, b in row)
        words = "".join(f"<span class='ocrx_word' title='bbox {' '.join(map(str, b))}; "
                        f"x_wconf 90'>{escape(t, quote=False)}</span> " for t, b in row)
        return (f"<span class='ocr_line' title='bbox {x0} {y0} {x1} {y1}; baseline 0 0; "
                f"x_size {H}'>{words}</span>\n")

    pars = "".join("<p class='ocr_par'>" + "".join(line(r) for r in rows) + "</p>\n"
                   for rows in (boxes(body, 100), boxes(foot, 600)))
    return ("<html xmlns='http://www.w3.org/1999/xhtml'><body><div class='ocr_page' "
            f"title='bbox 0 0 1000 800; ppageno 0'>{pars}</div></body></html>")


def test_hocr_star_and_raised_word_box_become_markers() -> None:
    doc = layout_doc(hocr.read_bytes("p.hocr", hocr_page(BODY, FOOT).encode()))
    assert "room.²" in doc.original  # the small raised box glued as a superscript
    assert [n.n for n in doc.notes] == ["1", "2"]
    text = doc.text
    anchors = [doc.note_anchor(n) for n in doc.notes]
    assert None not in anchors
    assert text[:anchors[0]].endswith("signed the treaty.")
    assert text[:anchors[1]].endswith("in a locked room.")
    assert "*" not in text and "²" not in text


@pytest.mark.parametrize("glyph", ["°", "'"])
def test_hocr_degree_sign_or_apostrophe_is_a_marker(glyph: str) -> None:
    body = [list(r) for r in BODY]
    body[0][-1] = "treaty." + glyph
    doc = layout_doc(hocr.read_bytes("p.hocr", hocr_page(body, FOOT).encode()))
    first = doc.notes[0]
    assert doc.note_anchor(first) is not None
    assert doc.text[:doc.note_anchor(first)].endswith("the treaty.")
    assert glyph not in doc.text


def test_without_numbered_notes_the_glyphs_stay() -> None:
    body = [list(r) for r in BODY]
    body[1][-1] = "soldiers'"
    doc = layout_doc(hocr.read_bytes("p.hocr", hocr_page(body, []).encode()))
    assert "treaty.*" in doc.text and "soldiers'" in doc.text


def test_figure_at_text_size_is_no_marker() -> None:
    body = [["In", "the", "year", "1853", "the", "count", "was", "412", "and", "then", "96"]]
    doc = hocr.read_bytes("p.hocr", hocr_page(body, []).encode())
    assert "1853 the count was 412 and then 96" in doc.original


def alto_page(body: list[list[str]], foot: list[list[str]], small_font: bool) -> str:
    def string(t: str, b: tuple[int, ...], sup: bool) -> str:
        style = " STYLEREFS='f2'" if sup and small_font else ""
        top = b[1] if not small_font else (b[1] + 6 if sup else b[1])
        height = (b[3] - b[1]) if not small_font else H  # same box: only the font says
        return (f"<String CONTENT='{escape(t)}' HPOS='{b[0]}' VPOS='{top}' "
                f"WIDTH='{b[2] - b[0]}' HEIGHT='{height}' WC='0.9'{style}/>")

    def block(rows, bid: str) -> str:
        lines = "".join("<TextLine>" + "".join(
            string(t, b, t.isdigit() and i > 0) for i, (t, b) in enumerate(row)) + "</TextLine>"
            for row in rows)
        return f"<TextBlock ID='{bid}' STYLEREFS='f1'>{lines}</TextBlock>"

    return ("<alto xmlns='http://www.loc.gov/standards/alto/ns-v3#'><Styles>"
            "<TextStyle ID='f1' FONTSIZE='10'/><TextStyle ID='f2' FONTSIZE='6'/></Styles>"
            "<Layout><Page PHYSICAL_IMG_NR='1'><PrintSpace>"
            f"{block(boxes(body, 100), 'b1')}{block(boxes(foot, 600), 'b2')}"
            "</PrintSpace></Page></Layout></alto>")


@pytest.mark.parametrize("small_font", [False, True])
def test_alto_raised_box_or_small_font_becomes_a_marker(small_font: bool) -> None:
    doc = layout_doc(alto.read_bytes("p.xml", alto_page(BODY, FOOT, small_font).encode()))
    assert "room.²" in doc.original
    anchors = [doc.note_anchor(n) for n in doc.notes]
    assert len(anchors) == 2 and None not in anchors
    assert doc.text[:anchors[1]].endswith("in a locked room.")


FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


@pytest.mark.skipif(shutil.which("tesseract") is None or not FONT.exists(),
                    reason="tesseract or the DejaVu font is not installed")
def test_tesseract_hocr_of_a_rendered_page_links_its_notes() -> None:
    """A page drawn with raised small note numbers, read by Tesseract to hOCR without
    character boxes (as an archive's OCR files come), then read back by archivist."""
    import pytesseract
    from PIL import Image, ImageDraw, ImageFont

    big, small = ImageFont.truetype(str(FONT), 34), ImageFont.truetype(str(FONT), 20)
    img = Image.new("L", (1500, 900), "white")
    draw = ImageDraw.Draw(img)
    lines = [("The commission met in the spring and signed the treaty.", "1"),
             ("Yet the ministers who had to apply it were never told of it,", None),
             ("and the clerks kept the maps in a locked and guarded room.", "2"),
             ("Nobody asked for them again until the floods of that year.", None)]
    for k, (text, sup) in enumerate(lines):
        y = 80 + 60 * k
        draw.text((60, y), text, font=big, fill="black")
        if sup:
            x = 60 + draw.textlength(text, font=big) + 2
            draw.text((x, y - 8), sup, font=small, fill="black")
    for k, text in enumerate(["1 See the minutes of the commission for that spring.",
                              "2 Ibid., the report of the chief clerk to the board."]):
        draw.text((60, 700 + 45 * k), text, font=small, fill="black")
    data = pytesseract.image_to_pdf_or_hocr(img, extension="hocr", config="--psm 4")
    doc = layout_doc(hocr.read_bytes("scan.hocr", data))
    assert [n.n for n in doc.notes] == ["1", "2"]
    anchors = [doc.note_anchor(n) for n in doc.notes]
    assert None not in anchors, doc.original
    assert doc.text[:anchors[0]].rstrip().endswith("treaty.")
    assert doc.text[:anchors[1]].rstrip().endswith("room.")


def test_typed_text_keeps_its_stars_and_quotes() -> None:
    from archivist.ingest.text import read_bytes

    body = "\n".join(" ".join(r) for r in BODY).replace(" SUP2", "”")
    foot = "\n".join(" ".join(r) for r in FOOT)
    doc = layout_doc(read_bytes("p.txt", f"{body}\n\n{foot}\n".encode()))
    assert doc.notes == []  # a numbered list under text without markers stays text
    assert "treaty.*" in doc.text and "room.”" in doc.text
