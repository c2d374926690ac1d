"""Quantities, the readings left over: a bare scaled number takes a currency only
when its sentence ties them; continental dot groups; money named by its coin. Each
reading both ways (read / left alone). All sentences are invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.quantities import find_quantities


def read(text: str) -> list[tuple]:
    """(text, kind, value, unit, lsd) of every quantity found."""
    return [(text[f.start:f.end], f.kind, f.value, f.unit, f.lsd)
            for f in find_quantities(text)]


def unit_of(text: str, number: str) -> str | None:
    """The unit given to the quantity reading exactly `number`, None if not read."""
    return next((f.unit for f in find_quantities(text) if text[f.start:f.end] == number),
                None)


# -- a bare scaled number and the currency of its sentence ----------------------------------

@pytest.mark.parametrize(("sentence", "number", "unit"), [
    ("The loan came to 90 million, 40 million of which were in gold roubles.",
     "40 million", "rouble"),
    ("The state spent 300 million francs on roads and 120 million on harbours.",
     "120 million", "franc"),
    ("Imports were worth $12 million against 9 million the year before.", "9 million", "USD"),
    ("Revenue was 300 million francs in the year, and 250 million the year after.",
     "250 million", "franc"),
    ("The reparations bill of 6 milliard marks was cut to 4 milliard.", "4 milliard", "mark"),
])
def test_a_bare_number_takes_the_currency_its_sentence_ties_to_it(sentence, number, unit):
    assert unit_of(sentence, number) == unit


@pytest.mark.parametrize(("sentence", "number"), [
    # a new clause: the book's sales are not the price
    ("He paid £5 for the rights, though the book sold 40 million in a decade.", "40 million"),
    # a counted noun between: the number counts them
    ("A tax of 2 roubles fell on each of the peasants, who numbered 80 million.",
     "80 million"),
    ("The bank lent £3 million to the railways, whose passengers rose to 60 million.",
     "60 million"),
    ("The fund held ¥300 million; its members counted 2 million workers and 1 million more.",
     "1 million"),
    # a measure between
    ("The pits sold coal for 9 million marks, in all 50 tons or 6 million.", "6 million"),
])
def test_a_bare_number_is_left_alone_when_something_else_stands_between(sentence, number):
    assert unit_of(sentence, number) is None
    assert any(f.unit for f in find_quantities(sentence))  # the sum itself is still read


# -- continental digit groups -----------------------------------------------------------

def test_continental_groups_before_a_currency_measure_or_counted_noun():
    assert read("The town paid 1.200.000 francs and 3.500 Mark for the bridge.") == [
        ("1.200.000 francs", "money", 1200000, "franc", None),
        ("3.500 Mark", "money", 3500, "mark", None)]
    assert read("A wall of 1.500 metres held 2.000.000 bricks and 12.000 men.") == [
        ("1.500 metres", "measure", 1500, "metre", None),
        ("12.000 men", "count", 12000, "man", None)]  # bricks: not a counted noun


def test_decimals_and_numbers_without_a_unit_stay_as_they_are():
    assert read("The rate was 3.5 marks, the road 2.75 miles long.") == [
        ("3.5 marks", "money", 3.5, "mark", None), ("2.75 miles", "measure", 2.75, "mile", None)]
    assert read("Clause 1.200.000 of the code; the total was 4.500.000.") == []
    assert read("The runner passed the 125 mark at noon.") == []  # lower-case: a mark
    assert read("12 Mark Antony, Letters (Rome, 1901).") == []  # a note number, a name


@given(st.lists(st.integers(0, 999), min_size=2, max_size=4), st.integers(1, 999))
@settings(max_examples=60, deadline=None)
def test_any_dot_grouped_sum_reads_as_its_integer(groups: list[int], head: int) -> None:
    digits = ".".join([str(head)] + [f"{g:03d}" for g in groups])
    text = f"The treasury received {digits} francs last week."
    (q,) = find_quantities(text)
    assert (text[q.start:q.end], q.value, q.unit) == (f"{digits} francs",
                                                     int(digits.replace(".", "")), "franc")


# -- money named by its coin ------------------------------------------------------------

def test_coins_are_money_in_shillings_and_pence():
    assert read("The boy earned sixpence, threepence and ninepence that week.") == [
        ("sixpence", "money", 0.025, "GBP", [0, 0, 6]),
        ("threepence", "money", 0.0125, "GBP", [0, 0, 3]),
        ("ninepence", "money", 0.0375, "GBP", [0, 0, 9])]
    assert read("A seat cost half a crown, a cab half-a-crown more; the fee was a guinea.") \
        == [("half a crown", "money", 0.125, "GBP", [0, 2, 6]),
            ("half-a-crown", "money", 0.125, "GBP", [0, 2, 6]),
            ("a guinea", "money", 1, "guinea", None)]
    q = find_quantities("They asked about tuppence for it.")[0]
    assert (q.approx, q.lsd) == (True, [0, 0, 2])


def test_coin_words_that_are_no_sum_are_left_alone():
    assert read("She kept a guinea-pig and a guinea fowl by the crown of the hill.") == []
    assert read("The ship sailed for a Guinea port past Sixpence Lane.") == []
