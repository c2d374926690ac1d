"""Review 9a: archive abbreviations shared by two archives (invented references)."""

from __future__ import annotations

from archivist.extract.citations import parse_note


def test_pa_is_expanded_by_its_reference_code() -> None:
    # the German Foreign Office's file numbers: not the Parliamentary Archives in London
    (c,) = parse_note("PA, R 1234, Botschaft Paris to Berlin, 3 May 1905.", "1")
    assert c["archive"] == "PA"
    assert c["archive-name"] == "Politisches Archiv des Auswärtigen Amts"
    assert c["archive-town"] == "Berlin"
    (c,) = parse_note("PA, HL/PO/JO/10/1/2.", "2")
    assert c["archive-town"] == "London" and c["archive-name"] == "Parliamentary Archives"
    # a code that says neither: nothing is guessed
    (c,) = parse_note("PA, XY 12/3.", "3")
    assert c["archive"] == "PA" and "archive-name" not in c and "archive-town" not in c


def test_ara_is_expanded_by_the_place_cited() -> None:
    # the Algemeen Rijksarchief of The Hague (now Nationaal Archief), not of Brussels
    (c,) = parse_note("ARA, The Hague, BZ 123/4.", "1")
    assert c["archive-name-en"] == "National Archives of the Netherlands"
    (c,) = parse_note("ARA, Brussels, MAE 123/4, fol. 5.", "2")
    assert c["archive-name-en"] == "State Archives of Belgium, General Archives of the Kingdom"
    (c,) = parse_note("ARA, BZ 123/4, fol. 5.", "3")
    assert "archive-name" not in c and "archive-town" not in c
