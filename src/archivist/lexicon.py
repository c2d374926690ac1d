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
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en", wordlist="large")


def is_word(word: str, min_zipf: float = 1.5) -> bool:
    """Whether `word` is an English word (in any case) with some frequency."""
    return zipf(word.lower()) >= min_zipf


@lru_cache(maxsize=1)
def _bigrams() -> tuple[dict[tuple[str, str], int], float]:
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


def bigram_logprob(w1: str, w2: str) -> float:
    """log P(w2 | w1), with backoff to the unigram frequency of w2 (stupid backoff)."""
    counts, total = _bigrams()
    c = counts.get((w1.lower(), w2.lower()), 0)
    p1 = 10 ** (zipf(w1.lower()) - 9) if zipf(w1.lower()) > 0 else 1e-9
    if c > 0:
        # total bigram mass ~ corpus tokens; P(w1,w2)/P(w1)
        return math.log(max(c / total / p1, 1e-12))
    p2 = 10 ** (zipf(w2.lower()) - 9) if zipf(w2.lower()) > 0 else 1e-10
    return math.log(0.4 * p2)
