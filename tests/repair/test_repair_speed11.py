"""Round-11 cold-path shortcuts give exactly what the code before them gave: each
fast path is compared with the round's starting code (kept here as the reference),
on garbled target words and with hypothesis."""

from __future__ import annotations

import random
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_speed_same import garble

from archivist.repair import channel
from archivist.repair.channel import _seeds, frequencies, simple_case

_WORDS = sorted(frequencies())
# OCR-like forms: letters and the glyphs the confusion table reads
_OCR = st.text(alphabet="etaoinshrdlucmfwypvbgkqjxzEIHUTSrnlilclvv1058.,'-éçA",
               min_size=1, max_size=12)


def _plain_second_steps(word: str, lw: str, seeds: dict[str, tuple[float, int, int, int]],
                        budget: float) -> Iterator[tuple[str, float]]:
    """`channel.second_steps` as it was at the start of round 11 (reference): every
    window of every seed looked up afresh, every replacement's cost tested."""
    table, maxlen = channel._lowered_table(), channel._max_obs_len()
    prefixes, suffixes = channel._affixes()
    n = len(word)
    pw, qw = channel._bounds(lw)
    for s, (c, p, e, d) in seeds.items():
        if c + 0.3 > budget:
            continue
        ns = n - e + d
        ls = s.lower()
        if pw < p:
            top = pw if pw < ns - 1 else ns - 1
        else:
            top = p if p < ns - 1 else ns - 1
            while top < ns - 1 and ls[:top + 1] in prefixes:
                top += 1
        if qw > p + e:
            low = qw - e + d
        else:
            low = p + d
            while low > 0 and ls[low - 1:] in suffixes:
                low -= 1
        for i in range(low - maxlen if low > maxlen else 0, top + 1):
            follow = prefixes[ls[:i]]
            for k in range(low - i if low - i > 1 else 1, min(maxlen, ns - i) + 1):
                subs = table.get(s[i:i + k])
                if subs:
                    lead = suffixes[ls[i + k:]]
                    for intended, c2, first, last in subs:
                        if c + c2 <= budget and (not intended
                                                 or (first in follow and last in lead)):
                            yield s[:i] + intended + s[i + k:], c + c2


def _same_second_steps(word: str, budget: float) -> None:
    """The fast and the reference second steps yield the same (string, cost) set, for
    the seeds of both callers (`candidates`: no letter seeds; `near_words`: the
    confusion seeds of the lower-case word)."""
    if not simple_case(word):
        return  # second_steps serves simple_case words only
    lw = word.lower()
    for w, seeds in ((word, _seeds(word, budget, letters=False)),
                     (lw, _seeds(lw, budget, plain=False))):
        fast = set(channel.second_steps(w, w.lower(), seeds, budget))
        plain = set(_plain_second_steps(w, w.lower(), seeds, budget))
        assert fast == plain, (w, budget, sorted(fast ^ plain)[:5])


def test_second_steps_same_as_plain_on_garbled_words() -> None:
    rng = random.Random(111)
    forms = ["Eurorean", "shaU", "modem", "tbe", "rnay", "vvhich", "a", "ll", "Tne"] + [
        garble(rng, rng.choice(_WORDS), rng.randint(1, 2)) for _ in range(300)]
    for w in forms:
        for budget in (0.5, 1.2, 1.8):
            _same_second_steps(w, budget)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_OCR, st.builds(lambda w, k, s: garble(random.Random(s), w, k),
                                 st.sampled_from(_WORDS), st.integers(0, 3),
                                 st.integers(0, 2**32))),
       st.sampled_from([0.5, 0.9, 1.2, 1.8]))
def test_second_steps_same_as_plain_property(word: str, budget: float) -> None:
    _same_second_steps(word, budget)


def test_lowered_table_cheapest_first_and_complete() -> None:
    """Loops stop at the first replacement past their budget: the table must list
    each entry's replacements cheapest first, and all of them."""
    table = channel._lowered_table()
    for obs, subs in channel.confusions().items():
        costs = [c for _, c, _, _ in table[obs]]
        assert costs == sorted(costs)
        assert sorted((i, c) for i, c, _, _ in table[obs]) == sorted(subs)


_REAL = sorted(w for w, z in frequencies().items() if z >= 3.0)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_OCR.map(str.lower), st.sampled_from(_REAL),
                 st.builds(lambda w, k, s: garble(random.Random(s), w, k).lower(),
                           st.sampled_from(_REAL), st.integers(0, 2), st.integers(0, 2**32))),
       st.sampled_from([0.3, 0.4, 0.5, 0.55, 0.6, 1.0, 1.2]))
def test_near_words_same_as_unpruned_property(word: str, budget: float) -> None:
    """`near_words` (one-confusion words found by their bounds under budget 0.6,
    non-word seeds left out above it) against the unpruned definition."""
    from test_repair_speed_same import _unpruned_near_words

    from archivist.repair.context import near_words

    assert near_words.__wrapped__(word, budget) == _unpruned_near_words(word, budget)


def test_confusion_words_are_the_words_among_the_seeds() -> None:
    from archivist.repair.channel import confusion_words

    freq = frequencies()
    rng = random.Random(7)
    forms = ["bis", "tbe", "rnay", "modem", "house", "garden"] + [
        garble(rng, rng.choice(_REAL), rng.randint(0, 1)).lower() for _ in range(300)]
    for w in forms:
        if not simple_case(w):
            continue
        for budget in (0.3, 0.5, 0.9):
            seeds = {s: c for s, (c, *_span) in _seeds(w, budget, plain=False).items()
                     if s in freq}
            got = {s: c for s, c in confusion_words(w, budget).items() if s in freq}
            assert got == seeds, (w, budget)


def test_letter_groups_find_the_plain_words_on_garbled_words() -> None:
    """`_letter_groups` (confusions before and after the new letter walked per table
    hit, stopping where no word begins or ends so) against the plain generator."""
    from test_repair_speed8 import _letter_group_words, _plain_letter_words

    rng = random.Random(1111)
    forms = ["Eurorean", "shaU", "tbe", "rnay", "vvhich", "Tne", "wbeu", "a"] + [
        garble(rng, rng.choice(_WORDS), rng.randint(1, 2)) for _ in range(100)]
    for w in forms:
        if not w.isascii():
            continue
        for budget in (1.0, 1.3, 1.8):
            fast, plain = _letter_group_words(w, budget), _plain_letter_words(w, budget)
            fast.pop(w.lower(), None)
            plain.pop(w.lower(), None)
            assert fast == plain, (w, budget)


def _plain_best(word: str, prev: str | None, nxt: str | None, penalty: float,
                keep_known: bool, ocr: float = 0.0) -> tuple[str, float, list[str], bool] | None:
    """`context._best` (ctx None) as it was at the start of round 11 (reference): the
    filters in their old order, the bigram test last."""
    from archivist.lexicon import bigram_counts
    from archivist.repair.context import (
        DOUBLING_WORDS,
        _best_budget,
        glue_word,
        near_words,
        rare_bonus,
        same_word,
    )
    from archivist.repair.lm import K, context_lp, softmax_conf

    keep = context_lp(word, prev, nxt, None, known=keep_known) - ocr
    opts = [("\0keep", keep)]
    clear: set[str] = set()
    sides = [s for s in (prev, nxt) if s]
    get = bigram_counts().get
    lp, ln, lw = prev and prev.lower(), nxt and nxt.lower(), word.lower()
    orig_seen = ((prev is not None and get((lp, lw), 0) > 0)
                 + (nxt is not None and get((lw, ln), 0) > 0))
    for cand, cost in near_words(word, _best_budget(word, keep_known, orig_seen)):
        if keep_known and (cand + "s" == word or word + "s" == cand):
            continue
        if keep_known and same_word(word, cand):
            continue
        if (cand == lp or cand == ln) and cand not in DOUBLING_WORDS:
            continue  # (session 12's doubling guard, added after this reference was taken)
        cand_seen = ((prev is not None and get((lp, cand), 0) > 0)
                     + (nxt is not None and get((cand, ln), 0) > 0))
        strong = cand_seen == len(sides) and orig_seen == 0
        if keep_known and len(word) >= 5 and cost > 0.5 and not (strong and len(word) == 5):
            continue
        if not cand_seen and not (keep_known and nxt is not None
                                  and glue_word(word, cand, cost)):
            continue  # (round 10's glue words, merged after this reference was taken)
        pen = penalty
        if keep_known:
            pen -= rare_bonus(word, cand, cost)
        if strong:
            clear.add(cand)
        if keep_known and strong:
            pen -= 2.0
        opts.append((cand, context_lp(cand, prev, nxt, None) - K * cost - pen))
    opts.sort(key=lambda o: (-o[1], o[0]))
    if opts[0][0] == "\0keep":
        return None
    top = opts[:6]
    conf = softmax_conf([s for _, s in top], 0)
    return (opts[0][0], conf, [o for o, _ in top[1:4] if o != "\0keep"],
            opts[0][0] in clear)


def test_best_same_as_plain_on_text_windows() -> None:
    """`_best` with its bigram test first against the old filter order, on real
    sentence windows (some words garbled), for real words and for non-words."""
    from test_repair_speed8 import _windows

    from archivist.repair.context import REAL_PENALTY, _best

    windows = _windows()
    changed = 0
    for w, p, n in windows + [("bis", "of", "own"), ("tho", None, "end"), ("bad", "it", "been")]:
        for keep_known in (True, False):
            got = _best.__wrapped__(w, p, n, None, REAL_PENALTY, keep_known)
            assert got == _plain_best(w, p, n, REAL_PENALTY, keep_known), (w, p, n)
            changed += got is not None
    assert changed > 10  # windows where a reading wins: the loop's work is compared


def _plain_segmentations(word: str, archaic: bool = False
                         ) -> tuple[tuple[tuple[str, ...], float], ...]:
    """`words.segmentations` as it was at the start of round 11 (reference): a
    piece of 4+ letters read through every `confusion_edits` string."""
    from functools import cache

    from archivist.repair.channel import candidates, confusion_edits
    from archivist.repair.words import PREFIXES, SPLIT_COST

    lw = word.lower()
    n = len(lw)
    freq = frequencies()

    @cache
    def part(s: str) -> tuple[str, float] | None:
        if s in freq and (len(s) > 1 or s in ("a", "i")) and (
                freq[s] >= (4.0 if len(s) > 3 else 4.5 if len(s) == 3 else 5.5)):
            return s, 0.0
        if len(s) == 3 and not archaic:
            for cand, cost in candidates(s, 1.0):
                if freq.get(cand, 0) >= 4.5 and len(cand) == len(s) - 1:
                    return cand, cost
        if len(s) >= 4 and not archaic:
            return min(((c.lower(), k) for c, k in confusion_edits(s)
                        if k <= 0.6 and freq.get(c.lower(), 0) >= 4.0),
                       key=lambda ck: (ck[1], -freq[ck[0]], ck[0]), default=None)
        return None

    out: list[tuple[tuple[str, ...], float]] = []
    for i in range(1, n):
        a = part(lw[:i])
        if a is None or a[0] in PREFIXES:
            continue
        b = part(lw[i:])
        if b is not None:
            out.append(((a[0], b[0]), a[1] + b[1] + SPLIT_COST))
        for j in range(i + 1, n):
            b = part(lw[i:j])
            c = part(lw[j:]) if b is not None else None
            if b is not None and c is not None:
                out.append(((a[0], b[0], c[0]), a[1] + b[1] + c[1] + 2 * SPLIT_COST))
    out = [o for o in out if o[1] <= 2.7]
    out.sort(key=lambda o: (o[1], len(o[0]), -min(freq.get(w, 0.0) for w in o[0]), o[0]))
    return tuple(out[:5])


_COMMON = sorted(w for w, z in frequencies().items() if z >= 4.0)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(_COMMON), min_size=2, max_size=3), st.integers(0, 2**32),
       st.booleans())
def test_segmentations_same_as_plain_property(parts: list[str], seed: int,
                                              archaic: bool) -> None:
    """Glued words, some pieces garbled (a listed confusion read backwards, 'l' or
    '1' for 'i' among them), split the same way as by the old piece test."""
    from archivist.repair.words import segmentations

    rng = random.Random(seed)
    word = "".join(garble(rng, p, 1) if rng.random() < 0.4 else p for p in parts)
    if rng.random() < 0.3:  # 'l' or '1' for 'i': read through 'I' (0.4) or 'i' (0.5)
        word = word.replace("i", rng.choice("l1"), 1)
    assert segmentations.__wrapped__(word, archaic) == _plain_segmentations(word, archaic)


def test_segmentations_same_as_plain_on_examples() -> None:
    from archivist.repair.words import segmentations

    for w in ("wentdown", "usedttobe", "thepcople", "ofthelias", "whethersuccessful",
              "inthernatter", "tothehouse", "andthernan", "Iiketbe", "rnanyof",
              "thlsisthe", "tlmeofday", "wlthhis", "th1sday"):
        assert segmentations.__wrapped__(w) == _plain_segmentations(w), w


def _plain_one_shorter(s: str) -> tuple[str, float] | None:
    """`segmentations`' reading of a 3-character piece as it was (reference): the
    first candidate within 1.0, one character shorter, of zipf >= 4.5."""
    from archivist.repair.channel import candidates

    freq = frequencies()
    for cand, cost in candidates(s, 1.0):
        if freq.get(cand, 0) >= 4.5 and len(cand) == len(s) - 1:
            return cand, cost
    return None


def test_one_shorter_same_as_candidates() -> None:
    """Every a-z piece of three letters from a sample of 3,000, and pieces with the
    table's glyphs (digits, capitals, punctuation read as letters or as nothing)."""
    from archivist.repair.words import _one_shorter

    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    glyphs = letters + "1058Il'.,-UHrnvcm"
    pieces = ["tto", "bgo", "rnn", "vvo", "tlie", "cla", "ii.", "a'n", "1he", "0f."]
    pieces += ["".join(rng.choice(letters) for _ in range(3)) for _ in range(3000)]
    pieces += ["".join(rng.choice(glyphs) for _ in range(3)) for _ in range(1000)]
    found = 0
    for s in pieces:
        if len(s) != 3:
            continue
        got = _one_shorter(s)
        assert got == _plain_one_shorter(s), s
        found += got is not None
    assert found > 100  # pieces with a reading: the paths are compared, not just None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_COMMON[:3000] + ["Qzx", "tbe", "London"]), min_size=1,
                max_size=3),
       st.one_of(st.none(), st.sampled_from(["the", "of", "Mr.", "qzx"])),
       st.one_of(st.none(), st.sampled_from(["the", "and", "was", "qzx", "London"])),
       st.integers(0, 3))
def test_score_words_with_the_next_words_own_score_given(words: list[str], prev: str | None,
                                                         nxt: str | None, count: int) -> None:
    """`correct_word` works out the next word's own score once for all options: the
    scores are the same floats as when `_score_words` works it out itself."""
    from archivist.repair.core import Context
    from archivist.repair.lm import context_lp
    from archivist.repair.words import _score_words

    ctx = Context()
    if nxt:
        ctx.lower[nxt.lower()] = count  # document counts raise the unigram prior
    given_ = context_lp(nxt, None, None, ctx) if nxt else None
    assert (_score_words(tuple(words), prev, nxt, ctx, given_)
            == _score_words(tuple(words), prev, nxt, ctx))


def test_word_sets_untracked_and_complete() -> None:
    """The two big word sets are dicts the garbage collector does not walk, and hold
    every word of their sources."""
    import gc
    from importlib import resources

    from english_words import get_english_words_set

    from archivist.repair.core import _symspell_words
    from archivist.repair.deep import _dictionary

    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as fh:
        sym = {line.split(" ", 1)[0] for line in fh}
    web = get_english_words_set(["web2", "gcide"], lower=True, alpha=True)
    for got, want in ((_symspell_words(), sym), (_dictionary(), web)):
        assert not gc.is_tracked(got)
        assert set(got) == set(want)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_OCR.map(str.lower), st.sampled_from(_WORDS)))
def test_bounds_are_the_longest_prefix_and_suffix(lw: str) -> None:
    """`_bounds` (now cached per word) against its definition."""
    prefixes, suffixes = channel._affixes()
    pw, qw = channel._bounds(lw)
    assert pw == max(i for i in range(len(lw) + 1) if lw[:i] in prefixes)
    assert qw == min(j for j in range(len(lw) + 1) if lw[j:] in suffixes)
    assert channel._bounds(lw) == channel._bounds.__wrapped__(lw)


def _plain_seeds(word: str, budget: float, plain: bool = True, letters: bool = True
                 ) -> dict[str, tuple[float, int, int, int]]:
    """`channel._seeds` as it was at the start of round 11 (reference): the table
    scanned window by window, spans included."""
    table = channel.confusions()
    n = len(word)
    maxlen = channel._max_obs_len()
    seen: dict[str, tuple[float, int, int, int]] = {}
    none = (9.0, 0, 0, 0)

    def put(s: str, c: float, p: int, e: int, d: int) -> None:
        if c <= budget and c < seen.get(s, none)[0]:
            seen[s] = (c, p, e, d)

    for i in range(n):
        for k in range(1, min(maxlen, n - i) + 1):
            for intended, cost in table.get(word[i:i + k], ()):
                put(word[:i] + intended + word[i + k:], cost, i, k, len(intended))
    if not plain or budget < 0.6:
        return seen
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        if letters:
            for c in channel.ALPHABET:
                put(head + c + tail, 1.0, i, 0, 1)
        if i < n:
            rest = word[i + 1:]
            put(head + rest, 0.6 if i > 0 and word[i] == word[i - 1] else 0.9, i, 1, 0)
            if letters:
                for c in channel.ALPHABET:
                    if c != word[i].lower():
                        put(head + c + rest, 1.0, i, 1, 1)
            if i + 1 < n and word[i] != word[i + 1]:
                put(head + word[i + 1] + word[i] + word[i + 2:], 1.0, i, 2, 2)
    return seen


@settings(max_examples=200, deadline=None)
@given(_OCR, st.sampled_from([0.3, 0.5, 0.9, 1.2, 1.8]), st.booleans(), st.booleans())
def test_seeds_same_as_plain_spans_included(word: str, budget: float, plain: bool,
                                            letters: bool) -> None:
    """`_seeds` (table hits from the per-piece cache, cheapest first) gives the same
    seeds, costs and recorded spans (their order in the dict may differ: callers
    keep the cheapest cost per string whatever the order)."""
    assert _seeds(word, budget, plain, letters) == _plain_seeds(word, budget, plain, letters)


@settings(max_examples=100, deadline=None)
@given(st.builds(lambda w, k, s: garble(random.Random(s), w, k), st.sampled_from(_WORDS),
                 st.integers(1, 2), st.integers(0, 2**32)),
       st.sampled_from([1.0, 1.3, 1.8]))
def test_letter_groups_given_the_words_yield_the_words_among_all(word: str,
                                                                 budget: float) -> None:
    """`_letter_groups(..., words)` tests membership where it makes each string:
    the same (string, cost) pairs as filtering its plain output."""
    if not word.isascii():
        return
    freq = frequencies()
    lw = word.lower()
    every = list(channel._letter_groups(word, lw, budget))
    given_ = list(channel._letter_groups(word, lw, budget, freq))
    assert sorted(given_) == sorted(t for t in every if t[0] in freq)


def _plain_doc_variants(word: str, ctx: object) -> list[tuple[str, float, int]]:
    """`words.doc_variants` as it was at the start of round 11 (reference): the
    form's bound made up front."""
    from rapidfuzz.distance import Levenshtein

    from archivist.repair import words

    lw = word.lower()
    terms = words._frequent_terms(ctx).get(lw[:1])  # type: ignore[arg-type]
    if terms is None:
        return []
    own = ctx.lower.get(lw, 0)  # type: ignore[attr-defined]
    least = max(2, 2 * own)
    widest = min(2.5, 0.36 * len(lw))
    floor = words._floor(lw)
    vector = len(terms.forms) >= words.VECTOR_TERMS
    hits = (floor.admissible(terms, widest) if vector else
            ((t, k, 0.0) for t, k in zip(terms.forms, terms.counts, strict=True)))
    out = []
    for term, k, bound in hits:
        if k < least or term == lw or abs(len(term) - len(lw)) > 2:
            continue
        rare = k < max(3, 3 * own)
        limit = 0.5 if rare else widest
        if not vector:
            plain = Levenshtein.distance(lw, term) * words.GENERIC
            if plain - floor.most - 1e-6 > limit:
                continue
            bound = floor(term, plain)
        if bound > limit:
            continue
        cost = words._wdist(lw, term, rare)
        if rare and cost > 0.5:
            continue
        if cost <= widest and not words.spelling_variant(lw, term):
            out.append((term, cost, k))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_COMMON[:400]), min_size=5, max_size=40), st.integers(0, 2**32))
def test_doc_variants_with_the_bound_made_on_demand(doc_words: list[str], seed: int) -> None:
    """`doc_variants` makes a form's bound only when a term passes its cheap tests:
    the same readings as the old code, which made it up front, on documents of
    repeated words and garbled copies of them."""
    from archivist.repair import words
    from archivist.repair.core import build_context

    rng = random.Random(seed)
    body = doc_words * 3
    asked = [garble(rng, rng.choice(doc_words), 1) for _ in range(8)]
    ctx = build_context([" ".join(body + asked)])
    for w in asked:
        assert words.doc_variants(w, ctx) == _plain_doc_variants(w, ctx), w
