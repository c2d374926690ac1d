"""repair.words: correct OCR non-words with a noisy-channel model.

A token that is not an English word (and is not protected) gets candidates from
the OCR channel (`channel.candidates`), from the document's own frequent terms
(a name seen many times outweighs its garbled cousin), and from splitting it
into words ("wentdown", "usedttobe"). Each candidate is scored by bigram context
minus channel cost; keeping the token is always an option. The winner's share of
probability is the edit's confidence, so doubtful fixes become suggestions.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..lexicon import MAX_WORD_LEN, _backoff_lp, bigram_counts, zipf
from ..pipeline import stage
from .channel import (
    GENERIC,
    _affixes,
    _max_obs_len,
    candidates,
    confusion_edits,
    confusion_words,
    confusions,
    frequencies,
    weighted_distance,
)
from .core import (
    NOISY_RE,
    POSSESSIVE_RE,
    ROMAN_RE,
    Change,
    Context,
    at_text_start,
    focus_tokens,
    is_lexical,
    is_protected,
    match_case,
    ocr_shift,
    run_until_stable,
    strip_marks,
    tokenized,
)
from .corpus import pairs_may_read, without_pairs
from .deep import DEEP_SCALE, _dictionary, clear_winner, deep_candidates, known_form
from .diacritics import MARK_RE
from .lm import (
    LOG_04,
    K,
    context_lp,
    lp_bigram,
    neighbours,
    seen,
    sentence_start,
    softmax_conf,
    unigram_lp,
)
from .marks import mark_letters

VOWELS = set("aeiouyāēīōū")
NOISE_RE = NOISY_RE
NAME_APOSTROPHE_RE = re.compile(r"^[A-Z][’'][A-Z]")
# elided forms of verse and dialect: "borrow'd", "ev'n", "e'er", "o'erhang", "tell'ee"
ELISION_RE = re.compile(r"[a-z][’'](?:d|st|n|er|ee|ll|re|ve|m|t|s|en|rt)$|^[oeOEl][’']|^th[’']",
                        re.IGNORECASE)
OCR_POSSESSIVE_RE = re.compile(r"^([A-Za-z]{2,})([’']a)$")
SPLIT_COST = 0.6  # a lost space
# The dearest channel cost at which a capitalised unknown word (probably a name) may
# be read as a frequent word: one listed confusion, including a worn capital
# ("Pield"/"Field" P for F, "Tne" n for h: 0.6-0.7). Was 0.5: on ICDAR 2017
# (tuning half) 0.7 removed 9 more periodical and 9 monograph errors, 0.8 nothing more.
NAME_COST = 0.7
CHEAP = 0.5  # the dearest channel cost a capitalised or old-spelling unknown word may take
# Bound prefixes: "nonintervention" is one word spelt solid, not "non intervention".
PREFIXES = frozenset({"non", "anti", "pre", "re", "un", "counter", "over", "under", "sub",
                      "inter", "semi", "co", "post", "multi", "pro", "de", "dis", "mis",
                      "out", "up", "self", "ex", "mid", "super", "trans", "fore"})


@lru_cache(maxsize=100_000)
def _skeleton(w: str) -> tuple[str, str]:
    """(consonants, vowels) of `w`'s letters in lower case, each in order.

    >>> _skeleton("Teheran"), _skeleton("Ōsaka-ku")
    (('thrn', 'eea'), ('skk', 'ōaau'))
    """
    if w.isascii() and w.isalpha():
        # (most forms: lower() keeps them all letters; str.translate drops a class
        # of letters in C instead of a Python step per character)
        w = w.lower()
        return w.translate(_NO_VOWELS), w.translate(_NO_CONSONANTS)
    w = "".join(c for c in w.lower() if c.isalpha())
    return "".join(c for c in w if c not in VOWELS), "".join(c for c in w if c in VOWELS)


# str.translate tables that delete the ASCII vowels, or the ASCII consonants
# (`VOWELS`' other letters are not ASCII, so not in a word `_skeleton` translates)
_NO_VOWELS = str.maketrans("", "", "".join(c for c in VOWELS if c.isascii()))
_NO_CONSONANTS = str.maketrans("", "", "".join(
    c for c in "abcdefghijklmnopqrstuvwxyz" if c not in VOWELS))


def spelling_variant(a: str, b: str) -> bool:
    """True when a and b differ only by an inserted or dropped vowel, the way
    romanisations vary ("Teheran"/"Tehran"): a variant, not an OCR error.

    >>> spelling_variant("Teheran", "Tehran"), spelling_variant("Tahran", "Tehran")
    (True, False)
    """
    ca, va = _skeleton(a)
    cb, vb = _skeleton(b)
    if ca != cb or va == vb or len(va) == len(vb):
        return False
    short, long_ = (va, vb) if len(va) < len(vb) else (vb, va)
    it = iter(long_)
    return all(ch in it for ch in short)


def doc_variants(word: str, ctx: Context) -> list[tuple[str, float, int]]:
    """Frequent document terms `word` may be a garbled copy of: (term, cost, count).

    A term qualifies when it occurs at least 3 times and 3x more than `word`,
    shares its first letter, and is cheaply reachable through the channel.
    """
    lw = word.lower()
    return _known_variants(lw, ctx.lower.get(lw, 0), _frequent_terms(ctx).get(lw[:1]))


def _known_variants(lw: str, own: int, terms: _Terms | None) -> list[tuple[str, float, int]]:
    """`_variants_among(lw, own, terms)` (the same list), bounding each term only once
    per form: a document's unknown word is asked again in every round of every stage,
    each time against a fresh `_Terms` (the counts move a little with each edit), and
    a term's bound depends on the form and the term alone (`_Reach`)."""
    if terms is None:
        return []
    reach = _reach(lw)
    least = max(2, 2 * own)
    widest = min(2.5, 0.36 * len(lw))
    near, checked = reach.near, reach.checked
    n = len(lw)
    # the terms never bounded for this form, past the same cheap tests as before
    new = [t for t, k in zip(terms.forms, terms.counts, strict=True)
           if k >= least and t not in checked and t != lw and abs(len(t) - n) <= 2]
    if new:
        reach.learn(new, widest)
    out: list[tuple[str, float, int]] = []
    if near:  # (most unknown forms have no term within reach: the loop keeps none)
        for term, k in zip(terms.forms, terms.counts, strict=True):
            bound = near.get(term)
            if bound is None or k < least:
                continue  # out of reach at `widest`, the dearest limit below (or the form)
            rare = k < max(3, 3 * own)
            if bound > (0.5 if rare else widest):
                continue
            cost = _admitted(lw, term, rare, widest)
            if cost is not None:
                out.append((term, cost, k))
    return out


class _Reach:
    """The document terms one unknown form was bounded against (`checked`), and the
    bound of each that the dearest limit admits (`near`: term -> the float
    `_Floor` gives, the same in its vector and its one-term form)."""

    __slots__ = ("lw", "checked", "near")

    def __init__(self, lw: str) -> None:
        self.lw = lw
        self.checked: set[str] = set()
        self.near: dict[str, float] = {}

    def learn(self, new: list[str], widest: float) -> None:
        """Bound the `new` terms (none the form itself, none 3+ letters longer or
        shorter) and keep those within `widest`."""
        floor = _floor(self.lw)
        self.checked.update(new)
        if len(new) >= VECTOR_TERMS:
            some = _Terms()
            some.forms, some.counts = new, [0] * len(new)
            for term, _k, bound in floor.admissible(some, widest):
                self.near[term] = bound
            return
        # `floor(term, plain)` spelled out (the same operations, so the same floats):
        # a new form meets ~6 terms a round, and most pass the cheap test below
        lw, most, bits, saves, near = self.lw, floor.most, floor.bits, floor._saves, self.near
        distance = Levenshtein.distance
        for term in new:
            # cheap exact bound first (`_Floor.most`: the most any confusions save)
            plain = distance(lw, term) * GENERIC
            if plain - most - 1e-6 > widest:
                continue
            held = 0
            for reading, bit in bits:
                if reading in term:
                    held |= bit
            save = saves.get(held)
            if save is None:
                save = floor.saving(held)
            bound = plain - save - 1e-6
            if bound <= widest:
                near[term] = bound


@lru_cache(maxsize=4096)
def _reach(lw: str) -> _Reach:
    # a few documents' unknown forms, each with the terms it met (an lru_cache, so
    # the benchmarks' cold passes empty it with the others)
    return _Reach(lw)


def corpus_variants(word: str, ctx: Context) -> list[tuple[str, float, int]]:
    """Corpus terms (`ctx.corpus`) `word` may be a garbled copy of: (term, cost,
    count). Stricter than a document's own terms, since a corpus is large and its
    terms many: one listed OCR confusion away (cost <= 0.5), and printed at least
    `CORPUS_RATIO` times as often as `word` (in the document and the corpus).

    >>> from archivist.repair.core import build_context
    >>> from archivist.repair.corpus import CorpusLexicon
    >>> lex = CorpusLexicon.from_counts({"tsvetkov": (40, 12)})
    >>> corpus_variants("Tsvctkov", build_context(["Tsvctkov wrote"], lex))
    [('tsvetkov', 0.5, 40)]
    >>> corpus_variants("Tsvctkov", build_context(["Tsvctkov wrote"]))
    []
    """
    if ctx.corpus is None or not word[:1].isupper():
        return []  # the corpus counts names (`corpus.document_forms`)
    lw = word.lower()
    own = ctx.seen(lw)
    out = []
    for term, cost in _corpus_near(lw, ctx.corpus):
        k = ctx.seen(term)  # the document's and the corpus's counts together
        if k >= max(2, 2 * own, CORPUS_RATIO * own):
            out.append((term, cost, k))
    return out


def _corpus_near(lw: str, corpus: Any) -> list[tuple[str, float]]:
    """The corpus terms one listed confusion from `lw` (cost <= 0.5, no spelling
    variant), in term order: what `corpus_variants` would find for a form no
    document repeats, independent of the document, so worked out once per form and
    lexicon (a corpus's names recur document after document)."""
    key = (lw, corpus.digest)
    got = _NEAR.get(key)
    if got is None:
        # every term, whatever its count (the caller weighs the counts); only the
        # costs <= 0.5 are kept, which a "rare" term's tighter reach gives alike
        got = [(t, cost) for t, cost, _k in _variants_among(
            lw, 0, _corpus_terms(corpus).get(lw[:1]), least=0) if cost <= 0.5]
        if len(_NEAR) >= 100_000:
            _NEAR.clear()
        _NEAR[key] = got
    return got


_NEAR: dict[tuple[str, str], list[tuple[str, float]]] = {}


@lru_cache(maxsize=100_000)
def _rare_dictionary_word(core: str) -> bool:
    """A rare word of the period's dictionaries that English text still uses
    ("glebe", "tithing"): no OCR accident, though the correction lists lack it.

    >>> _rare_dictionary_word("glebe"), _rare_dictionary_word("aro"), _rare_dictionary_word("Aas")
    (True, False, True)
    """
    low = core.lower()
    if low not in _dictionary():  # (first: a form with a digit or a mark never is)
        return False
    z = zipf(low)
    if z < RARE_WORD_ZIPF:
        return False
    # ... unless one listed confusion away stands a word a hundred times commoner:
    # the dictionaries hold many short forms that are everyday OCR misreadings
    # ("arn" for "am", "ber" for "her", "tock" for "took"), which stay readable
    if any(zipf(c) >= z + RARE_WORD_MARGIN for c, _ in candidates(low, CHEAP) if c != low):
        return False
    # ... or, in lower case, a little further (one vowel confusion: "aro" for "are"),
    # one of the commonest function words (a capitalised "Aas" stays a name)
    # (those words have at most 4 letters, so only short forms are looked at: the
    # wider channel search costs ~0.2 ms a form)
    return not (core.islower() and len(low) <= FUNCTION_LEN + 1 and any(
        zipf(c) >= FUNCTION_ZIPF for c, cost in candidates(low, VOWEL_COST)
        if c != low and cost > CHEAP))


RARE_WORD_ZIPF = 2.5
RARE_WORD_MARGIN = 2.0  # Zipf: a hundred times as frequent
FUNCTION_ZIPF, VOWEL_COST, FUNCTION_LEN = 6.5, 0.6, 4


def _document_only(ctx: Context) -> Context:
    """`ctx` without its corpus lexicon (the same counts; made once per context)."""
    got = ctx.flags.get("_document_only")
    if got is None:
        got = ctx.flags["_document_only"] = Context(ctx.counts, ctx.lower, ctx.texts, ctx.flags)
    return got  # type: ignore[return-value]


# a corpus term draws a form it outnumbers this many times (counts of the form in the
# document and the corpus together)
CORPUS_RATIO = 5


def _variants_among(lw: str, own: int, terms: _Terms | None, least: int | None = None
                    ) -> list[tuple[str, float, int]]:
    """`doc_variants` over one letter's terms (the document's, or the corpus
    lexicon's for `_corpus_near`). `least`: the fewest occurrences a term needs
    (default: twice `own`, at least 2)."""
    if terms is None:
        return []
    least = max(2, 2 * own) if least is None else least
    widest = min(2.5, 0.36 * len(lw))
    vector = len(terms.forms) >= VECTOR_TERMS
    # the bound is made when a term first passes the cheap tests below (the form's
    # letters and confusions; most unknown words of a short text meet no such term)
    floor = _floor(lw) if vector else None
    if vector:
        # a long document has hundreds of terms per letter: the bound is worked out
        # for all of them at once (numpy, the same float sums), and only the terms
        # it admits at the widest limit are looked at
        hits: Iterable[tuple[str, int, float]] = floor.admissible(terms, widest)
    else:
        hits = ((t, k, 0.0) for t, k in zip(terms.forms, terms.counts, strict=True))
    out = []
    for term, k, bound in hits:
        if k < least or term == lw:
            continue
        if abs(len(term) - len(lw)) > 2:
            continue
        rare = k < max(3, 3 * own)
        limit = 0.5 if rare else widest
        if not vector:
            # cheap exact bounds first: the full weighted distance is the dear part
            plain = Levenshtein.distance(lw, term) * GENERIC
            if floor is None:
                floor = _floor(lw)
            if plain - floor.most - 1e-6 > limit:
                continue
            bound = floor(term, plain)
        if bound > limit:
            continue
        cost = _admitted(lw, term, rare, widest)
        if cost is not None:
            out.append((term, cost, k))
    return out


def _admitted(lw: str, term: str, rare: bool, widest: float) -> float | None:
    """The channel cost of reading `lw` as the document term `term`, once its cheap
    bound has passed; None when the term is out (too dear, or a spelling variant)."""
    cost = _wdist(lw, term, rare)  # inf when dearer than any use below
    if rare and cost > 0.5:
        return None  # a term seen only twice must be one cheap confusion away
    if cost <= widest and not spelling_variant(lw, term):
        return cost
    return None


def _corpus_terms(corpus: Any) -> dict[str, _Terms]:
    """The corpus lexicon's terms by first letter, made once per lexicon."""
    got = _CORPUS_TERMS.get(corpus.digest)
    if got is None:
        got = {}
        for w, k in corpus.terms():
            terms = got.get(w[0])
            if terms is None:
                terms = got[w[0]] = _Terms()
            terms.forms.append(w)
            terms.counts.append(k)
        _CORPUS_TERMS.clear()  # one run reads one snapshot: keep the newest only
        _CORPUS_TERMS[corpus.digest] = got
    return got


_CORPUS_TERMS: dict[str, dict[str, _Terms]] = {}


# from this many same-letter terms on, `doc_variants` bounds them all at once
VECTOR_TERMS = 16


class _Floor:
    """A lower bound of `weighted_distance(a, b)` for one word `a` and any `b`.

    A reading of `a` as `b` is generic edits (GENERIC each) and listed confusions,
    at most one starting at each position of `a`, whose reading occurs in `b`. A
    confusion spanning n characters at cost c does the work of at most n plain
    edits, so it brings the cost below GENERIC x the plain edit distance by at most
    n x GENERIC - c. Cheap: the edit distance is rapidfuzz's, in C, and the saving
    depends only on which of the confusions' readings `b` holds (a handful), so it
    is worked out once per such set.

    >>> floor = _Floor("marlborough")
    >>> all(floor(b) <= weighted_distance("marlborough", b)
    ...     for b in ("marlhorough", "rnarlborough", "marlowe", "marlborough"))
    True
    """

    def __init__(self, a: str) -> None:
        self.a = a
        # per position of `a`: the confusions starting there that can beat plain
        # edits, as (what they can save, the reading they give)
        width = _max_obs_len()
        self.hits = [_savings_at(a[i:i + width]) for i in range(len(a))]
        self.most = sum(max((x for x, _ in at), default=0.0) for at in self.hits)
        self.readings = sorted({intended for at in self.hits for _, intended in at})
        # each reading with its bit (1 << its index in `readings`)
        self.bits = [(r, 1 << i) for i, r in enumerate(self.readings)]
        self.ranked: list[list[tuple[float, int]]] | None = None  # made on first use
        self._saves: dict[int, float] = {}  # readings held (a bit each) -> saving

    def __call__(self, b: str, plain: float | None = None) -> float:
        """The bound for `b` (`plain`, if known: GENERIC x the plain edit distance)."""
        if plain is None:
            plain = Levenshtein.distance(self.a, b) * GENERIC
        held = 0
        for reading, bit in self.bits:
            if reading in b:
                held |= bit
        save = self._saves.get(held)
        if save is None:
            save = self.saving(held)
        return plain - save - 1e-6  # float margin

    def saving(self, held: int) -> float:
        """The saving for the readings `held` (a bit each), kept for the next term
        that holds the same ones."""
        if self.ranked is None:
            # per position with hits, (saving, reading's bit), largest saving
            # first: the first one whose reading `b` holds is the position's max;
            # positions without hits add 0.0 to the sum, so are left out
            bits = dict(self.bits)
            self.ranked = [[(x, bits[r]) for x, r in sorted(at, reverse=True)]
                           for at in self.hits if at]
        save = self._saves[held] = _saving(self.ranked, held)
        return save

    def admissible(self, terms: _Terms, limit: float) -> list[tuple[str, int, float]]:
        """(term, count, bound) for the `terms` whose bound is <= `limit`, in order:
        `__call__` for every term at once, summed in the same order, so the same
        floats.

        >>> t = _Terms()
        >>> t.forms, t.counts = ["marlborough", "marlowe", "manchester"], [5, 4, 3]
        >>> floor = _Floor("rnarlborough")
        >>> [(term, bound == floor(term)) for term, _, bound in floor.admissible(t, 2.5)]
        [('marlborough', True)]
        """
        plain = process.cdist([self.a], terms.forms, scorer=Levenshtein.distance,
                              dtype=np.int32)[0] * GENERIC
        save = np.zeros(len(terms.forms))
        for at in self.hits:
            if at:
                best = np.zeros(len(terms.forms))
                for x, intended in at:
                    np.maximum(best, terms.holding(intended) * x, out=best)
                save += best
        bound = plain - save - 1e-6
        return [(terms.forms[i], terms.counts[i], float(bound[i]))
                for i in np.flatnonzero(bound <= limit).tolist()]


def _saving(ranked: list[list[tuple[float, int]]], held: int) -> float:
    """The sum over positions of the largest saving whose reading's bit is in `held`
    (`ranked`: per position, (saving, bit) largest first), in position order: the
    same float as summing each position's max over its held readings.

    >>> _saving([[(0.9, 1), (0.5, 2)], [(0.4, 4)]], 2 | 4), _saving([[(0.9, 1)]], 2)
    (0.9, 0.0)
    """
    total = 0.0
    for at in ranked:
        for x, bit in at:
            if held & bit:
                total += x
                break
    return total


@lru_cache(maxsize=50_000)
def _savings_at(piece: str) -> list[tuple[float, str]]:
    """The confusions starting where `piece` starts (`channel._hits_at`) that can
    beat plain edits, as (what they can save, the reading they give): a few thousand
    pieces serve every word. Made from `_savings_by_obs` (the table's entries whose
    observed string is one of the piece's prefixes, shortest first: `_hits_at`'s
    order), not from a list of every hit built per piece and then filtered."""
    table = _savings_by_obs()
    out: list[tuple[float, str]] = []
    for k in range(1, len(piece) + 1):
        got = table.get(piece[:k])
        if got:
            out += got
    return out


@lru_cache(maxsize=1)
def _savings_by_obs() -> dict[str, list[tuple[float, str]]]:
    """Per observed string of the confusion table, the entries that can beat plain
    edits as (what they can save, the reading in lower case), in the table's order:
    what `_hits_at` gives for it, filtered as `_savings_at` wants (built once)."""
    out: dict[str, list[tuple[float, str]]] = {}
    for obs, subs in confusions().items():
        k = len(obs)
        got = [(max(k, len(intended)) * GENERIC - cost, intended.lower())
               for intended, cost in subs if max(k, len(intended)) * GENERIC > cost]
        if got:
            out[obs] = got
    return out


@lru_cache(maxsize=20_000)
def _floor(a: str) -> _Floor:
    # an unknown word is looked at again in each round, and in later documents
    return _Floor(a)


@lru_cache(maxsize=200_000)
def _wdist(a: str, b: str, rare: bool = False) -> float:
    # `doc_variants` keeps only costs <= min(2.5, 0.36 * len(a)), and for a rare term
    # only <= 0.5 (one confusion): exact up to there, which lets the DP stop early
    return weighted_distance(a, b, 0.5 if rare else min(2.5, 0.36 * len(a)))


class _Terms:
    """One first letter's repeated document forms, in document order, their counts,
    and (made on demand, for `_Floor.admissible`) which forms hold a given string."""

    __slots__ = ("forms", "counts", "_holding")

    def __init__(self) -> None:
        self.forms: list[str] = []
        self.counts: list[int] = []
        self._holding: dict[str, np.ndarray] = {}

    def holding(self, s: str) -> np.ndarray:
        got = self._holding.get(s)
        if got is None:
            got = self._holding[s] = np.fromiter((s in t for t in self.forms), bool,
                                                 len(self.forms))
        return got


def _frequent_terms(ctx: Context) -> dict[str, _Terms]:
    """The document's repeated forms of 4+ letters, (form, count) by first letter
    (a variant must share it: each unknown word scans one letter's terms)."""
    cached = ctx.flags.get("_terms")
    if cached is None:
        cached = {}
        for w, k in ctx.lower.items():
            if k >= 2 and len(w) >= 4:
                terms = cached.get(w[0])
                if terms is None:
                    terms = cached[w[0]] = _Terms()
                terms.forms.append(w)
                terms.counts.append(k)
        ctx.flags["_terms"] = cached
    return cached  # type: ignore[return-value]


@lru_cache(maxsize=50_000)
def segmentations(word: str, archaic: bool = False) -> tuple[tuple[tuple[str, ...], float], ...]:
    """Ways to read a glued token as 2-3 words, each exact or one cheap fix away.

    >>> segmentations("wentdown")[0]
    (('went', 'down'), 0.6)
    >>> segmentations("usedttobe")[0][0]
    ('used', 'to', 'be')
    """
    lw = word.lower()
    n = len(lw)
    freq = frequencies()
    # (each piece's reading from `_part`, shared by every word that holds the piece:
    # a glued form's O(n^2) pieces are mostly pieces of other forms too)
    out: list[tuple[tuple[str, ...], float]] = []
    for i in range(1, n):
        a = _part(lw[:i], archaic)
        if a is None or a[0] in PREFIXES:
            continue
        b = _part(lw[i:], archaic)
        if b is not None:
            out.append(((a[0], b[0]), a[1] + b[1] + SPLIT_COST))
        for j in range(i + 1, n):
            b = _part(lw[i:j], archaic)
            c = _part(lw[j:], archaic) if b is not None else None
            if b is not None and c is not None:
                out.append(((a[0], b[0], c[0]), a[1] + b[1] + c[1] + 2 * SPLIT_COST))
    out = [o for o in out if o[1] <= 2.7]
    out.sort(key=lambda o: (o[1], len(o[0]), -min(freq.get(w, 0.0) for w in o[0]), o[0]))
    return tuple(out[:5])


@lru_cache(maxsize=50_000)  # (pieces, ~100 B each: a few MB at most)
def _part(s: str, archaic: bool) -> tuple[str, float] | None:
    """`segmentations`' reading of one piece of a glued form: the piece itself if a
    common enough word, else (not in old spelling) one cheap fix away, with its
    cost; None when neither. A function of the piece and `archaic` alone, so cached
    across words (it was worked out afresh for every word holding the piece)."""
    freq = frequencies()
    if s in freq and (len(s) > 1 or s in ("a", "i")) and (
            freq[s] >= (4.0 if len(s) > 3 else 4.5 if len(s) == 3 else 5.5)):
        return s, 0.0
    if len(s) == 3 and not archaic:
        # a short piece with one stray character ("tto", "bgo"): deletion only
        if s.isascii():
            return _one_shorter(s)  # (the same reading, from the paths that shorten)
        for cand, cost in candidates(s, 1.0):
            if freq.get(cand, 0) >= 4.5 and len(cand) == len(s) - 1:
                return cand, cost
    if len(s) >= 4 and not archaic:
        # a longer piece with one listed glyph confusion ("pcople", "lias"): the
        # lower case of `confusion_edits(s)`, only those that may be words (s is
        # lower case, so lowering the replacement lowers the whole)
        best = min(((c, k) for c, k in confusion_words(s, 0.6, lowered=True).items()
                    if freq.get(c, 0) >= 4.0),
                   key=lambda ck: (ck[1], -freq[ck[0]], ck[0]), default=None)
        return best
    return None


def _one_shorter(s: str) -> tuple[str, float] | None:
    """For an ASCII piece `s`: the first reading of `candidates(s, 1.0)` one character
    shorter and of zipf >= 4.5, with its cost (None: none), as `segmentations` asks.

    Within 1.0 only these paths shorten a string: a plain deletion (0.6 or 0.9), a
    listed confusion (<= 0.9, any length), and a second listed confusion on a first
    step of cost <= 0.7 (which only a confusion or a 0.6 deletion is). Insertions,
    substitutions and transpositions cost 1.0 and keep or add length, so the
    candidates of that length are found without generating them (and their order
    is `candidates`' own: cost, then commoner, then alphabetical).

    >>> _one_shorter("tto"), _one_shorter("xyz")
    (('to', 0.5), None)
    """
    freq = frequencies()
    budget = 1.0
    want = len(s) - 1
    seeds: dict[str, float] = {}
    for x, c in confusion_edits(s):
        if c <= budget and c < seeds.get(x, 9.0):
            seeds[x] = c
    for i in range(len(s)):
        c = GENERIC * (0.6 if i > 0 and s[i] == s[i - 1] else 0.9)
        x = s[:i] + s[i + 1:]
        if c < seeds.get(x, 9.0):
            seeds[x] = c
    best: dict[str, float] = {}

    def keep(y: str, c: float) -> None:
        ly = y.lower()
        if len(ly) == want and freq.get(ly, 0) >= 4.5 and c < best.get(ly, 9.0):
            best[ly] = c

    for x, c in seeds.items():
        keep(x, c)
        if c + 0.3 <= budget:  # no listed confusion is cheaper than 0.3
            for y, c2 in confusion_edits(x):
                if c + c2 <= budget:
                    keep(y, c + c2)
    return min(best.items(), key=lambda kv: (kv[1], -freq[kv[0]], kv[0]), default=None)


def _score_words(words: tuple[str, ...], prev: str | None, nxt: str | None,
                 ctx: Context, nxt_alone: float | None = None) -> float:
    """Bigram score of a word sequence in its context. `nxt_alone`: the next word's
    own `context_lp(nxt, None, None, ctx)`, when the caller scores many sequences
    before the same word (it does not depend on the sequence)."""
    s = 0.0
    p = prev
    for w in words:
        s += context_lp(w, p, None, ctx)
        p = w
    if nxt:
        if nxt_alone is None:
            nxt_alone = context_lp(nxt, None, None, ctx)
        s += context_lp(nxt, words[-1], None, ctx) - nxt_alone
    return s


def _option_scores(options: dict[str, tuple[tuple[str, ...], float]], prev: str | None,
                   nxt: str | None, ctx: Context, pair_ctx: Context,
                   nxt_alone: float | None) -> list[float]:
    """`correct_word`'s score of each option, in order: `_score_words(parts, prev, nxt,
    pair_ctx, nxt_alone) - K * cost`, plus the cache model's bonus for one word.

    Without corpus pairs (`context_lp` then reads no corpus bigram) a one-word
    option's two `context_lp` calls are spelled out here, with what does not depend
    on the option (the neighbours' lower case, the next word's low-frequency floor)
    worked out once: the same operations in the same order, so the same floats (a
    new form has ~20 options, a common garble a hundred)."""
    out: list[float] = []
    corpus = pair_ctx.corpus
    if corpus is not None and corpus.pairs:
        for key, (parts, cost) in options.items():
            # cache model: words the document already uses (or the corpus prints:
            # its terms are offered by `corpus_variants` alone) are likelier here
            cache = min(1.5, 0.5 * ctx.seen(key)) if len(parts) == 1 else 0.0
            out.append(_score_words(parts, prev, nxt, pair_ctx, nxt_alone) - K * cost + cache)
        return out
    pl = prev.lower() if prev else None
    ln = nxt.lower() if nxt else None
    # `context_lp(nxt, w)`'s floor for a rare next word, the same for every option
    n_floor = unigram_lp(ln, pair_ctx) + LOG_04 if ln is not None and zipf(ln) < 2.0 else None
    # `lp_bigram(x, y)` of lower-case words is `bigram_logprob(x, y)`: for a pair the
    # shipped list lacks (nearly every option beside its neighbours) that is the
    # backed-off unigram of y, cached per word, so the pair is looked up here and
    # only a listed one goes through `lp_bigram` (the same floats; no cache entry
    # per new pair: a new form's options are new pairs)
    pairs = bigram_counts()
    for key, (parts, cost) in options.items():
        if len(parts) != 1 or not parts[0]:  # split words: the general scorer
            cache = min(1.5, 0.5 * ctx.seen(key)) if len(parts) == 1 else 0.0
            out.append(_score_words(parts, prev, nxt, pair_ctx, nxt_alone) - K * cost + cache)
            continue
        lw = parts[0].lower()
        if pl is not None:  # context_lp(w, prev)
            a = lp_bigram(pl, lw) if pairs.get((pl, lw), 0) > 0 else _backoff_lp(lw)
            if zipf(lw) < 2.0:
                a = max(a, unigram_lp(lw, pair_ctx) + LOG_04)
        else:
            a = unigram_lp(lw, pair_ctx)
        s = 0.0
        s += a
        if ln is not None:  # context_lp(nxt, w), less the next word's own score
            b = lp_bigram(lw, ln) if pairs.get((lw, ln), 0) > 0 else _backoff_lp(ln)
            if n_floor is not None:
                b = max(b, n_floor)
            s += b - nxt_alone  # type: ignore[operator]
        out.append(s - K * cost + min(1.5, 0.5 * ctx.seen(key)))
    return out


@lru_cache(maxsize=100_000)
def never_read(word: str) -> bool:
    """Whether `correct_word` leaves `word` alone whatever its context: the tests on
    the form alone, decided once per form (`fix_words` then skips the token before
    working out its neighbours, sentence start and capitals run).

    >>> [never_read(w) for w in ("of", "8th", "M'Leod", "borrow'd", "gave'them", "tbe")]
    [True, True, True, True, True, False]
    """
    core = POSSESSIVE_RE.sub("", word)
    if len(core) < 3 or len(core) > MAX_WORD_LEN:  # too long to be one garbled word
        return True
    if is_lexical(core) or not any(c.isalpha() for c in core):
        return True
    if _rare_dictionary_word(core):
        return True  # "glebe": a word of the period, however rare
    if (core[0].isdigit() or core[-1].isdigit()) and not digit_for_letter(core):
        return True  # "8th", "1930s", "45a": numbers, not garbled words
    # "M'Leod", "O'Neill"; poetic elisions "borrow'd", "e'er", "I've"
    return bool(NAME_APOSTROPHE_RE.match(core) or ELISION_RE.search(core)
                or glued_words(core))


@lru_cache(maxsize=100_000)
def _channel_readings(core: str, caps: bool, sent_start: bool, archaic: bool,
                      variants: bool) -> tuple[tuple[str, float], ...]:
    """The channel's readings of `core` that `correct_word` admits, with their costs
    as it scores them, in the channel's order: the filters depend on the form, its
    capitals run, sentence start, the document's old spelling and whether it has
    document variants (not which), so they are decided once per such key and not
    for every candidate of every token (a common garble has a hundred).

    >>> _channel_readings("warehonse", False, False, False, False)[0]
    ('warehouse', 0.5)
    """
    upper_start = core[:1].isupper() and not caps
    noisy = bool(NOISE_RE.search(core))
    freq = frequencies()
    # Where the filters below admit only cheap readings (cost <= 0.5: one listed
    # confusion), ask the channel for those alone: the same candidates with cost
    # <= 0.5 in the same order (a path's cost does not depend on the budget), and
    # no second step at all. Names (capitalised unknown words) are most of these.
    plain = not noisy and not variants
    # a long capitalised form no word list knows ("Satarday", "Commissionera", 6+
    # letters: `CAP_GARBLE`) is more likely a garbled word than a name: one plain
    # edit is allowed, not just a confusion
    long_garble = (upper_start and plain and len(core) >= CAP_GARBLE
                   and not archaic and not known_form(core))
    cheap_only = plain and (upper_start or archaic) and not long_garble
    # (a long garble takes at most one plain edit: the channel is asked for no more)
    budget = NAME_COST if cheap_only and upper_start else CHEAP if cheap_only else GENERIC if long_garble else None
    # (the tests that depend on the word alone, decided once for all its candidates)
    name_like = upper_start and not noisy and not variants
    accented_name = upper_start and bool(ACCENT_RE.search(core))
    plain_archaic = archaic and not noisy and not variants
    out: dict[str, float] = {}
    for cand, cost in (candidates(core, budget) if budget else candidates(core)):
        if name_like:
            # a capitalised unknown word is probably a name: only a cheap,
            # frequent correction may replace it
            if long_garble:
                if cost > GENERIC or freq.get(cand, 0) < 3.0:
                    continue
            elif cost > NAME_COST or freq.get(cand, 0) < 4.0:
                continue
        if len(cand) < 2 and cand not in ("a", "i"):
            continue
        if caps and (cost > (0.8 if len(core) <= 3 else GENERIC if len(core) < 6 else 1.5)
                     or freq.get(cand, 0) < 3.5):
            # capitals hold names too: one confusion or edit to a common word, two
            # confusions in a long word (worn E's: "BLBGANT"; periodical tuning
            # half 5 more errors removed, no row worse)
            continue
        if accented_name and cand != _deaccent(core):
            continue  # an accented name only loses its accents ("Carré" stays a name)
        if plain_archaic and cost > 0.5:
            continue  # old spelling everywhere: only plain OCR confusions
        if plain and freq.get(cand, 0) < 2.7:
            continue  # a plain unknown word is only replaced by a common one
        if spelling_variant(core, cand) and not noisy:
            continue  # "onely"/"only", "entred": an old spelling, not an OCR error
        if upper_start and not sent_start and freq.get(cand, 0) >= 5.5:
            cost += 0.4  # a capitalised word mid-sentence is rarely a function word
        if cand not in out or cost < out[cand]:
            out[cand] = cost
    return tuple(out.items())


def correct_word(word: str, prev: str | None, nxt: str | None, ctx: Context,
                 sent_start: bool = False, ocr: float = 0.0,
                 caps: bool = False) -> Change | None:
    """Best reading of one non-word token, as a Change over the token (start=0).

    `caps`: the token stands in a run of capitals (`in_caps_run`), where being
    written in capitals says nothing about being a name or an acronym.

    >>> c = correct_word("warehonse", "the", "for", Context())
    >>> c.replacement, c.confidence > 0.5
    ('warehouse', True)
    >>> correct_word("Ostrovskii", "of", None, Context()) is None
    True

    A capitalised form one confusion from a frequent word is read, a name is not:

    >>> correct_word("Pield", "the", "at", Context()).replacement
    'Field'
    >>> correct_word("Hodson", "Mr.", "and", Context()) is None
    True
    """
    if never_read(word):
        return None
    core = POSSESSIVE_RE.sub("", word)
    m = OCR_POSSESSIVE_RE.match(core)
    if m and (is_lexical(m.group(1)) or m.group(1)[:1].isupper()):
        return Change(0, len(core), m.group(1) + m.group(2).replace("a", "s"), 0.85, (core,),
                      "possessive 's read as 'a")
    upper_start = core[:1].isupper() and not caps
    noisy = bool(NOISE_RE.search(core))
    own = ctx.lower.get(core.lower(), 0)
    # a name the corpus prints is attested like one the document repeats; a
    # lower-case form is not: the corpus also holds the garbles repair left alone
    # ("thia", "nrst": repeated across a book's pages, they would protect each other)
    attested = ctx.seen(core.lower()) if core[:1].isupper() else own
    variants = doc_variants(core, ctx)
    if not variants:
        # in a run of capitals only numbers, roman numerals and the lower-case
        # form's own protections count (the all-caps acronym rule does not)
        if (is_protected(core) if not caps
                else ROMAN_RE.match(core) or is_protected(core.lower())):
            return None
        if attested >= 2 and not noisy and not garble_of_common(core):
            return None  # the document itself attests this form (OCR noise repeats)
    options: dict[str, tuple[tuple[str, ...], float]] = {}
    for term, cost, _k in variants:
        options[term] = ((term,), cost)
    # the corpus's terms are offered beside the channel's readings; unlike the
    # document's own terms they leave the word's treatment (name, budget) as it is
    from_corpus = corpus_variants(core, ctx) if not variants else []
    for term, cost, _k in from_corpus:
        options[term] = ((term,), cost)
    freq = frequencies()
    archaic = bool(ctx.flags.get("archaic"))
    accented_name = upper_start and bool(ACCENT_RE.search(core))
    if accented_name and not ctx.flags.get("accent_noise") \
            and not NOISE_RE.search(strip_marks(core)) \
            and zipf(core.lower()) >= ACCENTED_NAME_ZIPF \
            and zipf(_deaccent(core)) < ACCENTED_NAME_PLAIN_ZIPF:
        # "Zürich", "Kraków", "García" in a text whose other words carry no stray
        # accents: a name spelled as its owners spell it ("Wîth" is still "With")
        return None
    # a rare word wordfreq lists, of 5+ letters: a shorter reading past one
    # confusion (`keeps_its_letters`) is more often a real word lost than a stray
    # letter removed
    listed_long = not noisy and len(core) >= 5 and zipf(core.lower()) > 0
    for cand, cost in _channel_readings(core, caps, sent_start, archaic, bool(variants)):
        if cand not in options or cost < options[cand][1]:
            options[cand] = ((cand,), cost)
    if core.isalpha() and core.islower() and len(core) >= 5 and zipf(core) == 0 \
            and not _printed_unsplit(core, ctx):
        for parts, cost in segmentations(core, bool(ctx.flags.get("archaic"))):
            # glued words must be a known sequence ("went down", "used to be"),
            # or two long words read exactly ("whether successful")
            if all(seen(a, b) or (len(a) >= 4 and len(b) >= 4 and cost <= SPLIT_COST)
                   for a, b in zip(parts, parts[1:], strict=False)):
                options.setdefault(" ".join(parts), (parts, cost))
    if not options and not ctx.flags.get("archaic") and not (upper_start and not noisy):
        # a long form garbled in 2-4 places, beyond the channel's reach (see
        # repair.deep): only where the reading is attested beside a neighbour
        deep = clear_winner(deep_candidates(core), len(core))
        if deep is not None and _attested(deep[0], prev, nxt):
            options[deep[0]] = ((deep[0],), DEEP_SCALE * deep[1])
    if not options:
        return None
    # how likely an unknown form is right as it stands: OCR noise (digits, "U"
    # for "ll", accents on English letters) is not; old spelling is
    oov = -10.0 if noisy else (2.6 if ctx.flags.get("archaic") else 1.8)
    keys = ["\0keep"]
    # `ocr` > 0: the OCR engine itself doubted this word (see core.ocr_shift)
    # (a lower-case form is judged on the document's counts alone, as for `attested`)
    keep_ctx = ctx if ctx.corpus is None or core[:1].isupper() else _document_only(ctx)
    scores = [context_lp(core, prev, nxt, keep_ctx, known=False, oov_zipf=oov) - ocr
              + (2.0 if upper_start and not noisy else 0.0)
              # a form wordfreq knows is a rare word, less likely an OCR accident
              + (2.0 if not noisy and zipf(core.lower()) >= 1.0 else 0.0)]
    # the next word's own score is the same for every option: worked out once
    nxt_alone = context_lp(nxt, None, None, ctx) if nxt else None
    pair_ctx = ctx if ctx.corpus is None or pairs_may_read(core) else without_pairs(ctx)
    keys += options
    scores += _option_scores(options, prev, nxt, ctx, pair_ctx, nxt_alone)
    # the six best (heapq: a common garble can have a hundred candidates)
    order = heapq.nsmallest(6, range(len(scores)), key=lambda i: (-scores[i], keys[i]))
    best = order[0]
    if keys[best] == "\0keep":
        return None
    conf = softmax_conf([scores[i] for i in order], 0)
    text = keys[best]
    is_term = any(t == text for t, _, _ in variants) or any(t == text for t, _, _ in from_corpus)
    parts = options[text][0]
    # a lost space is not a misread letter: the split cost does not count here
    conf = calibrate(conf, options[text][1] - SPLIT_COST * (len(parts) - 1),
                     is_term or ctx.lower.get(text, 0) >= 2 or ocr > 0,
                     len(core) if len(parts) == 1 and not known_form(core)
                     and _attested(text, prev, nxt) else 0,
                     len(parts) == 1 and len(text) == len(core) and zipf(core.lower()) == 0
                     and freq.get(text, 0) >= COMMON_READING)
    if len(parts) == 1 and (inflection_of(core, text) or (
            listed_long and not keeps_its_letters(core, text, options[text][1]))
            or (archaic and not noisy and vowel_swap(core, text))):
        conf = min(conf, HELD)  # held, not dropped: its rivals keep their shares
    repl = match_case(core, text) if " " not in text else _case_phrase(core, text)
    if sent_start and repl[:1].islower() and core[:1].isupper():
        repl = repl[:1].upper() + repl[1:]
    if core[:1].isdigit() and " " not in repl:
        repl = repl[:1].upper() + repl[1:]  # the digit was a worn capital ("8ir": "Sir")
    alts = [keys[i] for i in order[1:4] if keys[i] != "\0keep"]
    return Change(0, len(core), repl + "", conf, tuple(match_case(core, a) for a in alts),
                  f"OCR non-word; channel cost {options[text][1]:.2f}" + (
                      "; document term" if is_term else ""))


def _printed_unsplit(form: str, ctx: Context) -> bool:
    """Whether the document prints `form` (lower case) elsewhere, as it stands or
    with a plural ending added or taken off: a compound the text itself writes as
    one word ("a later tollbook" beside "the tollbooks") is its spelling, not two
    words a lost space glued, so it is not offered split.

    >>> from .core import build_context
    >>> ctx = build_context(["The ropewalks by the quay. A ropewalk burned."])
    >>> _printed_unsplit("ropewalks", ctx), _printed_unsplit("ropewalk", ctx)
    (True, True)
    >>> _printed_unsplit("ropewalks", build_context(["The ropewalks by the quay."]))
    False
    """
    # (a form merely repeated is not enough: a glued pair repeats as OCR noise does)
    related = [form + "s", form + "es"]
    if form.endswith("s"):
        related.append(form[:-1])
    if form.endswith("es"):
        related.append(form[:-2])
    return any(ctx.lower.get(f, 0) >= 1 for f in related if len(f) >= 4)


# a digit a worn letter resembles, opening or closing a word: 8/S, 0/O, 1/l (not 5:
# "5per cent" is a number run into its word)
DIGIT_LETTER_RE = re.compile(r"^[80][A-Za-z]{2,}$|^[A-Za-z]{2,}[81]$")
# what follows a digit in a number: ordinals, book sizes, decades ("8th", "8vo", "80s")
DIGITISH = frozenset("0123456789oOlI")  # letters that stand for digits in numbers
NUMBER_SUFFIX_RE = re.compile(r"^\d(?:st|nd|rd|th|d|vo|to|mo|s)$", re.IGNORECASE)


def vowel_swap(form: str, reading: str) -> bool:
    """Whether `reading` is `form` with one vowel put for another ("friers" /
    "friars", "mony" / "many"). In a document of early-modern spelling (`archaic`)
    that is how its words differ from today's, so such a reading is held for an
    editor: on ICDAR 2017's monographs the applied ones hurt 12 times and helped 4
    (tuning half), hurt 19 and helped 1 (held-out half).

    >>> vowel_swap("friers", "friars"), vowel_swap("Mony", "many"), vowel_swap("tbe", "the")
    (True, True, False)
    >>> vowel_swap("shal", "shall"), vowel_swap("lika", "like")
    (False, True)
    """
    if len(form) != len(reading):
        return False
    diff = [(a, b) for a, b in zip(form.lower(), reading.lower(), strict=True) if a != b]
    return len(diff) == 1 and diff[0][0] in VOWELS and diff[0][1] in VOWELS


def keeps_its_letters(form: str, reading: str, cost: float) -> bool:
    """Whether a reading of a listed rare word may stand: it is one cheap confusion
    (cost <= 0.5) or keeps at least as many letters. Dropping letters from a word
    wordfreq knows ("plaited" -> "plated") lost a real word more often than it
    removed a stray letter (ICDAR tuning halves, forms of 5+ letters: 12 readings
    hurt, 1 helped).

    >>> keeps_its_letters("plaited", "plated", 0.9), keeps_its_letters("plaited", "plaiter", 0.9)
    (False, True)
    >>> keeps_its_letters("plaited", "plated", 0.5)
    True
    """
    return cost <= 0.5 or len(reading) >= len(form)


def inflection_of(form: str, reading: str) -> bool:
    """Whether `form` is `reading` (4+ letters) with a regular ending added: a plural
    or a past tense the word lists lack ("ploughshares" of "ploughshare", "tabled"
    of "table"), not a garble of the bare word: the reading is held. (ICDAR tuning
    halves: such readings hurt 6 times, helped none.)

    >>> inflection_of("ploughshares", "ploughshare"), inflection_of("tabled", "table")
    (True, True)
    >>> inflection_of("tablet", "table"), inflection_of("thes", "the")
    (False, False)
    """
    f, r = form.lower(), reading.lower()
    if len(r) < 4 or not f.startswith(r):
        return False
    end = f[len(r):]
    return end in ("s", "es", "ed") or (end == "d" and r.endswith("e"))


def glued_words(core: str) -> bool:
    """Whether a token is two words of 2+ letters joined by a stray apostrophe
    ("gave'them", "of'the"): one word read from it drops the other.

    >>> glued_words("gave'them"), glued_words("of'the"), glued_words("ma'am")
    (True, True, False)
    """
    parts = re.split("[’']", core)
    return (len(parts) == 2 and all(len(p) >= 2 and p.isalpha() and is_lexical(p)
                                    for p in parts))


def digit_for_letter(core: str) -> bool:
    """Whether a token's digit is a letter misread: one 8 or 0 before 2+ letters
    ("8ixth", "8he", "0ctober"), an 8 or 1 after them ("IT8", "Hote1"), never a
    number's suffix ("8th", "8vo", "4to").

    >>> [digit_for_letter(w) for w in ("8ixth", "8he", "IT8", "Hote1")]
    [True, True, True, True]
    >>> [digit_for_letter(w) for w in ("8th", "8vo", "1930s", "45a", "4to", "5per", "8oo")]
    [False, False, False, False, False, False, False]
    """
    return (bool(DIGIT_LETTER_RE.match(core)) and not NUMBER_SUFFIX_RE.match(core)
            and not set(core) <= DIGITISH)  # "8oo": a number with o for 0


@lru_cache(maxsize=100_000)
def garble_of_common(word: str) -> bool:
    """A lower-case unknown form one cheap glyph confusion from a very common word
    ("tbe" -> "the", "iu" -> "in"): OCR repeats such misreadings within a page, so
    the document attesting it twice is no sign that it is a name or a term.

    >>> garble_of_common("tbe"), garble_of_common("Hamlin"), garble_of_common("shogun")
    (True, False, False)
    """
    if not word.islower():
        return False
    z = zipf(word)
    freq = frequencies()
    # the candidates within 0.5 are those of cost <= 0.5 in the full list
    return any(freq[c] >= max(5.5, z + 3.0) for c, _cost in candidates(word, CHEAP))


def common_garble(w: str) -> bool:
    """Whether a token that fails the English-window gate is still worth reading: a
    very common word with one cheap glyph confusion (`garble_of_common`), capitalised
    ("Tbat", "Hcr") or of 4+ letters in lower case ("whicb"). A run of names or a
    price list around says nothing against such a form; a short lower-case one may be
    a foreign word (a German "sey" is one confusion from "say"): left to the gate.

    >>> common_garble("Tbat"), common_garble("Hcr"), common_garble("whicb"), common_garble("hcr")
    (True, True, True, False)
    >>> common_garble("Hamlin"), common_garble("sagte"), common_garble("THB")
    (False, False, False)

    Only a form whose first or last two letters almost no English word has ("Tb-",
    "-cb"): among names, "Thon" or "Baen" may well be a surname ("Messrs. Thon and
    Baen"), however near "Than" and "Been".

    >>> common_garble("Thon"), common_garble("Baen"), common_garble("Witb")
    (False, False, True)
    """
    if len(w) < 3 or not w[1:].islower():
        return False
    low = w.lower()
    return (w[0].isupper() or len(w) >= 4) and _odd_edges(low) and garble_of_common(low)


# an edge (first or last two letters) shared by this few listed words is no English one
ODD_EDGE_WORDS = 5


def _odd_edges(low: str) -> bool:
    """Whether `low` starts or ends with two letters few English words start or end with."""
    starts, ends = _edge_counts()
    return starts.get(low[:2], 0) <= ODD_EDGE_WORDS or ends.get(low[-2:], 0) <= ODD_EDGE_WORDS


@cache
def _edge_counts() -> tuple[dict[str, int], dict[str, int]]:
    """How many listed English words (zipf >= 3, 3+ letters) start, and end, with each
    pair of letters."""
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    for w, z in frequencies().items():
        if z >= 3.0 and len(w) >= 3 and w.isascii() and w.isalpha():
            starts[w[:2]] = starts.get(w[:2], 0) + 1
            ends[w[-2:]] = ends.get(w[-2:], 0) + 1
    return starts, ends


HELD = 0.45  # confidence given to an edit class that is right too rarely to apply


# letters: a capitalised form this long that no word list knows may take one plain
# edit to a common word ("Gevrge" -> "George"); was 7 (`LONG_FORM`). On ICDAR 2017,
# tuning halves: 6 removed 4 more periodical and 12 more monograph errors, 1 and 2
# rows worse; 5 removed 5 and 17 but made 3 and 6 rows worse (names).
CAP_GARBLE = 6
LONG_FORM = 7  # letters: an unknown form this long has few English neighbours
LONG_CONF = 0.6  # ...so its best reading is applied from this share on (cost < 2)


COMMON_READING = 4.0  # zipf of a reading that `calibrate` trusts for a form no list knows


def calibrate(conf: float, cost: float, doc_term: bool, length: int = 0,
              stray: bool = False) -> float:
    """Confidence of a non-word correction, corrected for how often such a
    correction is right.

    The softmax share over-states certainty for expensive readings: on ICDAR
    2017 (periodicals, even rows, the half used for tuning) corrections of channel
    cost >= 1.5 helped in a third of cases, cost 1.0-1.5 with share < 0.9 in about
    half; cheap ones (< 1.0) in nine of ten. So expensive readings become
    suggestions unless the document itself uses the word (twice or more), or
    the form is long (`length` >= 7 letters, passed only for forms neither
    wordfreq nor symspellpy lists) and the reading wins a clear share (>= 0.6):
    held, such readings helped 28 times and hurt 6 on the tuning half
    ("kmowledqe" -> "knowledge", "ultinatelv" -> "ultimately").

    `stray`: the form is unknown to wordfreq (zipf 0: no real word, however rare),
    the reading is common (zipf >= 4) and as long as the form (letters misread,
    none lost or added). Such readings at cost 1.0-1.5 with a share >= 0.5 are
    applied: held, they helped 50 times and hurt 17 on the tuning halves of both
    ICDAR parts; readings that add or drop letters helped 12 and hurt 11, and where
    the form is a rare word wordfreq lists they hurt more than they helped: held.

    >>> calibrate(0.99, 0.5, False), calibrate(0.99, 1.7, False), calibrate(0.8, 1.2, False)
    (0.99, 0.45, 0.45)
    >>> calibrate(0.99, 1.7, True), calibrate(0.7, 1.5, False, 9), calibrate(0.7, 1.5, False, 6)
    (0.99, 0.7, 0.45)
    >>> calibrate(0.6, 1.2, False, stray=True), calibrate(0.6, 1.2, False, stray=False)
    (0.6, 0.45)
    """
    if doc_term:
        return conf
    if stray and cost < 1.5 and conf >= 0.5:
        return conf
    if length >= LONG_FORM and cost < 2.0 and conf >= LONG_CONF:
        return conf
    if cost >= 1.5 or (cost >= 1.0 and conf < 0.9):
        return min(conf, HELD)
    return conf


def split_piece(text: str, s: int, e: int, prev: str | None, nxt: str | None) -> bool:
    """Whether the token text[s:e] is a piece of a word broken across a line
    ("infor- mation", "congrega tions"): not a misspelling, leave it alone."""
    w = text[s:e]
    if text[e:e + 1] == "-" and not compound_head(w, text, e):
        return True
    if text[max(0, s - 2):s].startswith("-"):
        return True
    return bool((prev and is_lexical(prev + w)) or (nxt and is_lexical(w + nxt)))


_LETTERS_RE = re.compile(r"[^\W\d_]+")
# a family name and a hyphenated given name, as Chinese and Korean names are romanized
# ("Sun Yat-sen", "Chiang Kai-shek", "Kim Il-sung"): short syllables, the second in
# lower case, after a capitalised word
_ROMANIZED_RE = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+ [A-Z][a-z]{0,5}-[a-z]{1,6}(?![\w'’-])")


def romanized_name(text: str, s: int, e: int) -> bool:
    """Whether the token text[s:e] is a syllable of a romanized given name after its
    family name: OCR can garble them, but a word list cannot tell ("Yat" is no "Yet").

    >>> t = "the envoy of Sun Yat-sen and the Chnrch-yard"
    >>> [romanized_name(t, t.index(w), t.index(w) + len(w)) for w in ("Yat", "sen", "Chnrch")]
    [True, True, False]
    """
    for m in _ROMANIZED_RE.finditer(text, max(0, s - 24), min(len(text), e + 10)):
        if m.start() < s and e <= m.end():
            return True
    return False


def compound_head(w: str, text: str, e: int) -> bool:
    """Whether `w`, right before a hyphen at text[e], is the first word of a compound
    ("Chnrch-yard", "Hiqh-street") rather than a word broken at a line end: a word of
    3+ letters follows the hyphen directly and the two pieces make no word together.

    >>> t = "the Chnrch-yard and the infor-mation"
    >>> compound_head("Chnrch", t, 10), compound_head("infor", t, 29)
    (True, False)
    """
    m = _LETTERS_RE.match(text, e + 1)
    if m is None or len(m.group()) < 3:
        return False
    tail = m.group()
    return is_lexical(tail) and not is_lexical(w + tail) and not is_lexical(w.lower() + tail)


def word_tail(form: str) -> bool:
    """Whether `form` (lower-cased) ends some listed word and is not the whole of it:
    the tail of a word whose head stands elsewhere ("-nection", "-bility").

    >>> word_tail("nection"), word_tail("bility"), word_tail("zqxle")
    (True, True, False)
    """
    return bool(_affixes()[1].get(form.lower()))


def glued_tail(text: str, s: int, e: int) -> bool:
    """Whether the token text[s:e] is the second piece of a broken word rather than a
    garbled word of its own, so no reading should give it a new head: the text opens
    with it in lower case, or a mark joins it to the letters before with no space
    ("gene!ally", "con-nection"), and it ends some word. A hyphenated piece that ends
    no word ("well-knowu") is a compound's word and is still read, and so is a piece
    opening with a capital. (Tails of 5+ letters only: periodical even rows 1 more
    row worse, monograph even 3 more errors.)

    >>> glued_tail("nection of the two", 0, 7), glued_tail("the con-nection was", 8, 15)
    (True, True)
    >>> glued_tail("the well-knowu man", 9, 14), glued_tail("the nection of", 4, 11)
    (False, False)
    """
    w = text[s:e]
    if not w[:1].islower():
        return False  # "hills-Iike": a capital after a mark opens a word of its own
    if at_text_start(text, s):
        return word_tail(w)
    before = text[max(0, s - 2):s]
    return (len(before) == 2 and before[0].isalpha() and not before[1].isalnum()
            and not before[1].isspace() and before[1] not in "'’" and word_tail(w))


ACCENT_RE = re.compile(r"[À-ÖØ-öø-ÿ]")
# an accented capitalised form the word lists know this well is a name's own spelling,
# unless its plain letters are a common word ("Wîth", "Hôuse")
ACCENTED_NAME_ZIPF = 2.0
ACCENTED_NAME_PLAIN_ZIPF = 4.5


def _deaccent(w: str) -> str:
    return strip_marks(w.lower())


def _case_phrase(src: str, phrase: str) -> str:
    return match_case(src, phrase) if src[:1].isupper() else phrase


@lru_cache(maxsize=300_000)
def _known(w: str) -> bool:
    """An English word, possessive or not (cached: most tokens take this path)."""
    return is_lexical(POSSESSIVE_RE.sub("", w) if "'" in w or "’" in w else w)


# A preposition or conjunction run into the determiner or pronoun after it ("ofthe"):
# symspellpy and wordfreq list some such pairs as words (web text), so the non-word
# path never sees them. Pairs only: no "a"/"an"/"be"/"he" ("bean", "ashe", "fora").
GLUED_PAIR_RE = re.compile(
    # (the lookahead first: a match starts with one of these letters, and a pattern
    # opening with a character set is tried only where one stands, not everywhere)
    r"(?=[AaBbFfIiOoTtWw])"
    r"(?<![\w'’-])((?i:of|in|to|on|at|by|for|and|from|with|as|is|was))"
    r"(the|this|that|these|those|his|her|their|its|our|my|your|which|whom|them|him|it|"
    r"all|each|every|any|such)(?![\w'’-])")
GLUED_PAIR_ZIPF = 3.5  # a real word this common ("into", "bean") is no glued pair


def glued_pairs(text: str, archaic: bool = False) -> list[Change]:
    """Changes splitting a function word glued to the determiner after it, where
    the shipped bigrams know the pair and the glued form is no common word.
    Old spelling glues such pairs on purpose ("withall"): left alone there.

    >>> [(c.replacement, c.start) for c in glued_pairs("the name ofthe owner and Ofhis son")]
    [('of the', 9), ('Of his', 25)]
    >>> glued_pairs("an inmate into the bean field, atone"), glued_pairs("ofthe", archaic=True)
    ([], [])
    """
    if archaic:
        return []
    out = []
    for m in GLUED_PAIR_RE.finditer(text):
        a, b = m.group(1), m.group(2)
        if zipf(m.group().lower()) < GLUED_PAIR_ZIPF and seen(a.lower(), b):
            out.append(Change(m.start(), m.end(), f"{a} {b}", 0.9, (m.group(),),
                              "OCR non-word: two words run together"))
    return out


def fix_words(text: str, ctx: Context | None = None) -> list[Change]:
    """Correct OCR non-words in `text`.

    Fixes garbled words, and leaves words, names and historical spellings alone:

    >>> t = "the Eurorean farmers made necessary arrangernents to recieve it"
    >>> [(t[c.start:c.end], c.replacement) for c in fix_words(t)]
    [('Eurorean', 'European'), ('arrangernents', 'arrangements'), ('recieve', 'receive')]
    >>> fix_words("the controversie shall be ended; Ostrovskii and Literaturnaia; colour")
    []
    """
    if ctx is None:
        from .core import build_context

        ctx = build_context([text])
    tk = tokenized(text)
    words, english = tk.words, tk.english
    if ctx.flags.get("focus") is not None:
        # a later round: only the tokens around fresh edits are looked at
        spans = tk.spans
        todo = [i for i in sorted(focus_tokens(ctx, spans)) if not _known(words[i])]
        out: list[Change] = []
    else:
        todo = [i for i, k in enumerate(map(_known, words)) if not k]
        out = glued_pairs(text, bool(ctx.flags.get("archaic"))) + mark_letters(text)
        if not todo:
            return out
        spans = tk.spans
    # (a glued pair the lists lack, a word cut by a mark, is not read again)
    split = {k for c in out for k in range(c.start, c.end)}
    for i in todo:
        m_start, m_end = spans[i]
        if m_start in split:
            continue
        w = words[i]
        if never_read(w):
            continue  # (`correct_word` would return None: nothing else to work out)
        if m_start and MARK_RE.match(text[m_start - 1]):
            # an accent the diacritics stage left standing glued before the word: read
            # as a word here ("¯ô0D" -> "¯old"), it would give that stage a vowel to
            # move the mark onto on a second run
            continue
        if not NOISE_RE.search(w) and not english.around(i) and (
                text[m_start - 1:m_start] in ("-", "'", "’") or not among_names(words, i)) \
                and not common_garble(w):
            continue  # a foreign passage or a run of names
        following = text[m_end:m_end + 1]
        if following == "." and len(w) <= 3:
            continue  # abbreviation
        if (text[m_end:m_end + 1] == "-" or text[m_start - 1:m_start] == "-") \
                and romanized_name(text, m_start, m_end):
            continue
        prev, nxt = neighbours(text, spans, i)
        if split_piece(text, m_start, m_end, prev, nxt) or glued_tail(text, m_start, m_end):
            continue
        c = correct_word(w, prev, nxt, ctx, sentence_start(text, m_start),
                         ocr_shift(ctx, m_start, m_end), in_caps_run(words, i))
        if c is not None:
            out.append(Change(m_start + c.start, m_start + c.end, c.replacement,
                              c.confidence, c.alternatives, c.reason))
    return out


def among_names(words: list[str], i: int, span: int = 4, min_len: int = 4) -> bool:
    """Whether lower-case token i stands among English words once the capitalised
    unknown tokens around it (names, garbled capitals) are set aside: a run of
    names is no foreign passage, and a lower-case garble inside one is English
    misread ("Sir Vyvyan Tremayne's gardcn at Pendeen"). Foreign words are mostly
    lower case, so a foreign passage still fails; so do capitalised tokens and
    short ones (3 letters: "sey" may be a dialect word in a run of names).

    >>> among_names("Sir Vyvyan Tremayne gardcn at Pendeen".split(), 3)
    True
    >>> among_names("sagte er nicht gardcn seine frau".split(), 3)
    False
    >>> among_names("Sir Vyvyan Tremayne Gardcn at Pendeen".split(), 3)
    False
    """
    w = words[i]
    if not w[:1].islower() or len(w) < min_len:
        return False
    lo, hi = max(0, i - span), min(len(words), i + 1 + span)
    nw = ng = 0
    for j in range(lo, hi):
        n = words[j]
        if j == i or not n.isalpha():
            continue
        if _known(n) and (len(n) > 2 or zipf(n.lower()) >= 5.5):
            ng += 1
            nw += 1
        elif n[:1].islower():
            nw += 1  # an unknown lower-case word: foreign or garbled
    return nw >= 2 and ng >= 0.6 * nw


def in_caps_run(words: list[str], i: int) -> bool:
    """Whether token i is written in capitals (2+ letters, no lower-case letter)
    and one of the two tokens on either side is an English word in capitals: a
    heading or an advertisement, where an unknown capitalised token is as likely a
    garbled word ("THB", "CONCBRT") as a name or an acronym.

    >>> in_caps_run("GRAND CONCBRT AT THE".split(), 1), in_caps_run("the BBC said".split(), 1)
    (True, False)
    >>> in_caps_run("visit XIV to".split(), 1)
    False
    """
    w = words[i]
    if sum(c.isalpha() for c in w) < 2 or not w.isupper():
        return False
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(words):
            n = words[j]
            if len(n) >= 2 and n.isalpha() and n.isupper() and _known(n):
                return True
    return False


@stage("repair.words")
def words_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_words` on the body and every note."""
    return run_until_stable(doc, "repair.words", fix_words)


def _attested(word: str, prev: str | None, nxt: str | None) -> bool:
    """Whether the shipped bigrams pair `word` with either neighbour: the evidence a
    far reading of a long form needs (rare real words are read far too: "crannied"
    is no "canned", and no bigram says so)."""
    return bool((prev and seen(prev.lower(), word)) or (nxt and seen(word, nxt.lower())))
