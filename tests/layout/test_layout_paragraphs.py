"""Paragraph joining and splitting."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from layout_helpers import layout_text

PARA = ["layout.paragraphs"]


def test_crlf_blank_runs_and_ends_are_normalised():
    doc = layout_text("\r\n\r\n  First line\r\nof one paragraph.\r\n\r\n\r\n\r\nSecond one.  \r\n",
                      PARA)
    assert doc.text == "First line of one paragraph.\n\nSecond one."
    assert doc.original.startswith("\r\n\r\n  First")  # the source is untouched


def test_break_after_hyphen_is_left_for_repair():
    doc = layout_text("across the bor-\nder and into the non-\naggression talks.", PARA)
    assert doc.text == "across the bor-\nder and into the non-\naggression talks."


def test_pdf_like_text_breaks_after_short_sentence_end():
    lines = ["The survey of the upper valley was finished in the spring of that year and the",
             "engineers who walked the banks counted the fords and the mills one by one, as",
             "they had been told to do by the ministry.",
             "Needless to say, the ministry did not read their report with any care at all,",
             "and the maps that went with it were lost before the end of the following year.",
             "Nobody noticed."]
    doc = layout_text("\n".join(lines), PARA)
    paras = doc.text.split("\n\n")
    assert len(paras) == 2
    assert paras[0].endswith("by the ministry.")
    assert paras[1].startswith("Needless to say")


def test_paragraph_split_by_page_break_is_joined():
    doc = layout_text("the delegation wished to settle the incident\n\f\nin a peaceful way.\n\n"
                      "Then they left.", PARA)
    assert doc.text == "the delegation wished to settle the incident in a peaceful way.\n\nThen they left."
    assert doc.metadata["continues_from_previous_page"] is True


def test_double_spaced_typescript_lines_are_one_paragraph():
    lines = ["I told him that we could not accept the proposal as it",
             "stood, because it left the question of the frontier open",
             "and gave the other side time to bring up more troops",
             "before the commission could meet on the spot itself."]
    doc = layout_text("A short title\n\n" + "\n\n".join(lines) + "\n\nNext paragraph.", PARA)
    assert doc.text == "A short title\n\n" + " ".join(lines) + "\n\nNext paragraph."
    assert doc.metadata["continues_from_previous_page"] is False


LINE = st.text(alphabet=st.sampled_from("abc XYZ.,-"), min_size=0, max_size=30)
SEP = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\n \n\n", "\f", " \n\t"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(LINE, SEP), min_size=1, max_size=12))
def test_paragraph_text_invariants(parts):
    doc = layout_text("".join(a + b for a, b in parts) + "end", PARA)
    t = doc.text
    assert t == t.strip()
    assert "\r" not in t and "\f" not in t and "\n\n\n" not in t
    # a single line break survives only after a hyphen
    for m in re.finditer(r"(?<!\n)\n(?!\n)", t):
        assert t[m.start() - 1] == "-"
    # every original character is accounted for: the text is original + edits
    assert doc.body_view().orig[-1] == len(doc.original)


def test_heading_line_in_pdf_text_is_its_own_paragraph():
    lines = ["The survey of the upper valley was finished in the spring of that year and the",
             "engineers who walked the banks counted the fords and the mills one by one, as",
             "they had been told to do by the ministry, and sent in their reports at once.",
             "The Northern Frontier",
             "Needless to say, the ministry did not read their report with any care at all,",
             "and the maps that went with it were lost before the end of the following year."]
    doc = layout_text("\n".join(lines), PARA)
    assert doc.text.split("\n\n")[1] == "The Northern Frontier"


def test_dash_at_line_end_is_joined_with_a_space():
    doc = layout_text("in reply to this proposal --\nsaid Shigeru -- you asked for more.", PARA)
    assert doc.text == "in reply to this proposal -- said Shigeru -- you asked for more."


def test_indented_line_after_a_sentence_starts_a_paragraph():
    lines = ["The survey of the upper valley was finished in the spring of that year and the",
             "engineers who walked the banks counted the fords and the mills one by one, as",
             "they had been told to do by the ministry, and sent in their reports at once.",
             "    Needless to say, the ministry did not read their report with any care,",
             "and the maps that went with it were lost before the end of the following year."]
    doc = layout_text("\n".join(lines), PARA)
    assert doc.text.split("\n\n")[1].startswith("Needless to say")
