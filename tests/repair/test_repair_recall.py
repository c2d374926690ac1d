"""Periodical recall (round 8): old spelling judged on lower-case forms, capitals
in headings and advertisements, capitalised garbles; and what each leaves alone."""

from __future__ import annotations

from archivist.repair.core import build_context
from archivist.repair.words import fix_words


def applied(text: str, changes) -> str:
    for c in sorted(changes, key=lambda c: c.start, reverse=True):
        if c.confidence >= 0.5:
            text = text[:c.start] + c.replacement + text[c.end:]
    return text


def test_old_looking_surname_does_not_make_a_document_archaic():
    text = "Mr. Tooke said that the comittee would ultinatelv meet on Monday to vote."
    ctx = build_context([text])
    assert ctx.flags["archaic"] is False
    out = applied(text, fix_words(text, ctx))
    assert "committee" in out and "ultimately" in out and "Tooke" in out


def test_old_spelling_in_lower_case_still_holds_corrections_back():
    text = "and he tooke the comittee to the hall, and it would ultinatelv meet."
    ctx = build_context([text])
    assert ctx.flags["archaic"] is True
    assert applied(text, fix_words(text, ctx)) == text
