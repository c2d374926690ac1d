"""review12a: the periodical12 rules harmed words they must leave alone, and one of
them changed its own output on a second run. Each test failed before its fix."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair.context import and_garble, fix_context, which_garble
from archivist.repair.money import fix_etc
from archivist.repair.spacing import _rank_changes, fix_spacing


def _apply(text: str, changes: list) -> str:
    for c in sorted(changes, key=lambda c: c.start, reverse=True):
        text = text[:c.start] + c.replacement + text[c.end:]
    return text


def test_a_real_winch_after_an_adjective_or_a_subject_stays() -> None:
    # the rule took any word but a determiner before it, so an adjective or a subject
    # made the machine a pronoun
    assert not which_garble("winch", "new", "was", False)
    assert not which_garble("winch", "they", "the", False)
    text = "The new winch was fitted on the quay, and they winch the barges up."
    assert [c.replacement for c in fix_context(text) if c.replacement == "which"] == []
    # still read as "which" after a preposition or a comma
    assert which_garble("winch", "from", "the", False)
    assert which_garble("winch", None, "was", False)


def test_the_french_ami_after_a_french_determiner_stays() -> None:
    assert not and_garble("ami", "son", "pierre")
    assert not and_garble("ami", "notre", "jean")
    text = "He wrote to his friend: son ami est venu."
    assert [c for c in fix_context(text) if c.replacement == "and"] == []
    assert and_garble("aud", "son", "daughter")  # English "son" still precedes "and"


def test_no_and_is_made_before_a_conjunction() -> None:
    assert not and_garble("anil", None, "and")
    assert not and_garble("ana", "tea", "or")


def test_pie_is_no_private_where_a_longer_word_only_starts_with_a_rank() -> None:
    # "Pte" was looked for as a substring: "Pterodactyl" made a pie a private
    assert _rank_changes("Pork Pie, Ham; the Pterodactyl", 0, 30) == []
    assert fix_spacing("Veal Pie, Jelly; see the Pteris fern") == []


def test_pie_far_from_any_rank_stays() -> None:
    text = "Pte. J. Kellow, Sergt. Brackley. " + "The market was quiet all week. " * 12 + "Pork Pie, Ham"
    assert [c for c in _rank_changes(text, 0, len(text)) if c.replacement.startswith("Pte")] == []


def test_rank_repairs_are_settled_in_one_run() -> None:
    # a misread "Pte" without its stop, on a page that prints ranks with one, got the
    # stop only on a second run; likewise a bare rank when the only stop was a misread's
    for text in ("Pta Brackley, 14 Pte. Kellow, 10 Pie. Ormerod", "Pte K. Ambler and Pie. Pilbeam, Corpl Varley"):
        once = _apply(text, fix_spacing(text))
        assert fix_spacing(once) == [], once


ranks = st.lists(st.sampled_from(["Pte", "Pie", "Pta", "Pie.", "Pte.", "Corpl", "Sergt.",
                                  "Apple", "W.", "Ambler,", "Pilbeam", "x" * 60, "12", "Capt"]),
                 max_size=14).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(ranks)
def test_rank_repairs_are_idempotent(text: str) -> None:
    once = _apply(text, fix_spacing(text))
    assert fix_spacing(once) == []


def test_sec_before_a_number_is_a_section() -> None:
    assert fix_etc("the Act of 1890, Sec. 12, provides that") == []
    assert [c.replacement for c in fix_etc("tables, chairs, Sec. The sale")] == ["&c"]


def test_ace_is_a_word_among_the_etc_forms() -> None:
    # not in ETC_WORDS: changed at 0.85 after any full stop, with or without a list
    assert fix_etc("He led the King. Ace. Then the Queen") == []


def test_a_list_of_titles_keeps_its_commas() -> None:
    assert fix_spacing("Name (Mr, Mrs, Miss) and address") == []
    assert [c.replacement for c in fix_spacing("by Mr, Tregarth")] == ["."]
