"""Review of extract.quantities: inputs that crashed it, read wrong values or read
quantities that are not there. All sentences are invented."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.export.tei import to_tei, validate
from archivist.extract.dates import extract_dates
from archivist.extract.quantities import extract_quantities, find_quantities
from archivist.model import Quantity
from archivist.process import render_output


def read(text: str) -> list[tuple]:
    """(text, kind, value, unit) of every quantity found."""
    return [(text[f.start:f.end], f.kind, f.value, f.unit) for f in find_quantities(text)]


# -- long runs of digits ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The debt was £" + "9" * 400 + " in all.",  # float() overflowed
    "There were " + "9" * 5000 + " men.",  # int() past Python's 4300-digit limit
    "1" + ",000" * 2000 + " men",
    "a sum of " + "7" * 400 + "l. was named",
    "9" * 320 + ".5 miles",  # float('inf') reached int()
    "$" + "9" * 400 + " million",
])
def test_a_run_of_digits_is_no_number_and_no_crash(text):
    assert read(text) == []


def test_a_large_but_printable_sum_is_still_read():
    assert read("a note for 100,000,000,000,000,000,000 pengős") == [
        ("100,000,000,000,000,000,000 pengős", "money", 10**20, "pengo")]


def test_stage_and_every_output_survive_a_run_of_digits(doc_factory):
    doc = doc_factory("The debt was £" + "9" * 400 + ", and " + "8" * 400 + " men came.")
    doc = extract_quantities(extract_dates(doc))
    for fmt in ("json", "tei", "text"):
        assert render_output(doc, fmt)


def test_tei_writes_a_stored_huge_integer_exactly(doc_factory):
    # hand-built or older stored JSON can hold an integer float() cannot take
    doc = doc_factory("There were many men.")
    doc.quantities = [Quantity("many men", "count", 10**400, "man", "text", 11, 19)]
    tei = to_tei(doc)
    assert f'quantity="{10**400}"' in tei
    validate(tei)


# -- wrong values ---------------------------------------------------------------------------

def test_and_a_half_after_a_number_word_is_part_of_it():
    # "a million and a half rubles" was read "a million" rubles: a third lost
    assert read("They spent a million and a half rubles on it.") == [
        ("a million and a half rubles", "money", 1500000, "rouble")]
    assert read("two million and a half francs") == [
        ("two million and a half francs", "money", 2500000, "franc")]
    assert read("at six and a half per cent. and one and a half miles off") == [
        ("six and a half per cent.", "percent", 6.5, "percent"),
        ("one and a half miles", "measure", 1.5, "mile")]
    assert read("a dozen and a half rifles") == [
        ("a dozen and a half rifles", "count", 18, "rifle")]


def test_the_second_number_of_a_range_is_not_read_alone():
    # "10 to 20 men" was read as exactly 20 men
    for text in ("10 to 20 men", "some 10 or 12 men came", "1,000 to 2,000 tons"):
        assert read(text) == [], text
    assert read("the army grew in 1933 to 5,000 men") == [("5,000 men", "count", 5000, "man")]
    assert read("he sent 20 men to 30 villages") == [
        ("20 men", "count", 20, "man"), ("30 villages", "count", 30, "village")]


def test_guineas_abbreviated():
    assert read("The fee was 5 gns. a term.") == [("5 gns.", "money", 5, "guinea")]


# -- false quantities -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The price rose by 3/4 of the old amount.",  # was 3s. 4d.
    "the cost fell to 1/2 of its level",
    "it took 1/2 the time; the cost was the same",
    "The column left at 0900 hours.",  # was 900 hours
    "They marched at 2230 hours and stopped by 0400 hrs.",
    "They left at 10.30 hours and came by 22.15 hrs.",  # were 10.3 and 22.15 hours
    "They left at 10:30 hours.",  # was 30 hours
])
def test_fractions_and_clock_times_are_no_quantities(text):
    assert read(text) == []


def test_shillings_and_pence_before_the_still_read():
    assert read("the fare was 10/6 the week before") == [("10/6", "money", 0.525, "GBP")]
    assert read("They marched for 48 hours, at 12 miles a day.") == [
        ("48 hours", "measure", 48, "hour"), ("12 miles", "measure", 12, "mile")]


# -- never fails, always quotes ---------------------------------------------------------

_PIECES = st.sampled_from([
    "9" * 400, "1", ",000", ".5", "£", "$", "l.", "s.", "d.", "/", "6", "of", "the", "a",
    "and", "half", "million", "men", "hours", "at", "0900", "to", "or", " ", "gns.", "½"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=40))
def test_find_never_fails_and_values_are_finite(pieces):
    text = "".join(pieces)
    for f in find_quantities(text):
        assert f.start < f.end and text[f.start:f.end].strip()
        json.dumps(f.value, allow_nan=False)  # finite: no NaN or Infinity in the JSON
        assert float(f.value) < 1e300


# -- old British money in short forms and lookalikes ------------------------------------------

def test_pounds_shillings_and_pence_after_one_sign():
    # "£5-10-0" was read as £5: the shillings were lost
    got = [(f.lsd, f.value) for f in find_quantities(
        "He paid £5-10-0 for the coat, £1.2.3 for the hat, £12/0/- in all, "
        "£1,200.10.0 for the house and £5-10-6½d. for the rest.")]
    assert got == [([5, 10, 0], 5.5), ([1, 2, 3], 1.1125), ([12, 0, 0], 12),
                   ([1200, 10, 0], 1200.5), ([5, 10, 6.5], 5.527083)]
    # a decimal sum and impossible shillings are not read as three parts
    assert [f.lsd for f in find_quantities("£2.50 and £3.5 million; £5.25.0")] == [
        [2.5, 0, 0], None]


@pytest.mark.parametrize("text", [
    "in the early 40s. the price rose",  # was 40 shillings
    "a man in his 40s. paid the rent",
    "your letter of 3d. inst. about the cost",  # was 3 pence: the third of this month
    "Sir, with reference to your despatch of 2d. ultimo on the price",
])
def test_decades_ages_and_days_of_the_month_are_no_money(text):
    assert read(text) == []


def test_shillings_and_pence_near_those_words_still_read():
    assert read("he gave his 5s. to the fund and paid 40s. at 3d. a copy") == [
        ("5s.", "money", 0.25, "GBP"), ("40s.", "money", 2, "GBP"),
        ("3d.", "money", 0.0125, "GBP")]


def test_zero_sums_are_misreads_in_every_form():
    # "0s." and a bare "0 million" (with a currency in its sentence) were money worth 0
    assert read("the fee was 0s. 0d., or 0l.; it cost 0 million in all, in francs") == []
    assert read("£0 10s. 6d.") == [("£0 10s. 6d.", "money", 0.525, "GBP")]


_FUZZ = st.sampled_from(list("0123456789.,/-£$lsd½ ") + [
    " men", " million", " and a half", " of", " hours", " at ", " per cent.", "s.", "d.",
    "l.", " francs", "early ", "inst."])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_FUZZ, max_size=25))
def test_every_quantity_is_a_positive_finite_amount_with_a_unit(parts):
    text = "".join(parts)
    for f in find_quantities(text):
        assert 0 <= f.start < f.end <= len(text)
        assert f.value > 0 and f.unit and float(f.value) < 1e300
        assert f.lsd is None or all(x >= 0 for x in f.lsd)


def test_pounds_that_weigh_are_a_measure():
    # "a shell weighing 25 pounds" was 25 GBP
    assert read("a shell weighing 25 pounds; it weighed some 9 pounds; 4 pounds in weight") == [
        ("25 pounds", "measure", 25, "pound"), ("some 9 pounds", "measure", 9, "pound"),
        ("4 pounds", "measure", 4, "pound")]
    assert read("he was fined 25 pounds, weighing 30 pounds sterling against it") == [
        ("25 pounds", "money", 25, "GBP"), ("30 pounds sterling", "money", 30, "GBP")]


def test_thousands_after_no_break_and_thin_spaces():
    # "1\u202f200 francs" was read as 200 francs
    assert read("a loan of 1\u202f200 francs and 1\u00a0200\u00a0000 marks for 3\u2009000 men") == [
        ("1\u202f200 francs", "money", 1200, "franc"),
        ("1\u00a0200\u00a0000 marks", "money", 1200000, "mark"),
        ("3\u2009000 men", "count", 3000, "man")]
