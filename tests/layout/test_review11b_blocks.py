"""review11b: a letter's date line and runs of three or more plain short lines (an
address, a list, a verse) above prose are no headings; real heading runs still are."""

from __future__ import annotations

import pytest
from layout_helpers import PROSE, layout_text


@pytest.mark.parametrize("top", [
    "London, 12 March 1854",
    "Whitehall, March 12th, 1854.",
    "The Secretary\n\nBoard of Trade\n\nWhitehall",
    "Apples and pears\n\nOranges from Spain\n\nFigs",
    "The sea is calm to-night\n\nThe tide is full, the moon lies fair\n\nUpon the straits",
])
def test_no_heading_above_prose(top: str) -> None:
    doc = layout_text(f"{top}\n\n{PROSE}")
    assert {p["kind"] for p in doc.paragraphs()} == {"p"}


def test_a_plain_list_above_a_table_is_no_caption() -> None:
    doc = layout_text("Apples and pears\n\nOranges from Spain\n\nFigs\n\n"
                      f"{PROSE}\nWheat 42 37 39\nNew Barley 12 15 18")
    assert [p["kind"] for p in doc.paragraphs()][:3] == ["p", "p", "p"]


def test_a_run_with_a_part_and_chapter_line_is_still_headings() -> None:
    doc = layout_text(f"PART I\n\nCHAPTER 3\n\nThe Northern Frontier\n\n{PROSE}")
    assert [p["kind"] for p in doc.paragraphs()] == ["head", "head", "head", "p"]


@pytest.mark.parametrize("closing", ["Faithfully yours", "Respectfully submitted"])
def test_a_closing_and_signature_above_a_postscript_are_no_headings(closing: str) -> None:
    doc = layout_text(f"{PROSE}\n\n{closing}\n\nJohn Wright\n\nP.S. The maps are enclosed, "
                      "as you asked, with the list of the mills and the fords.")
    assert {p["kind"] for p in doc.paragraphs()} == {"p"}
