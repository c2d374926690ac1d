"""layout12: a numbered chapter heading at the top of the first or the last page is
text when the numbered pages next to it count on to another number; a head whose
number runs on is still the page's furniture."""

from __future__ import annotations

from layout_helpers import PAGE_BODIES, layout_text

from archivist.model import Document

A, B, C = PAGE_BODIES
H = "THE FENS AND THEIR PEOPLE"


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(doc.text[p["start"]:p["end"]], p["kind"]) for p in doc.paragraphs()]


def test_numbered_heading_on_the_first_page_stays_a_heading() -> None:
    doc = layout_text(f"4 Draining the Fens\n\n{A}\f13 {H}\n\n{B}\f14 {H}\n\n{C}")
    assert [f.text for f in doc.furniture if f.type == "pageNum"] == ["13", "14"]
    assert doc.page_numbers[0] == "[12]"
    assert kinds(doc)[0] == ("4 Draining the Fens", "head")


def test_numbered_heading_on_the_last_page_stays_a_heading() -> None:
    doc = layout_text(f"12 {H}\n\n{A}\f13 {H}\n\n{B}\f4 Draining the Fens\n\n{C}")
    assert [f.text for f in doc.furniture if f.type == "pageNum"] == ["12", "13"]
    assert doc.page_numbers[2] == "[14]"
    assert ("4 Draining the Fens", "head") in kinds(doc)


def test_a_head_whose_number_runs_on_at_either_end_is_still_furniture() -> None:
    first = layout_text(f"12 Draining the Fens\n\n{A}\f13 {H}\n\n{B}\f14 {H}\n\n{C}")
    last = layout_text(f"12 {H}\n\n{A}\f13 {H}\n\n{B}\f14 Draining the Fens\n\n{C}")
    for doc in (first, last):
        assert [f.text for f in doc.furniture if f.type == "pageNum"] == ["12", "13", "14"]
        assert "Draining the Fens" not in doc.text
