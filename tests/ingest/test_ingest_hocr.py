"""hOCR reader: layout to text, page spans, word confidences, sniffing."""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import page_texts, token_texts

from archivist.errors import InputError
from archivist.ingest import hocr

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head><title></title>
  <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
  <meta name='ocr-system' content='tesseract 5.3.0' />
  <meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line ocrx_word'/>
 </head>
 <body>
"""
TAIL = " </body>\n</html>\n"


def word(text: str, conf: int) -> str:
    return (f"<span class='ocrx_word' id='w' title='bbox 1 2 3 4; x_wconf {conf}'>"
            f"{escape(text, quote=False)}</span> ")


def line(words: list[tuple[str, int]], cls: str = "ocr_line") -> str:
    inner = "".join(word(t, c) for t, c in words)
    return f"<span class='{cls}' title='bbox 0 0 9 9; baseline 0 -5'>{inner}</span>\n"


def page(n: int, paragraphs: list[list[list[tuple[str, int]]]]) -> str:
    pars = "".join("<p class='ocr_par' lang='eng'>" + "".join(line(ln) for ln in par) + "</p>"
                   for par in paragraphs)
    return (f"<div class='ocr_page' title='image \"p{n}.png\"; bbox 0 0 2000 3000; "
            f"ppageno {n}'><div class='ocr_carea'>{pars}</div></div>\n")


TWO_PAGES = HEAD + page(0, [
    [[("Stalin", 96), ("ordered", 91)], [("the", 95), ("arrest.", 40)]],
    [[("A", 99), ("new", 88), ("paragraph", 77)]],
]) + page(1, [[[("Page", 90), ("two", 85), ("&", 60)]]]) + TAIL


def test_layout_pages_and_paragraphs(read_file):
    doc = read_file("scan.hocr", TWO_PAGES.encode())
    assert doc.source.format == "hocr"
    assert doc.original == ("Stalin ordered\nthe arrest.\n\nA new paragraph"
                            "\fPage two &")
    assert page_texts(doc) == ["Stalin ordered\nthe arrest.\n\nA new paragraph", "Page two &"]
    assert [p.n for p in doc.raw_pages] == ["1", "2"]


def test_tokens_carry_word_confidences(read_file):
    doc = read_file("scan.hocr", TWO_PAGES.encode())
    assert token_texts(doc) == ["Stalin", "ordered", "the", "arrest.", "A", "new",
                                "paragraph", "Page", "two", "&"]
    assert [t.confidence for t in doc.tokens][:4] == [0.96, 0.91, 0.95, 0.40]
    # the model's lookup sees the weakest word of a span
    start = doc.original.index("the")
    assert doc.ocr_confidence(start, start + len("the arrest.")) == pytest.approx(0.40)


@pytest.mark.parametrize("name", ["scan.html", "scan.htm", "scan.xml", "scan.xhtml"])
def test_hocr_is_sniffed_in_html_and_xml(read_file, name):
    doc = read_file(name, TWO_PAGES.encode())
    assert doc.source.format == "hocr"
    assert doc.original.startswith("Stalin ordered")


def test_tag_soup_html_with_named_entities(read_file):
    soup = ("<html><head><meta charset='utf-8'></head><body>"
            "<div class=ocr_page title='ppageno 4'>"
            "<span class=ocr_line><span class=ocrx_word title='x_wconf 80'>caf&eacute;</span>"
            "<span class=ocrx_word title='x_wconf 70'>na\u00efve&nbsp;</span>"
            "<br></span></div></body></html>")
    doc = read_file("soup.html", soup.encode("utf-8"))
    assert doc.original == "café naïve"
    assert doc.raw_pages[0].n == "5"
    assert [t.confidence for t in doc.tokens] == [0.8, 0.7]


def test_lines_without_word_markup(read_file):
    text = (HEAD + "<div class='ocr_page'><p class='ocr_par'>"
            "<span class='ocr_line'>plain  line one</span>"
            "<span class='ocr_line'>line two</span></p></div>" + TAIL)
    doc = read_file("lines.hocr", text.encode())
    assert doc.original == "plain line one\nline two"
    assert doc.tokens == []  # no confidences were given, none are invented


def test_header_and_caption_lines_count_as_lines(read_file):
    body = ("<div class='ocr_page'><div class='ocr_carea'><p class='ocr_par'>"
            + line([("CHAPTER", 90), ("ONE", 90)], "ocr_header")
            + line([("Body", 90), ("text", 90)])
            + "</p></div></div>")
    doc = read_file("h.hocr", (HEAD + body + TAIL).encode())
    assert doc.original == "CHAPTER ONE\nBody text"


def test_empty_words_are_dropped_and_empty_page_kept(read_file):
    body = (page(0, [[[("one", 90), (" ", 0), ("two", 90)]]])
            + "<div class='ocr_page' title='ppageno 1'></div>")
    doc = read_file("e.hocr", (HEAD + body + TAIL).encode())
    assert doc.original == "one two\f"
    assert len(doc.raw_pages) == 2 and doc.raw_pages[1].start == doc.raw_pages[1].end
    assert any("no words on page(s) 2" in w for w in doc.warnings)


def test_html_that_is_not_hocr_is_refused(read_file):
    with pytest.raises(InputError, match="neither ALTO nor hOCR"):
        read_file("page.html", b"<html><body><p>Just a web page.</p></body></html>")
    with pytest.raises(InputError, match="not hOCR"):
        read_file("page.hocr", b"<html><body><p>Just a web page.</p></body></html>")


def test_hocr_without_words_is_refused(read_file):
    with pytest.raises(InputError, match="no recognised words"):
        read_file("blank.hocr", (HEAD + "<div class='ocr_page'></div>" + TAIL).encode())


def test_title_props_tolerate_junk():
    from lxml import etree

    el = etree.fromstring("<span title='x_wconf ninety; bbox'/>")
    assert hocr.word_confidence(el) is None


WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S"]),
                min_size=1, max_size=12)
PAGES = st.lists(  # pages > paragraphs > lines > (word, conf)
    st.lists(st.lists(st.lists(st.tuples(WORDS, st.integers(0, 100)), min_size=1, max_size=5),
                      min_size=1, max_size=3), min_size=1, max_size=3),
    min_size=1, max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
def test_roundtrip_any_words(pages):
    doc_text = HEAD + "".join(page(i, p) for i, p in enumerate(pages)) + TAIL
    doc = hocr.read_bytes("gen.hocr", doc_text.encode("utf-8"))
    flat = [(w, c) for p in pages for par in p for ln in par for w, c in ln]
    # every word comes back verbatim, in order, with its confidence
    assert token_texts(doc) == [w for w, _ in flat]
    assert [round(t.confidence * 100) for t in doc.tokens] == [c for _, c in flat]
    expected_pages = ["\n\n".join("\n".join(" ".join(w for w, _ in ln) for ln in par)
                                  for par in p) for p in pages]
    assert page_texts(doc) == expected_pages
    assert doc.original == "\f".join(expected_pages)


def test_fragment_without_ocr_page_is_one_page(read_file):
    frag = ("<html><body><p class='ocr_par'><span class='ocr_line'>"
            "<span class='ocrx_word' title='x_wconf 50'>lone</span> "
            "<span class='ocrx_word' title='x_wconf 60'>line</span></span></p>"
            "<p class='ocr_par'><span class='ocr_line'>"
            "<span class='ocrx_word' title='x_confs 80 100'>next</span></span></p>"
            "</body></html>")
    doc = read_file("frag.hocr", frag.encode())
    assert doc.original == "lone line\n\nnext"
    assert [p.n for p in doc.raw_pages] == [None]
    assert [t.confidence for t in doc.tokens] == [0.5, 0.6, 0.9]
