"""review12b: the layout12 namesake rule ("Port Arthur, Texas") took a person's name
after a comma for a state, and let one namesake mention decide a mention that names
its own country ("Port Arthur, Manchuria") in a document about both places."""

from __future__ import annotations

import pytest

from archivist.extract.entities import extract_entities


def _ids(doc_factory, text: str, name: str) -> set[str]:
    doc = extract_entities(doc_factory(text))
    return {m.entity for m in doc.mentions if m.text == name}


@pytest.mark.parametrize("text", [
    "We sailed from Canton, Virginia Dare and her sister being with us.",
    "The consul left Canton, Indiana Hale having sent for him.",
    "The steamer left Canton, O. H. Perkins being aboard.",
])
def test_a_persons_name_after_the_comma_is_no_state(doc_factory, text: str) -> None:
    assert _ids(doc_factory, text, "Canton") == {"place-guangzhou"}


def test_a_state_followed_by_state_is_still_a_qualifier(doc_factory) -> None:
    text = "The packet from Batavia, New York State, was late again."
    assert _ids(doc_factory, text, "Batavia") == {"place-batavia-us-ny"}


@pytest.mark.parametrize("text,name,foreign,home", [
    ("Port Arthur, Texas, was named after the Port Arthur of the siege. Port Arthur, "
     "Manchuria, fell in January after a long siege.", "Port Arthur", "place-lushun",
     "place-port-arthur-us-tx"),
    ("The mission at Canton (China) and the church at Canton (Ohio) wrote to each other.",
     "Canton", "place-guangzhou", "place-canton-us-oh"),
])
def test_a_mention_with_its_own_country_is_not_the_namesake(doc_factory, text: str, name: str,
                                                            foreign: str, home: str) -> None:
    doc = extract_entities(doc_factory(text))
    got = [m.entity for m in doc.mentions if m.text == name]
    # the first mention with the settler region is the namesake; the one abroad is not
    assert home in got and foreign in got


def test_a_town_after_the_name_is_a_lists_next_item_not_its_country(doc_factory) -> None:
    text = ("The foundry at Canton, Ohio, was sold. Its iron went to Canton, Massillon and "
            "Akron by rail.")
    assert _ids(doc_factory, text, "Canton") == {"place-canton-us-oh"}
