"""Citation styles of British, German, French and US archives, parliamentary debates,
published document series and repeated citations (op. cit., loc. cit., Ibid.).

The institutions are real; every call number, title and name here is invented."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.citations import extract_citations, parse_citation, parse_note


def _fields(c, *keys):
    return tuple(c.get(k) for k in keys)


def test_bodleian_with_its_place_and_a_folio_range():
    c = parse_citation("Bodleian Library, Oxford, MS. Eng. hist. c. 987, fols. 21–23.")
    assert _fields(c, "type", "archive", "archive-place", "archive_location", "locator",
                   "label") == ("archival", "Bodleian Library", "Oxford",
                                "MS. Eng. hist. c. 987, fols. 21–23", "21–23", "folio")
    c = parse_citation("Bodl., MS Eng. c. 4321, fo. 7.")
    assert _fields(c, "archive", "archive_location", "locator", "label") == (
        "Bodl.", "MS Eng. c. 4321, fo. 7", "7", "folio")


def test_german_state_and_federal_archives():
    c = parse_citation("Staatsarchiv Hamburg, 222-2 Senat, Cl. III Lit. Ab No. 45, Bd. 6.")
    assert _fields(c, "type", "archive", "archive_location", "volume") == (
        "archival", "Staatsarchiv Hamburg", "222-2 Senat, Cl. III Lit. Ab No. 45, Bd. 6", "6")
    assert "locator" not in c  # a file's volume is no folio
    c = parse_citation("Bundesarchiv, R 43 I/9876, Bl. 65.")
    assert _fields(c, "archive", "archive_location", "locator", "label") == (
        "Bundesarchiv", "R 43 I/9876, Bl. 65", "65", "folio")
    c = parse_citation("Bundesarchiv, Koblenz, N 1234/5, Bl. 3–4.")
    assert _fields(c, "archive-place", "locator") == ("Koblenz", "3–4")


def test_india_office_records_as_a_collection_of_the_british_library():
    c = parse_citation("British Library, India Office Records, IOR/L/PS/98/7654.")
    assert _fields(c, "archive", "archive_collection", "archive_location") == (
        "British Library", "India Office Records", "IOR/L/PS/98/7654")
    c = parse_citation("BL, IOR/R/51/2/665.")
    assert _fields(c, "archive", "archive_location") == ("BL", "IOR/R/51/2/665")


def test_parliamentary_debates_are_hearings_with_day_volume_and_column():
    c = parse_citation("HC Deb 21 June 1937 vol 325 cc1432–5.")
    assert c == {"type": "hearing", "authority": "House of Commons", "container-title": "HC Deb",
                 "volume": "325", "issued": "1937-06-21", "locator": "1432–5",
                 "label": "column"}
    c = parse_citation("Hansard, 5th ser., vol. 325, col. 1432 (21 June 1937).")
    assert _fields(c, "type", "container-title", "collection-number", "volume", "locator",
                   "issued") == ("hearing", "Hansard", "5", "325", "1432", "1937-06-21")
    assert "authority" not in c
    c = parse_citation("Parl. Deb. (Lords), 5th ser., vol. 88, col. 21 (9 March 1933).")
    assert _fields(c, "authority", "container-title", "volume", "issued") == (
        "House of Lords", "Parl. Deb.", "88", "1933-03-09")
    c = parse_citation("Speech by A. Brown in HL Deb 9 March 1933 vol 88 c21.")
    assert _fields(c, "title", "authority", "locator") == ("Speech by A. Brown",
                                                          "House of Lords", "21")


def test_a_book_by_someone_called_hansard_is_still_a_book():
    c = parse_citation("Hansard, Memoirs of a Printer (London, 1901), vol. 2, 12.")
    assert c["type"] == "book" and c["title"] == "Memoirs of a Printer"


def test_us_national_archives_and_frus():
    c = parse_citation("NARA, RG 84, Central Decimal File 1930–39, 893.00/54321, box 7654.")
    assert _fields(c, "archive", "archive_location", "locator") == (
        "NARA", "RG 84, Central Decimal File 1930–39, 893.00/54321, box 7654", "7654")
    c = parse_citation("FRUS, 1937, vol. IV, pp. 321–5.")
    assert c == {"type": "book", "title": "Foreign Relations of the United States",
                 "title-short": "FRUS", "issued": "1937", "volume": "IV", "locator": "321–5",
                 "label": "page"}
    c = parse_citation("Brown to White, 3 April 1937, FRUS, 1937, vol. IV, p. 88.")
    assert _fields(c, "type", "title", "container-title", "issued", "volume", "locator") == (
        "chapter", "Brown to White", "Foreign Relations of the United States", "1937-04-03",
        "IV", "88")
    c = parse_citation("DBFP, 2nd ser., vol. 9, no. 432, p. 17.")
    assert _fields(c, "title-short", "collection-number", "volume", "number", "locator") == (
        "DBFP", "2", "9", "432", "17")


def test_french_archives_by_initials_name_and_place():
    c = parse_citation("AN, F7 54321.")
    assert _fields(c, "archive", "archive_location") == ("AN", "F7 54321")
    c = parse_citation("MAE, Correspondance politique, Siam, vol. 21, f. 43.")
    assert _fields(c, "archive", "archive_collection", "archive_location", "volume", "locator",
                   "label") == ("MAE", "Correspondance politique", "Siam, vol. 21, f. 43", "21",
                                "43", "folio")
    c = parse_citation("Archives nationales, Paris, AJ/41/9.")
    assert _fields(c, "archive", "archive-place", "archive_location") == (
        "Archives nationales", "Paris", "AJ/41/9")
    c = parse_citation("Paris, Archives nationales, AJ/41/9.")
    assert _fields(c, "archive", "archive-place") == ("Archives nationales", "Paris")
    assert "title" not in c


def test_other_european_archives_with_place_and_file_marks():
    c = parse_citation("Archivio Centrale dello Stato, Rome, PCM 1931, fasc. 8.")
    assert _fields(c, "archive", "archive-place", "archive_location") == (
        "Archivio Centrale dello Stato", "Rome", "PCM 1931, fasc. 8")
    c = parse_citation("Nationaal Archief, The Hague, 2.11.33, inv. nr. 98.")
    assert _fields(c, "archive", "archive-place") == ("Nationaal Archief", "The Hague")


def test_several_new_styles_in_one_note_are_split():
    cits = parse_note("Bundesarchiv, R 43 I/9876, Bl. 65; HC Deb 21 June 1937 vol 325 c1432; "
                      "FRUS, 1937, vol. IV, p. 9; MAE, Correspondance politique, Siam, vol. 21, "
                      "f. 43.", "4")
    assert [c["type"] for c in cits] == ["archival", "hearing", "book", "archival"]
    assert [c["locator"] for c in cits] == ["65", "1432", "9", "43"]


def test_ibid_with_a_folio_takes_the_previous_archive():
    cits = parse_note("Bodl., MS Eng. c. 4321, fo. 7; Ibid., fol. 18; ibid., 19.", "2")
    assert [(c["archive"], c["locator"], c["label"]) for c in cits] == [
        ("Bodl.", "7", "folio"), ("Bodl.", "18", "folio"), ("Bodl.", "19", "folio")]
    assert cits[1]["ibid"] and cits[2]["ibid"]
    # the earlier folio is no part of the repeated reference
    assert [c["archive_location"] for c in cits] == ["MS Eng. c. 4321, fo. 7", "MS Eng. c. 4321",
                                                     "MS Eng. c. 4321"]


def test_op_cit_and_loc_cit_link_to_the_authors_earlier_citation(doc_factory):
    doc = doc_factory("Body text.", [
        "A. B. Greenhalgh, Harbours of the Wash (London, 1931), 12; C. Dunmore, Tolls (Leeds, "
        "1929), 40.",
        "Bundesarchiv, R 43 I/9876, Bl. 65.",
        "Greenhalgh, op. cit., 14; Dunmore, loc. cit.; Op. cit., 99.",
        "See Bundesarchiv, op. cit., Bl. 70; Ibid."])
    extract_citations(doc)
    cits = doc.citations
    assert [c["note"] for c in cits] == ["1", "1", "2", "3", "3", "3", "4", "4"]
    gh, dun = cits[3], cits[4]
    assert gh["op_cit"] and gh["repeats"] == 0 and gh["title"] == "Harbours of the Wash"
    assert gh["locator"] == "14"
    assert dun["loc_cit"] and dun["repeats"] == 1 and dun["locator"] == "40"
    # an author-less op. cit. after a repeated citation repeats the work that one repeats
    assert cits[5]["repeats"] == 1 and cits[5]["locator"] == "99"
    ba = cits[6]
    assert (ba["archive"], ba["repeats"], ba["locator"], ba["prefix"]) == (
        "Bundesarchiv", 2, "70", "See")
    assert cits[7]["ibid"] and cits[7]["repeats"] == 6 and cits[7]["locator"] == "70"
    assert "prefix" not in cits[7]  # "See" was the op. cit.'s own


def test_op_cit_of_an_author_not_cited_before_keeps_the_author():
    c = parse_citation("Cf. Pettigrew, op. cit., p. 31.")
    assert c == {"type": "book", "short_form": True, "author": [{"family": "Pettigrew"}],
                 "op_cit": True, "locator": "31", "label": "page", "prefix": "Cf."}


def test_institutions_publishing_books_and_folders_are_not_misread():
    c = parse_citation("Imperial War Museum, Guide to the Stores (London, 1931), 12.")
    assert c["type"] == "book" and c["title"] == "Guide to the Stores"
    c = parse_citation("OECD, Annual Survey 1990, 12.")
    assert c["type"] == "book" and c.get("short_form")
    c = parse_citation("Hoover Institution Archives, Petrov Collection, box 3, folder 14.")
    assert (c["archive"], c["locator"]) == ("Hoover Institution Archives", "3")
    assert "label" not in c  # a box is no folio ("folder" once read as "fo. lder")


def test_more_forms_of_debates_cotes_series_and_german_repeats():
    c = parse_citation("H.C. Debs., 5th ser., vol. 325, cols. 1432–5, 21 June 1937.")
    assert _fields(c, "authority", "collection-number", "locator", "issued") == (
        "House of Commons", "5", "1432–5", "1937-06-21")
    c = parse_citation("Parliamentary Debates, House of Lords, 5th ser., vol. 88, col. 21.")
    assert c["authority"] == "House of Lords" and c["volume"] == "88"
    c = parse_citation("SHD, Vincennes, 7 N 4321.")
    assert _fields(c, "archive", "archive-place", "archive_location") == (
        "SHD", "Vincennes", "7 N 4321")
    assert parse_citation("AN, 41 AJ 9.")["archive_location"] == "41 AJ 9"
    c = parse_citation("FRUS, 1937, vol. IV: The Far East, pp. 321–5.")
    assert _fields(c, "volume", "volume-title", "locator") == ("IV", "The Far East", "321–5")
    c = parse_citation("FRUS 1937, IV, 321.")
    assert _fields(c, "issued", "volume", "locator") == ("1937", "IV", "321")
    c = parse_citation("FRUS, The Soviet Union, 1933–1939, p. 45.")
    assert _fields(c, "volume-title", "issued") == ("The Soviet Union", "1933/1939")
    assert "volume" not in parse_citation("FRUS, 1937, 321.")  # a bare number is a page
    cits = parse_note("W. Krüger, Häfen (Berlin, 1931), S. 12; Krüger, a. a. O., S. 14; "
                      "Ebd., S. 15.", "1", None, [])
    assert [(c.get("op_cit"), c.get("ibid"), c["locator"], c["label"]) for c in cits[1:]] == [
        (True, None, "14", "page"), (None, True, "15", "page")]
    assert cits[1]["repeats"] == 0 and cits[2]["repeats"] == 1


_PIECES = ["Bodl.", "Bundesarchiv", "Oxford", "MS Eng. c. 1", "R 43 I/1", "Bl. 5", "Bd. 2",
           "fo. 3", "fols. 4–5", "HC Deb 1 May 1930 vol 2 c4", "Hansard", "5th ser.", "vol. 3",
           "col. 9", "(2 May 1930)", "FRUS", "1930", "pp. 3–4", "no. 5", "MAE", "Chine",
           "op. cit.", "loc. cit.", "Ibid.", "Smith", "See", "12", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=8), min_size=1, max_size=4),
       st.sampled_from([", ", " ", "; "]))
def test_any_mix_of_the_new_pieces_parses_and_repeats_point_back(notes, sep):
    history: list[dict] = []
    for n, pieces in enumerate(notes, 1):
        cits = parse_note(sep.join(pieces) + ".", str(n), None, history)
        for c in cits:
            assert isinstance(c["type"], str) and c["note"] == str(n)
            issued = c.get("issued")
            assert issued is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|/\d{4})?", issued)
            if "repeats" in c:  # an earlier citation, never itself or a later one
                assert 0 <= c["repeats"] < len(history) + cits.index(c)
        history.extend(cits)


def test_a_bare_reference_after_an_archive_in_the_same_note_is_held_there():
    cits = parse_note("TNA, WK 371/4321, f. 3; WK 371/4322, fol. 9; Archives nationales, Paris, "
                      "AJ/41/9; AJ/41/10.", "5")
    assert [(c["archive"], c["archive_location"], c.get("locator"), c.get("archive-place"))
            for c in cits] == [("TNA", "WK 371/4321, f. 3", "3", None),
                               ("TNA", "WK 371/4322, fol. 9", "9", None),
                               ("Archives nationales", "AJ/41/9", None, "Paris"),
                               ("Archives nationales", "AJ/41/10", None, "Paris")]
    # after a book, a bare code is still nothing
    assert len(parse_note("A. Smith, Harbours (London, 1932), 12; WK 371/1.", "6")) == 1
