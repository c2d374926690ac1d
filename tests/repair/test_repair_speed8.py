"""Round-8 cold-path shortcuts give exactly what the plain code gives: each fast
path is compared with the same function run without it (the shortcut patched out,
caches cleared), on real text windows and on garbled words."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_speed_same import _targets, _unpruned_near_words, garble

from archivist.repair import context
from archivist.repair.channel import frequencies
from archivist.repair.context import REAL_PENALTY, near_words

SEEDS = Path("/work/shared/seeds")


def _clear() -> None:
    for f in (context._best, context._real_word, context.near_words):
        f.cache_clear()


def _plain(monkeypatch: pytest.MonkeyPatch, f: Callable[[], object]) -> object:
    """`f()` with `_best` always asking the full near-word budget (the plain path)."""
    _clear()
    with monkeypatch.context() as m:
        m.setattr(context, "_best_budget", lambda *_a: 1.2)
        out = f()
    _clear()
    return out


def _windows() -> list[tuple[str, str | None, str | None]]:
    """(word, prev, next) windows of real sentences, some words garbled."""
    rng = random.Random(5)
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    toks = [t.strip(".,;:!?\"'()") for t in text.split()]
    toks = [t for t in toks if t.isalpha()]
    out = []
    for i in range(1, len(toks) - 1, max(1, len(toks) // 300)):
        w = toks[i]
        if rng.random() < 0.3:
            w = garble(rng, w.lower(), 1).lower()
        out.append((w.lower(), toks[i - 1].lower(), toks[i + 1].lower()))
    return out


def test_cheap_near_words_are_the_cheap_head_of_the_full_list() -> None:
    rng = random.Random(21)
    words = [w for w in _targets() if frequencies()[w] >= 3.0]
    forms = ["house", "garden", "modern", "having"] + [
        garble(rng, rng.choice(words), rng.randint(0, 1)) for _ in range(200)]
    for w in forms:
        cheap = near_words.__wrapped__(w, 0.5)
        assert cheap == tuple(kv for kv in near_words(w) if kv[1] <= 0.5)[:40], w
        assert cheap == _unpruned_near_words(w, 0.5), w


def test_best_with_its_budget_same_as_full_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    windows = _windows()
    assert len(windows) > 200

    def run() -> list[object]:
        return [context._best(w, p, n, None, REAL_PENALTY, True) for w, p, n in windows] + [
            context._real_word(w, p, n, None, False, False, 0.0) for w, p, n in windows]

    plain = _plain(monkeypatch, run)
    _clear()
    fast = run()
    assert fast == plain
    assert any(r is not None for r in fast)  # some windows do change


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(w for w, z in frequencies().items() if z >= 4.0)),
       st.sampled_from(["the", "a", "of", "to", "and", "in", "he", "it", "was", "not"]),
       st.sampled_from(["the", "of", "to", "and", "is", "was", "be", "by", "he", "that"]),
       st.integers(0, 2**32))
def test_real_word_same_as_plain_property(word: str, prev: str, nxt: str, seed: int) -> None:
    rng = random.Random(seed)
    w = garble(rng, word, 1).lower() if rng.random() < 0.3 else word
    with pytest.MonkeyPatch.context() as mp:
        plain = _plain(mp, lambda: (context._real_word(w, prev, nxt, None, False, False, 0.0),
                                    context._best(w, prev, nxt, None, REAL_PENALTY, True)))
    _clear()
    assert (context._real_word(w, prev, nxt, None, False, False, 0.0),
            context._best(w, prev, nxt, None, REAL_PENALTY, True)) == plain


def _plain_letter_words(word: str, budget: float) -> dict[str, float]:
    """Target words from the seeds that insert or substitute one a-z letter, and one
    listed confusion on such a seed, with the cheapest cost (the plain definition
    `channel._letter_groups` prunes)."""
    from archivist.repair.channel import ALPHABET, GENERIC, confusion_edits

    freq = frequencies()
    out: dict[str, float] = {}

    def keep(s: str, c: float) -> None:
        ls = s.lower()
        if ls in freq and c <= budget and c < out.get(ls, 9.0):
            out[ls] = c

    for p in range(len(word) + 1):
        for e in (0, 1) if p < len(word) else (0,):
            for x in ALPHABET:
                if e and x == word[p].lower():
                    continue
                seed = word[:p] + x + word[p + e:]
                keep(seed, GENERIC)
                if GENERIC + 0.3 <= budget:
                    for s2, c2 in confusion_edits(seed):
                        keep(s2, GENERIC + c2)
    return out


def _letter_group_words(word: str, budget: float) -> dict[str, float]:
    from archivist.repair.channel import _letter_groups

    freq = frequencies()
    out: dict[str, float] = {}
    for s, c in _letter_groups(word, word.lower(), budget):
        if s in freq and c < out.get(s, 9.0):
            out[s] = c
    return out


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(frequencies())), st.integers(1, 2), st.integers(0, 2**32),
       st.sampled_from([1.0, 1.5, 1.8]))
def test_letter_groups_find_the_plain_words(word: str, edits: int, seed: int,
                                            budget: float) -> None:
    w = garble(random.Random(seed), word, edits)
    if not w.isascii():
        return  # `_letter_groups` serves `simple_case` words; ASCII covers the table
    fast, plain = _letter_group_words(w, budget), _plain_letter_words(w, budget)
    # the word itself (a confusion undoing the substituted letter) is no candidate:
    # every caller drops it, and `_letter_groups` need not yield it
    fast.pop(w.lower(), None)
    plain.pop(w.lower(), None)
    assert fast == plain, w


def _plain_bigram_logprob(w1: str, w2: str) -> float:
    """`lexicon.bigram_logprob` as it was written before round 8 (reference)."""
    import math

    from archivist.lexicon import _bigrams, zipf

    counts, total = _bigrams()
    c = counts.get((w1.lower(), w2.lower()), 0)
    p1 = 10 ** (zipf(w1.lower()) - 9) if zipf(w1.lower()) > 0 else 1e-9
    if c > 0:
        return math.log(max(c / total / p1, 1e-12))
    p2 = 10 ** (zipf(w2.lower()) - 9) if zipf(w2.lower()) > 0 else 1e-10
    return math.log(0.4 * p2)


_PAIRS = sorted(__import__("archivist.lexicon", fromlist=["x"]).bigram_counts())[::997]
_WORDS = ["the", "The", "OF", "qzxv", "Eurorean", "café", "1830", "", "to-day", "ånd"]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.sampled_from(_PAIRS),
                 st.tuples(st.sampled_from(_WORDS), st.sampled_from(_WORDS)),
                 st.tuples(st.text(max_size=6), st.text(max_size=6))))
def test_bigram_logprob_and_seen_same_as_plain(pair: tuple[str, str]) -> None:
    from archivist.lexicon import bigram_count, bigram_logprob
    from archivist.repair.lm import _seen_shipped, seen

    w1, w2 = pair
    assert bigram_logprob(w1, w2) == _plain_bigram_logprob(w1, w2)
    assert _seen_shipped.__wrapped__(w1, w2) == (bigram_count(w1, w2) > 0) == seen(w1, w2)


def test_near_words_and_bigram_keys_are_lower_case_fixed_points() -> None:
    # `_best` and `_ordinary` look `seen` up in place, relying on this: the words
    # near words come from, and lower() of a lower-cased string, change nothing
    import sys

    assert all(w.lower() == w for w in frequencies())
    assert all(c.lower().lower() == c.lower() for c in map(chr, range(0, sys.maxunicode, 7)))


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=8), st.sampled_from(["house", "The", "was", "of", "Garden"])),
       st.sampled_from(["the", "of", "The", "OF", "", "Ünder", "1"]),
       st.sampled_from(["the", "house", "was", "Was", "", "ÉTAT"]))
def test_ordinary_same_as_with_seen(w: str, prev: str, nxt: str) -> None:
    from archivist.repair.context import _plain
    from archivist.repair.core import is_lexical
    from archivist.repair.lm import seen

    want = bool(_plain(w) and not (nxt and not is_lexical(nxt)) and (
        (not prev or seen(prev, w.lower())) and (not nxt or seen(w.lower(), nxt))))
    for p, n in ((prev, nxt), (False, nxt), (prev, False)):
        got = context._ordinary(w, p, n)
        assert got == bool(_plain(w) and not (n and not is_lexical(n)) and (
            (not p or seen(p, w.lower())) and (not n or seen(w.lower(), n)))), (w, p, n)
    assert context._ordinary(w, prev, nxt) == want


def test_every_common_az_word_is_a_channel_target() -> None:
    # `ligatures._ascii_evidence` prunes with the channel's prefix/suffix maps (its
    # words are a form of 3+ letters with a ligature put in: 5+ letters)
    from archivist.lexicon import listed_words, zipf

    freq = frequencies()
    missing = [w for w in listed_words() if len(w) >= 5 and w.isascii() and w.isalpha()
               and w.islower() and w not in freq and zipf(w) >= 3.5]
    assert missing == []


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(w for w, z in frequencies().items() if z >= 3.5 and len(w) >= 5
                              and ("f" in w))), st.integers(0, 2**32))
def test_ascii_ligature_evidence_same_as_candidates(word: str, seed: int) -> None:
    from archivist.repair.ligatures import LIGATURES, _ascii_evidence, ligature_candidates

    rng = random.Random(seed)
    forms = [word, garble(rng, word, 1).lower()]
    for lig in LIGATURES:  # the word with a ligature dropped, where it has one
        at = word.find(lig)
        if at >= 0:
            forms.append(word[:at] + word[at + len(lig):])
    for f in forms:
        if f.isascii() and f.isalpha():
            cands = ligature_candidates(f)
            assert _ascii_evidence(f) == (bool(cands) and cands[0][1] >= 3.5), f


def _plain_prefix_letters(words: list[str]) -> dict[str, str]:
    """`channel._prefix_letters` before round 8 (reference)."""
    out: dict[str, str] = {"": ""}
    prev = ""
    for w in words:
        shared, most = 0, min(len(prev), len(w))
        while shared < most and prev[shared] == w[shared]:
            shared += 1
        for i in range(shared, len(w)):
            out[w[:i]] = out.get(w[:i], "") + w[i]
        if w not in out:
            out[w] = ""
        prev = w
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("abcé", max_size=5), max_size=30))
def test_affix_maps_same_as_plain(words: list[str]) -> None:
    from archivist.repair.channel import _prefix_letters, _suffix_letters

    fwd, back = sorted(set(words)), sorted({w[::-1] for w in words})
    assert list(_prefix_letters(fwd).items()) == list(_plain_prefix_letters(fwd).items())
    plain_back = {k[::-1]: v for k, v in _plain_prefix_letters(back).items()}
    assert list(_suffix_letters(back).items()) == list(plain_back.items())


def test_affix_maps_of_the_target_words_same_as_plain() -> None:
    from archivist.repair.channel import _affixes

    heads, tails = _affixes()
    assert heads == _plain_prefix_letters(sorted(frequencies()))
    back = _plain_prefix_letters(sorted(w[::-1] for w in frequencies()))
    assert tails == {k[::-1]: v for k, v in back.items()}
