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


def test_a_place_of_making_inside_a_sentence_is_no_signing_place(doc_factory) -> None:
    text = ("A HISTORY OF TOOLS\n\nThe best saws were Made in Solingen, where the works "
            "stood by the river.\n")
    assert "place" not in extract_metadata(doc_factory(text)).metadata
    text = "AGREEMENT\n\nArticle 1. Peace.\n\nSigned at Riga, in duplicate, this day.\n"
    assert extract_metadata(doc_factory(text)).metadata["place"] == "Riga"
