"""Review 9a: person rules (invented sentences)."""

from __future__ import annotations

from archivist.extract.rules import rule_spans


def _persons(text: str) -> list[str]:
    return [text[s:e] for s, e, k in rule_spans(text) if k == "PERSON"]


def test_a_chapter_number_after_ch_is_no_signed_name() -> None:
    assert _persons("See Ch. XIV and CH. XII for details.") == []
    assert _persons("Ch. LIX, p. 4.") == []
    # a surname that reads as a numeral after a one-letter initial stays a name
    assert _persons("signed O. DIX") == ["O. DIX"]
    assert _persons("Chr. LANGE") == ["Chr. LANGE"]


def test_a_sovereign_with_realm_loses_the_possessive() -> None:
    assert _persons("the army of the Shah of Persia's son") == ["Shah of Persia"]
