"""layout12: short prose lines and a letter's signature are no headings; chapter and
section headings of every usual shape still are."""

from __future__ import annotations

import pytest
from layout_helpers import PROSE, layout_text

AFTER = ("The drainage of the lower fen was begun in the autumn by the commissioners, who\n"
         "hired the labourers at the hiring fair in the town and paid them by the week.")


def kinds(text: str) -> list[tuple[str, str]]:
    doc = layout_text(text)
    return [(doc.text[p["start"]:p["end"]], p["kind"]) for p in doc.paragraphs()]


@pytest.mark.parametrize("line", [
    "He left the next morning",  # the stop lost to OCR
    "They never saw the valley again",
    "The troops were sent home",
    "It was a cold winter",
    "He left the next morning.2",  # a note's number after the stop
    "He left the next morning.*",
])
def test_a_one_line_prose_paragraph_is_no_heading(line: str) -> None:
    assert kinds(f"{PROSE}\n\n{line}\n\n{AFTER}")[1] == (line, "p")


@pytest.mark.parametrize("sig", [
    "John Wright\n\nSecretary",
    "John Wright\nSecretary",  # joined on one line by the paragraph rules
    "J. R. Wright\n\nHon. Secretary",
    "Mary Anne Lowe\n\nClerk to the Board",
])
def test_a_name_over_an_office_is_no_heading(sig: str) -> None:
    assert {k for _, k in kinds(f"{PROSE}\n\n{sig}\n\n{AFTER}")} == {"p"}


@pytest.mark.parametrize("closing", [
    "I have the honour to be, Sir,\nYour obedient Servant,",
    "Yours faithfully,",
])
def test_the_lines_under_a_closing_are_no_headings(closing: str) -> None:
    assert {k for _, k in kinds(f"{PROSE}\n\n{closing}\n\nJohn Wright\n\nOverton\n\n"
                                f"{AFTER}")} == {"p"}


def test_the_signature_above_a_postscript_is_no_heading() -> None:
    got = kinds(f"{PROSE}\n\nJohn Wright\n\nP.S. The maps are enclosed, as you asked, "
                "with the list of the mills and the fords.")
    assert {k for _, k in got} == {"p"}


@pytest.mark.parametrize("head", [
    "CHAPTER IV", "III. The Treaty of Portsmouth", "Introduction", "Notes on the Harbour",
    "How the first cut was made", "When the river was low", "Life in the mills",
    "4. The Outbreak", "The Colonial Secretary", "Section 4.1",
])
def test_headings_stay_headings(head: str) -> None:
    assert kinds(f"{head}\n\n{PROSE}")[0] == (head, "head")
    assert kinds(f"{PROSE}\n\n{head}\n\n{AFTER}")[1] == (head, "head")


def test_a_heading_pair_with_an_office_word_but_no_name_stays() -> None:
    got = kinds(f"{PROSE}\n\nCHAPTER IV\n\nThe Secretary\n\n{AFTER}")
    assert [k for _, k in got] == ["p", "head", "head", "p"]


def test_a_verse_goes_on_but_a_chapter_heading_after_an_unended_line_stays() -> None:
    verse = kinds(f"{PROSE}\n\nThe tide is full, the moon lies fair\n\nUpon the straits\n\n{AFTER}")
    assert {k for _, k in verse} == {"p"}
    got = kinds(f"{PROSE}\n\nHe left the next morning\n\nCHAPTER V\n\n{AFTER}")
    assert ("CHAPTER V", "head") in got
