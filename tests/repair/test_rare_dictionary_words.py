"""Rare words of the period's dictionaries that English still uses are no OCR
accidents, though the correction lists lack them."""

from archivist.repair.core import Context
from archivist.repair.words import correct_word


def test_rare_dictionary_words_are_left_alone() -> None:
    for word, prev, nxt in (("glebe", "the", "and"), ("tithing", "the", "of"),
                            ("Glebe", "The", "lands")):
        assert correct_word(word, prev, nxt, Context()) is None, word


def test_garbles_of_common_words_are_still_read() -> None:
    assert correct_word("warehonse", "the", "for", Context()).replacement == "warehouse"
    assert correct_word("goverument", "the", "of", Context()).replacement == "government"


def _applied(text: str) -> list[tuple[str, str]]:
    from archivist.repair import repair_text

    return [(e.original, e.replacement) for e in repair_text(text).edits
            if e.status == "applied"]


def test_a_content_word_is_not_swapped_for_a_commoner_one_by_context() -> None:
    # the context model prefers "title" and "person" here; the words are right
    for text, word in (("The vicar collected the tithe from every farm.", "tithe"),
                       ("The old parson walked to the church.", "parson"),
                       ("He paid ten pence a week for the room.", "pence")):
        assert all(o != word for o, _ in _applied(text)), text


def test_the_context_still_reads_misread_function_words() -> None:
    assert ("aud", "and") in _applied("the king aud the queen rode out")
    assert ("bas", "has") in _applied("the minister bas not replied to the letter")


def test_a_number_one_stays_a_number() -> None:
    # the pronoun rule read "1" before "and" as "I" whatever followed
    for text in ("rated 1 and 2 in the list", "odds of 1 in 5 at the time",
                 "a score of +1 and a loss"):
        assert ("1", "I") not in _applied(text), text
    assert ("1", "I") in _applied("as 1 and my brother rode out")
