"""TEI stays well-formed and valid whatever names, types, spans and dates a document
carries (each case below was found by hypothesis and shrunk)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

from archivist.export.tei import to_tei, validate
from archivist.model import DateMention, Entity, Mention, Quantity

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_helpers import make_doc  # noqa: E402


def _check(doc) -> str:  # noqa: ANN001
    xml = to_tei(doc)
    etree.fromstring(xml.encode())  # well-formed (libxml2 also checks xml:id values)
    assert validate(xml) == []
    return xml


def test_non_ascii_entity_id_is_a_valid_xml_id() -> None:
    # xml:id="Ș": libxml2 refused the whole document ("not an NCName")
    doc = make_doc("t", ["border"])
    doc.entities.append(Entity("Ș", "PERSON", "Ș"))
    doc.mentions.append(Mention("Ș", "border", "text", 0, 6))
    xml = _check(doc)
    assert 'ref="#_"' in xml


@pytest.mark.parametrize("etype", ["", "x y", "\x01"])
def test_odd_entity_type_gives_a_valid_type_word(etype: str) -> None:
    # @type="" or with a space is not a teidata.enumerated
    doc = make_doc("t", ["border"])
    doc.entities.append(Entity("e1", etype, "Border"))
    doc.mentions.append(Mention("e1", "border", "text", 0, 6))
    _check(doc)


def test_name_running_past_its_paragraph_is_dropped_not_wrapped_around_it() -> None:
    # the persName [0, 7) opened before the paragraph [0, 6) and contained it
    doc = make_doc("t", ["border \f"])
    doc.entities.append(Entity("e1", "PERSON", "Border"))
    doc.mentions.append(Mention("e1", "border ", "text", 0, 7))
    xml = _check(doc)
    assert "persName" not in xml.split("<body>")[1].split("</body>")[0]


def test_repeated_entity_id_is_listed_once() -> None:
    doc = make_doc("t", ["border"])
    doc.entities += [Entity("0", "PERSON", "A"), Entity("0", "PERSON", "B")]
    _check(doc)


@pytest.mark.parametrize("value", ["1938-13-45", "1938-02-30", "1938-00"])
def test_impossible_date_gets_no_when(value: str) -> None:
    doc = make_doc("t", ["border 1938"])
    doc.dates.append(DateMention("1938", value, "text", 7, 11))
    xml = _check(doc)
    assert "when=" not in xml.split("<body>")[1]


@pytest.mark.parametrize(("page", "cut"), [("\u0301\u0301 leading marks.", "\u0301\u0301 "),
                                          ("trailing marks. \u0301\u0301", " \u0301\u0301")])
def test_deletion_outside_every_paragraph_goes_into_one(page: str, cut: str) -> None:
    # repair.diacritics deletes orphan marks before the first word: its <choice> was
    # put straight in <body>, which TEI does not allow
    doc = make_doc("t", [page], fixes={cut: ""})
    xml = _check(doc)
    body = xml.split("<body>")[1]
    assert "<choice>" in body and "<p><choice>" in body or "</choice></p>" in body


@pytest.mark.parametrize(("value", "unit", "kind"), [
    (float("nan"), "GBP", "money"), (float("inf"), "mile", "measure"), ("many", "man", "count"),
    (1e300, "", ""), (-0.5, "square mile", "x y"), (None, "\x01", "percent")])
def test_odd_quantity_gives_valid_measure_attributes(value, unit, kind) -> None:  # noqa: ANN001
    # hand-built JSON can carry any value, unit or kind
    doc = make_doc("t", ["border 1938"])
    doc.quantities.append(Quantity("1938", kind, value, unit, "text", 7, 11))
    xml = _check(doc)
    assert "<measure" in xml.split("<body>")[1]
