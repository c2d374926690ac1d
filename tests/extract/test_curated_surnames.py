"""A curated person is not every bearer of the surname: given names or initials
that are not the curated person's make another person (invented sentences)."""

from archivist.model import Document, Source
from archivist.pipeline import Pipeline


def entities(text: str) -> list[tuple[str, str]]:
    doc = Pipeline().only(["layout", "extract"])(Document(text, Source("t", "0", "text")))
    return sorted((e.type, e.name) for e in doc.entities)


def test_other_given_names_are_another_person() -> None:
    got = entities("Mr. H. J. WILSON wrote to the council about the drains.\n")
    assert ("PERSON", "Woodrow Wilson") not in got
    got = entities("The council heard Henry James Wilson on the drains.\n")
    assert ("PERSON", "Woodrow Wilson") not in got


def test_the_curated_person_is_still_found() -> None:
    for text in ("President Wilson spoke to the Senate.\n",
                 "The note of W. Wilson reached the Senate.\n"):
        assert ("PERSON", "Woodrow Wilson") in entities(text), text


def test_an_initial_does_not_join_two_given_names() -> None:
    # "J. Smith" fits both: it may join one of them, never make them one person
    got = entities("Mr. John Smith met Mr. James Smith at the dock. Later J. Smith wrote "
                   "the report.\n")
    people = [name for t, name in got if t == "PERSON"]
    assert "John Smith" in people and "James Smith" in people
