"""Session-15 shortcuts in `repair.context` (the cold path of the context stage) give
exactly what the code before them gave: each is compared with its plain form (the
session's starting code, kept here as the reference) on chosen cases and with
hypothesis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_speed12 import _plain_best

from archivist.lexicon import bigram_counts
from archivist.repair import context
from archivist.repair.channel import frequencies
from archivist.repair.context import (
    ARCHAIC_WORDS,
    DO_NOT,
    REAL_PENALTY,
    _best,
    _ordinary,
    _plain_content_word,
    _two_edits_away,
    and_garble,
    archaic_ere,
    by_me,
    he_or_be,
    his_after_preposition,
    is_past,
    modal_agreement,
    near_words,
    rare_bonus,
    seen,
    which_garble,
)
from archivist.repair.core import ROMAN_RE, historical_form, is_lexical, match_case

# words, non-words, names, capitals and marks, with pairs the bigram list has and lacks
VOCAB = ["the", "house", "bad", "been", "sold", "of", "The", "a", "I", "tbe", "aud", "and",
         "his", "bis", "by", "brother", "did", "not", "rose", "Frencb", "3,250", "x1", "é",
         "İİ", "don't", "will", "he", "produced", "lie", "was", "zyxwq", "ami", "winch",
         "from", "my", "to", "about", "should", "protests", "tho", "ere", "long", "nor", "y"]
_NEIGHBOURS = st.sampled_from([None, "in", "of", "by", "with", "the", "and", "Co", "brother",
                               "was", "zyxwq", "house", "had", "been", "not", "did", "didn't",
                               "should", "will", "to", "The", "qwxzy"])


def test_every_shipped_bigram_count_is_positive() -> None:
    # `_best` and `_unordinary` test a pair with `in`, where the plain code asked
    # `get(pair, 0) > 0`: the same only while no listed pair has a count of 0
    assert min(bigram_counts().values()) > 0


def test_pair_ends_are_the_first_and_last_words_of_the_pairs() -> None:
    firsts, lasts = context._pair_ends()
    pairs = bigram_counts()
    assert firsts == {a for a, _ in pairs} and lasts == {b for _, b in pairs}
    assert "the" in firsts and "zyxwq" not in firsts | lasts


def _plain_unordinary(words: list[str], lowered: list[str], linked: list[bool]) -> list[int]:
    """`context._unordinary` (all tokens) at the session's start: `_ordinary` per window."""
    after = [lo if link else False for lo, link in zip(lowered, linked, strict=False)]
    before = [False, *after[:-1]]
    nxt = [lo if link else False for lo, link in zip(lowered[1:], linked, strict=False)]
    nxt.append(False)
    return [i for i, o in enumerate(map(_ordinary, words, before, nxt)) if not o]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=25),
       st.lists(st.booleans(), min_size=25, max_size=25))
def test_unordinary_same_as_per_window(words: list[str], links: list[bool]) -> None:
    lowered = [w.lower() for w in words]
    linked = links[:len(words) - 1] + [False]
    assert context._unordinary(words, lowered, linked) == _plain_unordinary(
        words, lowered, linked)


def test_unordinary_on_a_sentence() -> None:
    words = "it bad been sold by the farmers to tbe Frencb , and 3,250 of them".split()
    lowered = [w.lower() for w in words]
    linked = [True] * (len(words) - 1) + [False]
    linked[9] = False  # (the comma)
    got = context._unordinary(words, lowered, linked)
    assert got == _plain_unordinary(words, lowered, linked)
    assert 1 in got and 4 not in got  # "bad" between "it" and "been"; "by" is ordinary


def _plain_after_do_not(word: str, prev2: str | None, prev: str | None) -> str | None:
    """`context.after_do_not` at the session's start."""
    if prev is None or not word.isalpha() or not word.islower() or not is_past(word):
        return None
    if not (prev in DO_NOT - {"did", "does", "do"}
            or (prev == "not" and prev2 in DO_NOT)):
        return None
    if seen("not", word):
        return None
    for cand, cost in near_words(word, 1.2):
        if cost <= 0.7 and not is_past(cand) and seen("not", cand) and zipf_(cand) >= 4.0:
            return cand
    return None


def zipf_(w: str) -> float:
    from archivist.lexicon import zipf

    return zipf(w)


def _plain_real_word(w: str, prev: str | None, nxt: str | None, prev2: str | None,
                     archaic: bool, dot: bool, ocr: float
                     ) -> tuple[str, float, tuple[str, ...], str] | None:
    """`context._real_word` at the session's start (its `_best` is compared apart)."""
    if not is_lexical(w) or (dot and len(w) <= 3) or ROMAN_RE.match(w):
        return None
    pos = w.islower() and his_after_preposition(w, prev and prev.lower(), nxt and nxt.lower())
    if pos:
        return pos, 0.8, (w,), f"'{w}' for 'his' after '{prev}'"
    if w.islower() and and_garble(w, prev and prev.lower(), nxt and nxt.lower()):
        return "and", 0.8, (w,), f"'{w}' for 'and' between two words"
    if w.islower() and which_garble(w, prev and prev.lower(), nxt and nxt.lower(),
                                    bool(nxt) and nxt[:1].isupper()):
        return "which", 0.8, (w,), f"'{w}' for 'which' before a clause"
    if archaic and not any(c in "UH1" for c in w[1:]):
        return None
    lw = w.lower()
    if (prev is None or seen(prev.lower(), lw)) and (nxt is None or seen(lw, nxt.lower())):
        return None
    if prev is None and nxt is None:
        return None
    pronoun = he_or_be(lw, prev and prev.lower(), nxt and nxt.lower())
    if pronoun is not None:
        return (match_case(w, pronoun), 0.8, (w,),
                f"'{w}' for '{pronoun}': grammar ({prev} {w} {nxt})")
    if historical_form(w) or lw in ARCHAIC_WORDS or archaic_ere(
            lw, prev and prev.lower(), nxt and nxt.lower()):
        return None
    base = _plain_after_do_not(w, prev2, prev and prev.lower())
    if base is not None:
        return base, 0.8, (w,), f"past tense after '{prev}': the close base form"
    obj = by_me(w, prev, nxt)
    if obj is not None:
        return obj, 0.8, (w,), "possessive 'my' before a preposition: object 'me'"
    modal = modal_agreement(w, prev)
    if modal is not None:
        return modal, 0.75, (w,), f"a modal verb takes the bare infinitive ({prev} {modal})"
    res = _plain_best(lw, prev and prev.lower(), nxt and nxt.lower(), REAL_PENALTY, True, ocr)
    if res is None:
        return None
    cand, conf, alts, _clear = res
    cost = dict(near_words(lw, 1.2)).get(cand) if len(lw) <= 4 else None
    if len(cand) < len(w) and (len(lw) > 4 or not rare_bonus(
            lw, cand, 9.0 if cost is None else cost)):
        conf = min(conf, 0.45)
    if _plain_content_word(w, lw, cand) or (ocr <= 0 and _two_edits_away(lw, cost)):
        conf = min(conf, 0.45)
    if conf < 0.8 and ocr <= 0:
        conf = min(conf, 0.45)
    if w[:1].isupper():
        cand = cand.capitalize() if cand != "i" else "I"
    elif cand == "i":
        cand = "I"
    return cand, conf, tuple(alts), "real-word error: context"


_WORDS = st.sampled_from(VOCAB + ["rose", "went", "wanted", "my", "bis", "hie", "be", "lUe",
                                  "tHe", "IV", "aud", "anil", "winch", "Rose", "sway", "form"])


@settings(max_examples=400, deadline=None)
@given(_WORDS, _NEIGHBOURS, _NEIGHBOURS, _NEIGHBOURS, st.booleans(), st.booleans(),
       st.sampled_from([0.0, 0.5, -0.5]))
def test_real_word_same_as_plain(w: str, prev: str | None, nxt: str | None,
                                 prev2: str | None, archaic: bool, dot: bool,
                                 ocr: float) -> None:
    prev2 = prev2 and prev2.lower()
    assert context._real_word.__wrapped__(w, prev, nxt, prev2, archaic, dot, ocr) == \
        _plain_real_word(w, prev, nxt, prev2, archaic, dot, ocr)


def test_real_word_rules_on_chosen_windows() -> None:
    cases = [("bad", "it", "been", None), ("rose", "not", "to", "did"),
             ("rose", "didn't", "to", None), ("bis", "by", "brother", None),
             ("aud", "moreen", "dimity", None), ("my", "by", "about", None),
             ("protests", "should", "the", None), ("he", "will", "produced", None),
             ("lUe", "the", "house", None), ("tbe", None, "house", None),
             ("aud", "with", "and", None), ("aud", None, "began", None),
             ("winch", "from", "the", None), ("winch", "the", "was", None),
             ("hie", "in", "own", None), ("hie", "to", "own", None)]
    changed = 0
    for w, prev, nxt, prev2 in cases:
        for archaic in (False, True):
            got = context._real_word.__wrapped__(w, prev, nxt, prev2, archaic, False, 0.0)
            assert got == _plain_real_word(w, prev, nxt, prev2, archaic, False, 0.0), w
            changed += got is not None
    assert changed >= 8  # the rules do fire on these windows


def test_after_do_not_same_as_plain() -> None:
    for word in ("rose", "went", "wanted", "pose", "rise", "Rose", "bad"):
        for prev2 in (None, "did", "does", "he"):
            for prev in (None, "not", "didn't", "didn’t", "did", "he"):
                assert context.after_do_not(word, prev2, prev) == _plain_after_do_not(
                    word, prev2, prev), (word, prev2, prev)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="hisbltenruacdomlwgpy", min_size=1, max_size=7), _NEIGHBOURS,
       _NEIGHBOURS, st.booleans())
def test_best_same_as_plain_beside_unlisted_neighbours(word: str, prev: str | None,
                                                       nxt: str | None,
                                                       keep_known: bool) -> None:
    # (`_best` leaves early where neither neighbour is in any listed pair: "zyxwq",
    # "Co", None; and tests most readings in one comprehension)
    for penalty in (REAL_PENALTY, context.FRAGMENT_PENALTY):
        assert _best.__wrapped__(word, prev, nxt, None, penalty, keep_known) == _plain_best(
            word, prev, nxt, penalty, keep_known)


def test_best_glue_readings_beside_unlisted_neighbours() -> None:
    # a rare form a cheap confusion from "and"/"the" between words no listed pair
    # has: the glue rule alone weighs a reading, so `_best` must not leave early
    for word, prev in (("aud", "zyxwq"), ("aud", None), ("tbe", None), ("tho", "qwxzy")):
        got = _best.__wrapped__(word, prev, "zyxwq", None, REAL_PENALTY, True)
        assert got == _plain_best(word, prev, "zyxwq", REAL_PENALTY, True)
        assert got is not None, word


def test_best_on_frequent_words_between_common_neighbours() -> None:
    # many readings attested beside "the"/"of": the comprehension keeps them all
    words = sorted(w for w, z in frequencies().items() if z >= 4.5 and 2 <= len(w) <= 5)
    found = 0
    for word in words[::97]:
        for prev, nxt in (("the", "of"), ("of", "the"), (None, "and"), ("and", None)):
            got = _best.__wrapped__(word, prev, nxt, None, REAL_PENALTY, True)
            assert got == _plain_best(word, prev, nxt, REAL_PENALTY, True), word
            found += got is not None
    assert found


def test_longest_join_word_same_as_the_run_of_words() -> None:
    # the bisection to the prefix's upper bound against a scan of every listed word,
    # on prefixes of words, prefixes that begin none, and last letters at the edges
    import random

    words = [w for w, z in frequencies().items() if z >= context.JOIN_ZIPF]
    rng = random.Random(15)
    prefixes = {w[:rng.randint(1, len(w))] for w in rng.sample(words, 400)}
    prefixes |= {w[:rng.randint(1, len(w))] + rng.choice("az{é") for w in rng.sample(words, 100)}
    prefixes |= {"", "z", "zz", "a", "qzx", "é", "\U0010ffff", "ab\U0010ffff", "quick"}
    for p in prefixes:
        want = max((len(w) for w in words if w.startswith(p)), default=0)
        assert context._longest_join_word.__wrapped__(p) == want, p


def test_may_be_lexical_is_is_lexical_on_glued_pieces() -> None:
    # `broken_piece` skips `is_lexical` for a-z strings wordfreq does not list: the
    # shortcut must never say no where `is_lexical` says yes
    import random

    from archivist.repair.core import is_lexical as lexical

    rng = random.Random(15)
    words = [w for w, z in frequencies().items() if z >= 3.0]
    pieces = [w[:k] for w in rng.sample(words, 600) for k in (1, 2, 3)]
    pieces += ["The", "A", "I", "o'", "don", "t", "é", "İ", "3", "x1", "’s", "ß", "Œ"]
    glued = {a + b for a in rng.sample(pieces, 250) for b in rng.sample(pieces, 40)}
    glued |= {w[:k] + w[k:] for w in rng.sample(words, 500) for k in (1, 2)}  # words
    glued |= {"ofthe", "andthe", "OFTHE", "Today", "to-day", "don't", "o'er", "naïve"}
    agree = 0
    for s in glued:
        got = context._may_be_lexical(s)
        assert got == lexical(s), s
        agree += got
    assert agree > 400  # real words among them, which the shortcut lets through


def _plain_join_candidates(a: str, b: str) -> tuple[tuple[str, float], ...]:
    """`context._join_candidates` at the session's start (its guards in their old order,
    near words always made)."""
    from archivist.repair.context import JOIN_ZIPF, SINGLE_LETTER_WORDS, is_fragment

    if not (a + b).isalpha() or (is_lexical(a) and is_lexical(b)):
        return ()
    if not (a.isalpha() and b.isalpha() and b.islower() and a[1:].islower()):
        return ()
    if len(a) < 3 or (a[:1].isupper() and not is_fragment(b)):
        return ()
    if b in SINGLE_LETTER_WORDS and historical_form(a):
        return ()
    glued = (a + b).lower()
    freq = frequencies()
    cands = []
    if freq.get(glued, 0) >= 3.0:
        cands.append((glued, 0.0))
    la = a.lower()
    if len(a) >= 4:
        for c, cost in near_words(glued, 1.0):
            if freq.get(c, 0) >= JOIN_ZIPF and c.startswith(la) and len(c) >= len(glued):
                cands.append((c, cost))
    return tuple(cands)


_PIECES = st.sampled_from(["quick", "y", "com", "mittee", "the", "w", "a", "m", "U", "S",
                           "Paul", "s", "price", "enter", "helpe", "busi", "nesse", "sta",
                           "bility", "ly", "n", "Which", "x1", "İs", "don't", "ab", "é"])


@settings(max_examples=300, deadline=None)
@given(_PIECES, _PIECES)
def test_join_candidates_same_as_plain(a: str, b: str) -> None:
    assert context._join_candidates.__wrapped__(a, b) == _plain_join_candidates(a, b)


def test_join_candidates_on_chosen_pairs() -> None:
    pairs = [("quick", "y"), ("com", "mittee"), ("the", "w"), ("Paul", "s"), ("price", "s"),
             ("helpe", "a"), ("sta", "bility"), ("Which", "n"), ("U", "S"), ("ab", "é")]
    joined = 0
    for a, b in pairs:
        got = context._join_candidates.__wrapped__(a, b)
        assert got == _plain_join_candidates(a, b), (a, b)
        joined += bool(got)
    assert joined >= 3


def _min_costs(pairs: list[tuple[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s, c in pairs:
        out[s] = min(c, out.get(s, 9.0))
    return out


def test_frequent_generic_edits_are_exactly_the_frequent_plain_edits() -> None:
    # the gap index against every plain edit kept to zipf >= 3: the same strings with
    # the same cheapest costs, and nothing else (no listed word below zipf 3 either)
    import random

    from archivist.repair.channel import generic_edits

    freq = frequencies()
    rng = random.Random(15)
    words = [w for w, z in freq.items() if z >= 3.0]
    forms = ["", "a", "i", "ab", "abut", "tbe", "hte", "teh", "ll", "alll", "café", "naïve",
             "xq", "x" * 30, "aand", "thhe", "Thé"]
    for w in rng.sample(words, 300):
        k = rng.randrange(len(w))
        op = rng.choice("dist")
        forms.append(w[:k] + w[k + 1:] if op == "d" else w[:k] + rng.choice("aeinrstz") + w[k:]
                     if op == "i" else w[:k] + rng.choice("aeinrstzé") + w[k + 1:]
                     if op == "s" else w[:k] + w[k + 1:k + 2] + w[k] + w[k + 2:])
    for lw in (f.lower() for f in forms):
        want = _min_costs([(s, c) for s, c in generic_edits(lw) if freq.get(s, 0.0) >= 3.0])
        got = context._frequent_generic_edits(lw)
        assert _min_costs(got) == want, lw
        assert all(freq[s] >= 3.0 for s, _ in got), lw


def test_frequent_gaps_fill_words() -> None:
    gaps = context._frequent_gaps()
    assert "o" in gaps["ab\0ut"] and "t" in gaps["\0he"]
    assert all(k.count("\0") == 1 for k in list(gaps)[:2000])
