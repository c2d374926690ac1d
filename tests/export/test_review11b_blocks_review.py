"""review11b: a reviewer who rejects the paragraph break under a heading (or between
table rows) joins the blocks; the joined block is a paragraph, not a <head> holding
the whole text after it."""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from archivist.export.tei import TEI_NS, to_tei, validate
from archivist.model import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layout"))
from layout_helpers import PROSE, layout_text  # noqa: E402


def _reject_breaks(doc: Document) -> None:
    for i, e in enumerate(doc.edits):
        if e.kind == "layout" and e.replacement == "\n\n":
            doc.set_status(i, "rejected")


def test_rejected_break_under_a_heading_makes_a_paragraph() -> None:
    doc = layout_text(f"{PROSE}\n\nThe Northern Frontier\n{PROSE}\n{PROSE}")
    assert [p["kind"] for p in doc.paragraphs()] == ["p", "head", "p"]
    _reject_breaks(doc)
    assert [p["kind"] for p in doc.paragraphs()] == ["p", "p"]
    xml = to_tei(doc)
    assert validate(xml) == []
    assert not etree.fromstring(xml.encode()).findall(f".//{{{TEI_NS}}}head")


def test_rejected_break_between_rows_makes_no_row_of_two() -> None:
    doc = layout_text(f"{PROSE}\n\nWheat 42 37 39\nBarley 12 15 18")
    _reject_breaks(doc)
    assert "row" not in [p["kind"] for p in doc.paragraphs()
                         if "\n" in doc.text[p["start"]:p["end"]]]
    assert validate(to_tei(doc)) == []
