"""Quantities: what is read (money, old British money, measures, counts, percentages,
approximations) and what is left alone (dates, locators, codes, names with numbers,
ordinals, times). All sentences are invented."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.extract.dates import extract_dates
from archivist.extract.quantities import extract_quantities, find_quantities
from archivist.store.record import document_from_json, store_json


def read(text: str) -> list[tuple]:
    """(text, kind, value, unit) of every quantity found."""
    return [(text[f.start:f.end], f.kind, f.value, f.unit) for f in find_quantities(text)]


# -- read ------------------------------------------------------------------------------

def test_money_with_scale_and_currency_word():
    assert read("The ministry spent 3,250 million roubles on roads.") == [
        ("3,250 million roubles", "money", 3250000000, "rouble")]
    assert read("a loan of 300,000 yen and 12 million gold francs") == [
        ("300,000 yen", "money", 300000, "yen"), ("12 million gold francs", "money",
                                                  12000000, "franc")]
    assert read("It cost $2,500,000, or $3.5 million in all.") == [
        ("$2,500,000", "money", 2500000, "USD"), ("$3.5 million", "money", 3500000, "USD")]


def test_scale_without_unit_takes_the_currency_named_in_its_sentence():
    assert read("Of the 812 million marks voted, only 640 million were paid.") == [
        ("812 million marks", "money", 812000000, "mark"),
        ("640 million", "money", 640000000, "mark")]
    # no currency in this sentence: the number is left alone
    assert read("Taxes rose to 90 million dollars. Then 70 million people voted.")[1] == (
        "70 million people", "count", 70000000, "person")
    assert read("The census counted 640 million in all.") == []


def test_old_british_money_in_all_its_forms():
    found = {t[f.start:f.end]: (f.lsd, f.value) for t in [
        "The bill came to £5 10s. 6d. for the pair, or 1,200l. for the lot; a ticket was "
        "1s. 6d., a paper 2d., a meal 5s. and the fare 10/6 each."] for f in find_quantities(t)}
    assert found == {"£5 10s. 6d.": ([5, 10, 6], 5.525), "1,200l.": ([1200, 0, 0], 1200),
                     "1s. 6d.": ([0, 1, 6], 0.075), "2d.": ([0, 0, 2], 0.008333),
                     "5s.": ([0, 5, 0], 0.25), "10/6": ([0, 10, 6], 0.525)}


def test_pounds_with_a_period_before_the_shillings():
    assert [(f.lsd, f.value) for f in find_quantities("sold at £4. 4s. and £2. 10s")] == [
        ([4, 4, 0], 4.2), ([2, 10, 0], 2.5)]
    assert [f.lsd for f in find_quantities("It cost £5. 10 men paid.")] == [[5, 0, 0],
                                                                         None]


def test_pound_sign_and_pounds_weight():
    assert read("He left £1,200 and 500 pounds of flour.") == [
        ("£1,200", "money", 1200, "GBP"), ("500 pounds", "measure", 500, "pound")]
    assert read("a debt of 40,000 pounds sterling") == [
        ("40,000 pounds sterling", "money", 40000, "GBP")]


def test_measures_and_percentages():
    assert read("The column marched 15 miles, then 22 kilometres, carrying 10,000 tons "
                "of grain across 3 sq. miles of marsh at 20 per cent. loss, or 7%.") == [
        ("15 miles", "measure", 15, "mile"), ("22 kilometres", "measure", 22, "kilometre"),
        ("10,000 tons", "measure", 10000, "ton"),
        ("3 sq. miles", "measure", 3, "square mile"),
        ("20 per cent.", "percent", 20, "percent"), ("7%", "percent", 7, "percent")]
    assert read("a 25-year lease on 2½ acres") == [("25-year", "measure", 25, "year"),
                                                   ("2½ acres", "measure", 2.5, "acre")]


def test_counts_with_adjectives_and_number_words():
    assert read("The raid left 12 heavy guns, 300 Japanese soldiers and 40 horses.") == [
        ("12 heavy guns", "count", 12, "gun"), ("300 Japanese soldiers", "count", 300,
                                                 "soldier"),
        ("40 horses", "count", 40, "horse")]
    assert read("four hundred men and two divisions; a million roubles") == [
        ("four hundred men", "count", 400, "man"), ("two divisions", "count", 2, "division"),
        ("a million roubles", "money", 1000000, "rouble")]


def test_approximations_are_flagged_and_quoted():
    for word in ("some", "about", "nearly", "over", "approximately", "c.", "roughly"):
        text = f"They sent {word} 400 men north."
        (f,) = find_quantities(text)
        assert f.approx and text[f.start:f.end] == f"{word} 400 men"
    (f,) = find_quantities("They sent 400 men north.")
    assert not f.approx


# -- left alone ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In 1933 the pact was signed, and on May 3 it was ratified.",
    "See p. 45 and pp. 12–15 of the report.",
    "RGAE, f. 327, op. 2, d. 81, l. 9; vol. 3, no. 4.",
    "Hill 412 and Height 52 were taken.",
    "Telegram No. 212 and Doc. #1504 were sent.",
    "Filed as F 4521/12/10 and FO 371/22189.",
    "on the 10th he came at 5 o'clock, and at 6 p.m. he left.",
    "1. The first point. Article 3 states that 2. is void.",
    "the crisis of the 1930s. In the 20s. it was calm.",
    "on the 2d. of June and July 2d. it rained.",
    "Three or four of them came, one side and then the other.",
    "the decade 1921–1931 saw its ratio move from 3/4 to 1/2.",
])
def test_left_alone(text):
    assert read(text) == []


def test_ranges_do_not_read_their_second_number_alone():
    assert read("between 12–15 miles") == []


def test_in_1500_men_is_a_year_but_1500_men_is_a_count():
    assert read("In 1500 men were few.") == []
    assert read("an army of 1500 men") == [("1500 men", "count", 1500, "man")]
    assert read("The 1,500 men and 1500 horses.") == [
        ("1,500 men", "count", 1500, "man"), ("1500 horses", "count", 1500, "horse")]


# -- the stage -------------------------------------------------------------------------

def test_stage_reads_body_and_notes_with_offsets_into_original(doc_factory):
    doc = doc_factory("In March 1921 the bank lent some 4,500 million marks.¹ It was a loss.",
                   ["He paid 2s. 6d. for the report, p. 12."])
    doc = extract_quantities(extract_dates(doc))
    got = [(q.where, q.text, q.kind, q.value, q.unit, q.lsd, q.approx) for q in doc.quantities]
    assert got == [("text", "some 4,500 million marks", "money", 4500000000, "mark", None, True),
                   ("note:1", "2s. 6d.", "money", 0.125, "GBP", [0, 2, 6], False)]
    for q in doc.quantities:
        assert doc.original[q.orig_start:q.orig_end] == q.text
        assert doc.view_for(q.where).text[q.start:q.end] == q.text


def test_offsets_follow_repairs_and_json_round_trips(doc_factory):
    doc = doc_factory("They moved 15 mlles in a day.")
    v = doc.body_view()
    i = v.text.index("mlles")
    doc.add_edits([v.edit("test.repair", i, i + 5, "miles", confidence=0.9)])
    doc = extract_quantities(doc)
    (q,) = doc.quantities
    assert (q.text, q.unit, doc.original[q.orig_start:q.orig_end]) == (
        "15 miles", "mile", "15 mlles")
    data = json.loads(json.dumps(store_json(doc)))
    assert data["quantities"][0]["unit"] == "mile" and data["quantities"][0]["lsd"] is None
    back = document_from_json(data)
    assert back.quantities == doc.quantities


def test_a_number_inside_a_date_is_the_dates(doc_factory):
    doc = extract_quantities(extract_dates(doc_factory("By 3 May 1921 some 40 men had left.")))
    assert [q.text for q in doc.quantities] == ["some 40 men"]


_PIECES = st.sampled_from([
    "£5 10s. 6d.", "1,200l.", "some", "400", "men", "million", "rubles", " ", "\n", ",", ".",
    "10/6", "fare", "p.", "45", "Hill", "1933", "in", "per cent.", "miles", "–", "2d.",
    "two", "hundred", "a", "¹", "No.", "#", "½", "tons", "of", "sterling", "$", "yen"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                         HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=30), st.text(max_size=30))
def test_stage_never_fails_and_every_quantity_quotes_its_text(doc_factory, pieces, noise):
    body = "".join(pieces) + noise
    doc = doc_factory(body, ["".join(reversed(pieces)) or "x"])
    doc = extract_quantities(extract_dates(doc))
    last: dict[str, int] = {}
    for q in doc.quantities:
        view = doc.view_for(q.where)
        assert view.text[q.start:q.end] == q.text
        assert doc.original[q.orig_start:q.orig_end] == q.text  # no edits here
        assert q.kind in ("money", "measure", "count", "percent") and q.unit
        assert q.start >= last.get(q.where, 0)  # in order, never overlapping
        last[q.where] = q.end


def test_shillings_and_pence_in_words_and_misreads():
    (f,) = find_quantities("The entrance fee was Ten Shillings for members.")
    assert (f.value, f.lsd, f.unit) == (0.5, [0, 10, 0], "GBP")
    assert read("about 30.000 francs were lost") == [
        ("about 30.000 francs", "money", 30000, "franc")]
    assert read("a reward of 00 Dollars, or $00,000 in all") == []
    assert read("a five year plan passed the 125 mark; a four pound parcel, a five pound "
                "note") == [("four pound", "measure", 4, "pound"),
                            ("five pound", "money", 5, "GBP")]


def test_bare_scaled_numbers_in_long_and_short_texts_find_their_sentence():
    # a long text with one bare number (its sentence split in a window around it) and a
    # short one with several (the whole text split once) read the same way
    for lead in ("", "It rained. " * 400):
        text = lead + "It cost 40 roubles, or 5 million in all. Then 6 million came."
        got = [(text[f.start:f.end], f.unit) for f in find_quantities(text)]
        assert got == [("40 roubles", "rouble"), ("5 million", "rouble")]
