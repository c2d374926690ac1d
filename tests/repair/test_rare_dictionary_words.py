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
