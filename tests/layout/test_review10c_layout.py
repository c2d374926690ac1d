"""Review 10c: attacks on this session's layout rules (table rows, fields, page markers)."""

from __future__ import annotations

from layout_helpers import layout_text


def test_figures_in_a_narrow_column_of_prose_are_no_table_row() -> None:
    # a budget paragraph wrapped in a newspaper column: lines of amounts and years
    # joined by "in", "and" and commas are prose, not rows to keep apart
    text = ("The estimates of the board were settled after a long sitting. The sum of\n"
            "£12,000 in 1912, £14,500 in 1913,\n"
            "and £16,000 in 1914 was voted by the\n"
            "council, and in the years\n"
            "1914, 1915 and 1916.\n"
            "the outlay rose with every session.\n")
    assert "\n" not in layout_text(text).text


def test_a_numbered_list_one_entry_a_line_is_no_run_of_page_numbers() -> None:
    # a table of contents: numbered title-like lines counting up one under another
    entries = ["1 Report of the Surveyor", "2 Minutes of the Board",
               "3 Letters from the Agent", "4 Accounts of the Overseers"]
    text = "CONTENTS\n\n" + "\n".join(entries) + "\n\nThe surveyor reported on the road.\n"
    doc = layout_text(text)
    assert not doc.furniture
    assert all(e in doc.text for e in entries)
    assert len(doc.pages()) == 1


def test_export_page_markers_start_their_pages_after_a_header_and_before_a_short_page() -> None:
    # a portal export: a header of fields, then "[Page n]" before each page's text; the
    # last page is short (a letter's close), which is no reason to read the markers as feet
    body = ("The agent wrote to the steward that the rents were late again this quarter,\n"
            "and that two of the tenants had asked for more time to pay what they owed.\n"
            "He hoped the steward would speak to them at the next court day.\n"
            "The mill was in need of repair and the roof of the barn had fallen in.\n")
    text = ("Title: Letters of the agent\nReference: AG/1/2\nDate: 1851\n\n"
            "[Page 1]\n" + body + "\n[Page 2]\nI am, Sir,\nyour obedient servant,\nthe Agent.\n")
    doc = layout_text(text)
    pages = doc.pages()
    assert [p["n"] for p in pages][1:] == ["1", "2"]
    assert "Reference" in doc.text[pages[0]["start"]:pages[0]["end"]]
    assert "obedient" in doc.text[pages[2]["start"]:pages[2]["end"]]
    assert "barn" in doc.text[pages[1]["start"]:pages[1]["end"]]


def test_lines_wrapped_at_132_columns_are_no_paragraphs_each() -> None:
    # a line printer's or a wide typescript's paragraph: lines over 120 characters that
    # end a sentence here and there are still lines of one paragraph
    import textwrap

    para = ("The committee met at the mill house on the first Monday of the month. The miller, "
            "two of the tenants and the steward were present. It was agreed that the sluice "
            "gates should be rebuilt in oak before the autumn rains. The tenants would carry "
            "the timber from the wood. The steward undertook to write to the agent in town "
            "about the cost of iron for the hinges. He thought it would be more than allowed.")
    lines = textwrap.wrap(para, 132)
    assert any(len(ln) > 120 and ln.endswith(".") for ln in lines[:-1])
    doc = layout_text("\n".join(lines) + "\n\nA second paragraph follows.\n")
    assert doc.text == para + "\n\nA second paragraph follows."


def test_export_markers_around_an_empty_page_still_split() -> None:
    text = "[Page 1]\n\n[Page 2]\nThe agent wrote to the steward about the rents.\n"
    doc = layout_text(text)
    assert [p["n"] for p in doc.pages()] == ["1", "2"]
    assert "Page" not in doc.text
