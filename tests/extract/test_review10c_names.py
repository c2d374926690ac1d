"""Review 10c: a title-case heading's verb is cut off a name, but a surname that reads
as a verb ("Wells", "Burns") before the heading's verb stays part of the name."""

from __future__ import annotations

import pytest

from archivist.extract import rules


def persons(text: str) -> set[str]:
    return {text[s:e] for s, e, t in rules.rule_spans(text) if t == "PERSON"}


@pytest.mark.parametrize(("text", "name"), [
    ("Mr. H. G. Wells Replies To His Critics", "H. G. Wells"),
    ("Mr. John Burns Speaks At The Town Hall", "John Burns"),
    ("Mr. Arthur Banks Answers The Deputation", "Arthur Banks"),
])
def test_a_surname_like_a_verb_before_the_headings_verb_is_kept(text: str, name: str) -> None:
    got = persons(text)
    assert name in got
    assert not any(name.startswith(g) and g != name for g in got)


def test_the_headings_verb_is_still_cut() -> None:
    assert persons("Mr. Neville Chamberlain Speaks At Leeds") == {"Neville Chamberlain"}
