"""PDF reader: text layer per page, page spans, paragraph gaps, broken files."""

from __future__ import annotations

import io

import pytest
from ingest_helpers import page_texts
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from archivist.errors import InputError
from archivist.ingest import pdf as pdf_reader


def make_pdf(pages: list[list[str | None]], encrypt: str | None = None,
             drawing_only: bool = False) -> bytes:
    """One PDF page per list; each string is a line 14pt below the previous,
    None leaves an extra blank line's worth of space (a paragraph gap)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    for lines in pages:
        y = 780.0
        for line in lines:
            if line is not None:
                c.drawString(72, y, line)
            y -= 14 if line is not None else 20
        if drawing_only:
            c.rect(100, 100, 200, 200)
        c.showPage()
    c.save()
    return buf.getvalue()


THREE_PAGES = [
    ["The first page begins here,", "and it goes on a second line."],
    ["Page two has words too."],
    ["Third page, the café is naïve."],
]


def test_pages_joined_by_form_feed_with_spans(read_file):
    doc = read_file("book.pdf", make_pdf(THREE_PAGES))
    assert doc.source.format == "pdf"
    assert doc.original.count("\f") == 2
    assert page_texts(doc) == [
        "The first page begins here,\nand it goes on a second line.",
        "Page two has words too.",
        "Third page, the café is naïve.",
    ]
    assert [p.n for p in doc.raw_pages] == [None, None, None]
    assert doc.original.split("\f") == page_texts(doc)
    assert doc.warnings == []


def test_paragraph_gap_becomes_blank_line(read_file):
    lines = ["One paragraph starts,", "and continues here,", "ending here.", None,
             "A new paragraph after a gap,", "with a second line."]
    doc = read_file("p.pdf", make_pdf([lines]))
    assert doc.original == ("One paragraph starts,\nand continues here,\nending here.\n\n"
                            "A new paragraph after a gap,\nwith a second line.")


def test_blank_page_is_kept_and_warned(read_file):
    doc = read_file("b.pdf", make_pdf([["before"], [], ["after"]]))
    assert page_texts(doc) == ["before", "", "after"]
    assert doc.original == "before\f\fafter"
    assert any("page(s) 2" in w for w in doc.warnings)


def test_pdf_without_text_layer_is_refused(read_file):
    with pytest.raises(InputError, match="no text layer; OCR it as images"):
        read_file("scan.pdf", make_pdf([[], []], drawing_only=True))


@pytest.mark.parametrize("data", [
    make_pdf(THREE_PAGES)[:300],  # truncated
    b"%PDF-1.4\n" + bytes(range(256)) * 20,  # header then garbage
    b"this is not a pdf at all, only text in a .pdf file\n",
])
def test_corrupt_pdf_is_refused(read_file, data):
    with pytest.raises(InputError) as err:
        read_file("bad.pdf", data)
    assert "bad.pdf" in str(err.value)
    assert "\n" not in str(err.value)


def test_password_protected_pdf_is_refused(read_file):
    with pytest.raises(InputError, match="encrypted"):
        read_file("secret.pdf", make_pdf(THREE_PAGES, encrypt="hunter2"))


def test_pypdf_fallback(monkeypatch, read_file):
    def broken(data: bytes) -> list[str]:
        raise ValueError("simulated pdfminer failure")

    monkeypatch.setattr(pdf_reader, "_pages_pdfplumber", broken)
    doc = read_file("book.pdf", make_pdf(THREE_PAGES))
    assert page_texts(doc)[1] == "Page two has words too."
    assert "second line" in page_texts(doc)[0]
    assert any("pypdf" in w for w in doc.warnings)


def superscript_pdf() -> bytes:
    """A line with a footnote marker set as a small raised "7", and a small
    digit on the baseline that is not a marker."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    t = c.beginText(72, 700)
    t.setFont("Times-Roman", 11)
    t.textOut("agents of our enemies.")
    t.setFont("Times-Roman", 7)
    t.setRise(4)
    t.textOut("7")
    t.setRise(0)
    t.setFont("Times-Roman", 11)
    t.textOut("Even in May 1933, No. ")
    t.setFont("Times-Roman", 8)
    t.textOut("12")
    t.setFont("Times-Roman", 11)
    t.textOut(" Stalin")
    c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_raised_small_digits_become_superscripts(read_file):
    doc = read_file("sup.pdf", superscript_pdf())
    assert doc.original == "agents of our enemies.\u2077Even in May 1933, No. 12 Stalin"


def char(text: str, x0: float, size: float = 11.0, raised: bool = False) -> dict:
    bottom = 106.0 if raised else 111.0
    return {"text": text, "size": size, "top": bottom - size, "bottom": bottom,
            "x0": x0, "x1": x0 + size / 2}


def test_mark_superscripts_leaves_input_alone():
    chars = [char(ch, 10.0 + 6 * i) for i, ch in enumerate("abc")]
    chars.append(char("3", 28.0, 7.0, raised=True))
    out = pdf_reader.mark_superscripts(chars)
    assert [c["text"] for c in out] == ["a", "b", "c", "\u00b3"]
    assert chars[3]["text"] == "3"  # pdfplumber's cached chars are not mutated


def test_raised_number_opening_a_line_is_a_note_number():
    chars = [char("1", 10.0, 7.0, raised=True), char("2", 13.5, 7.0, raised=True)]
    chars += [char(ch, 17.5 + 6 * i) for i, ch in enumerate("Ibid")]
    out = pdf_reader.mark_superscripts(chars)
    assert "".join(c["text"] for c in out) == "12 Ibid"


LEFT = [f"left column line {i} with enough words here" for i in range(12)]
RIGHT = [f"right column line {i} with enough words too" for i in range(12)]


def two_column_pdf(header_right: bool = False) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Times-Bold", 14)
    c.drawString(150, 800, "A TITLE SPANNING BOTH OF THE COLUMNS HERE")
    if header_right:
        c.setFont("Times-Roman", 9)
        c.drawString(450, 820, "Running head 131")
    c.setFont("Times-Roman", 10)
    for x, lines in ((50, LEFT), (310, RIGHT)):
        y = 770
        for ln in lines:
            c.drawString(x, y, ln)
            y -= 12
    c.setFont("Times-Roman", 9)
    c.drawString(230, 40, "a footer that spans the gutter")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_two_columns_are_read_one_after_the_other(read_file):
    doc = read_file("cols.pdf", two_column_pdf())
    assert doc.original == ("A TITLE SPANNING BOTH OF THE COLUMNS HERE\n\n"
                            + "\n".join(LEFT) + "\n" + "\n".join(RIGHT)
                            + "\n\na footer that spans the gutter")


def test_running_head_beside_the_gutter_stays_first(read_file):
    doc = read_file("cols.pdf", two_column_pdf(header_right=True))
    assert doc.original.startswith("Running head 131\n\nA TITLE")
    assert doc.original.index(LEFT[-1]) < doc.original.index(RIGHT[0])


def test_single_column_and_tables_are_not_split(read_file):
    prose = [("This single column of justified prose runs across the page from its "
              f"left margin to the right one, line {i}.") for i in range(10)]
    table = [f"Name {i}" + " " * 0 for i in range(10)]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Times-Roman", 10)
    y = 780
    for ln in prose:
        c.drawString(50, y, ln)
        y -= 12
    c.showPage()
    y = 780
    for i, name in enumerate(table):  # a two-column table: short cells
        c.drawString(50, y, name)
        c.drawString(320, y, f"Place {i} ({1930 + i})")
        y -= 12
    c.showPage()
    c.save()
    doc = read_file("one.pdf", buf.getvalue())
    assert page_texts(doc)[0] == "\n".join(prose)
    assert page_texts(doc)[1].splitlines()[:2] == ["Name 0 Place 0 (1930)",
                                                   "Name 1 Place 1 (1931)"]


def test_library_log_noise_becomes_warnings(monkeypatch, read_file, capfd):
    def broken(data: bytes) -> list[str]:
        raise ValueError("simulated pdfminer failure")

    monkeypatch.setattr(pdf_reader, "_pages_pdfplumber", broken)
    # an unknown font encoding name makes pypdf log an error and carry on
    data = make_pdf(THREE_PAGES).replace(b"/WinAnsiEncoding", b"/WinAnsiEncodinX")
    doc = read_file("odd.pdf", data)
    assert "Page two" in doc.original
    assert any("PDF problem" in w and "encoding" in w.lower() for w in doc.warnings)
    out, err = capfd.readouterr()
    assert err == "" and out == ""
    import logging

    assert logging.getLogger("pypdf").handlers == []  # the capture was removed again


def test_first_line_indent_starts_a_paragraph(read_file):
    paragraphs = [
        ["   The first paragraph is indented by", "a few spaces and then runs on at", "the margin."],
        ["   A second one, with no extra space", "before it, only the indent."],
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Times-Roman", 11)
    y = 780
    for para in paragraphs:
        for k, ln in enumerate(para):
            c.drawString(72 + (18 if k == 0 else 0), y, ln.strip())
            y -= 13
    c.drawString(100, y, "An indented quotation, line one,")  # a block: left alone
    c.drawString(100, y - 13, "and its line two.")
    c.showPage()
    c.save()
    doc = read_file("indent.pdf", buf.getvalue())
    assert doc.original == (
        "The first paragraph is indented by\na few spaces and then runs on at\nthe margin."
        "\n\nA second one, with no extra space\nbefore it, only the indent."
        "\nAn indented quotation, line one,\nand its line two.")


def test_three_columns_are_read_in_order(read_file):
    cols = [[f"column {k} line {i} with words" for i in range(10)] for k in "ABC"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Times-Roman", 10)
    for x, lines in zip((40, 225, 410), cols, strict=True):
        y = 780
        for ln in lines:
            c.drawString(x, y, ln)
            y -= 12
    c.showPage()
    c.save()
    doc = read_file("three.pdf", buf.getvalue())
    assert doc.original == "\n".join(cols[0] + cols[1] + cols[2])


def test_type_size_change_starts_a_block(read_file):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = 780
    for size, line in [(11, "the last line of the body text on the page."),
                       (11, "and one more body line before the notes."),
                       (8, "7 Stalin i Kaganovich, 208."), (8, "8 RGASPI, f. 558, op. 11.")]:
        c.setFont("Times-Roman", size)
        c.drawString(72, y, line)
        y -= 11  # the same pitch throughout: only the size tells
    c.showPage()
    c.save()
    doc = read_file("notes.pdf", buf.getvalue())
    assert doc.original == ("the last line of the body text on the page.\n"
                            "and one more body line before the notes.\n\n"
                            "7 Stalin i Kaganovich, 208.\n8 RGASPI, f. 558, op. 11.")


def test_superscript_note_numbers_in_a_pdf(read_file):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    t = c.beginText(72, 700)
    for number, text in (("7", "Stalin i Kaganovich, 208."), ("12", "Ibid., 135.")):
        t.setFont("Times-Roman", 5)
        t.setRise(3)
        t.textOut(number)
        t.setRise(0)
        t.setFont("Times-Roman", 8)
        t.textLine(text)
    c.drawText(t)
    c.showPage()
    c.save()
    doc = read_file("notes.pdf", buf.getvalue())
    assert doc.original == "7 Stalin i Kaganovich, 208.\n12 Ibid., 135."
