"""Review 9a: dates on long texts and in ordinary prose (invented sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.dates import _first_free, find_dates


def _plain(raw: list[tuple[int, int, str, object]]) -> list[tuple[int, int, str, object]]:
    """The former scan: each candidate against every kept span."""
    taken: list[tuple[int, int, str, object]] = []
    for r in raw:
        if all(r[1] <= t[0] or t[1] <= r[0] for t in taken):
            taken.append(r)
    return sorted(taken, key=lambda r: r[0])


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(spans)
def test_first_free_keeps_what_the_plain_scan_keeps(pairs: list[tuple[int, int]]) -> None:
    raw = [(s, s + n, str(i), None) for i, (s, n) in enumerate(pairs)]
    assert _first_free(raw) == _plain(raw)


def test_long_text_dates_match_the_short_text_dates() -> None:
    # the overlap check made a 300-page text quadratic; the same paragraph repeated gives
    # the same dates in every copy
    para = ("On 3 May 1920 the board met. It paid 1,200 pounds on Monday the 4th and in "
            "June it closed.\n\n")
    one = [f.value for f in find_dates(para, "1920-01-01")]
    many = find_dates(para * 2000, "1920-01-01")
    assert len(many) == 2000 * len(one)
    assert [f.value for f in many[-len(one):]] == one == ["1920-05-03", "1920-05-04?", "1920-06"]


def _values(text: str, anchor: str | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.value) for f in find_dates(text, anchor)]


def test_figures_alone_on_their_lines_are_no_years() -> None:
    # a column of figures read one to a line, a total set out on its own line
    assert _values("Tons shipped\n1250\n1500.\n1800\n") == []
    assert _values("The total was\n1917\nand in May it fell.", "1930-02-02") == [
        ("in May", "1930-05")]
    # a diary's year heading before its month heading still counts
    assert _values("1887.\n\nJANUARY.\nSaturday, 1st.--Cold.")[0] == ("1887.", "1887")


def test_a_count_in_words_after_a_day_of_a_month_is_no_year() -> None:
    assert _values("On the first day of July, twelve hundred soldiers crossed.") == []
    assert _values("the first day of March, fifteen hundred men were idle.", "1920") == []
    assert _values("On the first day of July, eighteen hundred and sixty-one, they left.") == [
        ("On the first day of July, eighteen hundred and sixty-one", "1861-07-01")]


def test_a_month_alone_on_its_line_needs_a_diary_around_it() -> None:
    # a letter signed with a month's name is undated by it
    assert _values("I remain yours,\nMay\n", "1930-02-02") == []
    assert _values("With love,\nJune.\n", "1930-02-02") == []
    # a month heading over its first entry, with an ordinal day
    assert _values("MARCH.\nMonday, 3rd.--Rain.") == [("MARCH.", "XXXX-03")]
    got = _values("1887.\nMonday, 3rd.--Rain.")
    assert got == [("1887.", "1887")]


def test_a_signing_formula_inside_a_sentence_does_not_date_the_text(doc_factory) -> None:
    from archivist.extract.dates import document_date

    filler = "The regiment marched north through the hills and rested there. " * 14
    for tail in ("The treaty was Signed at Versailles on 28 June 1919 by the delegates.",
                 "The best saws were Made in Solingen, where on 3 March 1880 works opened."):
        doc = doc_factory("A HISTORY OF THE REGIMENT\n\n" + filler + "\n\n" + tail + "\n")
        assert document_date(doc) is None
    # the formula opening its line at the foot still dates the paper
    doc = doc_factory("AGREEMENT\n\n" + filler + "\n\nDone at Riga, the 3rd day of May, 1921.\n")
    assert document_date(doc) == "1921-05-03"


def test_a_weekday_and_day_already_past_in_the_month_of_writing() -> None:
    # a letter of Monday 5 May 1930: Saturday the 3rd was two days before (not 3 June,
    # a Tuesday); a day still to come in the next month is unchanged
    assert _values("We met on Saturday, the 3rd.", "1930-05-05") == [
        ("on Saturday, the 3rd.", "1930-05-03")]
    assert _values("We meet on Tuesday, the 3rd.", "1930-05-05") == [
        ("on Tuesday, the 3rd.", "1930-06-03")]


def test_a_count_after_a_day_month_is_no_year_and_no_day() -> None:
    assert _values("On 2nd July, 3 ships sailed.", "1920") == [("2nd July", "1920-07-02")]
    assert _values("On July 4, 12 men died.", "1920") == [("July 4", "1920-07-04")]
    assert _values("On 4 July 12 men died.", "1920") == [("4 July", "1920-07-04")]
    assert _values("In May 12 men died.", "1920") == [("In May", "1920-05")]
    # a year after it still belongs to it
    assert _values("on 4 June\n1919 at noon") == [("4 June\n1919", "1919-06-04")]
    assert _values("By 4 May, 1920 it was over") == [("4 May, 1920", "1920-05-04")]
