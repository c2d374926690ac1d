"""Review 9b: the quantities query agrees on both backends for a sentence filter
with non-ASCII letters and for values that are no numbers (invented sentences)."""

from __future__ import annotations

import math

import pytest
from store_helpers import doc_json, make_doc

from archivist.extract.quantities import extract_quantities
from archivist.store import Store


@pytest.fixture
def accented(store: Store) -> Store:
    doc = make_doc("accented", ["Österreich paid 300 crowns to the Łódź committee."])
    store.add(doc_json(extract_quantities(doc)), "t")
    return store


def test_near_matches_non_ascii_letters_in_any_case(accented: Store) -> None:
    # SQLite's lower() folds ASCII only: 'österreich' never met 'Österreich' there,
    # while PostgreSQL found it
    for near in ("österreich", "ÖSTERREICH", "Österreich", "łódź", "ŁÓDŹ"):
        assert [r["text"] for r in accented.quantities(near=near)] == ["300 crowns"], near


def test_near_takes_percent_and_underscore_literally(accented: Store) -> None:
    assert [r["text"] for r in accented.quantities(near="crowns to")] == ["300 crowns"]
    assert accented.quantities(near="crowns_to") == []
    assert accented.quantities(near="30%") == []  # was read as "30"


@pytest.mark.parametrize("value", [math.nan])
def test_a_bound_that_is_no_number_is_refused(accented: Store, value: float) -> None:
    # NaN is NULL to SQLite (nothing kept) but above every number to PostgreSQL
    with pytest.raises(ValueError):
        accented.quantities(min_value=value)
    with pytest.raises(ValueError):
        accented.quantities(max_value=value)
