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


@pytest.mark.parametrize("text", [
    "The terms were read aloud.\nIn faith whereof the plenipotentiaries signed.\n(Signed) FRANCE.\n",
    "In witness whereof the undersigned have signed the present Treaty.\n(Sgd.) FRANCE.\n",
])
def test_a_state_signing_a_treaty_stays_a_place(doc_factory, text):
    doc = extract_entities(doc_factory(text))
    assert {e.type for e in doc.entities if "FRANCE" in e.variants} == {"PLACE"}, doc.entities


def test_a_signer_under_a_letters_closing_after_a_treaty_is_still_a_person(doc_factory):
    doc = extract_entities(doc_factory(
        "In witness whereof the undersigned have signed the present Treaty.\n"
        "(Signed) FRANCE.\n\nYours faithfully,\n\nJORDAN.\n"))
    assert {e.type for e in doc.entities if "JORDAN" in e.variants} == {"PERSON"}
