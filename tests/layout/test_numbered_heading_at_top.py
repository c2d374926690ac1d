"""A chapter heading with its number at a page's top ("4 Draining the Fens") between
pages whose running heads number them 12 and 14 is a heading, not page 4's head."""

from __future__ import annotations

from layout_helpers import layout_text

A = ("The survey of the upper valley was finished in the spring of that year and the\n"
     "engineers who walked the banks counted the fords and the mills one by one.\n")
B = ("The drainage of the lower fen was begun in the autumn by the commissioners, who\n"
     "hired the labourers at the hiring fair in the town and paid them by the week.\n")
C = ("The new sluice at the outfall was built of brick and timber by a contractor from\n"
     "the north, and it stood until the great flood of the following winter.\n")


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
