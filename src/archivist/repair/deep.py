"""Deep candidates: English words 2-4 plain edits from a long garbled OCR form.

`channel.candidates` generates strings one edit plus one listed confusion away,
which cannot reach words garbled in three or four places ("tenperancc" for
"temperance", "ultinatelv" for "ultimately"). Here the lexicon itself is
searched instead: the target words of each length are held in lists, and
rapidfuzz's Levenshtein (C++) scans the lists of lengths n-2..n+2 with a cut-off;
the few survivors are re-costed with the OCR confusion table
(`channel.weighted_distance`), so "rn"/"m", "li"/"h" or "c"/"e" count less than
arbitrary letters.

Only the long, unknown forms go this way (7+ letters, a form wordfreq has never
seen): among shorter forms a 2-3 edit neighbour is nearly always a different word.
The caller (`repair.words`) decides with the context and keeps the word unless
the best reading beats the next one by a clear margin.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import repeat

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..lexicon import zipf
from .channel import frequencies, weighted_distance
from .core import _symspell_words, looks_transliterated, untracked_words

MIN_LEN = 7  # shorter garbles have too many 2-3 edit neighbours to choose from
MIN_ZIPF = 3.0  # deep targets are common words: a rare one is as likely a name
MARGIN = 0.8  # channel cost the best reading must beat the second by (tuned: even rows)
COST_SHARE = 0.25  # the best reading may cost at most this much per letter of the form
# deep readings enter the words stage's scoring at this share of their channel cost: a
# multi-letter garble is one misprinted word, not independent errors (tuned: even rows)
DEEP_SCALE = 0.5


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, None]:
    """Headwords of Webster's 1913-1934 dictionaries (web2 and GCIDE, as the
    `english-words` package ships them): the period's rare vocabulary, which
    wordfreq's web counts lack ("traducing", "crannied", "hotchpot"). The keys of
    a dict the garbage collector does not walk (`core.untracked_words`; one that
    marshal makes from strings and None is not tracked either). Kept in the
    tables cache (`archivist.tables`): english_words builds it in ~0.2 s, marshal
    reads it in a fraction of that, in every worker process."""
    from .. import tables

    return tables.cached("period_words", _read_dictionary, (__file__,), ("english-words",))


def _read_dictionary() -> dict[str, None]:
    from english_words import get_english_words_set

    # sorted: the same file whatever the string hashing (only membership is asked)
    return untracked_words(sorted(get_english_words_set(["web2", "gcide"], lower=True,
                                                        alpha=True)))


# inflections a headword list lacks: (suffix, what replaces it), tried in turn
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("iest", "y"), ("ier", "y"), ("ing", ""),
             ("ing", "e"), ("eth", ""), ("eth", "e"), ("est", ""), ("est", "e"), ("ed", ""),
             ("ed", "e"), ("er", ""), ("er", "e"), ("es", ""), ("s", ""), ("ly", ""),
             ("ness", ""), ("st", ""))


@lru_cache(maxsize=100_000)
def period_word(word: str) -> bool:
    """Whether `word` is a dictionary word of the period or a regular inflection of
    one (a doubled final consonant undone: "rhythmed", "beginneth"). Far readings
    (`deep_candidates`, long forms in repair.words) must leave such words alone.

    >>> [period_word(w) for w in ("gaieties", "stalest", "traducing", "beginneth")]
    [True, True, True, True]
    >>> period_word("ultinatelv"), period_word("kmowledqe")
    (False, False)
    """
    lw = word.lower()
    words = _dictionary()
    if lw in words:
        return True
    for suffix, repl in _SUFFIXES:
        if lw.endswith(suffix) and len(lw) - len(suffix) >= 3:
            stem = lw[:-len(suffix)]
            if stem + repl in words:
                return True
            if not repl and len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True  # "beginneth" -> "begin"
    return False


def known_form(word: str) -> bool:
    """A form wordfreq or symspellpy lists, however rarely, or a word of the period's
    dictionaries (`period_word`): a real word, not a garble.

    >>> known_form("gaieties"), known_form("Ultinatelv")
    (True, False)
    """
    lw = word.lower()
    return zipf(lw) > 0 or lw in _symspell_words() or period_word(lw)


@lru_cache(maxsize=1)
def _by_length() -> dict[int, list[str]]:
    """Target words (zipf >= MIN_ZIPF) by length."""
    out: dict[int, list[str]] = defaultdict(list)
    for w, z in frequencies().items():
        if z >= MIN_ZIPF and len(w) >= MIN_LEN - 2:
            out[len(w)].append(w)
    return dict(out)


def _letters(w: str) -> int:
    """The letters a-z `w` holds, as a 26-bit mask (other characters left out).

    >>> _letters("abba"), _letters("ca-b'z")
    (3, 33554439)
    """
    held = set(w)
    # (the bits of distinct letters summed: their OR, mapped in C)
    return sum(map(_BIT.get, held, repeat(0, len(held))))


_BIT = {chr(97 + i): 1 << i for i in range(26)}


@lru_cache(maxsize=1)
def _letter_masks() -> dict[int, np.ndarray]:
    """`_by_length`'s words as `_letters` masks, per length (made once, ~25k words).

    A letter one word holds and the other lacks costs at least one edit at each of
    its places, and one substitution serves at most one such letter of each word,
    so the Levenshtein distance is at least the larger of the two counts of letters
    held by one word alone (characters other than a-z left out only lower them):
    a lower bound `deep_candidates` tests all of a length's words against at once.

    >>> from rapidfuzz.distance import Levenshtein
    >>> a, b = _letters("ultinatelv"), _letters("ultimately")
    >>> bin(a & ~b).count("1"), bin(b & ~a).count("1"), Levenshtein.distance("ultinatelv", "ultimately")
    (2, 2, 2)
    """
    return {n: np.fromiter(map(_letters, words), np.uint32, len(words))
            for n, words in _by_length().items()}


def _popcount(x: np.ndarray) -> np.ndarray:
    """Set bits of each uint32 (the classic SWAR sum; numpy < 2 has no bitwise_count)."""
    x = x - ((x >> 1) & 0x55555555)
    x = (x & 0x33333333) + ((x >> 2) & 0x33333333)
    x = (x + (x >> 4)) & 0x0F0F0F0F
    return (x * 0x01010101) >> 24


def max_edits(n: int) -> int:
    """Plain edits allowed for a form of n letters: about one in four.

    >>> max_edits(7), max_edits(9), max_edits(12), max_edits(16)
    (2, 3, 3, 4)
    """
    return 2 if n < 9 else 3 if n < 13 else 4


@lru_cache(maxsize=50_000)
def deep_candidates(word: str) -> tuple[tuple[str, float], ...]:
    """Common words a long garbled form may stand for, (word, channel cost), best
    first; at most five. Empty for short forms and forms wordfreq knows.

    >>> deep_candidates("ultinatelv")[0]
    ('ultimately', 1.7)
    >>> deep_candidates("Literaturnaia"), deep_candidates("short")
    ((), ())
    """
    lw = word.lower()
    n = len(lw)
    if n < MIN_LEN or not lw.isalpha() or not lw.isascii():
        return ()
    if known_form(lw):
        return ()  # a rare real word ("aneurismal", "gaieties"), not a garble
    if looks_transliterated(word):
        return ()
    cut = max_edits(n)
    table = _by_length()
    masks = _letter_masks()
    own = np.uint32(_letters(lw))
    found: list[tuple[float, str]] = []
    for length in range(n - 2, n + 3):  # garbles keep their length within 2 letters
        words = table.get(length)
        if not words:
            continue
        # only the words the letter bound lets within `cut` are measured: the same
        # ones past the cut-off, in the same order, so the same eight (ties in list
        # order); a long garble keeps a fifth to a third of a length's words, often
        # far fewer
        held = masks[length]
        bound = np.maximum(_popcount(own & ~held), _popcount(held & ~own))
        near = np.flatnonzero(bound <= cut).tolist()
        if not near:
            continue
        some = words if len(near) == len(words) else [words[i] for i in near]
        for cand, _d, _i in process.extract(lw, some, scorer=Levenshtein.distance,
                                            score_cutoff=cut, limit=8):
            if lw.endswith(cand) or lw.startswith(cand):
                continue  # the form is the word and more: derived ("depredators") or glued
            found.append((weighted_distance(lw, cand), cand))
    found.sort(key=lambda cw: (cw[0], -frequencies()[cw[1]], cw[1]))
    return tuple((w, c) for c, w in found[:5])


def clear_winner(cands: tuple[tuple[str, float], ...], n: int) -> tuple[str, float] | None:
    """The best deep candidate if it is clearly the best: its cost at most
    COST_SHARE per letter of the form and MARGIN below the runner-up's.

    >>> clear_winner((("knowledge", 1.5), ("knowledges", 2.5)), 9)
    ('knowledge', 1.5)
    >>> clear_winner((("musical", 1.6), ("mislead", 2.0)), 7) is None
    True
    """
    if not cands:
        return None
    best, cost = cands[0]
    if cost > n * COST_SHARE:
        return None
    if len(cands) > 1 and cands[1][1] - cost < MARGIN:
        return None
    return best, cost
