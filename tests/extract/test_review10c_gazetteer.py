"""Review 10c: old city names the widened filters let in that are English words, brands,
rivers or surnames ("Chinking the coins", "the cruiser Athene", "the river Tawe") are no
gazetteer entries; the real old names stay."""

from __future__ import annotations

import pytest

from archivist.extract.common import name_key
from archivist.extract.gazetteer import load


@pytest.mark.parametrize("word", ["Chinking", "Brasso", "Manuf", "Tawe", "Athene", "Kolon",
                                  "Nant", "Akara", "Amans", "Ganking", "Elam", "Shimpo"])
def test_words_and_names_are_no_old_city_names(word: str) -> None:
    entry = load().by_key.get(name_key(word))
    assert entry is None or not entry.old


@pytest.mark.parametrize("name", ["Amoy", "Kiev", "Helsingfors", "Dacca", "Hilla", "Laibach",
                                  "Chefoo", "Elbing"])
def test_real_old_names_stay(name: str) -> None:
    entry = load().by_key.get(name_key(name))
    assert entry is not None and entry.type == "PLACE"


@pytest.mark.parametrize(("text", "name"), [
    ("The Resident telegraphed to Simla for instructions.", "Simla"),
    ("The agent wrote to Bombay for orders by the next mail.", "Bombay"),
    ("A letter to Madras went by the same steamer.", "Madras"),
    ("The consul cabled to Danzig at once.", "Danzig"),
    ("The commission visited Tientsin in the spring.", "Tientsin"),
])
def test_an_old_city_written_or_wired_to_is_a_place(doc_factory, text: str, name: str) -> None:
    from archivist.extract.entities import extract_entities

    doc = extract_entities(doc_factory(text))
    assert name in [e.name for e in doc.entities if e.type == "PLACE"]
