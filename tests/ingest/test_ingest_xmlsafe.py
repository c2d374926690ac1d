"""The shared XML parser never expands entities or fetches anything."""

from __future__ import annotations

import pytest

from archivist.errors import InputError
from archivist.ingest import xmlsafe


def laughs(depth: int, wrapper: str = "alto") -> str:
    """A "billion laughs" document: entity lolN expands to 10**N "lol"s, used in
    an ALTO word's text (wrapper="alto") or an hOCR word (wrapper="hocr")."""
    decls = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, depth + 1))
    head = f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY lol0 "lol">{decls}]>\n'
    if wrapper == "hocr":
        return (head + '<html><body><div class="ocr_page"><span class="ocr_line">'
                '<span class="ocrx_word">safe</span> '
                f'<span class="ocrx_word">&lol{depth};</span></span></div></body></html>')
    return (head + '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page>'
            '<PrintSpace><TextBlock><TextLine><String CONTENT="safe" WC="0.9"/>'
            f'</TextLine><TextLine><String CONTENT="x&lol{depth};" WC="0.9"/></TextLine>'
            '</TextBlock></PrintSpace></Page></Layout></alto>')


def xxe_hocr(target: str) -> str:
    return ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://' + target
            + '"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page">'
            '<span class="ocr_line"><span class="ocrx_word" title="x_wconf 90">word</span> '
            '<span class="ocrx_word" title="x_wconf 90">&xxe;&net;</span></span>'
            '</div></body></html>')


@pytest.mark.parametrize("depth", [3, 9])
@pytest.mark.parametrize("name,wrapper", [("bomb.xml", "alto"), ("bomb.alto", "alto"),
                                          ("bomb.xml", "hocr"), ("bomb.hocr", "hocr"),
                                          ("bomb.html", "hocr")])
def test_entity_bombs_are_refused(read_file, name, wrapper, depth):
    # libxml2 expands internal entities inside attributes (ALTO's CONTENT) whatever
    # the parser flags, so any entity declaration is refused before text is taken
    with pytest.raises(InputError, match="declares XML entities") as err:
        read_file(name, laughs(depth, wrapper).encode())
    assert str(err.value).startswith(str(err.value.path)) and name in err.value.path
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name", ["x.hocr", "x.xml", "x.html"])
def test_xxe_is_refused(read_file, tmp_path, name):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    with pytest.raises(InputError, match="declares XML entities") as err:
        read_file(name, xxe_hocr(str(secret)).encode())
    assert "TOP-SECRET" not in str(err.value)


def test_external_dtd_and_parameter_entities_are_not_loaded(read_file, tmp_path):
    evil = tmp_path / "evil.dtd"
    evil.write_text('<!ENTITY leak "LEAKED">')
    word = '<TextLine><String CONTENT="ok"/></TextLine>'
    body = ('<alto><Layout><Page><PrintSpace><TextBlock>' + word
            + '</TextBlock></PrintSpace></Page></Layout></alto>')
    # an external DTD alone is simply not loaded: the document reads normally
    doc = read_file("ext.xml", ('<?xml version="1.0"?>\n<!DOCTYPE alto SYSTEM "file://'
                                + str(evil) + '">\n' + body).encode())
    assert doc.original == "ok"
    # a parameter entity pulling the DTD in is a declaration: refused
    with pytest.raises(InputError, match="declares XML entities"):
        read_file("param.xml", ('<?xml version="1.0"?>\n<!DOCTYPE alto [<!ENTITY % p SYSTEM '
                                '"file://' + str(evil) + '"> %p;]>\n' + body).encode())


def test_html_fallback_never_expands_declared_entities(read_file):
    # not well-formed XML (unclosed <br>), so the HTML parser reads it; it ignores the DTD
    soup = ('<!DOCTYPE html [<!ENTITY e "EXPANDED">]><html><body><div class="ocr_page">'
            '<span class="ocr_line"><span class="ocrx_word">a&e;b</span><br></span>'
            '</div></body></html>')
    doc = read_file("soup.html", soup.encode())
    assert "EXPANDED" not in doc.original


def test_parser_settings():
    # these flags are the whole defence; make sure nobody loosens them silently
    from lxml import etree

    root = etree.fromstring(b'<!DOCTYPE r [<!ENTITY e "EXPANDED">]><r>a&e;b<!--c--></r>',
                            xmlsafe.xml_parser())
    assert xmlsafe.element_text(root) == "ab"
    assert xmlsafe.declared_entities(root) == ["e"]
    with pytest.raises(xmlsafe.UnsafeXML):
        xmlsafe.parse_xml("r.xml", b'<!DOCTYPE r [<!ENTITY e "EXPANDED">]><r>a&e;b</r>')


def test_parse_errors_are_one_line():
    with pytest.raises(InputError) as err:
        xmlsafe.parse_xml("f.xml", b"<a><b></a>")
    assert str(err.value).startswith("f.xml: is not well-formed XML")
    assert "\n" not in str(err.value)
