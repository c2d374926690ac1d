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
from collections.abc import Container, Iterator
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
    from .. import tables
    from . import core

    return tables.cached("frequencies", _frequencies, (__file__, core.__file__),
                         ("wordfreq", "symspellpy"))


def _frequencies() -> dict[str, float]:
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

    >>> sorted(w for w, c in confusion_edits("Eurorean") if w.lower() == "european")
    ['European']
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

    A first step (a listed confusion or one plain edit) gives seeds; a second
    listed confusion on a seed is kept only when it makes a target word (second
    steps are never seeds themselves, and use the seed's first-step cost).

    >>> dict(candidates("Eurorean"))["european"]
    0.5
    >>> "shall" in dict(candidates("shaU")), "modern" in dict(candidates("modem"))
    (True, True)
    """
    if case_changes(word) >= 4:
        return ()  # letter soup, not a misread word (see `case_changes`)
    freq = frequencies()
    lw = word.lower()
    best: dict[str, float] = {}
    bget = best.get
    if not simple_case(word):
        seen: dict[str, float] = {}
        sget = seen.get
        for s, c in confusion_edits(word) + generic_edits(word):
            if c <= budget and c < sget(s, 9.0):
                seen[s] = c
        for s, c in seen.items():
            ls = s.lower()
            if ls != lw and ls in freq and c < bget(ls, 9.0):
                best[ls] = c
        for s, c in seen.items():
            if c + 0.3 <= budget:  # second step: listed confusions only, within budget
                for s2, c2 in (word_confusions(s) if s.isascii() else confusion_edits(s)):
                    ls2 = s2.lower()
                    if (c + c2 <= budget and ls2 != lw and ls2 in freq
                            and c + c2 < bget(ls2, 9.0)):
                        best[ls2] = c + c2
    else:
        _simple_candidates(word, lw, budget, freq, best)
    return tuple(sorted(best.items(), key=lambda kv: (kv[1], -freq[kv[0]], kv[0])))


def _seeds(word: str, budget: float, plain: bool = True, letters: bool = True
           ) -> dict[str, tuple[float, int, int, int]]:
    """First steps from `word`: seed -> (cheapest cost, p, e, d), where the seed is
    word[:p] + (d new characters) + word[p + e:] (the span of one edit that makes it).

    The same strings and costs as `confusion_edits(word) + generic_edits(word)`
    (without `plain`: `confusion_edits(word)` alone; without `letters`: no
    insertions or substitutions of a letter; tests compare them); the span
    lets `second_steps` reuse the word's own prefix and suffix scans instead of
    scanning every seed afresh.
    """
    n = len(word)
    maxlen = _max_obs_len()
    seen: dict[str, tuple[float, int, int, int]] = {}
    get = seen.get
    none = (9.0, 0, 0, 0)

    def put(s: str, c: float, p: int, e: int, d: int) -> None:
        if c <= budget and c < get(s, none)[0]:
            seen[s] = (c, p, e, d)

    for i in range(n):
        # the table entries starting at i (cached per piece), cheapest replacement first
        for k, subs in _table_hits(word[i:i + maxlen]):
            for intended, cost, _first, _last in subs:
                if cost > budget:
                    break
                # (put, inlined: hundreds of seeds per word)
                s = word[:i] + intended + word[i + k:]
                if cost < get(s, none)[0]:
                    seen[s] = (cost, i, k, len(intended))
    if not plain or budget < GENERIC * 0.6:
        return seen  # no plain edit is that cheap
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        if letters:
            for c in ALPHABET:
                put(head + c + tail, GENERIC, i, 0, 1)
        if i < n:
            rest = word[i + 1:]
            put(head + rest, GENERIC * (0.6 if i > 0 and word[i] == word[i - 1] else 0.9),
                i, 1, 0)
            low = word[i].lower()
            if letters:
                for c in ALPHABET:
                    if c != low:
                        put(head + c + rest, GENERIC, i, 1, 1)
            if i + 1 < n and word[i] != word[i + 1]:
                put(head + word[i + 1] + word[i] + word[i + 2:], GENERIC, i, 2, 2)
    return seen


def simple_case(word: str) -> bool:
    """Whether lower() maps `word` letter for letter (ASCII, accented letters...):
    then a seed's lower case lines up with the seed, as the bounded second step
    needs. Not so for 'İ' (two letters in lower case) or 'Σ' (final sigma).

    >>> simple_case("Eurorean"), simple_case("CHARLÉS"), simple_case("İs"), simple_case("ΣΑΣ")
    (True, True, False, False)
    """
    return word.isascii() or all(len(c.lower()) == 1 and c != "Σ" for c in word)


def _simple_candidates(word: str, lw: str, budget: float, freq: dict[str, float],
                      best: dict[str, float]) -> None:
    """`candidates` for a `simple_case` word (ASCII or accented letters): fills `best`.

    The table's replacements are ASCII, so a seed lowers letter for letter too."""
    bget = best.get
    # seeds one by one: listed confusions, deletions, transpositions; the 25-26
    # seeds that insert or substitute a letter at one place go as a group below
    seeds = _seeds(word, budget, letters=False)
    for s, span in seeds.items():
        ls = s.lower()
        # (the span indexed, not star-unpacked: that builds a list per seed)
        if ls != lw and ls in freq and span[0] < bget(ls, 9.0):
            best[ls] = span[0]
    # a second step needs a seed 0.3 (the cheapest listed confusion) under the budget:
    # at a cheap reading's budget (0.5: old spelling, `_rare_dictionary_word`) none
    # is, and `second_steps`' scans of the word would be made for nothing
    if budget >= 0.6 or any(v[0] + 0.3 <= budget for v in seeds.values()):
        for s2, cost in second_steps(word, lw, seeds, budget, freq):
            ls2 = s2.lower()
            if ls2 != lw and ls2 in freq and cost < bget(ls2, 9.0):
                best[ls2] = cost
    if GENERIC <= budget:
        for ls2, cost in _letter_groups(word, lw, budget, freq):
            if ls2 != lw and cost < bget(ls2, 9.0):  # (only words come back)
                best[ls2] = cost


def _letter_groups(word: str, lw: str, budget: float, words: Container[str] | None = None
                   ) -> Iterator[tuple[str, float]]:
    """Lower-case strings that may be target words, with cost, from the seeds that
    insert (e = 0) or substitute (e = 1) a letter x at position p, and from one
    listed confusion on such a seed.

    A seed's string is only spelled out where a word could result: x must follow
    the unchanged text before it and lead into the text after it (the prefix and
    suffix letter maps). A confusion on such a seed lies before x (the same window
    of `word` for every x), after it (likewise), or over it (then the window's text
    with x must be a table entry: `_keys_around`). Every path of the plain
    generator that can end in a word is met (duplicates do no harm: callers keep
    the cheapest); tests compare with it. With `words`, only the strings in it are
    yielded (the caller's test, done where the string is made: most are no word).
    """
    maxlen = _max_obs_len()
    heads, tails = _affixes()
    around = _around_entries()
    n = len(word)
    pw, qw = _bounds(lw)
    c = GENERIC
    second = c + 0.3 <= budget
    # the word's table hits, scanned once (not once per p): (i, k, replacements in
    # lower case, the letters that continue lw[:i]) where lw[:i] begins a word, and
    # (i, k, replacements, the letters that lead into lw[i+k:]) where lw[i+k:] ends one
    low_table = _lowered_replacements()
    hits = [(i, k, subs) for i in range(n) for k in range(1, min(maxlen, n - i) + 1)
            if (subs := low_table.get(word[i:i + k]))] if second else []
    pre = [(i, k, subs, heads[lw[:i]]) for i, k, subs in hits if i <= pw]
    post = [(i, k, subs, tails[lw[i + k:]]) for i, k, subs in hits if i + k >= qw]
    # the letters after the head lw[:p] and before the tail lw[q:] (None: no word
    # begins or ends so)
    follows = [heads.get(lw[:p]) if p <= pw else None for p in range(n + 1)]
    leads = [tails.get(lw[q:]) if q >= qw else None for q in range(n + 1)]
    if second:
        yield from _before_x(lw, pre, follows, leads, heads, budget, words)
        yield from _after_x(lw, post, follows, tails, budget, words)
    for p in range(n + 1):
        for e in (0, 1) if p < n else (0,):
            low = lw[p] if e else ""
            tail = lw[p + e:]
            lead = leads[p + e]  # letters before the tail
            follow = follows[p]  # letters after the head
            if follow is not None and lead is not None:  # the seed itself
                for x in follow:
                    if x in lead and x != low and x in ALPHABET:
                        t = lw[:p] + x + tail
                        if words is None or t in words:
                            yield t, c
            if not second:
                continue
            # a confusion over x: word[i:p] + x + word[p+e:j] is a table entry
            for i in range(max(0, p - maxlen + 1), min(p, pw) + 1):
                for k in range(p - i + 1, maxlen + 1):
                    j = p + e + (i + k - p - 1)  # where the window ends in `word`
                    if j > n or j < qw:
                        continue
                    entries = around.get((word[i:p], word[p + e:j]))
                    if not entries:
                        continue
                    # the replacement must continue lw[:i] and lead into lw[j:] (as
                    # in `second_steps`; a deletion joins them: checked whole)
                    nxt, prv = heads[lw[:i]], tails[lw[j:]]
                    for x, intended, c2, first, last in entries:
                        if c + c2 > budget:
                            break  # entries go cheapest first
                        if x != low and (not intended or (first in nxt and last in prv)):
                            t = lw[:i] + intended + lw[j:]
                            if words is None or t in words:
                                yield t, c + c2


Hit = tuple[int, int, list[tuple[str, float, str, str]], str]


def _before_x(lw: str, pre: list[Hit], follows: list[str | None], leads: list[str | None],
              heads: dict[str, str], budget: float, words: Container[str] | None = None
              ) -> Iterator[tuple[str, float]]:
    """`_letter_groups`' seeds with a listed confusion before the new letter x:
    lw[:i] + Y + lw[i+k:p] + x + lw[p+e:], for each table hit (i, k) of the word
    whose text before it begins a word. The head lw[:i] + Y + lw[i+k:p] is the same
    for e = 0 and 1, and grows by one letter with p: once it begins no word, no
    longer one does either, so each hit's walk over p stops there."""
    c = GENERIC
    n = len(lw)
    for i, k, subs, nxt in pre:
        for intended, c2, first, _last in subs:
            if c + c2 > budget:
                break  # replacements go cheapest first
            if intended and first not in nxt:
                continue  # Y must continue lw[:i]
            head = lw[:i] + intended
            for p in range(i + k, n + 1):
                if p > i + k:
                    head += lw[p - 1]
                after = heads.get(head)  # letters that may follow the head
                if after is None:
                    break
                for e in (0, 1) if p < n else (0,):
                    lead = leads[p + e]
                    if lead is None:
                        continue
                    low, tail = (lw[p], lw[p + 1:]) if e else ("", lw[p:])
                    for x in after:
                        if x in lead and x != low and x in ALPHABET:
                            t = head + x + tail
                            if words is None or t in words:
                                yield t, c + c2


def _after_x(lw: str, post: list[Hit], follows: list[str | None], tails: dict[str, str],
             budget: float, words: Container[str] | None = None) -> Iterator[tuple[str, float]]:
    """`_letter_groups`' seeds with a listed confusion after the new letter x:
    lw[:p] + x + lw[q:iw] + Y + lw[iw+k:] (q = p + e), for each table hit (iw, k)
    whose text after it ends a word. The rest lw[q:iw] + Y + lw[iw+k:] depends on q
    alone and grows by one letter as q falls: once it ends no word, no longer one
    does either, so each hit's walk down q stops there."""
    c = GENERIC
    for iw, k, subs, prv in post:
        for intended, c2, _first, last in subs:
            if c + c2 > budget:
                break
            if intended and last not in prv:
                continue  # Y must lead into lw[iw+k:]
            rest = intended + lw[iw + k:]
            for q in range(iw, -1, -1):
                if q < iw:
                    rest = lw[q] + rest
                before = tails.get(rest)  # letters that may precede the rest
                if before is None:
                    break
                # x inserted at q (e = 0), or put in place of lw[q-1] (e = 1)
                for p, e in ((q, 0), (q - 1, 1)) if q else ((0, 0),):
                    follow = follows[p]
                    if follow is None:
                        continue
                    low = lw[p] if e else ""
                    for x in before:
                        if x in follow and x != low and x in ALPHABET:
                            t = lw[:p] + x + rest
                            if words is None or t in words:
                                yield t, c + c2


@lru_cache(maxsize=1)
def _around_entries() -> dict[tuple[str, str], tuple[tuple[str, str, float, str, str], ...]]:
    """(text before, text after) -> the a-z letters x that make a table entry
    between them, each with one of the entry's replacements (in lower case), its
    cost and first and last letter, cheapest first (`_letter_groups` stops at the
    first one past its budget).

    The window that is x alone, ('', ''), leaves out one-character replacements
    y: a digit makes no word, and a letter gives the string of the seed that puts
    y itself where x went, which `_letter_groups` yields at the bare letter cost
    (y may stand there whenever the string is a word), or, when y is the letter
    x replaced, the word back unchanged, which no caller keeps. (No a-z key is
    read as a deletion.)

    >>> [(x, i) for x, i, *_ in _around_entries()[("r", "")]]  # 'rn' as 'm', 'ri' as 'n'
    [('n', 'm'), ('i', 'n')]
    >>> sorted({len(i) for _x, i, *_ in _around_entries()[("", "")]})
    [2]
    """
    table = _lowered_table()
    out: dict[tuple[str, str], list[tuple[str, str, float, str, str]]] = {}
    for (before, after), xs in _keys_around().items():
        for x in xs:
            if x not in ALPHABET:
                continue
            for intended, c2, first, last in table[before + x + after]:
                if not before and not after and len(intended) == 1:
                    continue  # dominated by the letter's own seed (above)
                out.setdefault((before, after), []).append(
                    (x, intended.lower(), c2, first, last))
    return {key: tuple(sorted(v, key=lambda t: t[2])) for key, v in out.items()}


@lru_cache(maxsize=1)
def _keys_around() -> dict[tuple[str, str], str]:
    """(text before, text after) -> the characters that make a table entry between
    them: ('r', '') -> 'n' for the entry 'rn' (each entry, each position once)."""
    out: dict[tuple[str, str], str] = {}
    for key in confusions():
        for t in range(len(key)):
            out[(key[:t], key[t + 1:])] = out.get((key[:t], key[t + 1:]), "") + key[t]
    return out


@lru_cache(maxsize=50_000)
def _bounds(lw: str) -> tuple[int, int]:
    """(pw, qw): lw[:pw] is the longest prefix of `lw` that begins a target word,
    lw[qw:] the longest suffix that ends one. (Cached: `second_steps`,
    `_letter_groups` and `confusion_words` each ask it for the same word.)"""
    prefixes, suffixes = _affixes()
    n = len(lw)
    pw = 0
    while pw < n and lw[:pw + 1] in prefixes:
        pw += 1
    qw = n
    while qw > 0 and lw[qw - 1:] in suffixes:
        qw -= 1
    return pw, qw


def second_steps(word: str, lw: str, seeds: dict[str, tuple[float, int, int, int]],
                 budget: float, words: Container[str] | None = None
                 ) -> Iterator[tuple[str, float]]:
    """Listed confusions on the seeds of a `simple_case` word (lw its lower case) that may
    make a target word: (string, seed cost + confusion cost) within `budget`.

    A confusion at i..i+k of seed s makes a word only if s[:i] begins one (i <=
    top) and s[i+k:] ends one (i + k >= low): prefixes and suffixes of words are
    closed sets, so these two bounds lose no word (the windows' loop stops at the
    first s[:i] that begins no word: that is top + 1). A seed equals the word outside
    its edit span, so its bounds come from the word's (computed once) and only the
    part of a scan that reaches into the edit is done per seed. Likewise a window
    wholly before or after the edit is the word's own window: its table hits, the
    letters after a prefix of the word and before a suffix of it are looked up
    once per word, and only windows over the edit are looked up per seed. With
    `words`, only the strings whose lower case is in it are yielded (the caller's
    test, done where the string is made: most are no word).
    """
    table, maxlen = _lowered_table(), _max_obs_len()
    prefixes, suffixes = _affixes()
    n = len(word)
    pw, qw = _bounds(lw)
    # per start i in the word: its table hits (k, replacements), k ascending
    hits = [_table_hits(word[i:i + maxlen]) for i in range(n)]
    heads_at = [prefixes[lw[:i]] for i in range(pw + 1)]  # letters after lw[:i]
    tails_at = [suffixes[lw[j:]] for j in range(qw, n + 1)]  # letters before lw[j:]
    for s, (c, p, e, d) in seeds.items():
        if c + 0.3 > budget:
            continue  # no listed confusion is cheaper than 0.3
        ns = n - e + d
        ls = s.lower()
        if qw > p + e:
            low = qw - e + d
        else:  # the word's tail after the edit ends a word: scan back from the edit,
            # a letter at a time through the letters that may precede the suffix
            low = p + d
            before = tails_at[p + e - qw]  # s[low:] is the word's tail lw[p+e:]
            while low > 0 and ls[low - 1] in before:
                low -= 1
                before = suffixes[ls[low:]]
        end = p + d  # the edit is s[p:end]; s[j:] is word[j - shift:] from there on
        shift = d - e
        follow = None
        for i in range(low - maxlen if low > maxlen else 0, ns):
            # the letters that continue s[:i] in some word; once s[:i] begins no
            # word, no longer prefix does (i is past `top`): s[:p] is the word's
            if i <= p:
                if i > pw:
                    break
                follow = heads_at[i]
            elif follow is not None:  # s[:i - 1] begins a word: step on a letter
                if ls[i - 1] not in follow:
                    break
                follow = prefixes[ls[:i]]
            else:
                follow = prefixes.get(ls[:i])
                if follow is None:
                    break
            kmin = low - i if low - i > 1 else 1
            if i >= end:
                # windows wholly after the edit: the word's own, at i - shift
                wi = i - shift
                at = hits[wi]
                if not at:
                    continue
                for k, subs in at:
                    if k < kmin:
                        continue
                    lead = tails_at[wi + k - qw]  # letters that lead into s[i+k:]
                    for intended, c2, first, last in subs:
                        if c + c2 > budget:
                            break  # replacements go cheapest first
                        # the replacement must continue the prefix and lead into
                        # the suffix (a deletion joins them: checked whole)
                        if not intended or (first in follow and last in lead):
                            t = s[:i] + intended + s[i + k:]
                            if words is None or t.lower() in words:
                                yield t, c + c2
                continue
            kmax = maxlen if maxlen < ns - i else ns - i
            k0 = kmin
            if i < p:
                # windows wholly before the edit: the word's own
                for k, subs in hits[i]:
                    if k < kmin:
                        continue
                    if i + k > p or k > kmax:
                        break
                    lead = suffixes[ls[i + k:]]
                    for intended, c2, first, last in subs:
                        if c + c2 > budget:
                            break
                        if not intended or (first in follow and last in lead):
                            t = s[:i] + intended + s[i + k:]
                            if words is None or t.lower() in words:
                                yield t, c + c2
                if p - i + 1 > k0:
                    k0 = p - i + 1
            for k in range(k0, kmax + 1):  # windows over the edit: looked up here
                subs = table.get(s[i:i + k])
                if subs:
                    lead = suffixes[ls[i + k:]]
                    for intended, c2, first, last in subs:
                        if c + c2 > budget:
                            break
                        if not intended or (first in follow and last in lead):
                            t = s[:i] + intended + s[i + k:]
                            if words is None or t.lower() in words:
                                yield t, c + c2


@lru_cache(maxsize=50_000)
def _table_hits(piece: str) -> tuple[tuple[int, list[tuple[str, float, str, str]]], ...]:
    """The table entries that start where `piece` (the next `_max_obs_len`
    characters of a word, or fewer at its end) starts: (length, `_lowered_table`
    replacements), shortest first. Cached: a few thousand pieces serve every word.

    >>> [(k, [r for r, *_ in subs]) for k, subs in _table_hits("rne")]
    [(1, ['p', 'f', 't']), (2, ['m'])]
    """
    table = _lowered_table()
    return tuple((k, subs) for k in range(1, len(piece) + 1) if (subs := table.get(piece[:k])))


@lru_cache(maxsize=1)
def _lowered_table() -> dict[str, list[tuple[str, float, str, str]]]:
    """The confusion table with each replacement's first and last letter in lower case,
    cheapest replacement first (loops over them stop at the first one past a budget)."""
    return {obs: sorted(((i, c, i[:1].lower(), i[-1:].lower()) for i, c in subs),
                        key=lambda r: r[1])
            for obs, subs in confusions().items()}


@lru_cache(maxsize=1)
def _lowered_replacements() -> dict[str, list[tuple[str, float, str, str]]]:
    """`_lowered_table` with each replacement itself in lower case (for `_letter_groups`,
    which builds lower-case strings)."""
    return {obs: [(i.lower(), c, first, last) for i, c, first, last in subs]
            for obs, subs in _lowered_table().items()}


@lru_cache(maxsize=1)
def _affixes() -> tuple[dict[str, str], dict[str, str]]:
    """Every prefix of the target words -> the letters that follow it in some word,
    and every suffix -> the letters that precede it (built once, ~0.4 s).

    Built from the sorted words (and the sorted reversed words): a word adds only
    the prefixes it does not share with the word before it, so each (prefix,
    letter) pair is met once.

    >>> heads, tails = _affixes()
    >>> "e" in heads["th"], "t" in tails["he"], "" in heads, "xq" in heads
    (True, True, True, False)
    """
    from .. import tables
    from . import core

    def build() -> tuple[dict[str, str], dict[str, str]]:
        freq = frequencies()
        return _prefix_letters(sorted(freq)), _suffix_letters(sorted(w[::-1] for w in freq))

    return tables.cached("affixes", build, (__file__, core.__file__),
                         ("wordfreq", "symspellpy"))


def _prefix_letters(words: list[str]) -> dict[str, str]:
    """Prefix of any of the sorted `words` -> the letters that follow it in one."""
    return _letter_map(words, backwards=False)


def _suffix_letters(backwards: list[str]) -> dict[str, str]:
    """Suffix of any word -> the letters that precede it in one, from the sorted
    reversed words.

    >>> _suffix_letters(sorted(w[::-1] for w in ("the", "she")))["he"]
    'st'
    """
    return _letter_map(backwards, backwards=True)


def _letter_map(words: list[str], backwards: bool) -> dict[str, str]:
    """Prefix of any of the sorted `words` -> the letters that follow it in one.
    With `backwards` the words are reversed words and each key b[:i] is written in
    reading order, as the word's own suffix o[n - i:] (o = b reversed; no second
    pass over the keys)."""
    out: dict[str, str] = {"": ""}
    get = out.get
    prev = ""
    for b in words:
        shared, most, n = 0, min(len(prev), len(b)), len(b)
        while shared < most and prev[shared] == b[shared]:
            shared += 1
        o = b[::-1] if backwards else b
        if shared < n:  # b[:i + 1] is new for i >= shared: b[i] is new after b[:i]
            key = o[n - shared:] if backwards else b[:shared]
            out[key] = get(key, "") + b[shared]
            # b[:i] for i > shared is itself new (the sorted words that share it
            # follow one another, and the word before shares less): no look-up
            if backwards:
                for i in range(shared + 1, n):
                    out[o[n - i:]] = b[i]
            else:
                for i in range(shared + 1, n):
                    out[b[:i]] = b[i]
        if o not in out:
            out[o] = ""
        prev = b
    return out


def confusion_words(lw: str, budget: float, lowered: bool = False) -> dict[str, float]:
    """The strings one listed confusion (cost <= `budget`) from `lw` that may be
    target words, with the cheapest cost: the words among `confusion_edits(lw)`
    (or, `lowered`, among their lower case: the replacement lowered), found without
    spelling out the rest.

    A confusion at i..i+k makes a word only where lw[:i] begins one and lw[i+k:]
    ends one (the word's own prefix/suffix bounds), and its replacement continues
    the one and leads into the other (the letter maps; a deletion joins them and
    is kept whole), as in `second_steps`.

    >>> confusion_words("bis", 0.5)["his"]
    0.5
    >>> confusion_words("l", 0.5), confusion_words("l", 0.5, lowered=True)  # 'I' read as 'i'
    ({'I': 0.4, 'i': 0.5}, {'i': 0.4})
    """
    table = _lowered_replacements() if lowered else _lowered_table()
    maxlen = _max_obs_len()
    prefixes, suffixes = _affixes()
    pw, qw = _bounds(lw)
    n = len(lw)
    out: dict[str, float] = {}
    get = out.get
    for i in range(qw - maxlen if qw > maxlen else 0, (pw if pw < n else n - 1) + 1):
        follow = prefixes[lw[:i]]
        for k in range(qw - i if qw - i > 1 else 1, (maxlen if maxlen < n - i else n - i) + 1):
            subs = table.get(lw[i:i + k])
            if subs:
                lead = suffixes[lw[i + k:]]
                for intended, c, first, last in subs:
                    if c > budget:
                        break  # replacements go cheapest first
                    if not intended or (first in follow and last in lead):
                        s = lw[:i] + intended + lw[i + k:]
                        if c < get(s, 9.0):
                            out[s] = c
    return out


def word_confusions(s: str) -> list[tuple[str, float]]:
    """`confusion_edits(s)` less those whose lower case cannot be a target word.

    Second confusion steps are the cold cost of `candidates` and `near_words`
    (hundreds of one-edit strings, each with every listed confusion), and only
    strings whose lower case is a target word count in the end. So a confusion at
    i..i+k is tried only where s[:i] begins some word and s[i+k:] ends one: callers
    get the same result. Non-ASCII `s` is not pruned (lower() may change lengths).

    >>> kept, every = word_confusions("Eurorean"), confusion_edits("Eurorean")
    >>> ("European", 0.5) in kept, set(kept) <= set(every), len(kept) < len(every)
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


def weighted_distance(a: str, b: str, limit: float = math.inf) -> float:
    """Channel cost of reading `b` as `a` (weighted Levenshtein with the table).

    With `limit`, a cost above it may come back as inf: cells dearer than the
    limit are not extended (costs only grow along a path, so no path through them
    ends within the limit), which skips most of the table for unrelated words.
    Costs within the limit are exact.

    >>> weighted_distance("Garnan", "German") < 3.0
    True
    >>> weighted_distance("Wellingt'on", "Wellington")
    0.4
    >>> weighted_distance("Garnan", "German", 1.0), weighted_distance("Wellingt'on", "Wellington", 0.4)
    (inf, 0.4)
    """
    n, m = len(a), len(b)
    inf = float("inf")
    # costs are sums of tenths: float error stays far below the margin
    cut = limit + 1e-6 if limit < inf else 1e300
    low_a = [c.lower() for c in a]
    low_b = [c.lower() for c in b]
    lb = b.lower() if b.isascii() else None  # slices of it == slices' lower()
    hits = _confusion_hits(a)
    d = [[inf] * (m + 1) for _ in range(n + 1)]
    d[0][0] = 0.0
    # per row, the first and last column holding a cost within the cut: the cells
    # outside are skipped anyway, so the scan keeps to them, and it stops when no
    # row below holds one (the cost is then above the limit)
    lo, hi = [m + 1] * (n + 1), [-1] * (n + 1)
    lo[0] = hi[0] = 0
    for i in range(n + 1):
        j, top = lo[i], hi[i]
        if j > top:
            if max(hi[i:]) < 0:
                return inf
            continue
        row = d[i]
        below = d[i + 1] if i < n else None
        at = hits[i] if i < n else ()
        while j <= top:
            cur = row[j]
            if cur > cut:  # set, but beyond the limit
                j += 1
                continue
            if below is not None:
                if j < m and low_a[i] == low_b[j] and cur < below[j + 1]:
                    below[j + 1] = cur
                    lo[i + 1], hi[i + 1] = min(lo[i + 1], j + 1), max(hi[i + 1], j + 1)
                v = cur + GENERIC
                if v < below[j]:
                    below[j] = v
                    if v <= cut:
                        lo[i + 1], hi[i + 1] = min(lo[i + 1], j), max(hi[i + 1], j)
                if j < m and v < below[j + 1]:
                    below[j + 1] = v
                    if v <= cut:
                        lo[i + 1], hi[i + 1] = min(lo[i + 1], j + 1), max(hi[i + 1], j + 1)
            if j < m:
                v = cur + GENERIC
                if v < row[j + 1]:
                    row[j + 1] = v
                    if v <= cut and j + 1 > top:
                        top = hi[i] = j + 1
            for k, L, intended, cost in at:
                if j + L <= m and (lb[j:j + L] if lb is not None
                                   else b[j:j + L].lower()) == intended:
                    v = cur + cost
                    if v < d[i + k][j + L]:
                        d[i + k][j + L] = v
                        if v <= cut:
                            r = i + k
                            lo[r], hi[r] = min(lo[r], j + L), max(hi[r], j + L)
            j += 1
    return round(d[n][m], 4)


@lru_cache(maxsize=20_000)
def _confusion_hits(a: str) -> list[list[tuple[int, int, str, float]]]:
    """The listed confusions that start at each position of `a`: (observed length,
    replacement length, replacement in lower case, cost). Cached: `doc_variants`
    measures one unknown word against many document terms."""
    maxlen = _max_obs_len()
    return [_hits_at(a[i:i + maxlen]) for i in range(len(a))]


@lru_cache(maxsize=50_000)
def _hits_at(piece: str) -> list[tuple[int, int, str, float]]:
    """`_confusion_hits` at a position where `piece` (the next `_max_obs_len`
    characters, or fewer at the end) starts: a few thousand pieces serve every word."""
    table = confusions()
    return [(k, len(intended), intended.lower(), cost) for k in range(1, len(piece) + 1)
            for intended, cost in table.get(piece[:k], ())]
