"""Metadata of genres met in probe 9: memoranda and telegrams with routing lines, a
treaty's two-line title, a title naming a person printed only in capitals, a
newspaper's date in its running head."""

from archivist.extract.dates import extract_dates
from archivist.extract.entities import extract_entities
from archivist.extract.metadata import extract_metadata, heading, routing
from archivist.model import Furniture

MEMO = ("MINISTRY OF FUEL\n\nMEMORANDUM\n\nTo: Regional Controller, Northern Area\n"
        "From: Assistant Secretary, Coal Division\nSubject: Pit-prop supplies at Hartlepool.\n\n"
        "1. Stocks are low and the Swedish cargoes are late.\n\n"
        "(Sgd.) H. W. ACKROYD\n")


def test_memo_routing_gives_title_author_recipient(doc_factory) -> None:
    doc = extract_metadata(extract_entities(doc_factory(MEMO)))
    md = doc.metadata
    assert md["title"] == "Pit-prop supplies at Hartlepool"
    assert md["recipient"] == "Regional Controller, Northern Area"
    # the typed name under "(Sgd.)" is the author; the From line is its office
    assert md["author"] == "H. W. ACKROYD"


def test_telegram_routing_line_is_no_title(doc_factory) -> None:
    text = ("FROM  CONSULATE GENERAL TRIESTE          TO  FOREIGN OFFICE\n\n"
            "NO 77     120930Z     SECRET\n\n"
            "YOUR 41 STOP PORT CLOSED TO SHIPPING SINCE DAWN STOP GARRISON REINFORCED STOP "
            "NO INCIDENTS REPORTED STOP CONSUL RETURNS TOMORROW STOP FURTHER REPORT FOLLOWS "
            "STOP REPEATED ROME STOP\n")
    doc = extract_metadata(doc_factory(text))
    assert "title" not in doc.metadata
    assert doc.metadata["author"] == "CONSULATE GENERAL TRIESTE"
    assert doc.metadata["recipient"] == "FOREIGN OFFICE"


def test_routing_needs_its_form() -> None:
    assert routing("She came from Leeds.\nTo her surprise it snowed.") == {}


def test_treaty_title_runs_over_its_between_line() -> None:
    t = "TREATY\n\nBETWEEN THE KINGDOM OF SIAM AND THE REPUBLIC OF PERU\n\nThe parties ..."
    s, e = heading(t)
    assert t[s:e] == "TREATY\n\nBETWEEN THE KINGDOM OF SIAM AND THE REPUBLIC OF PERU"
    # a short caps line before prose is still no title
    assert heading("NOTES\n\nThe parties met at noon and then went home again.") is None


def test_title_capitalises_a_name_printed_only_in_capitals(doc_factory) -> None:
    doc = extract_metadata(extract_entities(doc_factory(
        "THE JOURNAL OF THOMAS PILKINGTON\n\nWent to the Society for the Relief of the Poor "
        "with Mr. Crabtree.")))
    assert doc.metadata["title"].startswith("The journal of Thomas Pilkington")


def test_newspaper_date_from_its_running_head(doc_factory) -> None:
    doc = doc_factory("THE FLOODS.\n\nLYONS, Feb. 9.\nThe river rose.")
    doc.furniture.append(Furniture("header", "THE NORTHERN ECHO, MONDAY, FEBRUARY 12, 1872.",
                                   "3", 0, 0))
    doc = extract_dates(doc)
    assert doc.metadata["date"] == "1872-02-12"
    assert {d.text: d.value for d in doc.dates}["Feb. 9"] == "1872-02-09"


def test_telegram_signer_is_the_author_and_office_the_sender(doc_factory) -> None:
    text = ("TELEGRAM\n\nFROM  CONSULATE GENERAL TRIESTE          TO  FOREIGN OFFICE\n\n"
            "YOUR 41 STOP PORT CLOSED SINCE DAWN STOP REPEATED ROME STOP\n\nCUNNINGHAME\n")
    md = extract_metadata(doc_factory(text)).metadata
    assert md["author"] == "CUNNINGHAME"
    assert md["sender"] == "CONSULATE GENERAL TRIESTE"
    # a closing word of the wire service is no signer
    md = extract_metadata(doc_factory(text.replace("CUNNINGHAME", "MESSAGE ENDS"))).metadata
    assert md["author"] == "CONSULATE GENERAL TRIESTE"
