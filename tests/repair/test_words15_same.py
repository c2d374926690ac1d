"""Session 15 (words15) cold-path shortcuts give exactly what the code before them
gave: each is compared with the code it replaced (kept here as the reference), on
garbled target words and with hypothesis. Each test fails if the shortcut drops or
adds a candidate, or changes a cost or an order."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from test_repair_speed_same import garble

from archivist.repair.channel import confusions, frequencies, weighted_distance

_LONG = sorted(w for w, z in frequencies().items() if z >= 3.0 and len(w) >= 7)


def _plain_deep(word: str) -> tuple[tuple[str, float], ...]:
    """`deep.deep_candidates` as it was at the start of session 15 (reference): every
    target word of each length measured by rapidfuzz."""
    from archivist.repair.core import looks_transliterated
    from archivist.repair.deep import MIN_LEN, _by_length, known_form, max_edits

    lw = word.lower()
    n = len(lw)
    if n < MIN_LEN or not lw.isalpha() or not lw.isascii():
        return ()
    if known_form(lw) or looks_transliterated(word):
        return ()
    cut = max_edits(n)
    table = _by_length()
    found: list[tuple[float, str]] = []
    for length in range(n - 2, n + 3):
        words = table.get(length)
        if not words:
            continue
        for cand, _d, _i in process.extract(lw, words, scorer=Levenshtein.distance,
                                            score_cutoff=cut, limit=8):
            if lw.endswith(cand) or lw.startswith(cand):
                continue
            found.append((weighted_distance(lw, cand), cand))
    found.sort(key=lambda cw: (cw[0], -frequencies()[cw[1]], cw[1]))
    return tuple((w, c) for c, w in found[:5])


def test_deep_candidates_same_as_plain_on_garbles() -> None:
    """Long words garbled in 1-4 places (the forms deep candidates are for), and forms
    whose near words tie: the letter bound keeps every word rapidfuzz would rank."""
    from archivist.repair.deep import deep_candidates

    rng = random.Random(15)
    forms = ["ultinatelv", "tenperancc", "kmowledqe", "arrangernents", "sonlething",
             "extraordlnary", "cornmittee", "governnent", "aaaaaaaaa", "qzxqzxqzx"]
    forms += [garble(rng, rng.choice(_LONG), rng.randint(1, 4)) for _ in range(400)]
    found = 0
    for w in forms:
        got = deep_candidates.__wrapped__(w)
        assert got == _plain_deep(w), w
        found += bool(got)
    assert found > 100  # forms with candidates: the ranking is compared, not just ()


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_LONG), st.integers(0, 2**32), st.integers(1, 5))
def test_deep_candidates_same_as_plain_property(word: str, seed: int, edits: int) -> None:
    from archivist.repair.deep import deep_candidates

    w = garble(random.Random(seed), word, edits)
    assert deep_candidates.__wrapped__(w) == _plain_deep(w)


def test_letter_bound_never_exceeds_the_distance() -> None:
    """The bound `deep_candidates` filters with is a lower bound of the Levenshtein
    distance (were it not, a word within the cut-off could be dropped)."""
    import numpy as np

    from archivist.repair.deep import _letters, _popcount

    rng = random.Random(7)
    pairs = [(garble(rng, a, rng.randint(0, 5)).lower(), rng.choice(_LONG))
             for a in rng.sample(_LONG, 300)]
    pairs += [(a, garble(rng, a, rng.randint(1, 4)).lower()) for a in rng.sample(_LONG, 300)]
    for a, b in pairs:
        x, y = np.uint32(_letters(a)), np.array([_letters(b)], np.uint32)
        bound = int(max(_popcount(x & ~y)[0], _popcount(y & ~x)[0]))
        assert bound <= Levenshtein.distance(a, b), (a, b)


def _plain_savings_at(piece: str) -> list[tuple[float, str]]:
    """`words._savings_at` as it was (reference): `channel._hits_at`, filtered."""
    from archivist.repair.channel import GENERIC, _hits_at

    return [(max(k, n) * GENERIC - cost, intended)
            for k, n, intended, cost in _hits_at.__wrapped__(piece)
            if max(k, n) * GENERIC > cost]


def test_savings_at_same_as_hits() -> None:
    """Every piece of up to three characters made of the table's observed strings
    and letters: the same savings (floats) and readings in the same order."""
    from archivist.repair.words import _savings_at

    obs = sorted(confusions())
    rng = random.Random(5)
    chars = sorted({c for o in obs for c in o} | set("abcdefghijklmnopqrstuvwxyz"))
    pieces = obs + [o + c for o in obs for c in "aeinrt"]
    pieces += ["".join(rng.choice(chars) for _ in range(rng.randint(1, 3)))
               for _ in range(3000)]
    hits = 0
    for p in pieces:
        got = _savings_at.__wrapped__(p)
        assert got == _plain_savings_at(p), p
        hits += bool(got)
    assert hits > 500


def test_option_scores_same_as_context_lp() -> None:
    """`_option_scores` (the pair looked up, the backoff taken for an unlisted one)
    gives the floats of `_score_words` with `context_lp` itself."""
    from archivist.repair.core import build_context
    from archivist.repair.lm import K
    from archivist.repair.words import _option_scores, _score_words

    ctx = build_context(["the farmers of the valley and the farmers brought grain"])
    rng = random.Random(9)
    common = sorted(w for w, z in frequencies().items() if z >= 3.5)
    for _ in range(300):
        opts = {w: ((w,), rng.choice((0.3, 0.5, 0.6, 1.0, 1.5)))
                for w in rng.sample(common, 12) + ["farmers", "qzxv"]}
        prev = rng.choice([None, "the", "of", "farmers", "Qzx"])
        nxt = rng.choice([None, "the", "and", "valley", "qzxv"])
        from archivist.repair.lm import context_lp

        alone = context_lp(nxt, None, None, ctx) if nxt else None
        got = _option_scores(opts, prev, nxt, ctx, ctx, alone)
        want = [_score_words(parts, prev, nxt, ctx, alone) - K * cost
                + min(1.5, 0.5 * ctx.seen(key)) for key, (parts, cost) in opts.items()]
        assert got == want


def test_zipf_of_latin_strings_same_as_wordfreq() -> None:
    """`lexicon.zipf` of a string of `LATIN` letters (capitals, accents) takes the
    case-folded form's listed frequency instead of wordfreq's tokenizer: the same
    value for every pair of those letters, random strings of them, every listed
    word made of them (in capitals too) and unlisted ones."""
    from wordfreq import zipf_frequency

    from archivist.lexicon import LATIN, _freqs, zipf

    letters = sorted(LATIN)
    rng = random.Random(15)
    listed = [w for w in _freqs()[0] if LATIN.issuperset(w) and not w.isascii()]
    forms = [a + b for a in letters for b in letters]
    forms += ["".join(rng.choices(letters, k=rng.randint(1, 14))) for _ in range(3000)]
    forms += listed + [w.upper() for w in listed] + [w.title() for w in listed[:2000]]
    forms += ["", "Café", "NAÏVE", "ß", "STRASSE", "Straße", "İstanbul", "The", "LONDON"]
    assert len(listed) > 1000
    got = [zipf.__wrapped__(w) for w in forms]
    assert got == [zipf_frequency(w, "en", wordlist="large") for w in forms]
    assert sum(z > 0 for z in got) > 1000  # listed forms: values compared, not just 0


def _plain_old_spelling(w: str) -> bool:
    """`core._old_spelling` as it was (reference)."""
    from archivist.lexicon import zipf
    from archivist.repair.core import historical_form, is_lexical

    return (w.isalpha() and len(w) >= 3 and historical_form(w)
            and (not is_lexical(w) or zipf(w[:-1]) >= zipf(w) + 2.0))


def test_old_spelling_same_as_plain() -> None:
    """Listed words, early-modern forms and garbles: `historical_form` asked last
    gives the same verdicts."""
    from archivist.repair.core import _old_spelling

    rng = random.Random(4)
    words = sorted(frequencies())
    forms = rng.sample(words, 4000) + ["hee", "doe", "againe", "tooke", "vnto", "haue",
                                       "iudgment", "publick", "untill", "looketh", "shew"]
    forms += [w + "e" for w in rng.sample(words, 1500)] + [garble(rng, w, 1).lower()
                                                          for w in rng.sample(words, 1500)]
    got = [_old_spelling.__wrapped__(w) for w in forms]
    assert got == [_plain_old_spelling(w) for w in forms]
    assert sum(got) > 50  # old forms found: both branches compared


def test_rare_dictionary_word_same_with_the_dictionary_asked_first() -> None:
    from archivist.lexicon import zipf
    from archivist.repair import words
    from archivist.repair.deep import _dictionary

    rng = random.Random(6)
    forms = rng.sample(sorted(_dictionary()), 1500) + rng.sample(sorted(frequencies()), 1500)
    forms += ["glebe", "tithing", "aro", "Aas", "bish0p", "dragg'd", "l865"]
    for w in forms:
        low = w.lower()
        plain_gate = zipf(low) < words.RARE_WORD_ZIPF or low not in _dictionary()
        if plain_gate:  # the old code returned False here; the new must too
            assert words._rare_dictionary_word.__wrapped__(w) is False, w
