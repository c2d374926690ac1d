"""Review round 8: citations that the new archive/debate parsers must leave alone."""

from archivist.extract.citations import parse_citation, parse_note


def test_a_short_form_whose_title_starts_with_hansard_is_no_debate():
    # "Hansard" opens a title here, it is not the name of the debates
    c = parse_citation("Smith, Hansard Reporting, Oxbridge, vol. 2, p. 3.")
    assert c["type"] == "book" and c["author"] == [{"family": "Smith"}]
    assert c["locator"] == "3"
    c = parse_citation("Jones, Hansard Reporting, vol. II, 12.")
    assert c["type"] == "book" and c["locator"] == "12"


def test_hansard_as_the_debates_name_is_still_a_hearing():
    c = parse_citation("Hansard's Parliamentary Debates, 3rd ser., vol. 12, col. 5.")
    assert (c["type"], c["volume"], c["locator"]) == ("hearing", "12", "5")
    c = parse_citation("Hansard (Commons), vol. 3, col. 4.")
    assert (c["type"], c["authority"]) == ("hearing", "House of Commons")


def test_ibid_f_after_a_russian_archive_is_no_folio():
    # "f." in a fond/opis/delo/list reference is the fond: no folio label, as given
    cits = parse_note("GARF, f. 1234, op. 1, d. 7, l. 12; Ibid., f. 9.", "1", None, [])
    assert cits[1]["locator"] == "f. 9" and "label" not in cits[1]
    # after any other archive it is a folio
    cits = parse_note("WKA, WK 371/1, f. 12; Ibid., f. 9.", "1", None, [])
    assert (cits[1]["locator"], cits[1]["label"]) == ("9", "folio")


def test_a_day_in_capitals_is_no_french_cote():
    # "3 MAY 1938" has the shape of "7 N 1234" but is a day
    c = parse_citation("Smith to Brown, WKA, 3 MAY 1938.")
    assert c.get("type") != "archival" and c.get("issued") == "1938-05-03"
    c = parse_citation("QWERTY, 12 JUN 1937.")
    assert c is None or c.get("type") != "archival"
    c = parse_citation("SHD, 7 N 1234.")
    assert (c["type"], c["archive_location"]) == ("archival", "7 N 1234")
