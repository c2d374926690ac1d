"""A title read from a heading in capitals keeps the capitals of the names in it."""

from archivist.extract import STAGES
from archivist.pipeline import Pipeline


def _title(doc_factory, text: str) -> str:
    return Pipeline(list(STAGES))(doc_factory(text)).metadata.get("title", "")


def test_a_newspaper_masthead_keeps_its_name(doc_factory) -> None:
    text = ("THE FENMOUTH ADVERTISER\n\nSATURDAY, MARCH 4, 1871.\n\nThe harbour "
            "commissioners met on Tuesday to consider the state of the pier.")
    assert _title(doc_factory, text) == "The Fenmouth Advertiser"


def test_an_unknown_word_in_a_heading_is_a_name_the_rest_sentence_case(doc_factory) -> None:
    text = ("REPORT ON THE TRADE OF QUARNSEY FOR THE YEAR 1902\n\nThe trade of the "
            "port increased in the year under review, chiefly in timber and coal.")
    assert _title(doc_factory, text) == "Report on the trade of Quarnsey for the year 1902"
