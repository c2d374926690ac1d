"""review11b: a place whose own name ends in a capitalised Valley or Harbour stays one
name; it is not merged with a place named by its first word."""

from __future__ import annotations

import pytest

from archivist.extract.entities import extract_entities


@pytest.mark.parametrize("text,full,bare", [
    ("The fleet lay at Pearl Harbour. At Pearl the river was wide.", "Pearl Harbour", "Pearl"),
    ("The ships lay in Victoria Harbour at Hong Kong. The colony of Victoria sent wool "
     "to London.", "Victoria Harbour", "Victoria"),
])
def test_a_capitalised_harbour_is_part_of_the_name(doc_factory, text, full, bare):
    doc = extract_entities(doc_factory(text))
    ids = {m.text: m.entity for m in doc.mentions}
    assert full in ids and ids.get(bare) != ids[full], doc.entities
    names = {e.id: e.name for e in doc.entities}
    assert names[ids[full]] == full


def test_a_lower_case_noun_of_place_still_merges(doc_factory):
    doc = extract_entities(doc_factory(
        "The Cressing valley flooded in March; at Cressing the mill was lost."))
    ids = {m.text for m in doc.mentions if m.entity == "place-cressing"}
    assert "Cressing" in ids
