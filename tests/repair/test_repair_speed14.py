"""Round-14 shortcuts (ingest, the cold path) give exactly what the plain code gives:
`doc_variants`' per-form memo of bounded terms against `_variants_among`, called over
and over with changing term lists as the rounds of a document do, and the tables now
read from the on-disk cache against building them afresh."""

from __future__ import annotations

import gc
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_speed_same import garble

from archivist.repair import channel, context, deep, words
from archivist.repair.channel import frequencies

_COMMON = sorted(w for w, z in frequencies().items() if z >= 4.0 and len(w) >= 4)


def _terms(pairs: list[tuple[str, int]]) -> words._Terms:
    t = words._Terms()
    t.forms = [w for w, _ in pairs]
    t.counts = [k for _, k in pairs]
    return t


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from("bcmpst"), st.integers(2, 60))
def test_known_variants_equal_plain_over_changing_rounds(seed: int, letter: str,
                                                         size: int) -> None:
    """A document's rounds: the same unknown forms asked again and again while the
    letter's terms gain, lose and recount members (some rounds above the vector
    size, some below, some adding fewer new terms than it); every answer must be
    `_variants_among`'s, which bounds every term afresh."""
    words._reach.cache_clear()
    rng = random.Random(seed)
    pool = [w for w in _COMMON if w[0] == letter]
    chosen = rng.sample(pool, min(size, len(pool)))
    asked = [garble(rng, rng.choice(chosen), rng.choice([1, 1, 2])) for _ in range(5)]
    asked = [a.lower() for a in asked if a[:1].lower() == letter] or [chosen[0]]
    # and two plain substitutions in a word of 6+ letters: a reading dear enough
    # (2.0) to lie near the widest limit (2.16 for 6 letters, else 2.5)
    long_ = [w for w in chosen if len(w) >= 6]
    for w in rng.sample(long_, min(2, len(long_))):
        i, j = sorted(rng.sample(range(1, len(w)), 2))
        asked.append(w[:i] + "q" + w[i + 1:j] + "x" + w[j + 1:])
    pairs = [(w, rng.choice([2, 2, 3, 4, 7])) for w in chosen]
    for _round in range(5):
        terms = _terms(pairs)
        for lw in asked:
            own = rng.choice([0, 1, 1, 2])
            assert words._known_variants(lw, own, terms) == words._variants_among(
                lw, own, terms), (lw, own)
        # next round: some terms recounted, some gone, a few new (a garble among them)
        pairs = [(w, max(1, k + rng.choice([-1, 0, 0, 1]))) for w, k in pairs
                 if rng.random() > 0.1]
        pairs += [(w, rng.choice([2, 3, 5])) for w in rng.sample(pool, 3)]
        pairs.append((rng.choice(asked), 2))


def test_known_variants_finds_readings_through_both_bounds(monkeypatch) -> None:
    """Real readings (not only empty lists) through the one-term bound and the
    vector bound, each equal to the plain definition."""
    forms = ["marlborough", "marlowe", "manchester", "members", "meeting", "morning",
             "market", "madras", "merchants", "moved", "money", "minister", "mentioned",
             "matter", "mint", "many", "meetings", "mornings"]
    terms = _terms([(w, 3 + i % 3) for i, w in enumerate(forms)])
    # (and two plain substitutions in "market": 2.0, near its widest limit 2.16)
    asked = ["rnarlborough", "marlborougb", "mornlng", "menibers", "meetinq", "moncy",
             "marqxt"]
    for vector in (10**9, 0):
        monkeypatch.setattr(words, "VECTOR_TERMS", vector)
        words._reach.cache_clear()
        got = [words._known_variants(w, 1, terms) for w in asked]
        assert got == [words._variants_among(w, 1, terms) for w in asked]
        assert sum(map(bool, got)) >= 4


def test_doc_variants_of_a_document_equal_plain() -> None:
    from archivist.repair.core import build_context

    rng = random.Random(5)
    body = rng.sample(_COMMON, 300) * 2
    asked = [garble(rng, rng.choice(body), 1) for _ in range(40)]
    ctx = build_context([" ".join(body + asked)])
    words._reach.cache_clear()
    for w in asked * 2:  # asked twice: the second time from the memo
        lw = w.lower()
        plain = words._variants_among(lw, ctx.lower.get(lw, 0),
                                      words._frequent_terms(ctx).get(lw[:1]))
        assert words.doc_variants(w, ctx) == plain, w


@pytest.fixture()
def table_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARCHIVIST_CACHE_DIR", str(tmp_path / "tables"))
    yield tmp_path / "tables"
    # the process's own tables again (built from the same data: equal either way)
    context._frequent_gaps.cache_clear()
    deep._dictionary.cache_clear()


def test_frequent_gaps_read_back_equal_the_plain_build(table_dir: Path) -> None:
    plain: dict[str, str] = {}
    for w, z in frequencies().items():
        if z >= 3.0:
            for j, c in enumerate(w):
                if c in channel.ALPHABET:
                    key = w[:j] + "\0" + w[j + 1:]
                    plain[key] = plain.get(key, "") + c
    for _ in range(2):  # built and written, then read from the file
        context._frequent_gaps.cache_clear()
        got = context._frequent_gaps()
        assert got == plain and list(got) == list(plain)
    assert [p.name.split("-")[0] for p in table_dir.iterdir()] == ["frequent_gaps"]


def test_period_dictionary_read_back_equal_and_untracked(table_dir: Path) -> None:
    from english_words import get_english_words_set

    plain = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    for _ in range(2):
        deep._dictionary.cache_clear()
        got = deep._dictionary()
        assert set(got) == plain and len(got) == len(plain)
        assert not gc.is_tracked(got)  # no walk of 263k keys on full collections
    assert [p.name.split("-")[0] for p in table_dir.iterdir()] == ["period_words"]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 40), st.booleans())
def test_reach_keeps_every_term_the_floor_admits(seed: int, size: int, vector: bool) -> None:
    """`_Reach.learn` keeps exactly the terms whose `_Floor` bound is within the
    widest limit, with that bound, whichever way (one term at a time or the
    vector) it bounds them."""
    rng = random.Random(seed)
    word = rng.choice(_COMMON)
    lw = garble(rng, word, rng.choice([1, 2])).lower()
    pool = [w for w in _COMMON if w[0] == lw[0] and abs(len(w) - len(lw)) <= 2 and w != lw]
    new = rng.sample(pool, min(size, len(pool)))
    widest = min(2.5, 0.36 * len(lw))
    reach = words._Reach(lw)
    old = words.VECTOR_TERMS
    try:
        words.VECTOR_TERMS = 0 if vector else 10**9
        reach.learn(new, widest)
    finally:
        words.VECTOR_TERMS = old
    floor = words._floor(lw)
    assert reach.near == {t: floor(t) for t in new if floor(t) <= widest}
    assert reach.checked == set(new)
