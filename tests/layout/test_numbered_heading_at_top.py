"""A chapter heading with its number at a page's top ("4 Draining the Fens") between
pages whose running heads number them 12 and 14 is a heading, not page 4's head."""

from __future__ import annotations

from layout_helpers import PAGE_BODIES, layout_text

A, B, C = PAGE_BODIES


def test_numbered_heading_between_numbered_pages_stays_a_heading() -> None:
    doc = layout_text(f"12 THE FENS AND THEIR PEOPLE\n\n{A}\f4 Draining the Fens\n\n{B}\f"
                      f"14 THE FENS AND THEIR PEOPLE\n\n{C}")
    assert [f.text for f in doc.furniture if f.type == "pageNum"] == ["12", "14"]
    assert doc.page_numbers[1] == "[13]"
    kinds = [(doc.text[p["start"]:p["end"]], p["kind"]) for p in doc.paragraphs()]
    assert ("4 Draining the Fens", "head") in kinds


def test_a_running_head_whose_number_runs_on_is_still_furniture() -> None:
    doc = layout_text(f"12 THE FENS AND THEIR PEOPLE\n\n{A}\f13 Draining the Fens\n\n{B}\f"
                      f"14 THE FENS AND THEIR PEOPLE\n\n{C}")
    assert [f.text for f in doc.furniture if f.type == "pageNum"] == ["12", "13", "14"]
    assert "Draining the Fens" not in doc.text
