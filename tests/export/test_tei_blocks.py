"""Headings and table rows reach the TEI as <head> (in a <div>) and <table><row><cell>,
valid against tei_all.rng, and the JSON paragraphs carry their block kind."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from archivist.export.tei import TEI_NS, schema, to_tei, validate
from archivist.model import Document, Note, RawPage, Source
from archivist.schema import validate_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layout"))
from layout_helpers import PROSE, layout_text  # noqa: E402

NS = {"t": TEI_NS}
ROWS = "Wheat 42 37 39\nNew Barley 12 15 18\nOats 7 9 11"


@pytest.fixture(scope="module")
def rng():
    return schema()


def _body(xml: str) -> etree._Element:
    return etree.fromstring(xml.encode()).find(".//t:body", NS)


def test_heading_lines_become_head_in_a_div(rng) -> None:
    doc = layout_text(f"CHAPTER 3\n\nThe Northern Frontier\n\n{PROSE}\n\nAfter the Survey\n\n"
                      f"{PROSE}")
    kinds = [p["kind"] for p in doc.paragraphs()]
    assert kinds == ["head", "head", "p", "head", "p"]
    xml = to_tei(doc)
    assert validate(xml) == []
    divs = _body(xml).findall("t:div", NS)
    assert [[h.text for h in d.findall("t:head", NS)] for d in divs] == [
        ["CHAPTER 3", "The Northern Frontier"], ["After the Survey"]]
    assert all(len(d.findall("t:p", NS)) == 1 for d in divs)


def test_table_rows_become_cells(rng) -> None:
    doc = layout_text(f"{PROSE}\n{ROWS}\n\n{PROSE}")
    assert [p["kind"] for p in doc.paragraphs()] == ["p", "row", "row", "row", "p"]
    xml = to_tei(doc)
    assert validate(xml) == []
    tables = _body(xml).findall(".//t:table", NS)
    assert len(tables) == 1
    cells = [[c.text for c in r.findall("t:cell", NS)] for r in tables[0].findall("t:row", NS)]
    assert cells == [["Wheat", "42", "37", "39"], ["New Barley", "12", "15", "18"],
                     ["Oats", "7", "9", "11"]]
    assert not _body(xml).findall(".//t:p/t:table", NS)


def test_json_paragraphs_carry_kind_and_validate() -> None:
    doc = layout_text(f"The Northern Frontier\n\n{PROSE}\n{ROWS}")
    out = doc.to_json()
    validate_document(out)
    assert [p["kind"] for p in out["paragraphs"]] == ["head", "p", "row", "row", "row"]


def test_closing_lines_of_a_letter_are_no_headings() -> None:
    doc = layout_text(f"{PROSE}\n\nYour obedient servant\n\nJohn Wright")
    assert [p["kind"] for p in doc.paragraphs()] == ["p", "p", "p"]


def test_heading_and_rows_keep_notes_page_breaks_and_corrections_valid(rng) -> None:
    page1 = f"Harvest Returns\n\n{PROSE}\nWheat 42 37 39*\n"
    page2 = "Oats 7 9 11\n\n* Returns of the county clerk.\n"
    original = page1 + "\f" + page2
    doc = Document(original=original, source=Source.of_bytes("t.txt", original.encode(),
                                                             "text"))
    doc.raw_pages = [RawPage(None, 0, len(page1)), RawPage(None, len(page1) + 1,
                                                            len(original))]
    v = doc.body_view()
    star = original.index("*")
    foot = original.index("\n\n* Returns")
    doc.add_edits([v.edit("layout.notes", star, star + 1, "", kind="layout"),
                   v.edit("layout.notes", foot, len(original), "", kind="layout")])
    doc.notes = [Note("1", foot + 4, len(original) - 1, star, star + 1)]
    from archivist.layout.paragraphs import mark_blocks, paragraph_edits

    doc.add_edits(paragraph_edits(doc.body_view()))
    mark_blocks(doc)
    v = doc.body_view()
    i = v.text.index("Returns")
    doc.add_edits([v.edit("repair.words", i, i + 7, "Retums", confidence=0.9)])
    assert [p["kind"] for p in doc.paragraphs()] == ["head", "p", "row", "row"]
    xml = to_tei(doc)
    assert validate(xml) == []
    body = _body(xml)
    assert body.find(".//t:head/t:choice", NS) is not None
    assert body.find(".//t:cell/t:note", NS) is not None  # the note at its figure
    assert body.find(".//t:table//t:pb", NS) is not None  # the page turns in the table


BLOCKS = st.sampled_from(["head", "p", "row"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCKS, min_size=1, max_size=8))
def test_any_sequence_of_blocks_is_valid_tei(kinds: list[str]) -> None:
    texts = {"head": "A Heading", "p": "Some words of a paragraph.", "row": "Wheat 42 37"}
    original = "\n\n".join(texts[k] for k in kinds)
    doc = Document(original=original, source=Source.of_bytes("t.txt", original.encode(),
                                                             "text"))
    pos = 0
    for k in kinds:
        if k != "p":
            doc.blocks[pos] = k
        pos += len(texts[k]) + 2
    assert [p["kind"] for p in doc.paragraphs()] == kinds
    xml = to_tei(doc)
    assert validate(xml) == [], (kinds, xml)
    body = _body(xml)
    assert len(body.findall(".//t:head", NS)) == kinds.count("head")
    assert len(body.findall(".//t:row", NS)) == kinds.count("row")


def test_block_kinds_survive_the_store(tmp_path) -> None:
    # the corpus keeps a document as JSON: headings and rows must come back from it
    # (the workbench's TEI and JSON exports rebuild the Document from the store)
    from archivist import PIPELINE_VERSION
    from archivist.store import open_store
    from archivist.store.record import document_from_json

    doc = layout_text(f"The Northern Frontier\n\n{PROSE}\n\n{ROWS}\n\n{PROSE}")
    kinds = [p["kind"] for p in doc.paragraphs()]
    assert "head" in kinds and "row" in kinds
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        doc_id = store.add(doc, PIPELINE_VERSION)
        back = document_from_json(store.document_json(doc_id))
    assert [p["kind"] for p in back.paragraphs()] == kinds
    assert "<head>" in to_tei(back) and "<cell>" in to_tei(back)


def test_schema_knows_the_block_kinds() -> None:
    import jsonschema

    d = layout_text(f"The Northern Frontier\n\n{PROSE}").to_json()
    validate_document(d)
    d["paragraphs"][0]["kind"] = "caption"
    with pytest.raises(jsonschema.ValidationError):
        validate_document(d)


def test_a_lone_heading_above_a_table_is_its_caption(rng) -> None:
    doc = layout_text(f"The Harvest of the Year\n\n{ROWS}\n\n{PROSE}")
    xml = to_tei(doc)
    assert validate(xml) == []
    body = _body(xml)
    table = body.find(".//t:table", NS)
    assert table.find("t:head", NS).text == "The Harvest of the Year"
    assert body.find("t:div", NS) is None  # no division opened by a caption
    assert len(table.findall("t:row", NS)) == 3
