"""Review round 8: dates the new readings must keep. All texts are invented."""

from archivist.extract.dates import find_dates


def values(text: str, anchor: str | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.value) for f in find_dates(text, anchor)]


def test_by_or_in_a_month_opening_a_clause_before_a_surname_stays_a_date():
    # a historian's "By August Falkmoor had ..." dates the clause; no author is named
    assert values("In 1916. By August Falkmoor had been replaced.") == [
        ("In 1916", "1916"), ("By August", "1916-08")]
    assert values("In 1917, by June Kerrov's offensive was ready.") == [
        ("In 1917", "1917"), ("by June", "1917-06")]
    assert values("In 1916. In June Haigmont's attack began.") == [
        ("In 1916", "1916"), ("In June", "1916-06")]


def test_by_after_a_word_before_a_surname_is_still_an_author():
    assert values("In 1919 appeared a novel by May Pembrook.") == [("In 1919", "1919")]
    assert values("poems written by June Ashdale, in 1920.") == [("in 1920", "1920")]


def test_a_date_in_a_clause_looking_back_is_no_new_now():
    # the pluperfect "had been signed on 11 November" looks back: the narrative stays in
    # June, so a January after it is only queried, not read as a certain next year
    text = ("On 28 June 1919 the treaty was signed. On 11 November the truce had been "
            "signed. The talks opened on 18 January.")
    assert [v for _, v in values(text)][2] != "1920-01-18"


def test_until_a_month_in_a_clause_looking_back_stays_in_the_year():
    # "Until March he had lived ..." looks back from October: March of the same year,
    # and the narrative does not move into the next year
    text = ("On 10 October 1921 he came to the port. Until March he had lived inland. "
            "On 5 November he sailed.")
    assert [v for _, v in values(text)] == ["1921-10-10", "1921-03", "1921-11-05"]
    # a plain "until" still moves on
    assert values("On 10 December 1921 he came. He stayed until May.")[1] == (
        "until May", "1922-05")


def test_a_day_before_a_lower_case_noun_after_a_preposition_stays_a_date():
    # "movement", "incident" are ordinary nouns here, not the name of an event
    assert values("In 1916, after 12 March movement along the roads ceased.")[1] == (
        "12 March", "1916-03-12")
    assert values("In 1940. From 3 June movement of troops was forbidden.")[1] == (
        "3 June", "1940-06-03")
    # with "the" before the day it names the event, as before
    assert values("In 1919 the 4 May movement began.") == [("In 1919", "1919")]
