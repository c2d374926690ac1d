"""A title-case heading's verb after a person's name is not part of the name."""

from __future__ import annotations

import pytest

from archivist.extract.entities import extract_entities
from archivist.extract.rules import title_case_name_end


def _people(doc) -> list[str]:
    return [v for e in doc.entities if e.type == "PERSON" for v in e.variants]


@pytest.mark.parametrize("heading, name, verb", [
    ("M. Briand Replied To The Note", "Briand", "Replied"),
    ("Mr. Chamberlain Speaks At Birmingham", "Chamberlain", "Speaks"),
    ("Herr Stresemann Answers The Critics", "Stresemann", "Answers"),
])
def test_heading_verb_is_cut_from_the_name(doc_factory, heading, name, verb):
    people = _people(extract_entities(doc_factory(heading)))
    assert any(name in p for p in people)
    assert not any(verb in p for p in people)


def test_full_names_in_headings_keep_their_words():
    t = "Mr. Neville Chamberlain Speaks At Leeds"
    assert t[4:title_case_name_end(t, 4, 30)] == "Neville Chamberlain"


def test_running_text_is_left_alone():
    """Outside title case, "Colonel House Replied" is not a heading: no cut is made."""
    t = "Yesterday Colonel Edward House replied."
    assert title_case_name_end(t, 18, 30) == 30
