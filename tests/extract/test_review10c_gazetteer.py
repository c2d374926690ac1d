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
