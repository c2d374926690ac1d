"""The OCR noisy channel: which intended words could have produced an observed one,
and at what cost.

Costs come from the confusion table shipped in ``archivist/data/repair/
confusions.tsv`` (written by ``scripts/build_repair_confusions.py``): a listed
glyph confusion (r/p, e/a, rn/m, U/ll...) is cheaper than an arbitrary
one-character edit (1.0). Candidates are generated, not searched for: every
single edit, then listed confusions on top of those, kept when they are English
words (or document terms). Results are cached per observed form because word
forms repeat (Zipf's law) and the same garbled form recurs across pages.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources

from .core import _symspell_words

ALPHABET = "abcdefghijklmnopqrstuvwxyz"
GENERIC = 1.0  # cost of an arbitrary insertion, deletion or substitution


@lru_cache(maxsize=1)
def confusions() -> dict[str, list[tuple[str, float]]]:
    """observed substring -> [(intended, cost)] from the shipped table."""
    path = resources.files("archivist") / "data" / "repair" / "confusions.tsv"
    table: dict[str, list[tuple[str, float]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip("\n"):
                continue
            obs, intended, cost = line.rstrip("\n").split("\t")
            table.setdefault(obs, []).append((intended, float(cost)))
    return table


@lru_cache(maxsize=1)
def _max_obs_len() -> int:
    return max(len(k) for k in confusions())


@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """lower-case word -> zipf, for the words a candidate may become.

    Frequent wordfreq words (zipf >= 3) plus rarer ones that symspellpy's curated
    dictionary also lists (so web noise like "andthe" is not a target).
    """
    from wordfreq import get_frequency_dict

    sym = _symspell_words()
    out: dict[str, float] = {}
    for w, f in get_frequency_dict("en", "large").items():
        if not w.isalpha():
            continue
        z = math.log10(f) + 9
        if (z >= 3.0 and (len(w) > 2 or w in sym)) or (z >= 1.0 and w in sym):
            out[w] = round(z, 2)
    for w in ("a", "i", "o"):
        out.setdefault(w, 5.0)
    for w in [w for w in out if len(w) == 1 and w not in ("a", "i", "o")]:
        del out[w]
    return out


def confusion_edits(s: str) -> list[tuple[str, float]]:
    """Strings one listed confusion away from `s`, with cost.

    >>> sorted(w for w, c in confusion_edits("Jaranese") if w.lower() == "japanese")
    ['Japanese']
    """
    table = confusions()
    out = []
    n = len(s)
    maxlen = _max_obs_len()
    for i in range(n):
        for k in range(1, min(maxlen, n - i) + 1):
            subs = table.get(s[i:i + k])
            if subs:
                for intended, cost in subs:
                    out.append((s[:i] + intended + s[i + k:], cost))
    return out


def generic_edits(s: str) -> list[tuple[str, float]]:
    """All strings one plain edit away (delete, insert, substitute, transpose)."""
    out = []
    n = len(s)
    for i in range(n + 1):
        for c in ALPHABET:
            out.append((s[:i] + c + s[i:], GENERIC))
        if i < n:
            out.append((s[:i] + s[i + 1:], GENERIC * (0.6 if i > 0 and s[i] == s[i - 1]
                                                      else 0.9)))
            for c in ALPHABET:
                if c != s[i].lower():
                    out.append((s[:i] + c + s[i + 1:], GENERIC))
            if i + 1 < n and s[i] != s[i + 1]:
                out.append((s[:i] + s[i + 1] + s[i] + s[i + 2:], GENERIC))
    return out


def case_changes(word: str) -> int:
    """Switches between lower and upper case among the letters after the first.

    Random letters switch case at every other letter ("vEAmIEmjMOSxdSm": 7); OCR
    of a word rarely does ("shaU" 1, "gTEPHENSON" 0, "MtM" 1). Of the 12,975
    unknown tokens of 3+ characters in the ICDAR 2017 English inputs and the seeds,
    26 switch 4 or more times ("MySohooIdays", "MKrClTANTS") and none of them has
    a channel candidate within budget: `candidates` skips such tokens at once
    instead of generating thousands of strings for each (garbage input).

    >>> case_changes("vEAmIEmjMOSxdSm"), case_changes("gTEPHENSON"), case_changes("McDonald")
    (7, 0, 2)
    """
    letters = [c.islower() for c in word[1:] if c.isalpha()]
    return sum(a != b for a, b in zip(letters, letters[1:], strict=False))


@lru_cache(maxsize=100_000)
def candidates(word: str, budget: float = 1.8) -> tuple[tuple[str, float], ...]:
    """English words (lower case) the OCR could have misread as `word`, with the
    cheapest channel cost, best first. The word itself is not included.

    >>> dict(candidates("Jaranese"))["japanese"]
    0.5
    >>> "shall" in dict(candidates("shaU")), "about" in dict(candidates("shout"))
    (True, True)
    """
    if case_changes(word) >= 4:
        return ()  # letter soup, not a misread word (see `case_changes`)
    freq = frequencies()
    best: dict[str, float] = {}
    first = confusion_edits(word) + generic_edits(word)
    seen: dict[str, float] = {}
    for s, c in first:
        if c <= budget and c < seen.get(s, 9.0):
            seen[s] = c
    table, maxlen = confusions(), _max_obs_len()
    prefixes, suffixes = _affixes()
    for s, c in list(seen.items()):
        # second step: only listed confusions (cheap), within budget
        if c + 0.3 > budget:
            continue
        if not s.isascii():
            for s2, c2 in confusion_edits(s):
                if c + c2 <= budget and c + c2 < seen.get(s2, 9.0):
                    seen[s2] = c + c2
            continue
        # `word_confusions(s)` inlined (hundreds of seeds per word: call overhead counts)
        ls, n = s.lower(), len(s)
        for i in range(n):
            if ls[:i] not in prefixes:
                break
            for k in range(1, min(maxlen, n - i) + 1):
                subs = table.get(s[i:i + k])
                if subs and ls[i + k:] in suffixes:
                    for intended, c2 in subs:
                        s2 = s[:i] + intended + s[i + k:]
                        if c + c2 <= budget and c + c2 < seen.get(s2, 9.0):
                            seen[s2] = c + c2
    lw = word.lower()
    for s, c in seen.items():
        ls = s.lower()
        if ls != lw and ls in freq and c < best.get(ls, 9.0):
            best[ls] = c
    return tuple(sorted(best.items(), key=lambda kv: (kv[1], -freq[kv[0]], kv[0])))


@lru_cache(maxsize=1)
def _affixes() -> tuple[frozenset[str], frozenset[str]]:
    """Every prefix and every suffix of the target words (built once, ~0.5 s)."""
    freq = frequencies()
    return (frozenset(w[:i] for w in freq for i in range(len(w) + 1)),
            frozenset(w[i:] for w in freq for i in range(len(w) + 1)))


def word_confusions(s: str) -> list[tuple[str, float]]:
    """`confusion_edits(s)` less those whose lower case cannot be a target word.

    Second confusion steps are the cold cost of `candidates` and `near_words`
    (hundreds of one-edit strings, each with every listed confusion), and only
    strings whose lower case is a target word count in the end. So a confusion at
    i..i+k is tried only where s[:i] begins some word and s[i+k:] ends one: callers
    get the same result. Non-ASCII `s` is not pruned (lower() may change lengths).

    >>> kept, every = word_confusions("Jaranese"), confusion_edits("Jaranese")
    >>> ("Japanese", 0.5) in kept, set(kept) <= set(every), len(kept) < len(every)
    (True, True, True)
    """
    if not s.isascii():
        return confusion_edits(s)
    table = confusions()
    maxlen = _max_obs_len()
    prefixes, suffixes = _affixes()
    ls = s.lower()
    n = len(s)
    out = []
    for i in range(n):
        if ls[:i] not in prefixes:
            break  # no word starts so: none starts with a longer prefix either
        for k in range(1, min(maxlen, n - i) + 1):
            subs = table.get(s[i:i + k])
            if subs and ls[i + k:] in suffixes:
                for intended, cost in subs:
                    out.append((s[:i] + intended + s[i + k:], cost))
    return out


def weighted_distance(a: str, b: str) -> float:
    """Channel cost of reading `b` as `a` (weighted Levenshtein with the table).

    >>> weighted_distance("Johnese", "Japanese") < 3.0
    True
    >>> weighted_distance("Shigemit'su", "Shigemitsu")
    0.4
    """
    table = confusions()
    maxlen = _max_obs_len()
    n, m = len(a), len(b)
    inf = float("inf")
    d = [[inf] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            cur = d[i][j]
            if cur == inf:
                continue
            if i < n and j < m and a[i].lower() == b[j].lower():
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur)
            if i < n:
                d[i + 1][j] = min(d[i + 1][j], cur + GENERIC)
            if j < m:
                d[i][j + 1] = min(d[i][j + 1], cur + GENERIC)
            if i < n and j < m:
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur + GENERIC)
            for k in range(1, min(maxlen, n - i) + 1):
                for intended, cost in table.get(a[i:i + k], ()):
                    L = len(intended)
                    if b[j:j + L].lower() == intended.lower() and j + L <= m:
                        d[i + k][j + L] = min(d[i + k][j + L], cur + cost)
    return round(d[n][m], 4)
