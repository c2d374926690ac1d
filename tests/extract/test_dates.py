from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.dates import extract_dates, find_dates, heading_date
from archivist.extract.events import extract_events

ANCHOR = "1938-08-07"


def values(text: str, anchor: str | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.value) for f in find_dates(text, anchor)]


def test_full_dates_in_both_orders_and_in_capitals():
    assert values("OF AUGUST 7, 1938.") == [("AUGUST 7, 1938", "1938-08-07")]
    assert values("on 12 March 1921 and the 3rd of May, 1922") == [
        ("12 March 1921", "1921-03-12"), ("the 3rd of May, 1922", "1922-05-03")]


def test_dates_without_year_take_the_document_year():
    assert values("on August 4th at the place", ANCHOR) == [("August 4th", "1938-08-04")]
    assert values("the frontier before July 11 should", ANCHOR) == [("July 11", "1938-07-11")]
    assert values("prior to July 29, i. e., the beginning", ANCHOR) == [("July 29", "1938-07-29")]


def test_today_is_the_document_date_and_needs_one():
    assert values("remain where they are to-day.", ANCHOR) == [("to-day", ANCHOR)]
    assert values("To-day I have received", ANCHOR) == [("To-day", ANCHOR)]
    assert values("remain where they are to-day.") == []


def test_either_of_two_days_is_an_edtf_set():
    assert values("by the 8th or 9th of August, in our", ANCHOR) == [
        ("the 8th or 9th of August", "[1938-08-08,1938-08-09]")]


def test_ranges_months_years_and_relative_years():
    text = ("signed pacts between January and August of 1932. Even in May 1933 it did. "
            "A pact in November 1932 (ratified the following year). By 1933, Moscow had.")
    assert values(text) == [
        ("between January and August of 1932", "1932-01/1932-08"),
        ("May 1933", "1933-05"), ("November 1932", "1932-11"),
        ("the following year", "1933"), ("By 1933", "1933")]


def test_quantities_and_numbers_are_not_years():
    text = ("it spent 1,421 million rubles, in fact 4,299 millions; Hill 588; "
            "10 hand-grenades and 1500 men; page 1933.")
    assert values(text) == []


def test_may_the_verb_is_not_a_month():
    assert values("he may 5 times", ANCHOR) == []


def test_heading_date():
    assert heading_date("RECORD OF A CONVERSATION\nOF AUGUST 7, 1938.\n\nI said") == ANCHOR
    assert heading_date("I said nothing") is None


def test_stage_skips_citation_notes_and_maps_offsets(doc_factory):
    doc = doc_factory("RECORD OF A TALK OF AUGUST 7, 1938.\n\nOn August 4th we met.",
                      ["Soviet Studies, 45, no. 4 (1993), 577."])
    doc.citations = [{"note": "1", "type": "article-journal"}]
    extract_dates(doc)
    assert doc.metadata["date"] == "1938-08-07"
    assert [(d.text, d.value, d.where) for d in doc.dates] == [
        ("AUGUST 7, 1938", "1938-08-07", "text"), ("August 4th", "1938-08-04", "text")]
    for d in doc.dates:
        assert doc.original[d.orig_start:d.orig_end] == d.text
    extract_events(doc)
    assert [e.text for e in doc.events][1] == "On August 4th we met."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-thofMayJuneAugust1938to-day")),
               max_size=80))
def test_any_text_gives_edtf_shaped_values_inside_the_text(text):
    for f in find_dates(text, ANCHOR):
        assert 0 <= f.start < f.end <= len(text)
        assert f.value[:1] in "0123456789X["


def test_day_and_month_without_a_year_take_the_year_before_them():
    text = "On 9 March 1921 they answered our letter of 3 February, and in May he came."
    assert [v for _, v in values(text)] == ["1921-03-09", "1921-02-03", "1921-05"]
    # with nothing before them, the document's own date gives the year
    assert values("In June the letter of 4 July arrived.", ANCHOR) == [
        ("In June", "1938-06"), ("4 July", "1938-07-04")]
    assert values("the letter of 4 July") == [("4 July", "XXXX-07-04")]


def test_bare_day_month_and_in_month_leave_fuller_dates_to_their_patterns():
    assert values("on 4 May 1921 and in May 1922, and in March, 1923") == [
        ("4 May 1921", "1921-05-04"), ("May 1922", "1922-05"), ("March, 1923", "1923-03")]
    assert values("in may be lost, 12 mayors") == []


def test_a_newspapers_issue_date_in_a_note_is_publication_data(doc_factory):
    doc = doc_factory("The town was divided.", ["Western Gazette, 2 May 1902, p. 4.",
                                                 "Smith to Brown, 4 May 1911."])
    from archivist.extract.citations import extract_citations
    extract_citations(doc)
    extract_dates(doc)
    assert [(d.value, d.where) for d in doc.dates] == [("1911-05-04", "note:2")]


def test_a_bare_month_is_a_whole_word():
    # review7: "10 Mayfair" read as 10 May, "5 Marchmont" as 5 March, "in Maybe" as May
    assert values("In 1911 at 10 Mayfair, 5 Marchmont Street; in Maybe.") == [
        ("In 1911", "1911")]
    assert values("In 1911 by Sept. the 3 Sept. call", None) == [
        ("In 1911", "1911"), ("by Sept.", "1911-09"), ("3 Sept.", "1911-09-03")]


def test_day_and_month_of_a_year_keep_that_year():
    # review7: dm_bare took "3 February" (year from the context) before "February of 1911"
    assert values("He left on 3 February of 1911.") == [("February of 1911", "1911-02")]


def test_a_street_named_after_a_date_is_no_date():
    assert values("On 9 March 1921 he lived at 12 May Street, 3 June Road.") == [
        ("9 March 1921", "1921-03-09")]
    # "St." is a saint's, not only a street's
    assert values("In 1911, on 12 May St. Petersburg was quiet.") == [
        ("In 1911", "1911"), ("12 May", "1911-05-12")]


def test_a_day_the_month_does_not_have_keeps_only_the_month():
    assert values("on 30 February 1921 and 31 April") == [
        ("30 February 1921", "1921-02"), ("31 April", "1921-04")]
    assert values("the 29th of February, 1920") == [("the 29th of February, 1920", "1920-02-29")]
