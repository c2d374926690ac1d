"""Hostile attribute values and contents in otherwise valid OCR files: a reader
returns a Document or raises InputError, never anything else."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from archivist.errors import InputError
from archivist.ingest import hocr, markup

ATTR = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"],
                                      exclude_characters="<>&\"'"), max_size=12)


def _hocr(ppageno: str) -> bytes:
    return (f'<html><body><div class="ocr_page" title="ppageno {ppageno}">'
            '<span class="ocrx_word" title="x_wconf 90">word</span></div></body></html>'
            ).encode()


@settings(max_examples=60, deadline=None)
@given(ATTR)
@example("²")  # str.isdigit() but not int(): ValueError escaped the reader
@example("①")
@example("9" * 5000)  # more digits than int() converts
def test_hocr_page_number_never_crashes(ppageno: str) -> None:
    try:
        doc = hocr.read_bytes("p.hocr", _hocr(ppageno))
    except InputError:
        return
    assert doc.original == "word"
    n = doc.raw_pages[0].n
    assert n is None or n.lstrip("-").isascii() and n.lstrip("-").isdigit()


def test_hocr_page_number_is_one_based() -> None:
    assert hocr.read_bytes("p.hocr", _hocr("4")).raw_pages[0].n == "5"


@pytest.mark.parametrize("data", [
    # well-formed but deeper than the parser allows: was read as HTML, which stopped
    # quietly, and reported "contains no recognised words"
    b"<html><body><div class='ocr_page'>" + b"<span>" * 300
    + b"<span class='ocrx_word'>deep</span>" + b"</span>" * 300 + b"</div></body></html>",
    # tag soup as deep: the HTML parser's own limit, logged but not raised
    b"<html><body><div class=ocr_page>" + b"<span>" * 300 + b"<span class=ocrx_word>w</span>",
    # an attribute over the 10 MB limit
    b"<html><body><div class='ocr_page' title='" + b"x" * 10_500_000
    + b"'><span class='ocrx_word'>hi</span></div></body></html>",
])
def test_markup_beyond_the_parser_limits_says_so(data: bytes) -> None:
    with pytest.raises(InputError, match="beyond the safe XML parser's limits"):
        markup.read_bytes("big.html", data)


TEXT = "Plain text of the treaty, 1938.\nSecond line."


@pytest.mark.parametrize(("data", "expected"), [
    # UTF-16 without a BOM cut short by a byte: was decoded as UTF-8 with a NUL
    # after every letter
    (TEXT.encode("utf-16-le")[:-1], TEXT[:-1]),
    (TEXT.encode("utf-16-be")[:-1], TEXT[:-1]),
    # UTF-32 without a BOM: the same, three NULs per letter
    (TEXT.encode("utf-32-le"), TEXT),
    (TEXT.encode("utf-32-be"), TEXT),
])
def test_wide_encodings_without_bom(data: bytes, expected: str) -> None:
    from archivist.ingest import text as text_reader

    assert text_reader.read_bytes("w.txt", data).original == expected


def test_nul_laden_text_is_refused_not_read() -> None:
    from archivist.ingest import text as text_reader

    # UTF-16 shifted by a stray byte: neither UTF-16 nor text
    with pytest.raises(InputError, match="binary"):
        text_reader.read_bytes("w.txt", b"\x00" + TEXT.encode("utf-16-be"))


def test_alto_hyp_of_whitespace_is_a_hyphen() -> None:
    from archivist.ingest import alto

    # CONTENT="&#10;&#10;" was appended as is: 'com\n\n\nplete', a paragraph break
    # inside a word
    data = (b"<alto><Layout><Page><TextBlock><TextLine><String CONTENT='com'/>"
            b"<HYP CONTENT='&#10;&#10;'/></TextLine><TextLine><String CONTENT='plete'/>"
            b"</TextLine></TextBlock></Page></Layout></alto>")
    assert alto.read_bytes("a.xml", data).original == "com-\nplete"
