"""Shared English lexicon: word frequencies and word-bigram statistics.

Both come from data that ships inside installed packages (nothing downloads):
wordfreq's English lists (British and American spellings are both words) and
symspellpy's English bigram list. Stages that need a language model (repair,
reading order, segmentation) use these functions so that every stage scores
words the same way.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

MAX_WORD_LEN = 40  # longer than any English word in use; longer tokens are not words


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of `word` in English (0 = unknown, ~7 = 'the').

    A "word" longer than any English word is unknown without asking wordfreq, whose
    tokenizer is linear in the length: callers that try every edit of a token would
    otherwise turn one run-on line (OCR of a rule, a base64 blob) into hours of work.
    """
    if len(word) > MAX_WORD_LEN:
        return 0.0
    if word.isascii() and word.isalpha() and word.islower():
        return _plain_zipf(word)
    if LATIN.issuperset(word):
        # capitals, accents: wordfreq reads the string as one token, its case-folded
        # self (`LATIN`), so the same arithmetic on that form's listed frequency
        return _zipf_of(_freqs()[0].get(word.casefold()))
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist="large")


# Latin letters (a-z, Latin-1 and Latin Extended-A, both cases) such that wordfreq
# reads any string of them as one token, its case-folded self (NFC leaves it as it
# is): then its zipf is 0 unless that form is in wordfreq's list. Tested on every
# pair of these letters and on longer strings; "ŉ" (case-folded to "ʼn") is left out.
LATIN = frozenset(chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0xD7),
                                   *range(0xD8, 0xF7), *range(0xF8, 0x180)) if c != 0x149)


def _plain_zipf(word: str) -> float:
    """`zipf_frequency(word, "en", wordlist="large")` for a word of a-z only.

    Such a word is its own single token in wordfreq, so its value is the shipped
    frequency put through wordfreq's own arithmetic (one token's 1/(1/f), the floor
    of 1e-9, 3 significant digits, then the Zipf scale to 2 decimals), which is
    the same float, ~10x faster than the tokenizer. Checked equal on every a-z word
    of the list and 90,000 non-words (tests/repair/test_lexicon_speed.py samples it).

    >>> _plain_zipf("the") == __import__("wordfreq").zipf_frequency("the", "en", "large")
    True
    """
    return _zipf_of(_freqs()[0].get(word))


@lru_cache(maxsize=8192)
def _zipf_of(f: float | None) -> float:
    """`_plain_zipf` of a word whose shipped frequency is `f` (None: not listed).
    wordfreq's frequencies are binned (~560 values over 321,000 words), so the
    arithmetic is done once per value, not once per word."""
    fmin = _freqs()[1]
    if f is None:  # wordfreq returns the floor itself, unrounded
        return round(math.log(fmin, 10) + 9, 2)
    u = max(1.0 / (1.0 / f), fmin)
    return round(math.log(round(u, math.floor(-math.log(u, 10)) + 3), 10) + 9, 2)


def listed_words() -> dict[str, float]:
    """wordfreq's large English list (word -> frequency): a lower-case a-z string
    that is not in it has zipf 0."""
    return _freqs()[0]


@lru_cache(maxsize=1)
def _freqs() -> tuple[dict[str, float], float]:
    """wordfreq's large English list (loaded once by wordfreq itself) and its floor."""
    from wordfreq import get_frequency_dict, zipf_to_freq

    return get_frequency_dict("en", "large"), zipf_to_freq(0.0)


def is_word(word: str, min_zipf: float = 1.5) -> bool:
    """Whether `word` is an English word (in any case) with some frequency."""
    return zipf(word.lower()) >= min_zipf


@lru_cache(maxsize=1)
def _bigrams() -> tuple[dict[tuple[str, str], int], float]:
    from . import tables

    return tables.cached("bigrams", _read_bigrams, (__file__,), ("symspellpy",))


def _read_bigrams() -> tuple[dict[tuple[str, str], int], float]:
    path = resources.files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt"
    counts: dict[tuple[str, str], int] = {}
    total = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                c = int(parts[2])
                counts[(parts[0], parts[1])] = c
                total += c
    return counts, float(total)


def bigram_count(w1: str, w2: str) -> int:
    """How often the lower-cased pair (w1, w2) occurs in the shipped bigram list."""
    counts, _ = _bigrams()
    return counts.get((w1.lower(), w2.lower()), 0)


def bigram_counts() -> dict[tuple[str, str], int]:
    """The shipped bigram list, (w1, w2) in lower case -> count (for hot loops that
    look pairs up themselves, as `bigram_count` does)."""
    return _bigrams()[0]


def bigram_logprob(w1: str, w2: str) -> float:
    """log P(w2 | w1), with backoff to the unigram frequency of w2 (stupid backoff).

    >>> round(bigram_logprob("of", "the"), 3), round(bigram_logprob("of", "qzxv"), 3)
    (-0.565, -23.942)
    """
    counts, total = _bigrams()
    l1, l2 = w1.lower(), w2.lower()
    c = counts.get((l1, l2), 0)
    if c > 0:  # (P(w1) only where it is used)
        # total bigram mass ~ corpus tokens; P(w1,w2)/P(w1)
        return math.log(max(c / total / _first_p(l1), 1e-12))
    return _backoff_lp(l2)


# The two factors of `bigram_logprob` that depend on one word, cached per word: a
# new pair is mostly a known word beside a new one (the same floats as worked out
# per pair).
@lru_cache(maxsize=100_000)
def _first_p(l1: str) -> float:
    """P(w1) of a seen pair's first word (lower case)."""
    z1 = zipf(l1)
    return 10 ** (z1 - 9) if z1 > 0 else 1e-9


@lru_cache(maxsize=100_000)
def _backoff_lp(l2: str) -> float:
    """log P(w2 | w1) of an unseen pair: the backed-off unigram of w2 (lower case)."""
    z2 = zipf(l2)
    p2 = 10 ** (z2 - 9) if z2 > 0 else 1e-10
    return math.log(0.4 * p2)
