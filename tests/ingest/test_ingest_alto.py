"""ALTO reader: v2-v4 namespaces, regions, hyphenation, confidences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import page_texts, token_texts

from archivist.errors import InputError
from archivist.ingest import alto as alto_reader

NS = {
    "v2": "http://www.loc.gov/standards/alto/ns-v2#",
    "v3": "http://www.loc.gov/standards/alto/ns-v3#",
    "v4": "http://www.loc.gov/standards/alto/ns-v4#",
}


def s(content: str, wc: float | None = None, extra: str = "") -> str:
    conf = f' WC="{wc}"' if wc is not None else ""
    return f'<String CONTENT="{content}"{conf} HPOS="0" VPOS="0" WIDTH="9" HEIGHT="9"{extra}/>'


def alto(ns: str, pages: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ns}">'
            f"<Description><MeasurementUnit>pixel</MeasurementUnit></Description>"
            f"<Layout>{pages}</Layout></alto>")


PAGE1 = (
    '<Page ID="P1" PHYSICAL_IMG_NR="7" PRINTED_IMG_NR="130" HEIGHT="3000" WIDTH="2000">'
    # schema order puts BottomMargin before PrintSpace; reading order must not
    '<TopMargin><TextBlock ID="TB0"><TextLine>' + s("130", 0.99) + '<SP/>'
    + s("The", 0.9) + '<SP/>' + s("Caucasus", 0.8) + '</TextLine></TextBlock></TopMargin>'
    '<BottomMargin><TextBlock ID="TB9"><TextLine>' + s("footer", 0.5)
    + '</TextLine></TextBlock></BottomMargin>'
    '<PrintSpace>'
    '<TextBlock ID="TB1"><TextLine>' + s("Stalin", 0.93) + '<SP/>' + s("did", 0.9) + '<SP/>'
    + s("not", 0.9) + '</TextLine><TextLine>' + s("re", 0.7, ' SUBS_TYPE="HypPart1" '
                                                   'SUBS_CONTENT="remain"')
    + '<HYP CONTENT="-"/></TextLine><TextLine>'
    + s("main", 0.6, ' SUBS_TYPE="HypPart2" SUBS_CONTENT="remain"') + '<SP/>'
    + s("passive.", 0.55) + '</TextLine></TextBlock>'
    '<ComposedBlock><TextBlock ID="TB2"><TextLine>' + s("Second", 0.9) + '<SP/>'
    + s("block", 0.3) + '</TextLine></TextBlock></ComposedBlock>'
    '</PrintSpace></Page>')
PAGE2 = ('<Page ID="P2" PHYSICAL_IMG_NR="8"><PrintSpace><TextBlock><TextLine>'
         + s("Next", 0.9) + '<SP/>' + s("page", 0.9) + "</TextLine></TextBlock></PrintSpace></Page>")

EXPECTED_P1 = ("130 The Caucasus\n\nStalin did not\nre-\nmain passive.\n\nSecond block"
               "\n\nfooter")


@pytest.mark.parametrize("version", ["v2", "v3", "v4"])
def test_alto_versions_layout(read_file, version):
    doc = read_file("page.xml", alto(NS[version], PAGE1 + PAGE2).encode())
    assert doc.source.format == "alto"
    assert page_texts(doc) == [EXPECTED_P1, "Next page"]
    assert doc.original == EXPECTED_P1 + "\fNext page"
    assert [p.n for p in doc.raw_pages] == ["7", "8"]


def test_alto_tokens_and_hyphen(read_file):
    doc = read_file("page.alto", alto(NS["v4"], PAGE1).encode())
    words = token_texts(doc)
    assert "re-" in words  # the HYP character stays on the line-final word
    assert words[:3] == ["130", "The", "Caucasus"]
    conf = {w: t.confidence for w, t in zip(words, doc.tokens, strict=True)}
    assert conf["block"] == pytest.approx(0.3) and conf["Stalin"] == pytest.approx(0.93)


def test_hyp_part1_without_hyp_element_gets_its_hyphen(read_file):
    page = ('<Page PHYSICAL_IMG_NR="1"><PrintSpace><TextBlock><TextLine>'
            + s("bor", 0.9, ' SUBS_TYPE="HypPart1" SUBS_CONTENT="border"')
            + '</TextLine><TextLine>' + s("der", 0.9, ' SUBS_TYPE="HypPart2"')
            + "</TextLine></TextBlock></PrintSpace></Page>")
    doc = read_file("h.xml", alto(NS["v3"], page).encode())
    assert doc.original == "bor-\nder"


def test_words_without_wc_get_no_token(read_file):
    page = ('<Page><PrintSpace><TextBlock><TextLine>' + s("known", 0.8) + '<SP/>'
            + s("unknown") + "</TextLine></TextBlock></PrintSpace></Page>")
    doc = read_file("w.xml", alto(NS["v2"], page).encode())
    assert doc.original == "known unknown"
    assert token_texts(doc) == ["known"]
    assert doc.raw_pages[0].n is None


def test_alto_without_namespace_is_read(read_file):
    page = ('<Page><PrintSpace><TextBlock><TextLine>' + s("old", 0.8)
            + "</TextLine></TextBlock></PrintSpace></Page>")
    doc = read_file("old.xml", f"<alto><Layout>{page}</Layout></alto>".encode())
    assert doc.original == "old"


def test_alto_escaped_content(read_file):
    page = ('<Page><PrintSpace><TextBlock><TextLine>' + s("Smith &amp; Co", 0.8) + '<SP/>'
            + s("&#233;t&#233;", 0.8) + "</TextLine></TextBlock></PrintSpace></Page>")
    doc = read_file("e.xml", alto(NS["v4"], page).encode())
    assert doc.original == "Smith & Co été"


def test_other_xml_is_refused(read_file):
    with pytest.raises(InputError, match="neither ALTO nor hOCR"):
        read_file("tei.xml", b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>')
    with pytest.raises(InputError, match="not ALTO"):
        read_file("x.alto", b"<root><Page/></root>")


def test_alto_without_pages_or_words_is_refused(read_file):
    with pytest.raises(InputError, match="without any Page"):
        read_file("x.xml", alto(NS["v4"], "").encode())
    with pytest.raises(InputError, match="no recognised words"):
        read_file("y.xml", alto(NS["v4"], "<Page><PrintSpace/></Page>").encode())


@pytest.mark.parametrize("data", [
    alto(NS["v4"], PAGE1).encode()[:-40],  # truncated
    b"<alto><Layout><Page></Layout></alto>",  # mismatched tags
    b"\x00\x01\x02 not xml at all",
])
def test_malformed_alto_is_refused(read_file, data):
    with pytest.raises(InputError, match="not well-formed XML") as err:
        read_file("broken.xml", data)
    assert "\n" not in str(err.value)


def test_reading_order_reorders_named_blocks(read_file):
    def block(ident: str, word: str) -> str:
        return (f'<TextBlock ID="{ident}"><TextLine>' + s(word, 0.9)
                + "</TextLine></TextBlock>")

    page = ('<Page PHYSICAL_IMG_NR="1"><TopMargin>' + block("H", "Header")
            + "</TopMargin><PrintSpace>" + block("R", "right") + block("L", "left")
            + '<ComposedBlock ID="CB">' + block("X", "last") + "</ComposedBlock>"
            + "</PrintSpace></Page>")
    order = ('<ReadingOrder><OrderedGroup ID="OG"><ElementRef ID="e1" REF="L"/>'
             '<ElementRef ID="e2" REF="R"/><ElementRef ID="e3" REF="CB"/>'
             "</OrderedGroup></ReadingOrder>")
    doc_xml = (f'<alto xmlns="{NS["v4"]}"><Description/>{order}'
               f"<Layout>{page}</Layout></alto>")
    doc = read_file("ro.xml", doc_xml.encode())
    assert doc.original == "Header\n\nleft\n\nright\n\nlast"
    # without a ReadingOrder the document order is kept
    plain = read_file("plain.xml", doc_xml.replace(order, "").encode())
    assert plain.original == "Header\n\nright\n\nleft\n\nlast"


WORD = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S"],
                                      exclude_characters='<>&"'), min_size=1, max_size=10)
BLOCKS = st.lists(st.lists(st.lists(st.tuples(WORD, st.integers(0, 100)), min_size=1,
                                    max_size=4), min_size=1, max_size=3),
                  min_size=1, max_size=4)


@settings(max_examples=50, deadline=None)
@given(BLOCKS)
def test_roundtrip_any_words(blocks):
    body = "".join(
        "<TextBlock>" + "".join(
            "<TextLine>" + "<SP/>".join(s(w, c / 100) for w, c in line) + "</TextLine>"
            for line in block) + "</TextBlock>"
        for block in blocks)
    xml = alto(NS["v4"], f"<Page><PrintSpace>{body}</PrintSpace></Page>")
    doc = alto_reader.read_bytes("gen.xml", xml.encode("utf-8"))
    flat = [(w, c) for block in blocks for line in block for w, c in line]
    assert token_texts(doc) == [w for w, _ in flat]
    assert [round(t.confidence * 100) for t in doc.tokens] == [c for _, c in flat]
    assert doc.original == "\n\n".join("\n".join(" ".join(w for w, _ in line) for line in block)
                                       for block in blocks)
