"""A currency carries over to a bare amount only inside its clause or list of amounts."""

from __future__ import annotations

from archivist.extract.quantities import find_quantities


def _units(text: str) -> dict[str, str]:
    return {text[f.start:f.end]: f.unit for f in find_quantities(text)}


def test_a_new_clause_after_a_semicolon_takes_no_currency():
    found = _units("He earned £40,000; his rival sold 2 million.")
    assert found.get("£40,000") == "GBP"
    assert "2 million" not in found or found["2 million"] != "GBP"


def test_a_conjunction_with_a_new_subject_takes_no_currency():
    found = _units("He earned £40,000, and his rival sold 2 million.")
    assert "2 million" not in found or found["2 million"] != "GBP"


def test_a_list_of_amounts_keeps_its_currency():
    found = _units("The loans came to £40,000, £25,000 and 3 million in all.")
    assert found["3 million"] == "GBP"
    found = _units("It cost 90 million, 40 million of which were in gold roubles.")
    assert found["90 million"] == found["40 million"] == "rouble"
