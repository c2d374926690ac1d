"""review12b: the layout12 heading rules misfiled headings of usual shapes as prose."""

from __future__ import annotations

import pytest
from layout_helpers import PROSE, layout_text

AFTER = ("The drainage of the lower fen was begun in the autumn by the commissioners, who\n"
         "hired the labourers at the hiring fair in the town and paid them by the week.")


def kinds(text: str) -> list[tuple[str, str]]:
    doc = layout_text(text)
    return [(doc.text[p["start"]:p["end"]], p["kind"]) for p in doc.paragraphs()]


@pytest.mark.parametrize("head", ["Appendix A.1", "Chapter II.3", "Section B.12", "Annex C.2"])
def test_a_section_number_after_a_letter_is_no_notes_reference(head: str) -> None:
    # (a note's number follows a word's last, small letter: "by the week.12")
    assert kinds(f"{PROSE}\n\n{head}\n\n{AFTER}")[1] == (head, "head")


@pytest.mark.parametrize("head", ["The first of May", "The will of the founder",
                                  "A May morning", "The might of the river"])
def test_an_auxiliarys_form_as_a_name_or_a_noun_makes_no_sentence(head: str) -> None:
    # "May" inside the line is the month; "will" after "the" is a noun, not a verb
    assert kinds(f"{PROSE}\n\n{head}\n\n{AFTER}")[1] == (head, "head")


@pytest.mark.parametrize("run", [
    "CHAPTER IV\n\nWarren Hastings, Governor-General",
    "CHAPTER IV\n\nWarren Hastings\n\nGovernor-General of Bengal",
    "Part II\n\nLord Elgin\n\nGovernor of Jamaica",
])
def test_a_name_and_office_under_a_chapter_heading_are_headings(run: str) -> None:
    got = kinds(f"{PROSE}\n\n{run}\n\n{AFTER}")
    assert [k for _, k in got[1:-1]] == ["head"] * (run.count("\n\n") + 1)


def test_a_signature_in_capitals_is_still_no_heading() -> None:
    got = kinds(f"{PROSE}\n\nJOHN WRIGHT\n\nSecretary\n\n{AFTER}")
    assert {k for _, k in got} == {"p"}


@pytest.mark.parametrize("closing", ["Yours faithfully,", "Believe me, dear Sir,"])
def test_a_chapter_heading_under_a_letters_signature_is_a_heading(closing: str) -> None:
    got = kinds(f"{PROSE}\n\n{closing}\n\nJohn Smith\n\nCHAPTER V\n\nThe Return\n\n{AFTER}")
    assert [k for _, k in got] == ["p", "p", "p", "head", "head", "p"]


def test_a_heading_under_prose_that_ends_with_a_comma_is_a_heading() -> None:
    # (OCR reads a paragraph's last stop as a comma; a closing's words are not there)
    got = kinds(f"{PROSE[:-1]},\n\nReceipts and Expenditure\n\n{AFTER}")
    assert got[1] == ("Receipts and Expenditure", "head")


def test_a_long_closing_that_ends_with_a_comma_still_makes_a_signature() -> None:
    closing = (f"{PROSE}\nI have the honour to be, Sir,\nYour most obedient humble Servant,")
    got = kinds(f"{closing}\n\nJohn Wright\n\nOverton\n\n{AFTER}")
    assert {k for _, k in got} == {"p"}


@pytest.mark.parametrize("head", ["Report Of The Director", "Letter From The Secretary"])
def test_a_title_cased_heading_ending_with_an_office_is_no_signature(head: str) -> None:
    assert kinds(f"{PROSE}\n\n{head}\n\n{AFTER}")[1] == (head, "head")
