"""layout12: a numbered chapter heading at the top of the first or the last page is
text when the numbered pages next to it count on to another number; a head whose
number runs on is still the page's furniture."""

from __future__ import annotations

from layout_helpers import layout_text

from archivist.model import Document

A = ("The survey of the upper valley was finished in the spring of that year and the\n"
     "engineers who walked the banks counted the fords and the mills one by one.\n")
B = ("The drainage of the lower fen was begun in the autumn by the commissioners, who\n"
     "hired the labourers at the hiring fair in the town and paid them by the week.\n")
C = ("The new sluice at the outfall was built of brick and timber by a contractor from\n"
     "the north, and it stood until the great flood of the following winter.\n")
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
