"""Layout reads CRLF (Windows), CR (old Mac) and LF line ends alike, and `original`
keeps the file's own line ends: every offset still points into it.

Regressions: with lone CR line ends, (1) a foot block removed from the body left an
LF right after the CR before it, and the paragraph stage read that "\\r" + "\\n" as one
CRLF, so the paragraph break around the removed block was lost (two paragraphs
joined with a space); (2) a footnote continued on the next page kept the CRs of its
moved lines inside the note's text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_helpers import layout_text

from archivist.model import Document, check_edits

ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}

# Two pages: running head, page numbers, a rule above the foot block, a note that
# continues on the next page, markers of three kinds, a paragraph break.
PAGES = [
    "THE BORDER WAR\n"
    "The harvest failed in the east, and the ministry blamed the “saboteurs.”³Grain\n"
    "was bought abroad: 1,421 thousand tons in 1933 alone, at prices that the trade\n"
    "delegation called ruinous.[4] The delegation's report reached Moscow in May,\n"
    "and it was read by the whole bureau before the summer recess began.\n"
    "\n"
    "A second paragraph opens here, and the committee met again in the autumn\n"
    "to hear the report of the mission, which it then sent on to the ministry.⁵\n"
    "____\n"
    "3 Pravda, 12 March 1933.\n"
    "4 RGAE, f. 413, op. 13, d. 72, l. 5; see also the report of the trade\n"
    "5 Ibid., l. 11, where the figures of the mission\n"
    "12\n",
    "THE BORDER WAR\n"
    "The committee adjourned without a vote, and the matter rested there until\n"
    "the spring of the following year, when it was raised once more in the bureau.\n"
    "____\n"
    "are given for each of the ports in turn,\n"
    "with the tonnage of the year.\n"
    "13\n",
]


def _page_text(nl: str) -> str:
    return "\f".join(PAGES).replace("\n", nl)


def _seen(doc: Document) -> tuple[list, list, list, str]:
    """What a reader sees: furniture, notes with their text, paragraphs, the text."""
    return ([(f.type, f.text.strip(), f.page) for f in doc.furniture],
            [(n.n, doc.note_view(n).text, n.page) for n in doc.notes],
            [doc.text[p["start"]:p["end"]] for p in doc.paragraphs()],
            doc.text)


@pytest.mark.parametrize("name", ["crlf", "cr"])
def test_footnoted_pages_read_alike_whatever_the_line_ends(name: str) -> None:
    want = layout_text(_page_text("\n"))
    got = layout_text(_page_text(ENDINGS[name]))
    assert _seen(got) == _seen(want)
    # the reference reading itself: notes found, the paragraphs kept apart
    notes = {n: t for n, t, _ in _seen(want)[1]}
    assert sorted(notes) == ["3", "4", "5"]
    assert notes["5"] == ("Ibid., l. 11, where the figures of the mission are given for "
                          "each of the ports in turn, with the tonnage of the year.")
    assert len(_seen(want)[2]) >= 2


@pytest.mark.parametrize("name", sorted(ENDINGS))
def test_offsets_point_into_the_untouched_original(name: str) -> None:
    text = _page_text(ENDINGS[name])
    doc = layout_text(text)
    assert doc.original == text
    check_edits(doc.original, doc.edits)
    for f in doc.furniture:
        assert doc.original[f.start:f.end] == f.text
    for n in doc.notes:
        assert doc.original[n.marker_start:n.marker_end] in ("³", "[4]", "⁵")
        assert doc.original[n.start:n.end].startswith(("Pravda", "RGAE", "Ibid"))
    assert "\r" not in doc.text and all("\r" not in doc.note_view(n).text for n in doc.notes)


def test_a_removed_foot_block_after_a_cr_is_still_a_paragraph_break() -> None:
    # the notes stage leaves "\n" where the block stood; after a lone CR that is
    # two line breaks, not one CRLF
    for nl in ENDINGS.values():
        doc = layout_text(f"¹{nl}____{nl}1 the\fTHE BORDER WAR{nl}")
        assert doc.text == "____\n\nTHE BORDER WAR", repr(nl)


def test_a_source_crlf_is_still_one_line_break() -> None:
    doc = layout_text("one line of text\r\nthe same paragraph\r\n\r\nAnother one.\r\n")
    assert doc.text == "one line of text the same paragraph\n\nAnother one."


WORDS = st.sampled_from(["the", "war", "treaty", "Moscow", "1933", "report.", "ports,", "it"])


@st.composite
def footnoted_pages(draw: st.DrawFn) -> list[list[str]]:
    """Pages of body lines, maybe a rule, numbered foot lines and their continuations."""
    pages = []
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.lists(st.lists(WORDS, min_size=1, max_size=9).map(" ".join),
                              min_size=1, max_size=6))
        if draw(st.booleans()):
            lines.append("")  # a blank line
        if draw(st.booleans()):
            lines.append("____")
        first = draw(st.integers(1, 4))
        for n in range(first, first + draw(st.integers(0, 3))):
            lines.append(f"{n} " + " ".join(draw(st.lists(WORDS, min_size=1, max_size=6))))
            if draw(st.booleans()):
                lines.append(" ".join(draw(st.lists(WORDS, min_size=1, max_size=6))))
        if draw(st.booleans()):
            lines.append(str(draw(st.integers(1, 300))))
        pages.append(lines)
    return pages


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=footnoted_pages(), name=st.sampled_from(["crlf", "cr"]))
def test_line_end_conventions_read_alike(pages: list[list[str]], name: str) -> None:
    def text(nl: str) -> str:
        return "\f".join(nl.join(lines) for lines in pages) + nl

    assert _seen(layout_text(text(ENDINGS[name]))) == _seen(layout_text(text("\n")))


@pytest.mark.parametrize("name", sorted(ENDINGS))
def test_a_continuation_below_a_rule_leaves_the_body(name: str) -> None:
    # the move deletion ran to the end of the rule line only, so the continued
    # note's lines stayed in the body as well as in the note (any line ends); and
    # with CR line ends the moved lines kept their CRs
    text = ("The body of the first page ends here.¹\n1 See the report of the mission\f"
            "The body of page two.\n____\nto Berlin, which gives\nthe figures in full.\n")
    doc = layout_text(text.replace("\n", ENDINGS[name]))
    assert [doc.note_view(n).text for n in doc.notes] == [
        "See the report of the mission to Berlin, which gives the figures in full."]
    assert doc.text == "The body of the first page ends here.\n\nThe body of page two."


@pytest.mark.parametrize("name", sorted(ENDINGS))
def test_a_continued_note_joins_its_lines_whatever_the_line_ends(name: str) -> None:
    # the moved lines were joined on LF only: with CR or CRLF the note's own line
    # joining then rewrote part of the moved text and the note read twice over
    text = ("The body of the first page ends here.¹\n1 See the report of the mis-\f"
            "The body of page two.\n____\nsion to Ber-\nlin, which gives\nthe figures.\n")
    doc = layout_text(text.replace("\n", ENDINGS[name]))
    assert [doc.note_view(n).text for n in doc.notes] == [
        "See the report of the mis-\nsion to Ber-\nlin, which gives the figures."]
