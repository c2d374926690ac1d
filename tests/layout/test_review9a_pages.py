"""Review 9a: a year set out in a title is no column number (invented text)."""

from __future__ import annotations

from layout_helpers import layout_text

BODY = ("The committee examined the returns of the districts and found them in order.\n"
        "The figures for the harvest stand in the appendix.\n")


def test_a_single_title_with_a_year_set_out_keeps_its_year() -> None:
    doc = layout_text("ANNUAL REPORT OF THE BOARD" + " " * 10 + "1917\n\n" + BODY)
    assert not [f for f in doc.furniture if f.type in ("pageNum", "header")]
    assert doc.text.startswith("ANNUAL REPORT OF THE BOARD") and "1917" in doc.text


def test_column_numbers_that_run_on_are_still_furniture() -> None:
    text = ("HOUSE OF COMMONS" + " " * 30 + "1417\n\n" + BODY + "\f"
            + "HOUSE OF COMMONS" + " " * 30 + "1418\n\n" + BODY)
    doc = layout_text(text)
    nums = [f.text for f in doc.furniture if f.type == "pageNum"]
    assert nums == ["1417", "1418"] and "1417" not in doc.text
