import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.citations import extract_citations, parse_citation, parse_note, tidy


def test_journal_article_with_two_authors_and_a_locator():
    c = parse_citation("Jane Roe and A. B. Smith, “Grain Exports in the First Five-Year Plan.” "
                       "Slavic Review, 12, no. 2 (1988), 41.")
    assert c["type"] == "article-journal"
    assert c["author"] == [{"family": "Roe", "given": "Jane"},
                           {"family": "Smith", "given": "A. B."}]
    assert c["title"] == "Grain Exports in the First Five-Year Plan"
    assert (c["container-title"], c["volume"], c["issue"], c["issued"]) == \
        ("Slavic Review", "12", "2", "1988")
    assert c["locator"] == "41" and "page" not in c


def test_article_page_range_is_page_and_a_colon_in_a_title_stays():
    c = parse_citation("A. B. Smith, “Harvests, 1929–33: A Reconsidera-\ntion.”Slavic Review, "
                       "45, no. 4 (1993), 577–608.")
    assert c["title"] == "Harvests, 1929–33: A Reconsideration"
    assert c["page"] == "577–608"
    assert "prefix" not in c


def test_book_with_place_publisher_and_spaced_macrons():
    c = parse_citation("Tar \u0304o Sato,Rikugun to kyokut \u0304 \u0304o(Tokyo: Hara shob \u0304 o,"
                       " 1970), 12–14. \u0304")
    assert c["type"] == "book"
    assert c["author"] == [{"family": "Sato", "given": "Tarō"}]
    assert c["title"] == "Rikugun to kyokutō"
    assert (c["publisher-place"], c["publisher"], c["issued"], c["locator"]) == \
        ("Tokyo", "Hara shobō", "1970", "12–14")


def test_prefix_before_a_colon_is_not_the_author():
    c = parse_citation("See the memoir by Ivan Petrov, editor of Pravda: Ivan Petrov, "
                       "Iz zhizni (Moscow: Nauka, 1990), 7.")
    assert c["author"] == [{"family": "Petrov", "given": "Ivan"}]
    assert c["title"] == "Iz zhizni"
    assert c["prefix"].startswith("See the memoir")


def test_short_form():
    c = parse_citation("Pis'ma Stalina Molotovu., 208.")
    assert c == {"type": "book", "short_form": True, "title": "Pis'ma Stalina Molotovu",
                 "title-short": "Pis'ma Stalina Molotovu", "locator": "208"}


def test_russian_archival_latin_cyrillic_and_ocr_l():
    c = parse_citation("GARF, f. 5446, op. 1, d. 12, ll. 3–4ob.")
    assert (c["archive"], c["fond"], c["opis"], c["delo"], c["list"]) == \
        ("GARF", "5446", "1", "12", "3–4ob")
    assert c["archive_location"] == "f. 5446, op. 1, d. 12, l. 3–4ob"
    c = parse_citation("АВП РФ, ф. 0146, оп. 21, д. 5, л. 17.")
    assert (c["archive"], c["fond"], c["opis"], c["delo"], c["list"]) == \
        ("АВП РФ", "0146", "21", "5", "17")
    c = parse_citation("Draft letter in RGAE, f. 7, op. 2, d. 9, I. 10.")
    assert (c["description"], c["archive"], c["list"]) == ("Draft letter", "RGAE", "10")


def test_jacar_and_imtfe():
    c = parse_citation("Telegram from Harbin, JACAR Ref. B02030000000.")
    assert (c["archive"], c["archive_location"], c["title"]) == \
        ("JACAR", "B02030000000", "Telegram from Harbin")
    c = parse_citation("IMTFE, Exhibit No. 754; cf.")
    assert c["archive"] == "IMTFE" and c["exhibit"] == "754"
    c = parse_citation("IPS Doc. No. 1234.")
    assert c["ips"] == "1234"


def test_ibid_takes_the_previous_citation_and_a_new_locator():
    cits = parse_note("GARF, f. 1, op. 2, d. 3, l. 4; ibid., l. 9.", "3")
    assert [c["note"] for c in cits] == ["3", "3"]
    assert cits[1]["archive"] == "GARF" and cits[1]["ibid"] is True
    assert cits[1]["locator"] == "l. 9"


def test_not_a_citation():
    assert parse_citation("He said so.") is None
    assert tidy("  a   b ") == "a b"


def test_stage_numbers_citations_by_note_and_resolves_ibid_across_notes(doc_factory):
    doc = doc_factory("Body text.", ["GARF, f. 1, op. 2, d. 3, l. 4.", "Ibid., 7."])
    extract_citations(doc)
    assert [(c["note"], c["archive"], c["locator"]) for c in doc.citations] == [
        ("1", "GARF", "4"), ("2", "GARF", "7")]


def test_archives_outside_russia_by_name_or_initials_and_reference_code():
    c = parse_citation("Minutes of the Dock Board, 12 Mar. 1911, Kent Record Office, "
                       "DB/2/14, fol. 33.")
    assert (c["type"], c["archive"], c["archive_location"], c["locator"]) == \
        ("archival", "Kent Record Office", "DB/2/14, fol. 33", "33")
    assert (c["title"], c["issued"]) == ("Minutes of the Dock Board", "1911-03-12")
    c = parse_citation("See Board of Works to Dock Board, 14 May 1911, TNA, WK 10/2231.")
    assert (c["archive"], c["archive_location"], c["prefix"]) == ("TNA", "WK 10/2231", "See")
    assert c["title"] == "Board of Works to Dock Board" and "locator" not in c
    c = parse_citation("National Archives and Records Administration, RG 59, box 12.")
    assert (c["archive"], c["locator"]) == ("National Archives and Records Administration", "12")
    c = parse_citation("Archives nationales, F7 13424.")
    assert (c["archive"], c["archive_location"]) == ("Archives nationales", "F7 13424")


def test_newspaper_issues_letters_and_dated_papers():
    c = parse_citation("Harbour Echo, 20 May 1911, p. 5.")
    assert c == {"type": "article-newspaper", "container-title": "Harbour Echo",
                 "issued": "1911-05-20", "page": "5"}
    c = parse_citation("A. B. Smith, “Dues and Tolls,” The Western Star, May 2, 1902, 4.")
    assert c["author"] == [{"family": "Smith", "given": "A. B."}]
    assert (c["title"], c["container-title"], c["issued"], c["page"]) == \
        ("Dues and Tolls", "The Western Star", "1902-05-02", "4")
    assert parse_citation("Smith to Brown, 4 May 1911.") == {
        "type": "personal_communication", "title": "Smith to Brown", "issued": "1911-05-04"}
    assert parse_citation("Diary of John Brown, 3 June 1915.") == {
        "type": "manuscript", "title": "Diary of John Brown", "issued": "1915-06-03"}


def test_books_articles_and_russian_archives_are_not_taken_for_the_new_kinds():
    assert parse_citation("A. Pender, Harbours (London, 1932), 12.")["type"] == "book"
    assert parse_citation("Pender, Harbours, 12.")["short_form"] is True
    c = parse_citation("GARF, f. 5446, op. 1, d. 7, l. 12.")
    assert (c["fond"], c["archive_location"]) == ("5446", "f. 5446, op. 1, d. 7, l. 12")
    # a date followed by more than a page is not a newspaper issue
    assert parse_citation("Harbour Echo, 20 May 1911, a long report, 5.")["type"] != \
        "article-newspaper"


_PIECES = ["Smith", "to", "Brown", "4 May 1911", "May 4", "1911", "TNA", "Kent Record Office",
           "WK 10/2231", "DB/2/14", "fol. 33", "p. 5", "“Dues,”", "The Star", "(London, 1932)",
           "f. 12", "op. 3", "d. 4", "l. 5", "Ibid.", "See", ":", "12", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=9), st.sampled_from([", ", " ", "; "]))
def test_any_mix_of_citation_pieces_parses_without_error(pieces, sep):
    for c in parse_note(sep.join(pieces) + ".", "1"):
        assert isinstance(c["type"], str) and c["note"] == "1"
        issued = c.get("issued")
        assert issued is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", issued)


def test_short_form_with_a_number_in_its_title_is_no_archive_reference():
    # review7: an author with two capitals (McNeill, all-caps surnames, OECD) and a title
    # ending in a number read as "archive, reference code"
    for cit, author, title in [("McNeill, Europe 1914, 12.", "McNeill", "Europe 1914"),
                               ("FERRO, La Grande Guerre 1914-1918, p. 45.", "FERRO",
                                "La Grande Guerre 1914-1918"),
                               ("OECD, Report 1990, 12.", "OECD", "Report 1990")]:
        c = parse_citation(cit)
        assert c["type"] == "book" and c.get("short_form"), cit
        assert c["author"] == [{"family": author}] and c["title"] == title
    # series codes still count: capitals, short or abbreviated words, digits
    assert parse_citation("Bodleian Library, MS Eng. hist. c. 123, fol. 4.")["archive"] == (
        "Bodleian Library")
    assert parse_citation("BL, Add MS 41234, fol. 12.")["locator"] == "12"


def test_newspaper_keeps_what_stands_before_its_name():
    # review7: an unquoted piece title or author before the paper's name was dropped
    c = parse_citation("Editorial, The Times, 4 May 1911, p. 8.")
    assert c["title"] == "Editorial" and c["container-title"] == "The Times"
    c = parse_citation("John Smith, The Times, 4 May 1911, p. 8.")
    assert c["author"] == [{"family": "Smith", "given": "John"}]


def test_newspaper_name_with_its_place_in_brackets():
    # review7: "Times (London)" failed the title-case test and became a manuscript
    c = parse_citation("Times (London), 4 May 1911, 8.")
    assert c["type"] == "article-newspaper" and c["container-title"] == "Times (London)"
    assert c["issued"] == "1911-05-04" and c["page"] == "8"


def test_a_letter_with_its_place_is_a_letter_and_keeps_its_date(doc_factory):
    # review7: "Grey to Buchanan, The Hague, 4 May 1911" became a newspaper called
    # "The Hague", and its date was then dropped from the dates as an issue date
    c = parse_citation("Grey to Buchanan, The Hague, 4 May 1911.")
    assert c["type"] == "personal_communication" and c["issued"] == "1911-05-04"
    assert c["title"] == "Grey to Buchanan, The Hague"
    c = parse_citation("Letter to the Editor, The Times, 4 May 1911, p. 8.")
    assert c["type"] == "article-newspaper" and c["title"] == "Letter to the Editor"
    from archivist.extract.dates import extract_dates

    doc = doc_factory("The town was divided.", ["Grey to Buchanan, The Hague, 4 May 1911."])
    extract_citations(doc)
    extract_dates(doc)
    assert [(d.value, d.where) for d in doc.dates] == [("1911-05-04", "note:1")]
