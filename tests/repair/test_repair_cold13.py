"""Round cold13's shortcuts on the cold repair path give exactly what the plain code
gives: `EnglishWindow.around` counting its window against the prefix sums,
`correct_word`'s inline option scores against `_score_words`, `second_steps`' word
test against the caller's, and `_Reach.learn`'s spelled-out bound against
`_Floor.__call__`."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_speed_same import garble

from archivist.repair import channel, words
from archivist.repair.channel import frequencies
from archivist.repair.core import EnglishWindow, build_context
from archivist.repair.corpus import CorpusLexicon
from archivist.repair.lm import K

_COMMON = sorted(w for w, z in frequencies().items() if z >= 4.0 and len(w) >= 4)
# English words, short words, names, foreign words, noise and numbers: every flag
_TOKENS = ["the", "of", "harvest", "farmers", "a", "I", "und", "nicht", "Frencb",
           "rnatters", "Jones", "tbe", "3,250", "x", "gut", "M'Leod", "wîndow", "sold"]


def _sums_around(win: EnglishWindow, i: int) -> bool:
    """`around(i)` as it was: from prefix sums over the whole token list."""
    if not win.flags and win.words:
        win._build()
    win._sums()
    lo, hi = max(0, i - win.span), min(win.n, i + 1 + win.span)
    own_w, own_g = int(win.flags[i] >= 0), int(win.flags[i] == 1)
    nw = win.words_[hi] - win.words_[lo] - own_w  # type: ignore[index]
    ng = win.good[hi] - win.good[lo] - own_g  # type: ignore[index]
    return nw < 2 or ng >= 0.6 * nw


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=40), st.integers(1, 5))
def test_around_counts_the_window_as_the_sums_did(tokens: list[str], span: int) -> None:
    fresh = EnglishWindow(tokens, span)
    got = [fresh.around(i) for i in range(len(tokens))]
    assert fresh.good is None  # no prefix sums were made for these questions
    assert got == [_sums_around(EnglishWindow(tokens, span), i) for i in range(len(tokens))]
    # after `all` made the sums, `around` reads them: the same answers
    assert fresh.all == got
    assert fresh.good is not None and [fresh.around(i) for i in range(len(tokens))] == got


def _plain_scores(options: dict[str, tuple[tuple[str, ...], float]], prev: str | None,
                  nxt: str | None, ctx, pair_ctx, nxt_alone: float | None) -> list[float]:
    """`correct_word`'s scoring loop as it was."""
    out = []
    for key, (parts, cost) in options.items():
        cache = min(1.5, 0.5 * ctx.seen(key)) if len(parts) == 1 else 0.0
        out.append(words._score_words(parts, prev, nxt, pair_ctx, nxt_alone) - K * cost + cache)
    return out


_NEIGHBOURS = [None, "the", "of", "The", "Mr.", "qzxv", "harvest", "I", "wheat", "Sang"]


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(_NEIGHBOURS), st.sampled_from(_NEIGHBOURS),
       st.booleans())
def test_option_scores_equal_the_plain_loop(seed: int, prev: str | None, nxt: str | None,
                                            corpus: bool) -> None:
    """Options as `correct_word` makes them (channel readings of a garble, a split
    reading, document terms, rare and unknown words), scored the same floats, with
    and without a corpus lexicon that has word pairs."""
    rng = random.Random(seed)
    word = garble(rng, rng.choice(_COMMON), rng.choice([1, 2]))
    options: dict[str, tuple[tuple[str, ...], float]] = {
        c: ((c,), cost) for c, cost in channel.candidates(word.lower())[:30]}
    options["went down"] = (("went", "down"), 0.6)
    options["zqxwv"] = (("zqxwv",), 1.2)  # no word list knows it
    text = f"{' '.join(rng.sample(_COMMON, 20))} harvest harvest Wheat wheat sang"
    lex = CorpusLexicon.from_counts({"harvest": (9, 3)}, pairs={"the harvest": (2, 2),
                                                               "harvest sang": (3, 2)})
    ctx = build_context([text], lex if corpus else None)
    for key in list(ctx.lower)[:5]:
        options.setdefault(key, ((key,), 0.5))
    nxt_alone = words.context_lp(nxt, None, None, ctx) if nxt else None
    got = words._option_scores(options, prev, nxt, ctx, ctx, nxt_alone)
    assert got == _plain_scores(options, prev, nxt, ctx, ctx, nxt_alone)


def _filtered(word: str, budget: float) -> list[tuple[str, float]]:
    lw = word.lower()
    seeds = channel._seeds(word, budget, letters=False)
    return [(s, c) for s, c in channel.second_steps(word, lw, seeds, budget)
            if s.lower() in frequencies()]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([0.5, 0.9, 1.2, 1.8]))
def test_second_steps_word_test_same_as_the_callers(seed: int, budget: float) -> None:
    rng = random.Random(seed)
    word = garble(rng, rng.choice(_COMMON), rng.choice([1, 2]))
    if not channel.simple_case(word):
        return
    seeds = channel._seeds(word, budget, letters=False)
    got = list(channel.second_steps(word, word.lower(), seeds, budget, frequencies()))
    assert got == _filtered(word, budget)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, 15))
def test_learn_bounds_as_the_floor_does(seed: int, size: int) -> None:
    """`_Reach.learn`'s scalar path (fewer than VECTOR_TERMS new terms) keeps the
    terms `_Floor.__call__` bounds within the limit, with the same floats."""
    rng = random.Random(seed)
    target = rng.choice(_COMMON)
    lw = garble(rng, target, rng.choice([1, 2, 3])).lower()
    pool = [w for w in _COMMON if w[0] == target[0] and w != lw and abs(len(w) - len(lw)) <= 2]
    new = rng.sample(pool, min(size, len(pool))) + ([target] if target != lw else [])
    widest = min(2.5, 0.36 * len(lw))
    reach = words._Reach(lw)
    reach.learn(new, widest)
    floor = words._Floor(lw)
    assert reach.near == {t: b for t in new if (b := floor(t)) <= widest}


def _python_bisect(orig: list[int], o: int, n: int) -> int:
    """`bisect_right_first` as it was: the halving loop in Python."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi) // 2
        if orig[mid] < o:
            lo = mid + 1
        else:
            hi = mid
    return lo


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=40), st.integers(-2, 62), st.data())
def test_bisect_right_first_same_steps_as_the_python_loop(orig: list[int], o: int,
                                                          data: st.DataObject) -> None:
    """The same index as the Python loop, sorted or not (moved text breaks the order)."""
    from archivist.model import bisect_right_first

    n = data.draw(st.integers(0, len(orig)))
    assert bisect_right_first(orig, o, n) == _python_bisect(orig, o, n)
    ordered = sorted(orig)
    assert bisect_right_first(ordered, o, n) == _python_bisect(ordered, o, n)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from([0.3, 0.45, 0.5, 0.55, 0.6, 0.9]))
def test_cheap_budgets_skip_no_second_step(seed: int, budget: float) -> None:
    """Below 0.6 `candidates` skips `second_steps` (no seed is 0.3 under the budget):
    the same list as the unpruned generator, and `second_steps` would yield nothing."""
    from test_repair_properties import _unpruned_candidates

    rng = random.Random(seed)
    word = garble(rng, rng.choice(_COMMON), rng.choice([1, 2]))
    if rng.random() < 0.4:
        word = word.capitalize()  # a name's budget is asked of capitalised forms
    assert channel.candidates.__wrapped__(word, budget) == _unpruned_candidates(word, budget)
    if budget < 0.6 and channel.simple_case(word):
        seeds = channel._seeds(word, budget, letters=False)
        assert not list(channel.second_steps(word, word.lower(), seeds, budget))


# invented forms no word list knows (zipf 0: a neighbour or option takes the rare-word
# floor, `unigram_lp` + log 0.4), printed twice in the text or counted by the corpus,
# so that floor depends on the context the scorer reads
_RARE_TERMS = ["quorlet", "brindlow", "Quorlet", "Brindlow", "vasquel"]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(_NEIGHBOURS + _RARE_TERMS),
       st.sampled_from(_NEIGHBOURS + _RARE_TERMS),
       st.sampled_from(["none", "forms", "pairs", "pairs, read without"]))
def test_option_scores_read_the_rare_word_floors_from_the_context(
        seed: int, prev: str | None, nxt: str | None, corpus: str) -> None:
    """The inline path's floors for a rare option or next word come from the scoring
    context: document terms and corpus forms lift a rare word's unigram. Contexts as
    `correct_word` passes them: no corpus, a corpus of forms only, a corpus with pairs
    (the general path), and one with pairs for a form they may not read (`pair_ctx`
    then `without_pairs(ctx)`, while the cache bonus still counts in `ctx`)."""
    from archivist.repair.corpus import without_pairs

    rng = random.Random(seed)
    word = garble(rng, rng.choice(_COMMON), rng.choice([1, 2]))
    options: dict[str, tuple[tuple[str, ...], float]] = {
        c: ((c,), cost) for c, cost in channel.candidates(word.lower())[:20]}
    for t in ("quorlet", "brindlow", "vasquel"):
        options[t] = ((t,), rng.choice([0.3, 0.5, 0.9]))
    options["quorlet brindlow"] = (("quorlet", "brindlow"), 0.6)
    text = f"{' '.join(rng.sample(_COMMON, 20))} quorlet the Quorlet brindlow of brindlow"
    forms = {"vasquel": (7, 3), "brindlow": (4, 2)}
    lex = {"none": None, "forms": CorpusLexicon.from_counts(forms)}.get(corpus) or \
        CorpusLexicon.from_counts(forms, pairs={"quorlet brindlow": (3, 2), "the vasquel": (2, 2)})
    ctx = build_context([text], lex)
    pair_ctx = without_pairs(ctx) if corpus == "pairs, read without" else ctx
    nxt_alone = words.context_lp(nxt, None, None, ctx) if nxt else None
    got = words._option_scores(options, prev, nxt, ctx, pair_ctx, nxt_alone)
    assert got == _plain_scores(options, prev, nxt, ctx, pair_ctx, nxt_alone)


def test_no_listed_confusion_is_cheaper_than_the_pruning_bound() -> None:
    """`candidates`' skip of `second_steps` at cheap budgets, `second_steps`' own skip of a
    seed, `_letter_groups` and `near_words` all take 0.3 as the cheapest listed confusion
    (and so does `_unpruned_candidates`, the reference the pruning is tested against: a
    cheaper entry would be lost by both alike). The table must keep to it."""
    assert min(c for subs in channel.confusions().values() for _, c in subs) >= 0.3
