"""mendextract12: the US state abbreviations (the city-state rule's pattern, the namesake
rule's postal codes) and the settler regions (the namesake qualifier, its country) were
each written twice and had drifted ("Ind. T." in the pattern only); one table each now."""

from __future__ import annotations

import re

import pytest

from archivist.extract import entities, rules


@pytest.mark.parametrize("abbr,code", rules.STATE_ABBR_CODES)
def test_every_state_abbreviation_has_its_code(abbr: str, code: str) -> None:
    for written in (f"{abbr}.", f"{abbr.replace('.', '. ')}."):
        assert re.fullmatch(rf"(?:{rules._STATE_ABBR})\.", written)
        q = entities._qualifier().match(f", {written} ")
        assert q is not None and entities._qualifier_home(q.group()) == ("US", code)


@pytest.mark.parametrize("cc,names,abbrs", entities._SETTLER)
def test_every_settler_region_has_its_country(cc: str, names: tuple[str, ...],
                                              abbrs: tuple[str, ...]) -> None:
    for written in [*(f", {n} " for n in names), *(f", {a}. " for a in abbrs),
                    *(f" ({a.replace('.', '. ')}.)" for a in abbrs)]:
        q = entities._qualifier().match(written)
        assert q is not None, written
        assert entities._qualifier_home(q.group()) == (cc, ""), written


@pytest.mark.parametrize("noun", ["husband", "nephew", "niece", "uncle", "grandson", "widow"])
def test_the_kinship_nouns_are_one_list_before_and_after_a_name(noun: str) -> None:
    # after the name: its possession is a person's ("Marchand's nephew")
    t = f"He wrote to the family: Marchand's {noun} came at noon."
    s = t.index("Marchand")
    assert entities._person_context(t, s, s + len("Marchand"))
    # before it, after a possessive: the name is a person's ("his nephew Paris")
    assert entities._KIN_BEFORE.search(f"and his {noun} ")
