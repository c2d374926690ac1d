"""Mends from the session-12 whole-diff read, repair side (invented text only)."""

from __future__ import annotations

import random

from archivist.repair import spacing
from archivist.repair.core import Context

_NAMES = ["Tregarth", "Ambler", "Osgood", "Tarrant", "Halse", "Lumb", "Orrell", "Pask"]
_RANKS = ["Pte", "Pte.", "Corpl", "Sergt.", "Capt.", "Pie.", "Pta", "Fte", "Gnr"]


def _ranked_text(rng: random.Random, n: int) -> str:
    """A long invented text of prose and lists of ranks and names, some misread."""
    parts = []
    for _ in range(n):
        if rng.random() < 0.4:
            parts.append(f"{rng.choice(_RANKS)} {rng.choice('ABCDJ')}. {rng.choice(_NAMES)},")
        else:
            parts.append(rng.choice(["the Captain said", "we marched on", "Apple Pie. Then",
                                     "and so forth", "a long day,"]))
    return " ".join(parts)


def _windows(text: str, rng: random.Random) -> list[tuple[int, int]]:
    spans = []
    for _ in range(40):
        lo = rng.randrange(len(text))
        spans.append((lo, min(len(text), lo + rng.randrange(20, 200))))
    return spans


def test_rank_scan_once_per_call(monkeypatch):
    """The page-wide rank scan runs once per `fix_spacing` call, not once per focus
    window ("Captain" passes the substring guard, so every window rescanned the text)."""
    rng = random.Random(7)
    text = _ranked_text(rng, 600)
    calls = []
    real = spacing._misread_ranks
    monkeypatch.setattr(spacing, "_misread_ranks", lambda t: calls.append(1) or real(t))
    spacing.fix_spacing(text, Context(flags={"focus": _windows(text, rng)}))
    assert len(calls) == 1


def test_rank_scan_once_same_output():
    """Same changes as `_rank_changes` scanning the whole text for each window."""
    for seed in range(6):
        rng = random.Random(seed)
        text = _ranked_text(rng, 800)
        spans = _windows(text, rng)
        ctx = Context(flags={"focus": spans})
        got = spacing.fix_spacing(text, ctx)
        want = []
        for lo, hi in spacing._windows(text, ctx):
            want += spacing._window_changes(text, lo, hi, lambda i: False)
            want += spacing._rank_changes(text, lo, hi)  # (rescans the text itself)
        want.sort(key=lambda c: (c.start, c.end))
        assert got == want
        assert any("rank" in c.reason for c in got)


def test_and_garble_not_after_a_conjunction():
    """A real word right after "and"/"or"/"nor" is not "and" misread: that would make
    "and and" (invented: "woad and anil from Madras")."""
    from archivist.repair.context import and_garble, fix_context

    assert not and_garble("anil", "and", "from")
    assert not and_garble("ami", "or", "the")
    assert not and_garble("aud", "nor", "was")
    assert and_garble("anil", "woad", "from")  # (still one between two words)
    text = "They traded woad and anil from Madras to the coast."
    assert not [c for c in fix_context(text) if c.replacement == "and"]


def test_fix_etc_leaves_a_list_ending_with_a_word():
    """ "Ice." and "Ace." ending a list of names are the words, not "&c." misread;
    after another misread "&c." they are not (invented lists). Lower-case "ice."/"fee."
    keep the comma rule: on ICDAR they stood for "&c." (see ETC_LIST_WORDS)."""
    from archivist.repair.money import fix_etc

    assert fix_etc("Coal, Salt, Ice. Delivered.") == []
    assert fix_etc("Hearts, Spades, Ace. Then") == []
    t = "Soap, Candles, Ac., Ice. Open"
    assert [t[c.start:c.end] for c in fix_etc(t)] == ["Ac", "Ice"]
    assert [c.replacement for c in fix_etc("razors, strops, fee. Open")] == ["&c"]
