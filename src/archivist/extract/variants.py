"""Grouping mentions that are spelling, transliteration, case or OCR variants.

Two surface forms are the same name when their `name_key`s are equal, or when the
rapidfuzz similarity of the keys reaches `THRESHOLD`. The threshold was measured,
not guessed: ``scripts/measure_variant_threshold.py`` scores pairs of known variants
(the gazetteer's own spelling variants, plus OCR-noised copies of gazetteer names)
against pairs of distinct gazetteer names of the same type, and picks the lowest
threshold whose false-merge rate on distinct pairs is at most 0.1%: 78 (recall 0.80
on 1,671 variant pairs, 0.09% false merges on 43,777 distinct pairs, measured after
the curated list was cleaned of sample-specific entries; the recall ceiling is ~0.8
because some listed variants share no spelling, e.g. Sakhalin/Karafuto).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from .common import name_key

# Measured by scripts/measure_variant_threshold.py (see module docstring).
THRESHOLD = 78.0
# Keys shorter than this only merge when equal: "Hull"/"Hill" are not variants.
MIN_FUZZY_LEN = 6


@lru_cache(maxsize=100_000)
def key(surface: str) -> str:
    return name_key(surface)


def similar(a: str, b: str, threshold: float = THRESHOLD) -> bool:
    """Whether surface forms `a` and `b` are variants of one name.

    >>> similar("VOROSHTLOV", "Voroshilov"), similar("Soukhomlinov", "Sukhomlinov")
    (True, True)
    >>> similar("Slovenia", "Slovakia"), similar("Hill", "Hull"), similar("Hungary", "Hungarians")
    (False, False, False)
    """
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < MIN_FUZZY_LEN or ka[:1] != kb[:1]:
        # first letters almost always survive OCR and transliteration alike
        return False
    if _derived(ka, kb) or _derived(kb, ka):
        return False
    return score(ka, kb) >= threshold


# endings that make another word of a name (its people, language or adjective), not a
# spelling of it: "Hungarians" is not a variant of "Hungary" (keys "hungari"/"hungarians")
_DERIVED = ("ans", "ians", "ns", "an", "ian", "ese", "ish", "ern", "ers")


def _derived(short: str, long_: str) -> bool:
    """Whether key `long_` is key `short` (its last letter free) plus a derivational ending.

    >>> _derived("hungari", "hungarians"), _derived("germani", "germans")
    (True, True)
    >>> _derived("shigemitsu", "shigemitsus")
    False
    """
    for stem in (short, short[:-1]):
        rest = long_[len(stem):]
        if long_.startswith(stem) and (rest in _DERIVED or rest == "s" and short[-1] == "i"):
            return True  # (a final y is keyed "i": "germani" -> "germans")
    return False


def score(ka: str, kb: str) -> float:
    """Similarity of two keys (0..100)."""
    return fuzz.ratio(ka, kb)


class UnionFind:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, i: int) -> int:
        while self.p[i] != i:
            self.p[i] = self.p[self.p[i]]
            i = self.p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)
