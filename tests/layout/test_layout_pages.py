"""Page numbers, running heads and feet, document headers."""

from __future__ import annotations

from layout_helpers import layout_text

BODY = ("the valley had been surveyed twice before the railway engineers arrived there\n"
        "and found that neither survey agreed with what they saw on the ground itself.\n")


def test_running_head_with_number_and_separator_glyph():
    doc = layout_text("212 Ë A History of Rivers\n" + BODY)
    furn = {(f.type, f.text) for f in doc.furniture}
    assert furn == {("pageNum", "212"), ("header", "A History of Rivers")}
    assert "History of Rivers" not in doc.text and "212" not in doc.text
    assert "Ë" not in doc.text
    assert doc.metadata["page"] == "212"
    assert doc.metadata["running_title"] == "A History of Rivers"
    assert doc.page_numbers == {0: "212"}
    head = next(f for f in doc.furniture if f.type == "header")
    assert doc.original[head.start:head.end] == "A History of Rivers"


def test_number_at_end_of_running_head():
    doc = layout_text("A History of Rivers 17\n" + BODY)
    assert ("pageNum", "17") in {(f.type, f.text) for f in doc.furniture}
    assert doc.text.startswith("the valley")


def test_page_number_lines_top_and_bottom_over_form_feeds():
    text = "- 3 -\n" + BODY + "\f" + BODY + "4\n" + "\f" + "v\n" + BODY
    doc = layout_text(text)
    nums = [f.text for f in doc.furniture if f.type == "pageNum"]
    assert nums == ["3", "4", "v"]
    assert doc.page_numbers == {0: "3", 1: "4", 2: "v"}
    assert [p["n"] for p in doc.pages()] == ["3", "4", "v"]
    assert not any(ch.isdigit() for ch in doc.text)


def test_recurring_heads_and_feet_without_numbers():
    page = "Annals of the Valley Society\n" + BODY + "Printed for members only\n"
    doc = layout_text("\f".join([page] * 3))
    kinds = [(f.type, f.text) for f in doc.furniture]
    assert kinds.count(("header", "Annals of the Valley Society")) == 3
    assert kinds.count(("footer", "Printed for members only")) == 3
    assert "Annals" not in doc.text and "Printed" not in doc.text


def test_body_line_starting_with_a_year_is_not_a_running_head():
    doc = layout_text("1933 was a hard year for the party and for the state, as all agreed.\n"
                      + BODY)
    assert doc.furniture == []
    assert doc.text.startswith("1933 was a hard year")


def test_document_header_alone_and_glued_to_paragraphs():
    text = ("Exh. No. 77\n\nThe committee met at noon.\n\n"
            "Exh. No.77 The chairman spoke first, as shown in Exh. No. 77 yesterday, and\n\n"
            "Exh. No. 77 then the secretary read the minutes.\n")
    doc = layout_text(text)
    heads = [f.text for f in doc.furniture if f.type == "header"]
    assert heads == ["Exh. No. 77", "Exh. No.77", "Exh. No. 77"]
    # the mention in the middle of a sentence stays; the split paragraph is joined
    assert doc.text == ("The committee met at noon.\n\nThe chairman spoke first, as shown in "
                        "Exh. No. 77 yesterday, and then the secretary read the minutes.")
    assert doc.metadata["identifiers"] == ["Exh. No. 77"]
    for f in doc.furniture:
        assert doc.original[f.start:f.end] == f.text


def test_layout_edits_are_layout_kind_and_quote_the_original():
    doc = layout_text("212 Ë A History of Rivers\n" + BODY)
    for e in doc.edits:
        assert e.kind == "layout"
        assert doc.original[e.start:e.end] == e.original


def test_headings_with_numbers_are_not_running_heads():
    for head in ("CHAPTER 3", "1 Introduction", "Table 4"):
        doc = layout_text(head + "\n" + BODY)
        assert doc.furniture == [], head
        assert doc.text.startswith(head.split()[0]), head


def test_plain_text_is_split_into_pages_at_page_number_lines():
    head = "{} · A History of Rivers\n"
    text = head.format(7) + BODY + head.format(8) + BODY + head.format(9) + BODY
    doc = layout_text(text)
    assert [p["n"] for p in doc.pages()] == ["7", "8", "9"]
    assert len(doc.raw_pages) == 3
    assert "History of Rivers" not in doc.text and "·" not in doc.text
    # numbers at the foot of each page
    doc = layout_text(BODY + "\n12\n" + BODY + "\n13\n" + BODY + "14\n")
    assert [p["n"] for p in doc.pages()] == ["12", "13", "14"]
    assert not any(ch.isdigit() for ch in doc.text)


def test_year_lines_are_not_page_numbers():
    for head in ("1938", "Record of a Conversation 1938"):
        doc = layout_text(head + "\n\n" + BODY)
        assert doc.furniture == [], head
