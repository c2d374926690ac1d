"""Precision (round 9): repairs that made rows worse, and what each guard leaves
alone. Examples invented; each also checked to be changed without its guard."""

from __future__ import annotations

import pytest

from archivist.repair import context
from archivist.repair.context import fix_context


def applied(text: str, changes) -> str:
    for c in sorted(changes, key=lambda c: c.start, reverse=True):
        if c.confidence >= 0.5:
            text = text[:c.start] + c.replacement + text[c.end:]
    return text


GLUED = [
    "nt the farmer sold them at the fair",  # the text opens inside a word
    "we found the most ob-served of the rules kept",  # line-break hyphen left in
    "and he saw its o,ld roof from the road",  # a mark for a letter
]


@pytest.mark.parametrize("text", GLUED)
def test_pieces_of_longer_words_are_not_read_as_short_words(text):
    assert applied(text, fix_context(text)) == text


@pytest.mark.parametrize("text", GLUED)
def test_without_the_guard_the_piece_would_be_read(text, monkeypatch):
    # the examples exercise the guard: without it the fragment rule changes them
    monkeypatch.setattr(context, "glued_piece", lambda *a: False)
    assert applied(text, fix_context(text)) != text


def test_a_stray_letter_between_words_is_still_read():
    text = "It was n answer that came from the house"
    assert "was an answer" in applied(text, fix_context(text))
