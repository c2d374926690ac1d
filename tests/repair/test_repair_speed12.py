"""Round-12 shortcuts in `repair.context` give exactly what the code before them gave:
each is compared with its plain form (the round's starting code, kept here as the
reference), on chosen cases and with hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.lexicon import bigram_counts
from archivist.repair import context
from archivist.repair.channel import confusions
from archivist.repair.context import (
    DOUBLING_WORDS,
    K,
    _best_budget,
    _his_near,
    context_lp,
    glue_word,
    his_after_preposition,
    near_words,
    rare_bonus,
    same_word,
    softmax_conf,
)

# letters and marks the confusion table reads, weighted towards "his" and its garbles
_FORMS = st.text(alphabet="hisbltenruacdoml'.,’", min_size=1, max_size=8)
_NEIGHBOURS = st.sampled_from([None, "in", "of", "by", "with", "the", "and", "Co", "brother",
                               "was", "zyxwq", "house", "had", "been", "own", "men"])


def _plain_his_near(word: str) -> bool:
    """The round's starting test: "his" in `near_words(word, 1.0)` within 1.0."""
    return dict(near_words(word, 1.0)).get("his", 9.0) <= 1.0


def _two_shrinks_from_his() -> list[str]:
    """Every string two letter-removing confusions (of the table, within 1.0) from
    "his": the longest strings that can reach it, which the length bound must keep."""
    inverse = [(i, o, c) for o, subs in confusions().items() for i, c in subs
               if len(o) > len(i)]

    def back(s: str) -> list[tuple[str, float]]:
        out = []
        for i, o, c in inverse:
            k = s.find(i)
            while k >= 0:
                out.append((s[:k] + o + s[k + len(i):], c))
                k = s.find(i, k + 1)
        return out

    return sorted({s2 for s1, c1 in back("his") for s2, c2 in back(s1) if c1 + c2 <= 1.0})


def test_his_near_keeps_the_longest_strings_that_reach_his() -> None:
    forms = _two_shrinks_from_his()
    assert len(forms) > 50 and max(map(len, forms)) == 5
    reached = [w for w in forms if _his_near(w)]
    assert reached  # the bound is tight: some 5-character strings do reach "his"
    assert reached == [w for w in forms if _plain_his_near(w)]


def test_his_near_on_words() -> None:
    words = ["bis", "hie", "hit", "liis", "hiss", "hils", "lis", "him", "this", "hts", "brother",
             "water", "coins", "tho", "his", "bise", "hisl", "lhis"]
    assert [_his_near(w) for w in words] == [_plain_his_near(w) for w in words]
    assert _his_near("bis") and not _his_near("brother")


@settings(max_examples=300, deadline=None)
@given(_FORMS)
def test_his_near_same_as_plain(word: str) -> None:
    assert _his_near(word) == _plain_his_near(word)


@settings(max_examples=150, deadline=None)
@given(_FORMS, _NEIGHBOURS, _NEIGHBOURS)
def test_his_after_preposition_same_as_plain(word: str, prev: str | None,
                                             nxt: str | None) -> None:
    got = his_after_preposition(word, prev, nxt)
    if got is not None:
        assert _plain_his_near(word)
    elif (prev in context.BEFORE_HIS and nxt is not None and nxt.isalpha()
          and nxt not in context.NOT_AFTER_HIS and word not in (
              "his", "this", "has", "him", "is", "its", "her", "hi")
          and context.zipf(word) < 5.6):
        assert not _plain_his_near(word)


@settings(max_examples=200, deadline=None)
@given(_FORMS)
def test_near_words_one_is_the_cheap_head_of_near_words(word: str) -> None:
    # what `_his_near` reads: the cost <= 1.0 entries of the 1.2 list are the 1.0 list
    assert near_words(word, 1.0) == tuple(r for r in near_words(word, 1.2) if r[1] <= 1.0)


def _plain_best(word: str, prev: str | None, nxt: str | None, penalty: float,
                keep_known: bool, ocr: float = 0.0) -> tuple[str, float, list[str], bool] | None:
    """`context._best` as it was at the start of round 12 (ctx None): `glue_word`
    asked for every reading no neighbour attests."""
    opts: list[tuple[str, float]] = []
    clear: set[str] = set()
    sides = [s for s in (prev, nxt) if s]
    get = bigram_counts().get
    lp, ln = prev and prev.lower(), nxt and nxt.lower()
    orig_seen = ((prev is not None and get((lp, word.lower()), 0) > 0)
                 + (nxt is not None and get((word.lower(), ln), 0) > 0))
    for cand, cost in near_words(word, _best_budget(word, keep_known, orig_seen)):
        cand_seen = ((prev is not None and get((lp, cand), 0) > 0)
                     + (nxt is not None and get((cand, ln), 0) > 0))
        if not cand_seen and not (keep_known and nxt is not None
                                  and glue_word(word, cand, cost)):
            continue
        if keep_known and (cand + "s" == word or word + "s" == cand):
            continue
        if keep_known and same_word(word, cand):
            continue
        if (cand == lp or cand == ln) and cand not in DOUBLING_WORDS:
            continue  # (session 12's doubling guard, added after this reference was taken)
        strong = cand_seen == len(sides) and orig_seen == 0
        if keep_known and len(word) >= 5 and cost > 0.5 and not (strong and len(word) == 5):
            continue
        pen = penalty
        if keep_known:
            pen -= rare_bonus(word, cand, cost)
        if strong:
            clear.add(cand)
        if keep_known and strong:
            pen -= 2.0
        opts.append((cand, context_lp(cand, prev, nxt, None) - K * cost - pen))
    if not opts:
        return None
    opts.append(("\0keep", context_lp(word, prev, nxt, None, known=keep_known) - ocr))
    opts.sort(key=lambda o: (-o[1], o[0]))
    if opts[0][0] == "\0keep":
        return None
    top = opts[:6]
    conf = softmax_conf([s for _, s in top], 0)
    return (opts[0][0], conf, [o for o, _ in top[1:4] if o != "\0keep"],
            opts[0][0] in clear)


def test_best_glue_cases() -> None:
    # short rare forms a cheap confusion from "and"/"the" beside words the bigrams
    # never saw: only the glue rule lets a reading through
    cases = [("aud", "moreen", "zyxwq"), ("tbe", None, "zyxwq"), ("tlie", "zyxwq", "qwxzy"),
             ("aud", "Longman", "Co"), ("tho", "zyxwq", "qwxzy"), ("ot", "zyxwq", "qwxzy")]
    fast = context._best.__wrapped__
    glued = 0
    for word, prev, nxt in cases:
        for keep_known in (True, False):
            got = fast(word, prev, nxt, None, context.REAL_PENALTY, keep_known)
            assert got == _plain_best(word, prev, nxt, context.REAL_PENALTY, keep_known)
            glued += got is not None
    assert glued  # the cases do reach the glue rule


@settings(max_examples=300, deadline=None)
@given(_FORMS.map(str.lower), _NEIGHBOURS, _NEIGHBOURS, st.booleans(),
       st.sampled_from([context.REAL_PENALTY, context.FRAGMENT_PENALTY]),
       st.sampled_from([0.0, 0.5, -0.5]))
def test_best_same_as_plain(word: str, prev: str | None, nxt: str | None, keep_known: bool,
                            penalty: float, ocr: float) -> None:
    fast = context._best.__wrapped__
    assert (fast(word, prev, nxt, None, penalty, keep_known, ocr)
            == _plain_best(word, prev, nxt, penalty, keep_known, ocr))


def test_plain_zipf_per_frequency_value_on_every_listed_word() -> None:
    # `_zipf_of` caches wordfreq's arithmetic per frequency value: every listed a-z
    # word (and a few unlisted forms) gets what the per-word arithmetic gave
    import math

    from archivist.lexicon import _freqs, _plain_zipf

    freqs, fmin = _freqs()

    def plain(word: str) -> float:
        f = freqs.get(word)
        if f is None:
            return round(math.log(fmin, 10) + 9, 2)
        u = max(1.0 / (1.0 / f), fmin)
        return round(math.log(round(u, math.floor(-math.log(u, 10)) + 3), 10) + 9, 2)

    words = [w for w in freqs if w.isascii() and w.isalpha() and w.islower()]
    assert len(words) > 100_000
    words += ["qzxvw", "tbe", "warehonse", "a" * 30]
    assert [_plain_zipf(w) for w in words] == [plain(w) for w in words]


def _plain_skeleton(w: str) -> tuple[str, str]:
    """`words._skeleton` as it was at the start of round 12."""
    from archivist.repair.words import VOWELS

    w = "".join(c for c in w.lower() if c.isalpha())
    return "".join(c for c in w if c not in VOWELS), "".join(c for c in w if c in VOWELS)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aeiouyAEIOUYbcdhkrstzBTZāēīōūĀŌéİß-'1 ", max_size=12)
       | st.text(max_size=8))
def test_skeleton_same_as_plain(word: str) -> None:
    from archivist.repair.words import _skeleton

    assert _skeleton.__wrapped__(word) == _plain_skeleton(word)


def test_skeleton_on_every_ascii_letter() -> None:
    import string

    from archivist.repair.words import _skeleton

    for w in (string.ascii_letters, "Teheran", "Tehran", "rhythm", "YEAR", "queue"):
        assert _skeleton.__wrapped__(w) == _plain_skeleton(w)


def _plain_bigram_logprob(w1: str, w2: str) -> float:
    """`lexicon.bigram_logprob` as it was at the start of round 12 (per pair)."""
    import math

    from archivist.lexicon import _bigrams, zipf

    counts, total = _bigrams()
    l1, l2 = w1.lower(), w2.lower()
    c = counts.get((l1, l2), 0)
    if c > 0:
        z1 = zipf(l1)
        p1 = 10 ** (z1 - 9) if z1 > 0 else 1e-9
        return math.log(max(c / total / p1, 1e-12))
    z2 = zipf(l2)
    p2 = 10 ** (z2 - 9) if z2 > 0 else 1e-10
    return math.log(0.4 * p2)


def test_bigram_logprob_same_as_plain_on_seen_and_unseen_pairs() -> None:
    import random

    from archivist.lexicon import bigram_logprob

    pairs = list(bigram_counts())
    rng = random.Random(12)
    sample = rng.sample(pairs, 4000)
    # unseen pairs: shuffled halves, garbles, unknown and capitalised forms
    sample += [(a, b2) for (a, _), (_, b2) in zip(sample[:2000], sample[2000:], strict=True)]
    sample += [("the", "tbe"), ("qzxv", "of"), ("Of", "The"), ("zyxwq", "qwxzy"), ("İs", "a")]
    assert [bigram_logprob(a, b) for a, b in sample] == [
        _plain_bigram_logprob(a, b) for a, b in sample]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["the", "of", "his", "house", "had", "and", "Longman", "zyxwq", "tbe"]),
       _FORMS)
def test_bigram_logprob_same_as_plain(w1: str, w2: str) -> None:
    from archivist.lexicon import bigram_logprob

    assert bigram_logprob(w1, w2) == _plain_bigram_logprob(w1, w2)
    assert bigram_logprob(w2, w1) == _plain_bigram_logprob(w2, w1)


def _plain_near_words(word: str, budget: float = 1.2) -> tuple[tuple[str, float], ...]:
    """`context.near_words` as it was at the start of round 12 (sorted by a key
    function)."""
    from archivist.repair.channel import (
        GENERIC,
        _seeds,
        confusion_edits,
        confusion_words,
        frequencies,
        second_steps,
        simple_case,
        word_confusions,
    )
    from archivist.repair.context import _frequent_generic_edits

    freq = frequencies()
    lw = word.lower()
    seen_: dict[str, float] = {}
    if simple_case(lw) and budget < 0.6:
        seen_ = confusion_words(lw, budget)
    elif simple_case(lw):
        seeds = _seeds(lw, budget, plain=False)
        for s, (c, *_span) in seeds.items():
            if s in freq:
                seen_[s] = c
        for s2, c in second_steps(lw, lw, seeds, budget):
            if s2 in freq:
                seen_[s2] = min(c, seen_.get(s2, 9.0))
    else:
        for s, c in confusion_edits(lw):
            if c <= budget:
                seen_[s] = min(c, seen_.get(s, 9.0))
                for s2, c2 in word_confusions(s):
                    if c + c2 <= budget:
                        seen_[s2] = min(c + c2, seen_.get(s2, 9.0))
    if budget >= GENERIC * 0.6:
        for s, c in _frequent_generic_edits(lw):
            if c <= budget:
                seen_[s] = min(c, seen_.get(s, 9.0))
    out = [(s, c) for s, c in seen_.items()
           if s != lw and freq.get(s, 0.0) >= 3.0 and (len(s) > 1 or s in ("a", "i"))]
    out.sort(key=lambda kv: (kv[1], -freq[kv[0]], kv[0]))
    return tuple(out[:40])


@settings(max_examples=300, deadline=None)
@given(_FORMS | st.text(alphabet="abcdefghijklmnopqrstuvwxyzİÉé", min_size=1, max_size=7),
       st.sampled_from([0.5, 1.0, 1.2]))
def test_near_words_same_as_plain(word: str, budget: float) -> None:
    assert near_words.__wrapped__(word, budget) == _plain_near_words(word, budget)


def test_near_words_same_as_plain_on_short_words() -> None:
    # 2-3 letter words have the longest lists (the 40 cut and cost ties matter there)
    for word in ("a", "i", "of", "in", "tbe", "bad", "his", "ot", "aud", "the", "sbe"):
        for budget in (1.0, 1.2):
            assert near_words.__wrapped__(word, budget) == _plain_near_words(word, budget)
