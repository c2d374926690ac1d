"""Dates read as a historian would: year rollover, months that are names, days that
name events, a newspaper's issue date beside an event of the same day, French and
German months. All texts are invented for these tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.citations import extract_citations
from archivist.extract.dates import extract_dates, find_dates
from archivist.extract.events import extract_events


def values(text: str, anchor: str | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.value) for f in find_dates(text, anchor)]


# --- 1. year rollover ---------------------------------------------------------------

def test_a_forward_narrative_rolls_into_the_next_year():
    text = ("On 30 December 1887 the mill closed; on 4 January the weavers marched, "
            "and on 11 February they went back.")
    assert [v for _, v in values(text)] == ["1887-12-30", "1888-01-04", "1888-02-11"]


def test_the_year_after_a_rollover_counts_from_the_new_year():
    text = "On 28 November 1887 he sailed; on 6 January he landed. The following year he died."
    assert [v for _, v in values(text)] == ["1887-11-28", "1888-01-06", "1889"]


def test_a_near_look_back_stays_in_the_year():
    # a month or two back is a reference, not a jump of ten months ahead
    text = "On 20 April 1887 the board replied to the petition of 2 March."
    assert [v for _, v in values(text)] == ["1887-04-20", "1887-03-02"]


def test_a_look_back_does_not_move_the_narratives_now():
    # the petition of March is a reference: 3 January after it still follows December
    text = ("On 18 December 1887 the board answered our letter of 2 March. On 3 January "
            "the mill reopened.")
    assert [v for _, v in values(text)] == ["1887-12-18", "1887-03-02", "1888-01-03"]


def test_a_clause_that_looks_back_keeps_the_year_or_goes_back_one():
    # a look back eleven months: the clause and the distance disagree, so it is queried
    assert [v for _, v in values(
        "On 30 December 1887 the inquiry sat; on 4 January the foreman had been warned.")] \
        == ["1887-12-30", "1887-01-04?"]
    assert [v for _, v in values(
        "In December 1887 the inquiry sat; in March the foreman had been warned.")] \
        == ["1887-12", "1887-03"]
    assert [v for _, v in values(
        "On 5 January 1888 the inquiry sat; on 27 December the foreman had been warned.")] \
        == ["1888-01-05", "1887-12-27"]


def test_a_clause_that_moves_on_rolls_over_sooner():
    assert [v for _, v in values(
        "On 14 June 1887 the strike began; it lasted until 20 March.")] \
        == ["1887-06-14", "1888-03-20"]
    assert [v for _, v in values(
        "On 14 June 1887 the strike began. Then, on 2 May, the men went back.")] \
        == ["1887-06-14", "1888-05-02"]
    # a word that moves on elsewhere in the clause says nothing of the date
    assert [v for _, v in values(
        "On 20 May 1887 the board then replied to the petition of 2 March.")] \
        == ["1887-05-20", "1887-03-02"]


def test_a_clause_in_the_future_moves_on_and_a_perfect_participle_looks_back():
    assert [v for _, v in values("Diary, 1 December 1887. In January we shall prune the "
                                 "orchard.")] == ["1887-12-01", "1888-01"]
    assert [v for _, v in values("He landed on 4 January 1888, having left Brest on "
                                 "28 December.")] == ["1888-01-04", "1887-12-28"]


def test_uncertain_rollovers_are_marked_uncertain():
    # six months back or ahead: a historian would query the year
    assert [v for _, v in values("On 15 November 1887 the lease ended. On 10 May the "
                                 "tenant wrote.")] == ["1887-11-15", "1888-05-10?"]
    # a bare month long before the context month: a diary's "in March"
    assert [v for _, v in values("The diary for December 1887 says: in March the roof "
                                 "leaked.")] == ["1887-12", "1888-03?"]


def test_later_months_and_year_only_contexts_do_not_roll_over():
    assert [v for _, v in values("In March 1887 the mill closed; on 4 October it "
                                 "reopened.")] == ["1887-03", "1887-10-04"]
    # "In 1887" says no month: a bare date after it is in that year
    assert [v for _, v in values("In 1887 the mill closed; on 4 January it reopened.")] \
        == ["1887", "1887-01-04"]


def test_an_either_day_set_rolls_over_too():
    assert [v for _, v in values("On 29 December 1887 they met, and again on the 8th or "
                                 "9th of January.")] == [
        "1887-12-29", "[1888-01-08,1888-01-09]"]


def test_rollover_against_the_document_date():
    # a body without an explicit date reads bare dates against the document's own
    assert values("On 3 January the reply came.", "1887-12-20") == [
        ("3 January", "1888-01-03")]
    assert values("On 3 November the reply came.", "1887-12-20") == [
        ("3 November", "1887-11-03")]


# --- 2. a month that is a given name --------------------------------------------------

def test_a_month_before_a_surname_is_a_given_name():
    assert values("a slim novel by May Pemberton, and poems by June Ashdale.", "1921-08-01") \
        == []
    assert values("He wrote to Mrs. May and to Miss June 1921 tea.") == []
    assert values("A NOVEL BY MAY PEMBERTON", "1921-08-01") == []


def test_a_month_before_a_place_body_or_common_word_stays_a_date():
    anchor = "1921-08-01"
    assert [v for _, v in values("In May Britain protested; by June Congress had "
                                 "voted; in April The Hague met.", anchor)] == [
        "1921-05", "1921-06", "1921-04"]
    assert [v for _, v in values("The bill passed by May, and in June Smith resigned.",
                                 anchor)] == ["1921-05", "1921-06"]
    # a day makes it a date whatever follows
    assert values("On 12 May Pemberton resigned.", anchor) == [("12 May", "1921-05-12")]


# --- 3. named events ------------------------------------------------------------------

def test_a_day_month_that_names_an_event_is_no_date():
    anchor = "1925-06-01"
    assert values("the students of the 4 May Movement and the May 30th Movement", anchor) \
        == []
    assert values("after the 18 March Incident and the 9 November Putsch", anchor) == []
    assert values("the Fourth of July celebrations and the 18 Brumaire", anchor) == []


def test_the_same_days_without_an_event_name_stay_dates():
    anchor = "1925-06-01"
    assert [v for _, v in values("On 4 May students marched; on May 30th police fired.",
                                 anchor)] == ["1925-05-04", "1925-05-30"]
    # a lower-case word that is no event name does not hide the date
    assert [v for _, v in values("On 4 May demonstrations began.", anchor)] == ["1925-05-04"]


def test_a_named_event_makes_no_timeline_entry(doc_factory):
    doc = doc_factory("ACCOUNT OF 3 JUNE 1925.\n\nThe 4 May Movement grew. On 30 May police "
                      "fired.")
    extract_dates(doc)
    extract_events(doc)
    assert [(e.date, e.text) for e in doc.events] == [
        ("1925-06-03", "ACCOUNT OF 3 JUNE 1925."),
        ("1925-05-30", "On 30 May police fired.")]


# --- 4. a newspaper's issue date beside an event of the same day -----------------------

def test_only_the_issue_date_of_a_newspaper_is_publication_data(doc_factory):
    doc = doc_factory("The quarry was closed.", [
        "Weekly Bugle, 2 May 1902, p. 4; the riot began on 2 May 1902.",
        "On 3 May 1902 the troops came; Weekly Bugle, 3 May 1902, p. 1.",
        "Weekly Bugle, 5 May 1902, p. 2."])
    extract_citations(doc)
    assert [c.get("issued") for c in doc.citations] == ["1902-05-02", "1902-05-03",
                                                        "1902-05-05"]
    extract_dates(doc)
    got = [(d.where, d.start, d.value) for d in doc.dates]
    n1 = doc.view_for("note:1").text
    assert got == [("note:1", n1.rindex("2 May"), "1902-05-02"),
                   ("note:2", 3, "1902-05-03")]


# --- 5. French and German months -------------------------------------------------------

def test_french_and_german_dates_with_a_year():
    assert values("cf. the decree of 4 mai 1921 and the order of 12. März 1938") == [
        ("4 mai 1921", "1921-05-04"), ("12. März 1938", "1938-03-12")]
    assert values("signed 1er août 1914; Brief vom 3. Okt. 1923; 14 juillet 1789") == [
        ("1er août 1914", "1914-08-01"), ("3. Okt. 1923", "1923-10-03"),
        ("14 juillet 1789", "1789-07-14")]
    assert values("12. Oktober 1938 and 2. Dezember 1805") == [
        ("12. Oktober 1938", "1938-10-12"), ("2. Dezember 1805", "1805-12-02")]
    # a number ending a sentence before a month English spells alike is no German day
    assert values("as in chapter 4. April 1921 was wet.") == [("April 1921", "1921-04")]


def test_french_and_german_day_months_with_their_article():
    assert values("am 12. März kam er; il écrit le 3 août que", "1921-01-01") == [
        ("am 12. März", "1921-03-12"), ("le 3 août", "1921-08-03")]


def test_a_bare_foreign_word_is_no_date():
    # "mars", "mai", "juin" and "Juli" alone, or after a number without a year, are words
    assert values("the planet Mars in 3 mars; 12 mai pages; Juli; 4 juin", "1921-01-01") == []
    assert values("Zone 4 Mai 19, mai 1921") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("0123456789 ,.;-eroMayJunDecmbrhadthnxtlfäüzsAaviJanuryMärz1887?")), max_size=90))
def test_any_text_gives_edtf_shaped_values(text):
    for f in find_dates(text, "1887-12-20"):
        assert 0 <= f.start < f.end <= len(text)
        assert f.value[:1] in "0123456789X["
        assert f.value.count("?") <= 2


def test_an_event_named_after_its_day_is_an_event_name():
    from archivist.extract.rules import rule_spans

    text = "the 4 May Movement, the May 30th Movement and the 18 March Incident; on 4 May he"
    assert [(text[s:e], t) for s, e, t in rule_spans(text) if t == "EVENT"] == [
        ("4 May Movement", "EVENT"), ("May 30th Movement", "EVENT"),
        ("18 March Incident", "EVENT")]


def test_a_dated_paper_reads_inst_ult_prox_and_days_of_the_week(doc_factory):
    text = ("THE HARBOUR GAZETTE, SATURDAY, MARCH 4, 1899.\n\n"
            "On Wednesday evening the quay gave way. Your letter of the 27th ult. was read, "
            "and the board meets on the 9th inst. and again on Monday next. The "
            "contractors will begin on Tuesday.")
    doc = extract_events(extract_dates(doc_factory(text)))
    got = [(d.text, d.value) for d in doc.dates]
    assert got == [("MARCH 4, 1899", "1899-03-04"), ("On Wednesday", "1899-03-01?"),
                   ("the 27th ult.", "1899-02-27"), ("the 9th inst.", "1899-03-09"),
                   ("on Monday next", "1899-03-06"), ("on Tuesday", "1899-03-07?")]
    # without a date of the paper a day of the week or "inst." says nothing
    assert find_dates("on the 9th inst. and on Monday next") == []
