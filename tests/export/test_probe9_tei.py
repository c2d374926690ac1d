"""TEI header of a memorandum and a treaty (probe 9): addressee and signing place."""

from __future__ import annotations

from lxml import etree

from archivist.export.tei import TEI_NS, to_tei, validate
from archivist.model import Document, Source

NS = {"t": TEI_NS}


def header_bibl(md: dict[str, str]) -> tuple[etree._Element, list[str]]:
    doc = Document(original="Stocks are low.\n", source=Source("memo.txt", "", "text"))
    doc.metadata.update(md)
    xml = to_tei(doc)
    root = etree.fromstring(xml.encode("utf-8"))
    return root.find(".//t:sourceDesc/t:bibl", NS), validate(xml)


def test_recipient_and_place_in_the_source_description() -> None:
    bibl, errors = header_bibl({"title": "Coal stocks", "author": "H. W. ACKROYD",
                                "recipient": "Regional Controller", "place": "Tallinn"})
    assert errors == []
    assert bibl.findtext("t:respStmt/t:resp", namespaces=NS) == "addressee"
    assert bibl.findtext("t:respStmt/t:name", namespaces=NS) == "Regional Controller"
    assert bibl.findtext("t:placeName", namespaces=NS) == "Tallinn"


def test_no_recipient_no_addressee() -> None:
    bibl, errors = header_bibl({"title": "Coal stocks"})
    assert errors == []
    assert bibl.find("t:respStmt", NS) is None and bibl.find("t:placeName", NS) is None
