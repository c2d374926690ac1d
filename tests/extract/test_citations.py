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
