"""Archival references without a file (folder or pages with "p.") and inverted authors."""

from __future__ import annotations

from archivist.extract.citations import parse_citation


def test_archival_reference_ending_in_p_is_archival():
    c = parse_citation("GARF, f. 1, op. 2, p. 3.")
    assert c["type"] == "archival"
    assert (c["archive"], c["fond"], c["opis"], c["locator"]) == ("GARF", "1", "2", "3")
    assert "title" not in c and "author" not in c


def test_archival_pages_and_spelled_out_folder():
    assert parse_citation("GARF, f. 10, op. 4, pp. 7-9.")["locator"] == "7-9"
    c = parse_citation("GARF, f. 10, op. 4, papka 7.")
    assert c["type"] == "archival" and c["papka"] == "7"


def test_folder_before_file_still_a_folder():
    c = parse_citation("AVP RF, f. 1, op. 2, p. 3, d. 4, l. 5.")
    assert (c["papka"], c["delo"], c["list"]) == ("3", "4", "5")


def test_inverted_author_with_initials():
    c = parse_citation("Smith, A. N., The Road to Munich (Oxford, 1935)")
    assert c["author"] == [{"family": "Smith", "given": "A. N."}]
    assert c["title"] == "The Road to Munich"
    assert (c["publisher-place"], c["issued"]) == ("Oxford", "1935")


def test_inverted_author_with_a_given_name_and_a_short_title_unchanged():
    c = parse_citation("Brown, Alfred, A History of Tariffs (London, 1921), p. 40.")
    assert c["author"] == [{"family": "Brown", "given": "Alfred"}]
    assert c["title"] == "A History of Tariffs" and c["locator"] == "40"
    c = parse_citation("Brown, Tariffs, p. 12.")  # a surname and a short title
    assert c["author"] == [{"family": "Brown"}] and c["title"] == "Tariffs"


def test_a_national_archives_reference_before_a_dated_letter():
    c = parse_citation("F.O. 371/1186, no. 23456, Barclay to Grey, 2 Sept. 1911.")
    assert (c["type"], c["archive"], c["archive_location"]) == (
        "archival", "TNA", "FO 371/1186, no. 23456")
    assert (c["title"], c["issued"], c["record-group"]) == (
        "Barclay to Grey", "1911-09-02", "Foreign Office")
