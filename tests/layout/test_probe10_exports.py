"""Plain-text exports of archive portals (probe 10): page markers between pages, one
paragraph per (very long) line."""

from __future__ import annotations

import pytest
from layout_helpers import doc_of, layout_text, run

PARAS = [
    "The committee met at the mill house on the first Monday of the month, with the "
    "miller, two of the tenants and the steward of the estate present.",
    "It was agreed that the sluice gates should be rebuilt in oak before the autumn "
    "rains, and that the tenants would carry the timber from the wood at their own charge.",
    "The steward undertook to write to the agent in town about the cost of iron for the "
    "hinges, which he thought would be more than the committee had allowed.",
]


@pytest.mark.parametrize("marker", ["--- Page {n} ---", "[Page {n}]", "=== Page {n} ===",
                                    "<< {n} >>", "Page {n}"])
def test_page_markers_between_pages_are_page_numbers(marker: str) -> None:
    text = "".join(marker.format(n=n) + "\n" + p + "\n\n" for n, p in enumerate(PARAS, 12))
    doc = layout_text(text)
    assert [p["n"] for p in doc.pages()] == ["12", "13", "14"]
    assert doc.text == "\n\n".join(PARAS)
    assert [f.text for f in doc.furniture] == ["12", "13", "14"]


def test_page_n_of_m_footer_numbers_the_page() -> None:
    text = "".join(p + f"\n\nPage {n} of 9\n\f" for n, p in enumerate(PARAS, 7))
    doc = layout_text(text)
    assert [p["n"] for p in doc.pages()] == ["7", "8", "9"]
    assert [(f.type, f.text) for f in doc.furniture] == [("pageNum", "7"), ("pageNum", "8"),
                                                          ("pageNum", "9")]
    assert "Page" not in doc.text


def test_a_year_between_rules_is_not_a_page_number() -> None:
    doc = layout_text("--- 1837 ---\n" + PARAS[0] + "\n\n--- 1838 ---\n" + PARAS[1])
    assert not [f for f in doc.furniture if f.type == "pageNum"]
    assert "1837" in doc.text and "1838" in doc.text


def test_one_paragraph_per_long_line() -> None:
    doc = layout_text("\r\n".join(PARAS) + "\r\n")
    assert doc.text == "\n\n".join(PARAS)
    # a short line ending a sentence inside a wrapped paragraph still joins
    wrapped = ("The steward wrote to the agent.\nHe thought the iron would cost more "
               "than the committee had allowed.")
    assert "\n" not in layout_text(wrapped).text


def test_long_line_not_ending_a_sentence_runs_on() -> None:
    doc = run(doc_of(PARAS[0][:-1] + ",\n" + PARAS[1]))
    assert "\n" not in doc.text


def test_table_rows_are_kept_apart() -> None:
    text = ("The returns of the three mills were sent to the board each quarter, and they\n"
            "show how quickly the trade fell away after the new road was opened.\n"
            "Year Sacks Tolls\n"
            "1853 412 96\n"
            "1854 530 118\n"
            "1855 611 139\n"
            "The board did not act on these figures until the following spring, when the\n"
            "miller wrote again.\n")
    paras = layout_text(text).text.split("\n\n")
    assert paras[2:5] == ["1853 412 96", "1854 530 118", "1855 611 139"]
    assert paras[5].startswith("The board did not act")
    # figures in running prose do not make a row
    prose = ("The mills ground 412 sacks in 1853 and 530 in\n1854, when the road was opened "
             "to the carts of the upper valley.\n")
    assert "\n" not in layout_text(prose).text


def test_a_portal_header_of_fields_keeps_one_field_a_line() -> None:
    fields = ["Title: Minutes of the mill committee", "Reference: MC/2/14", "Date: 1851",
              "Digitised by: the Record Office"]
    doc = layout_text("\n".join(fields) + "\n\n" + PARAS[0] + "\n")
    assert doc.text.split("\n\n") == [*fields, PARAS[0]]
    # a colon inside a sentence's line does not make a field
    text = "The steward wrote: the iron\nis dear. He added: so is oak.\n"
    assert "\n" not in layout_text(text).text
