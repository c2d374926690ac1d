"""The fast paths of the repair lexicon and channel give exactly what the plain
definitions give: wordfreq's own zipf, and channel candidates generated without
pruning. Inputs are real target words garbled by one or two random edits (near
misses are where pruning could lose a candidate), plus OCR-like letter strings."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_properties import _unpruned_candidates

from archivist.repair.channel import (
    ALPHABET,
    _seeds,
    candidates,
    case_changes,
    confusion_edits,
    confusions,
    frequencies,
    generic_edits,
)

GLYPHS = "etaoinshrdlucmfwypvbgkqjxzEIHUTS1058.,'-éç"


def _targets() -> list[str]:
    return sorted(frequencies())


def garble(rng: random.Random, word: str, edits: int) -> str:
    """`word` with `edits` random OCR-like edits (table confusions read backwards,
    plain substitutions, insertions, deletions) and sometimes a capital."""
    inverse = [(i, o) for o, lst in confusions().items() for i, _ in lst if i]
    for _ in range(edits):
        kind = rng.random()
        pos = rng.randrange(len(word) + 1)
        if kind < 0.4:
            hits = [(i, o) for i, o in inverse if i in word]
            if hits:
                i, o = rng.choice(hits)
                at = word.find(i)
                word = word[:at] + o + word[at + len(i):]
                continue
        if kind < 0.7 and pos < len(word):
            word = word[:pos] + rng.choice(GLYPHS) + word[pos + 1:]
        elif kind < 0.85:
            word = word[:pos] + rng.choice(ALPHABET) + word[pos:]
        elif len(word) > 1 and pos < len(word):
            word = word[:pos] + word[pos + 1:]
    if rng.random() < 0.3:
        word = word[:1].upper() + word[1:]
    return word or "x"


def test_seeds_are_the_first_step_edits() -> None:
    rng = random.Random(3)
    words = _targets()
    for _ in range(300):
        w = garble(rng, rng.choice(words), rng.randint(0, 2))
        if not w.isascii():
            continue
        for budget in (1.8, 1.0, 0.5):
            want: dict[str, float] = {}
            for s, c in confusion_edits(w) + generic_edits(w):
                if c <= budget and c < want.get(s, 9.0):
                    want[s] = c
            got = _seeds(w, budget)
            assert {s: v[0] for s, v in got.items()} == want
            only: dict[str, float] = {}
            for s, c in confusion_edits(w):
                if c <= budget and c < only.get(s, 9.0):
                    only[s] = c
            assert {s: v[0] for s, v in _seeds(w, budget, plain=False).items()} == only
            for s, (_c, p, e, d) in got.items():  # the span really makes the seed
                assert s[:p] == w[:p] and s[p + d:] == w[p + e:] and len(s) == len(w) - e + d


def test_candidates_equal_unpruned_on_garbled_words() -> None:
    rng = random.Random(7)
    words = _targets()
    checked = found = 0
    for _ in range(150):
        w = garble(rng, rng.choice(words), rng.choice((1, 1, 2)))
        if case_changes(w) >= 4:
            continue
        for budget in (1.8, 1.0):
            got = candidates.__wrapped__(w, budget)
            assert got == _unpruned_candidates(w, budget), (w, budget)
            found += bool(got)
        checked += 1
    assert checked > 110 and found > 80  # most garbles have candidates: a real check


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0), st.integers(min_value=0, max_value=2), st.integers(0, 2**32))
def test_candidates_equal_unpruned_property(index: int, edits: int, seed: int) -> None:
    words = _targets()
    w = garble(random.Random(seed), words[index % len(words)], edits)
    if case_changes(w) < 4:
        assert candidates.__wrapped__(w) == _unpruned_candidates(w)


def test_plain_zipf_is_wordfreqs() -> None:
    from wordfreq import get_frequency_dict, zipf_frequency

    from archivist.lexicon import _plain_zipf, zipf

    rng = random.Random(11)
    listed = [w for w in get_frequency_dict("en", "large") if w.isascii() and w.isalpha()
              and w.islower()]
    sample = rng.sample(listed, 3000) + [
        "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    for w in sample:
        assert _plain_zipf(w) == zipf_frequency(w, "en", wordlist="large"), w
    # the other forms still go through wordfreq's tokenizer
    for w in ("Hello", "don't", "café", "1930", "x-ray", "naïve"):
        assert zipf.__wrapped__(w) == zipf_frequency(w, "en", wordlist="large")


def test_frequent_generic_edits_are_the_frequent_generic_edits() -> None:
    from archivist.repair.context import _frequent_generic_edits

    freq = frequencies()
    rng = random.Random(5)
    words = _targets()
    forms = [w.lower() for w in (["", "a", "i", "café", "naïve", "x" * 30]
                                 + [garble(rng, rng.choice(words), rng.randint(0, 2))
                                    for _ in range(400)])]
    for lw in forms:
        want: dict[str, float] = {}
        for s, c in generic_edits(lw):
            if freq.get(s, 0.0) >= 3.0:
                want[s] = min(c, want.get(s, 9.0))
        got: dict[str, float] = {}
        for s, c in _frequent_generic_edits(lw):
            if freq.get(s, 0.0) >= 3.0:
                got[s] = min(c, got.get(s, 9.0))
        assert got == want, lw


def test_cheap_budget_gives_the_cheap_part_of_the_full_list() -> None:
    # correct_word and garble_of_common ask for budget 0.5 where only costs <= 0.5 count
    rng = random.Random(9)
    words = _targets()
    nonempty = 0
    for _ in range(300):
        w = garble(rng, rng.choice(words), rng.choice((1, 1, 2)))
        cheap = candidates(w, 0.5)
        assert cheap == tuple(kv for kv in candidates(w) if kv[1] <= 0.5), w
        nonempty += bool(cheap)
    assert nonempty > 25


def _unpruned_near_words(word: str, budget: float = 1.2) -> tuple[tuple[str, float], ...]:
    """`context.near_words` before its speed-ups (reference)."""
    freq = frequencies()
    lw = word.lower()
    seen_: dict[str, float] = {}
    for s, c in confusion_edits(lw):
        if c <= budget:
            seen_[s] = min(c, seen_.get(s, 9.0))
            for s2, c2 in confusion_edits(s):
                if c + c2 <= budget:
                    seen_[s2] = min(c + c2, seen_.get(s2, 9.0))
    for s, c in generic_edits(lw):
        if c <= budget:
            seen_[s] = min(c, seen_.get(s, 9.0))
    out = [(s, c) for s, c in seen_.items()
           if s != lw and freq.get(s, 0.0) >= 3.0 and (len(s) > 1 or s in ("a", "i"))]
    out.sort(key=lambda kv: (kv[1], -freq[kv[0]], kv[0]))
    return tuple(out[:40])


def test_near_words_equal_unpruned() -> None:
    from archivist.repair.context import near_words

    rng = random.Random(13)
    words = [w for w in _targets() if frequencies()[w] >= 3.0]
    forms = ["ben", "shout", "went", "café", "a1", "I", "tbe"] + [
        garble(rng, rng.choice(words), rng.randint(0, 1)) for _ in range(250)]
    for w in forms:
        for budget in (1.2, 1.0):
            assert near_words.__wrapped__(w, budget) == _unpruned_near_words(w, budget), w


def test_affix_letters_are_every_prefix_and_suffix_with_their_letters() -> None:
    from archivist.repair.channel import _affixes

    heads, tails = _affixes()
    want_heads: dict[str, set[str]] = {}
    want_tails: dict[str, set[str]] = {}
    for w in frequencies():
        for i in range(len(w) + 1):
            want_heads.setdefault(w[:i], set()).update(w[i:i + 1])
            want_tails.setdefault(w[i:], set()).update(w[i - 1:i] if i else "")
    assert heads.keys() == want_heads.keys() and tails.keys() == want_tails.keys()
    assert all(len(v) == len(want_heads[k]) and set(v) == want_heads[k]
               for k, v in heads.items())
    assert all(len(v) == len(want_tails[k]) and set(v) == want_tails[k]
               for k, v in tails.items())
    assert "e" in heads["th"] and "t" in tails["he"] and "xq" not in heads


def _plain_weighted_distance(a: str, b: str) -> float:
    """`channel.weighted_distance` before its speed-ups (reference)."""
    from archivist.repair.channel import GENERIC, _max_obs_len

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


def test_weighted_distance_same_and_exact_within_limit() -> None:
    from archivist.repair.channel import weighted_distance

    rng = random.Random(19)
    words = _targets()
    pairs = [("Johnese", "Japanese"), ("Shigemit'su", "Shigemitsu"), ("", "a"), ("İs", "is")]
    for _ in range(600):
        b = rng.choice(words)
        a = garble(rng, b, rng.randint(0, 3)).lower() if rng.random() < 0.7 else rng.choice(words)
        pairs.append((a, b))
    within = 0
    for a, b in pairs:
        want = _plain_weighted_distance(a, b)
        assert weighted_distance(a, b) == want, (a, b)
        for limit in (0.5, 1.0, min(2.5, 0.36 * len(a))):
            got = weighted_distance(a, b, limit)
            if want <= limit:
                assert got == want, (a, b, limit)
                within += 1
            else:
                assert got > limit, (a, b, limit)
    assert within > 200


def test_accented_and_odd_case_words_same_as_unpruned() -> None:
    from archivist.repair.context import near_words

    # the bounded path relies on the table's replacements being ASCII
    assert all(i.isascii() for subs in confusions().values() for i, _ in subs)
    for w in ("CHARLÉS", "Mîss", "reçeived", "splêndour", "ând", "thé", "Hénce", "précis",
              "İstanbul", "straße", "ΣΟΦΙΑΣ", "Carré", "naïve", "cafÃ©"):
        assert candidates.__wrapped__(w) == _unpruned_candidates(w), w
        assert candidates.__wrapped__(w, 0.5) == _unpruned_candidates(w, 0.5), w
        assert near_words.__wrapped__(w) == _unpruned_near_words(w), w


def test_ligature_candidates_same_as_asking_zipf_for_every_string() -> None:
    from archivist.lexicon import zipf
    from archivist.repair.ligatures import LIGATURES, ligature_candidates

    def plain(word: str) -> list[tuple[str, float]]:
        out: dict[str, float] = {}
        lw = word.lower()
        for i in range(len(word) + 1):
            for lig in LIGATURES:
                z = zipf(lw[:i] + lig + lw[i:])
                if z >= 3.0:
                    cased = word[:i] + lig + word[i:]
                    if i == 0 and word[:1].isupper():
                        cased = lig[0].upper() + lig[1:] + word[0].lower() + word[1:]
                    out[cased] = max(out.get(cased, 0.0), z)
        return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))

    rng = random.Random(23)
    words = [w for w in _targets() if any(x in w for x in ("ff", "fi", "fl"))]
    forms = ["eort", "Aairs", "rst", "oers", "café", "o'er", "ratied"]
    for w in rng.sample(words, 200):
        lig = next(x for x in ("ffi", "ffl", "ff", "fi", "fl") if x in w)
        forms.append(w.replace(lig, "", 1))
    found = 0
    for w in forms:
        assert ligature_candidates(w) == plain(w), w
        found += bool(plain(w))
    assert found > 40
