"""Archive abbreviations expanded from the packaged table, and document series read with
their series letters, parts and volumes.

The archives and document series are real; every call number, title and name in the
citations here is invented."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from archivist.extract import archives
from archivist.extract.citations import (
    expand_archive,
    extract_citations,
    parse_citation,
    parse_note,
)

NEW_KEYS = ("archive-name", "archive-name-en", "record-group", "archive-town")


def _fields(c, *keys):
    return tuple(c.get(k) for k in keys)


# ---- archives: read


def test_russian_archives_in_latin_and_cyrillic_get_name_english_name_and_town():
    c = parse_citation("Draft order in RGAE, f. 9911, op. 4, d. 608, l. 17ob.")
    assert _fields(c, "archive", "archive-name", "archive-name-en", "archive-town") == (
        "RGAE", "Rossiiskii gosudarstvennyi arkhiv ekonomiki",
        "Russian State Archive of the Economy", "Moscow")
    # the fond/opis/delo reading is untouched
    assert _fields(c, "fond", "opis", "delo", "list", "description") == (
        "9911", "4", "608", "17ob", "Draft order")
    c = parse_citation("ЦАМО РФ, ф. 77, оп. 20416, д. 3, л. 81.")
    assert _fields(c, "archive", "archive-name-en", "archive-town") == (
        "ЦАМО РФ", "Central Archive of the Ministry of Defence of the Russian Federation",
        "Podolsk")
    c = parse_citation("RGIA, f. 1288, op. 9, d. 71, ll. 2–3.")
    assert c["archive-town"] == "St Petersburg"


def test_foreign_policy_archive_reference_with_its_papka():
    c = parse_citation("AVP RF, f. 0577, op. 8, p. 31, d. 406, l. 52.")
    assert _fields(c, "fond", "opis", "papka", "delo", "list", "archive_location") == (
        "0577", "8", "31", "406", "52", "f. 0577, op. 8, p. 31, d. 406, l. 52")
    assert c["archive-name-en"] == "Foreign Policy Archive of the Russian Federation"
    c = parse_citation("АВП РФ, ф. 0577, оп. 8, п. 31, д. 406, л. 52.")
    assert c["papka"] == "31" and c["archive"] == "АВП РФ"


def test_ukrainian_references_read_sprava_and_arkush_as_file_and_folio():
    c = parse_citation("TsDAHO, f. 1, op. 23, spr. 4567, ark. 8–9.")
    assert _fields(c, "fond", "opis", "delo", "list", "archive-town") == (
        "1", "23", "4567", "8–9", "Kyiv")
    c = parse_citation("ЦДАВО, ф. 3, оп. 2, спр. 10, арк. 5.")
    assert _fields(c, "delo", "list", "archive-name-en") == (
        "10", "5", "Central State Archive of the Supreme Bodies of Power and Government of "
        "Ukraine")
    # a book whose title holds those letters is still a book
    c = parse_citation("O. Kovalenko, Spr. and Ark. in Kyiv (Kyiv, 1999), 12.")
    assert c["type"] == "book" and "delo" not in c


def test_british_archives_name_the_department_of_the_reference_code():
    c = parse_citation("TNA, CAB 23/987, fol. 44.")
    assert _fields(c, "archive", "archive-name", "record-group", "archive-town", "locator") == (
        "TNA", "The National Archives", "Cabinet Office", "Kew, London", "44")
    c = parse_citation("PRO, WO 106/99123.")
    assert _fields(c, "archive-name-en", "record-group") == (
        "Public Record Office (now The National Archives)", "War Office")
    c = parse_citation("BL, IOR/L/P&S/18/B4321.")
    assert _fields(c, "archive-name", "record-group", "archive-town") == (
        "British Library", "Political and Secret Department", "London")
    # a department code the table does not know names no record group
    assert "record-group" not in parse_citation("TNA, WK 371/4321, f. 3.")


def test_german_french_us_japanese_and_international_archives():
    c = parse_citation("PA AA, R 98765, Bl. 12.")
    assert _fields(c, "archive-name", "archive-town") == (
        "Politisches Archiv des Auswärtigen Amts", "Berlin")
    # the Federal Archives keep each record series in one of three towns
    places = [parse_citation(f"BArch, {ref}, Bl. 3.")["archive-town"]
              for ref in ("R 3101/98765", "B 136/54321", "RM 8/4321")]
    assert places == ["Berlin", "Koblenz", "Freiburg im Breisgau"]
    assert "archive-town" not in parse_citation("BArch, N 9876/5, Bl. 3.")  # two towns
    c = parse_citation("ANOM, GGI 65432.")
    assert _fields(c, "archive-name", "archive-town") == (
        "Archives nationales d'outre-mer", "Aix-en-Provence")
    c = parse_citation("NARA, RG 226, Entry 99, box 321.")
    assert _fields(c, "record-group", "archive-town", "locator") == (
        "Records of the Office of Strategic Services", "College Park, Maryland", "321")
    c = parse_citation("JACAR, Ref. C01234567890.")
    assert c["archive-name-en"].startswith("Japan Center for Asian Historical Records")
    c = parse_citation("ACICR, B G 17/05-123.")
    assert _fields(c, "archive-name-en", "archive-town") == (
        "Archives of the International Committee of the Red Cross", "Geneva")


def test_repeated_and_bare_references_keep_the_expansion_and_find_their_own_town():
    cits = parse_note("BArch, R 3101/98765, Bl. 2; RH 19/4321, Bl. 8; Ibid., Bl. 9.", "3")
    assert [(c["archive"], c["archive-town"], c.get("ibid")) for c in cits] == [
        ("BArch", "Berlin", None), ("BArch", "Freiburg im Breisgau", None),
        ("BArch", "Freiburg im Breisgau", True)]
    assert all(c["archive-name-en"] == "German Federal Archives" for c in cits)
    # a place the citation gave is carried to the bare reference after it
    cits = parse_note("SHD, Vincennes, 7 N 9876; 7 N 9877.", "4")
    assert [c["archive-place"] for c in cits] == ["Vincennes", "Vincennes"]


# ---- archives: left alone


def test_what_the_citation_says_is_never_overwritten():
    # a place cited is kept, even where the table would say another town
    c = parse_citation("BArch, Koblenz, R 3101/98765, Bl. 2.")
    assert _fields(c, "archive-place", "archive-town") == ("Koblenz", None)
    # a name written out stays as cited and gains its English name and town
    c = parse_citation("Bundesarchiv, R 3101/98765, Bl. 2.")
    assert _fields(c, "archive", "archive-name", "archive-name-en", "archive-place",
                   "archive-town") == ("Bundesarchiv", None, "German Federal Archives", None,
                                       "Berlin")
    c = parse_citation("British Library, India Office Records, IOR/L/MIL/7/98765.")
    assert _fields(c, "archive", "archive_collection", "record-group", "archive-place") == (
        "British Library", "India Office Records", "Military Department", None)
    # the table's town is never put into the citation's own archive-place
    assert "archive-place" not in parse_citation("TNA, FO 371/98765, f. 3.")
    # the Russian reference keeps its existing fields and their order
    c = parse_citation("GARF, f. 9401, op. 2, d. 345, l. 6.")
    assert list(c)[:8] == ["type", "archive", "fond", "opis", "delo", "list", "locator",
                           "archive_location"]


def test_unknown_archives_and_other_citations_gain_nothing():
    for s in ("Kent Record Office, U 98/7, fol. 2.",  # a real kind, not in the table
              "XQZ, f. 1, op. 2, d. 3, l. 4.",  # initials the table does not know
              "A. Pender, Harbours (London, 1932), 12.",
              "AN, 12.",  # a short form: initials of a known archive, but no reference
              "OECD, Annual Survey 1990, 12.",
              "FRUS, 1937, vol. IV, p. 9."):
        c = parse_citation(s)
        assert c is not None and not any(k in c for k in NEW_KEYS), s
        if c["type"] != "archival":
            assert "archive-town" not in c, s


def test_lookup_normalises_dots_hyphens_and_case_only_where_it_may():
    assert archives.lookup("PA-AA") == archives.lookup("PA AA") == archives.lookup("PAAA")
    assert archives.lookup("Bodl.").place == "Oxford"
    assert archives.lookup("bodleian library").key == "Bodl"
    assert archives.lookup("An") is None and archives.lookup("tna") is None  # initials: exact
    assert archives.lookup("") is None and archives.lookup("Smith") is None


def test_table_is_a_general_list_of_major_archives():
    # ~60-120 archives, each with a name, an English name and a country; no alias twice
    assert 60 <= archives.size() <= 120
    for abbrs, name, en, _place, country in archives._TABLE:
        assert name and en and re.fullmatch(r"[A-Z]{2}", country), abbrs
        for a in abbrs:
            assert archives.lookup(a).key == abbrs[0], a
    keys = [archives.lookup(a[0][0]).key for a in archives._TABLE]
    assert len(keys) == len(set(keys))


_ABBRS = sorted({a for abbrs, *_ in archives._TABLE for a in abbrs
                 if re.fullmatch(r"[A-ZА-Я][A-Za-zА-Яа-я]*(?: [A-ZА-Я]{1,3})?", a)})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ABBRS), st.integers(1, 99999), st.integers(1, 999),
       st.integers(1, 9999), st.integers(1, 500))
def test_any_russian_style_reference_to_a_table_archive_is_expanded_consistently(
        abbr, fond, opis, delo, folio):
    c = parse_citation(f"{abbr}, f. {fond}, op. {opis}, d. {delo}, l. {folio}.")
    arch = archives.lookup(abbr, c["archive_location"])
    assert c["archive"] == abbr and c["fond"] == str(fond) and c["list"] == str(folio)
    if arch is None:  # initials two archives share, a reference that says neither
        assert "archive-name" not in c and "archive-town" not in c
        return
    assert c.get("archive-name", arch.name) == arch.name
    assert c.get("archive-name-en", arch.en) == arch.en
    assert "archive-place" not in c and c.get("archive-town", "") == arch.place
    assert expand_archive(dict(c)) == c  # expanding twice changes nothing


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ABRGVTNSaoh .-/1"), max_size=12),
       st.dictionaries(st.sampled_from(["archive-place", "archive-name", "record-group",
                                        "archive-town"]),
                       st.text(min_size=1, max_size=5), max_size=3))
def test_expansion_never_overwrites_and_never_fails(name, given_fields):
    c = {"type": "archival", "archive": name, "archive_location": "X 1/2", **given_fields}
    out = expand_archive(dict(c))
    assert all(out[k] == v for k, v in c.items())
    assert set(out) - set(c) <= set(NEW_KEYS)
    if "archive-place" in c:  # the citation's place stands; no town from the table
        assert "archive-town" not in set(out) - set(c)
    if archives.lookup(name) is None:
        assert out == c


# ---- document series: read


def test_document_series_with_series_letters_parts_and_volumes():
    c = parse_citation("DGFP, series D, vol. 9, no. 876.")
    assert c == {"type": "book", "title": "Documents on German Foreign Policy",
                 "title-short": "DGFP", "collection-number": "D", "volume": "9",
                 "number": "876"}
    c = parse_citation("DDF, 1re série, t. 7, no. 345, p. 612.")
    assert _fields(c, "title", "collection-number", "volume", "number", "locator") == (
        "Documents diplomatiques français", "1", "7", "345", "612")
    c = parse_citation("BDFA, pt. II, ser. E, vol. 19, p. 87.")
    assert _fields(c, "title-short", "part-number", "collection-number", "volume",
                   "locator", "label") == ("BDFA", "II", "E", "19", "87", "page")
    c = parse_citation("ADAP, Serie C, Bd. IV, Nr. 321.")
    assert _fields(c, "collection-number", "volume", "number") == ("C", "IV", "321")
    assert "volume-title" not in c  # the series is no volume title any more
    c = parse_citation("DDI, ottava serie, vol. 13, no. 88.")
    assert _fields(c, "collection-number", "volume", "number") == ("8", "13", "88")
    c = parse_citation("DBFP, Third Series, vol. 5, no. 432.")
    assert _fields(c, "collection-number", "volume") == ("3", "5")


def test_a_document_in_a_lettered_series_is_a_dated_chapter():
    c = parse_citation("Weber to Krause, 14 March 1936, DGFP, ser. C, vol. 5, no. 77.")
    assert _fields(c, "type", "title", "container-title", "issued", "collection-number",
                   "volume", "number") == (
        "chapter", "Weber to Krause", "Documents on German Foreign Policy", "1936-03-14",
        "C", "5", "77")
    c = parse_citation("See DVP SSSR, vol. 21, no. 402, p. 611.")
    assert _fields(c, "title", "volume", "number", "prefix") == (
        "Dokumenty vneshnei politiki SSSR", "21", "402", "See")


def test_series_tei_shows_part_and_archive_names_and_validates(doc_factory):
    from archivist.export.tei import TEI_NS, to_tei, validate

    doc = doc_factory("The treaty was signed.1 The envoy wrote.2\n",
                   ["BDFA, pt. II, ser. E, vol. 19, p. 87.",
                    "TNA, FO 371/98765, f. 3; RGAE, f. 9, op. 8, d. 7, l. 6."])
    doc = extract_citations(doc)
    xml = to_tei(doc)
    assert validate(xml) == []
    ns = {"t": TEI_NS}
    bdfa, tna, rgae = etree.fromstring(xml.encode()).findall(".//t:listBibl/t:bibl", ns)
    assert [(s.get("unit"), s.text) for s in bdfa.findall("t:biblScope", ns)] == [
        ("series", "E"), ("part", "II"), ("volume", "19"), ("page", "87")]
    assert tna.find("t:orgName[@type='records']", ns).text == "Foreign Office"
    names = rgae.findall("t:orgName[@type='archive']", ns)
    assert [(n.text, n.get("{http://www.w3.org/XML/1998/namespace}lang")) for n in names] == [
        ("Rossiiskii gosudarstvennyi arkhiv ekonomiki", None),
        ("Russian State Archive of the Economy", "en")]
    assert rgae.find("t:placeName[@type='archive']", ns).text == "Moscow"


# ---- document series: left alone


@pytest.mark.parametrize("s, kind", [
    ("GP, 12.", "short"),  # two letters alone are no series
    ("J. Brown, Naval Series (London, 1930), 4.", "book"),
    ("DGFP, series of memoranda, 12.", None),  # "series" with no number or letter
    ("H. Serie, Letters (Paris, 1911), 3.", "book"),
])
def test_series_words_elsewhere_are_left_alone(s, kind):
    c = parse_citation(s)
    assert c is None or "collection-number" not in c
    if kind == "short":
        assert c["short_form"] is True
    elif kind == "book":
        assert c["type"] == "book" and "title-short" not in c
