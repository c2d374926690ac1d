"""repair.context never reads a real word as the word beside it ("anil and" -> "and and")."""

from __future__ import annotations

from archivist.repair.context import fix_context


def _applied(text: str) -> str:
    for c in sorted(fix_context(text), key=lambda c: c.start, reverse=True):
        if c.confidence >= 0.5:
            text = text[:c.start] + c.replacement + text[c.end:]
    return text


def test_a_word_is_not_read_as_its_neighbour() -> None:
    out = _applied("The dyers used indigo, anil and woad in those days.")
    assert "and and" not in out and "anil and" in out

