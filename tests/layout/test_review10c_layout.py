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
