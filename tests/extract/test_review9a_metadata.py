"""Review 9a: memorandum routing lines after paragraph joining (invented memo)."""

from __future__ import annotations

from archivist.extract.metadata import extract_metadata, routing


def test_routing_lines_joined_into_one_are_read_field_by_field(doc_factory) -> None:
    # layout joins short lines of a paragraph: the fields must not run into each other
    text = ("MEMORANDUM\n\nFrom: Director of Supplies To: Under-Secretary of State "
            "Subject: Coal stocks, winter\n\n1. The stocks are low.\n\nA. B. CARTER\n")
    assert routing(text) == {"from": "Director of Supplies",
                             "to": "Under-Secretary of State",
                             "subject": "Coal stocks, winter"}
    md = extract_metadata(doc_factory(text)).metadata
    assert md["sender"] == "Director of Supplies"
    assert md["recipient"] == "Under-Secretary of State"
    assert md["title"] == "Coal stocks, winter"
