"""mendextract12: the vessel rule took a capitalised "Ship" or "Brig" heading a place or
a title, a title after the kind word, and a place's or firm's head word for ships."""

from __future__ import annotations

import pytest

from archivist.extract import rules


def _ships(text: str) -> list[str]:
    return [text[s:e] for s, e, _t in rules.vessels(text)]


@pytest.mark.parametrize("text", [
    "Goods came up the Manchester Ship Canal by barge.",
    "They dined at the Ship Inn on the quay.",
    "The passengers of the steamer Captain Hale had met were landed.",
    "Brig Gen Smith reviewed the troops.",
    "The cargo lay at the ship Canal for a week.",
    "He worked for the steamer Packet Company at the docks.",
    "The brig Albert Dock was a name no master would give.",
])
def test_no_ship_in_a_place_a_title_or_a_firm(text: str) -> None:
    assert _ships(text) == []


@pytest.mark.parametrize("text,ship", [
    ("a letter from the captain of the ship Corvenna", "Corvenna"),
    ("the brig Amos Pryce sailed at dawn", "Amos Pryce"),
    ("his Majesty's ship Bellona came in", "Bellona"),
    ("His Majesty's Ship Bellona came in", "Bellona"),
    ("the steamer Queen Charlotte left the river", "Queen Charlotte"),
])
def test_ships_named_after_a_lower_case_kind(text: str, ship: str) -> None:
    assert _ships(text) == [ship]


def test_the_guard_and_the_pattern_share_the_kinds() -> None:
    for kind in rules._VESSEL_KINDS:
        text = f"the {kind} Corvenna"
        assert rules._may(text, "vessel") and _ships(text) == ["Corvenna"]
