"""Periodical OCR: long garbles (repair.deep), long forms applied with a clear share,
rare real words one glyph confusion from a function word; and what they leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair.context import fix_context
from archivist.repair.deep import clear_winner, deep_candidates, max_edits
from archivist.repair.words import fix_words


def applied(text: str, changes) -> str:
    for c in sorted(changes, key=lambda c: c.start, reverse=True):
        if c.confidence >= 0.5:
            text = text[:c.start] + c.replacement + text[c.end:]
    return text


@pytest.mark.parametrize("form,word", [
    ("kmowledqe", "knowledge"), ("ultinatelv", "ultimately"), ("rejeotcd", "rejected"),
    ("tenperancc", "temperance"),
])
def test_deep_candidates_reach_multi_letter_garbles(form, word):
    cands = deep_candidates(form)
    assert cands[0][0] == word
    assert clear_winner(cands, len(form)) == cands[0]


@pytest.mark.parametrize("form", [
    "Izvestiia", "Vospominaniia", "Shigemitsu", "depredators", "Manchukuo", "short",
    "honour", "connexion", "controversie", "aneurismal",
])
def test_deep_candidates_leave_names_words_and_short_forms(form):
    assert clear_winner(deep_candidates(form), len(form)) is None


def test_no_clear_winner_between_two_close_readings():
    # two readings one letter away each: neither is taken
    assert clear_winner((("interest", 1.0), ("interact", 1.0)), 8) is None


@pytest.mark.parametrize("raw,expected", [
    ("the people took great interest in the kmowledqe of the", "knowledge"),
    ("the request was rejeotcd by the committee on Monday", "rejected"),
    ("and it was ultinatelv decided to go", "ultimately"),
])
def test_words_stage_applies_long_garbles(raw, expected):
    out = applied(raw, fix_words(raw))
    assert expected in out


@pytest.mark.parametrize("text", [
    "the proceedings of the Pendarves family at Exeter to-day",
    "the defence of the honour of the connexion to-morrow",
    "See Vospominaniia and Izvestiia for the Gronskii papers",
])
def test_words_stage_leaves_protected_words(text):
    assert [c for c in fix_words(text) if c.confidence >= 0.5] == []


@pytest.mark.parametrize("raw,expected", [
    ("he bought bread arid butter for the children", "he bought bread and butter for the children"),
    ("she lias been there before", "she has been there before"),
])
def test_rare_word_for_function_word(raw, expected):
    assert applied(raw, fix_context(raw)) == expected


def test_rare_word_shortening_still_held_when_not_a_glyph_confusion():
    # "form" -> "for" drops a letter without any listed confusion: held
    assert [c for c in fix_context("the tax form another way") if c.confidence >= 0.5] == []


def test_max_edits_grows_with_length():
    assert [max_edits(n) for n in (7, 8, 9, 12, 13, 20)] == [2, 2, 3, 3, 4, 4]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGH", min_size=0, max_size=18))
def test_deep_candidates_are_common_words_near_the_form(form):
    cands = deep_candidates(form)
    assert len(cands) <= 5
    costs = [c for _, c in cands]
    assert costs == sorted(costs)
    for word, _cost in cands:
        assert word.isalpha() and word.islower() and abs(len(word) - len(form)) <= 2
        assert word != form.lower()


def test_far_reading_needs_a_neighbour_that_attests_it():
    # the same garble with no neighbour that pairs with "ultimately": kept
    assert all(c.confidence < 0.5 for c in fix_words("ultinatelv"))


@pytest.mark.parametrize("text", [
    "the gaieties of the season were over",
    "the stalest bread and the rashest plan",
    "he beginneth the work by the crannied wall",
])
def test_rare_period_words_are_not_read_far(text):
    assert [c for c in fix_words(text) if c.confidence >= 0.5] == []


@pytest.mark.parametrize("raw,want", [
    ("the meeting on Satarday last was held", "the meeting on Saturday last was held"),
    ("the Commissionera of the county met", "the Commissioners of the county met"),
    ("on Wednesdav next at noon", "on Wednesday next at noon"),
])
def test_long_capitalised_garble_gets_one_plain_edit(raw, want):
    assert applied(raw, fix_words(raw)) == want


@pytest.mark.parametrize("text", [
    "Mr. Pendarves and Mr. Hambledon spoke",
    "a letter from Mr. Ashburnham to the Board",
    "the Rev. Mr. Tregarthen said",
])
def test_capitalised_names_stay(text):
    assert [c for c in fix_words(text) if c.confidence >= 0.5] == []
