"""Round-9 shortcuts of repair.context give exactly what the plain code gives: each
fast path is compared with the same function run without it (the shortcut patched
out), on real and garbled text and with hypothesis."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_repair_speed_same import garble

from archivist.repair import context
from archivist.repair.channel import frequencies
from archivist.repair.core import Change, Context, EnglishWindow, build_context, tokenized

SEEDS = Path("/work/shared/seeds")


def _texts() -> list[str]:
    """Seed paragraphs, as they are and with 8% of their words garbled."""
    rng = random.Random(9)
    paras = [p for f in sorted(SEEDS.glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    out = list(paras)
    for p in paras:
        out.append(" ".join(garble(rng, w, 1) if w.isalpha() and rng.random() < 0.08 else w
                            for w in p.split(" ")))
    return out


def _focus(text: str, rng: random.Random) -> list[tuple[int, int]]:
    """A few focus spans of `text`, as a focused round gets them."""
    out = []
    for _ in range(rng.randint(1, 3)):
        s = rng.randrange(len(text) + 1)
        out.append((s, s + rng.randint(20, 140)))
    return out


class _SureEngine:
    """An OCR view whose engine was sure of every word (`core.ocr_shift` -2)."""

    def confidence_at(self, start: int, end: int) -> float:
        return 0.99


def _run(text: str, archaic: bool, focus: list[tuple[int, int]] | None,
         ocr: bool = False) -> list[Change]:
    ctx = build_context([text])
    ctx.flags["archaic"] = archaic or bool(ctx.flags["archaic"])
    if focus is not None:
        ctx.flags["focus"] = focus
    if ocr:
        ctx.flags["ocr"] = _SureEngine()
    return context.fix_context(text, ctx)


def _plain_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No window is known quiet: every token goes through the loop."""
    monkeypatch.setattr(context._QuietWindows, "unknown",
                        lambda self, visit, words, linked: visit)


def _fresh_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "_QUIET", {False: context._QuietWindows(),
                                            True: context._QuietWindows()})


def test_quiet_windows_change_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    rng = random.Random(3)
    runs = [(t, rng.random() < 0.2, _focus(t, rng) if rng.random() < 0.4 else None)
            for t in texts]
    with monkeypatch.context() as m:
        _fresh_quiet(m)
        _plain_quiet(m)
        plain = [_run(*r) for r in runs]
    _fresh_quiet(monkeypatch)
    learnt = [_run(*r) for r in runs]  # fills the windows while it goes
    assert sum(map(len, context._QUIET.values())) > 500
    again = [_run(*r) for r in reversed(runs)][::-1]  # now most windows are known
    assert learnt == plain
    assert again == plain
    assert sum(map(len, plain)) > 8  # the texts do get changes


# (learnt first, then the same window where a rule reading more than it fires)
SCENARIOS = [
    ("she was not rose today", False, "they did not rose today"),  # "did not": the word before
    ("so he bas. then", False, "so he bas, then"),  # a dot after a short word
    ("it came quick\ny", False, "it came quick y"),  # a join needs one space
    ("and it bad been sold", True, "and it bad been sold"),  # the engine was sure
    ("the hero I saw", False, "the hero i saw"),  # "I" is a word, "i" a piece to join
]


@pytest.mark.parametrize(("learn", "ocr", "text"), SCENARIOS)
def test_quiet_windows_hold_where_more_is_read(monkeypatch: pytest.MonkeyPatch, learn: str,
                                               ocr: bool, text: str) -> None:
    _fresh_quiet(monkeypatch)
    plain = _run(text, False, None)
    assert plain  # the rule fires here
    _run(learn, False, None, ocr)
    assert _run(text, False, None) == plain


# windows that recur in varied surroundings: the rules that read more than the
# window (did not, my/me, modals, joins, dots, capitals, foreign runs) all occur
VOCAB = ("the it had bad been sold did not rose pose should protests protest my by me "
         "concerning about quick y quickly com mittee n an answer ve we It The was "
         "his bis tho hut but und es ist nicht gut sagte er a I 1 have hee doe againe "
         "farmers harvest form for nor or Paul s price to-day guineas 3,250 e. i. R. W. "
         "yes").split()
PUNCT = (" ", " ", " ", " ", " ", ", ", ". ", "; ", "\n", " - ")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(PUNCT)), min_size=3,
                max_size=60), st.integers(0, 2**32), st.booleans())
def test_quiet_windows_property(toks: list[tuple[str, str]], seed: int, archaic: bool) -> None:
    rng = random.Random(seed)
    text = "".join(w + p for w, p in toks).strip()
    other = "".join(w + p for w, p in rng.sample(toks, len(toks))).strip()
    focus = _focus(text, rng) if rng.random() < 0.5 else None
    with pytest.MonkeyPatch.context() as m:
        _fresh_quiet(m)
        _plain_quiet(m)
        plain = _run(text, archaic, focus)
    with pytest.MonkeyPatch.context() as m:
        _fresh_quiet(m)
        _run(other, archaic, None)  # windows learnt in other surroundings
        _run(text, not archaic, None)
        assert _run(text, archaic, focus) == plain
        assert _run(text, archaic, focus) == plain


def test_quiet_windows_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    q = context._QuietWindows()
    monkeypatch.setattr(q, "LIMIT", 3)
    for w in "one two three four".split():
        q.add(w, None, None)
    assert len(q) == 1 and q.unknown([0, 1], ["four", "two"], [False, False]) == [1]
    assert q.cache_info().currsize == 1 and q.cache_info().maxsize == 3
    q.cache_clear()  # as the per-form caches are emptied (cold benchmarks)
    assert len(q) == 0 and q.unknown([0], ["four"], [False]) == [0]
    assert not hasattr(context._QuietWindows, "cache_info")  # the class is no cache


def _pairs() -> list[tuple[str, str]]:
    """Two-piece splits of frequent and garbled words, and real word pairs."""
    rng = random.Random(17)
    words = sorted(w for w, z in frequencies().items() if z >= 3.0 and len(w) >= 5)
    out = []
    for _ in range(600):
        w = rng.choice(words)
        if rng.random() < 0.3:
            w = garble(rng, w, 1)
        k = rng.randint(3, len(w) - 1)
        out.append((w[:k], w[k:].lower()))
    toks = [t for t in " ".join(p.read_text(encoding="utf-8")
                                for p in sorted(SEEDS.glob("*.txt"))).split() if t.isalpha()]
    out += [(toks[i], garble(rng, toks[i + 1].lower(), 1)) for i in range(0, len(toks) - 1, 7)]
    return out


def test_join_prune_same_as_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = build_context(["the quick y fox and the com mittee met to-day"])
    pairs = _pairs()
    context._join_candidates.cache_clear()
    fast = [context._join(a, b, "the", "of", ctx) for a, b in pairs]
    cached = [context._join(a, b, "the", "of", ctx) for a, b in pairs]  # candidates cached
    with monkeypatch.context() as m:
        m.setattr(context, "_longest_join_word", lambda prefix: 99)  # always generate
        context._join_candidates.cache_clear()
        plain = [context._join(a, b, "the", "of", ctx) for a, b in pairs]
    context._join_candidates.cache_clear()
    assert fast == plain
    assert cached == plain
    assert sum(j is not None for j in plain) > 20  # joins are made


def test_longest_join_word_is_the_longest() -> None:
    words = [w for w, z in frequencies().items() if z >= context.JOIN_ZIPF]
    rng = random.Random(4)
    prefixes = {w[:rng.randint(1, len(w))] for w in rng.sample(words, 300)}
    prefixes |= {"qzx", "zzzz", "", "quick", "the"}
    for p in prefixes:
        want = max((len(w) for w in words if w.startswith(p)), default=0)
        assert context._longest_join_word.__wrapped__(p) == want, p


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "harvest", "rnatters", "und", "es", "Frencb", "3,250",
                                 "y", "1871", "ist", "of", "Natal", "a", "I", "tbe", "x1"]),
                max_size=30), st.integers(0, 40))
def test_english_near_same_as_window(words: list[str], i: int) -> None:
    if i < len(words):
        assert context._english_near(words, i) == EnglishWindow(words).around(i)


def test_english_lookup_either_way() -> None:
    text = "und es ist the Frencb rnatters for our harvest, nicht gut sagte er to-day"
    tk = tokenized(text)
    want = EnglishWindow(tk.words).all
    few = context._english_lookup(tk, 1)  # a local window per position
    assert [few[i] for i in range(len(want))] == want
    built = tokenized(text + " and more")
    built.english.around(0)
    some = context._english_lookup(built, 1)  # the text's window, built already
    assert [some[i] for i in range(len(want))] == EnglishWindow(built.words).all[:len(want)]
    many = context._english_lookup(tk, len(tk.words))  # every position in one pass
    assert [many[i] for i in range(len(want))] == want


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=25),
       st.lists(st.booleans(), min_size=25, max_size=25), st.sets(st.integers(0, 30)))
def test_unordinary_at_same_as_filtered(words: list[str], links: list[bool],
                                        at: set[int]) -> None:
    lowered = [w.lower() for w in words]
    linked = links[:len(words) - 1] + [False]
    full = context._unordinary(words, lowered, linked)
    some = sorted(i for i in at if i < len(words))
    assert context._unordinary(words, lowered, linked, some) == [i for i in full if i in some]



PAIR_WORDS = ["enter", "a", "the", "İİ", "ab", "Enter", "ba", "reenter", "o'er", "don’t", "3", "x1", "é", "ß",
              "ϒ", "and", "A"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(PAIR_WORDS),
                                   st.sampled_from([" ", " ", "  ", ", ", "-", "\n", ". "])),
                         max_size=12).map(lambda ts: "".join(w + g for w, g in ts)),
                min_size=1, max_size=3),
       st.sampled_from(PAIR_WORDS + ["i̇i̇", "ϒ"]), st.sampled_from(PAIR_WORDS + ["i̇i̇"]))
def test_doc_bigram_bonus_same_as_counting(texts: list[str], w1: str, w2: str) -> None:
    from archivist.repair.lm import DOC_BIGRAM, doc_bigram_bonus, doc_bigrams

    for a, b in ((w1, w2), (w1.lower(), w2.lower())):
        want = DOC_BIGRAM if doc_bigrams(build_context(texts)).get((a, b), 0) > 0 else 0.0
        ctx = build_context(texts)
        assert doc_bigram_bonus(ctx, a, b) == want
        assert doc_bigram_bonus(ctx, a, b) == want  # from the context's cache


def test_doc_bigram_bonus_on_seeds() -> None:
    # every first word asked with every second word, where both are the document's
    # words and the pieces of them (ends of a first word, starts of a second)
    from archivist.repair.lm import DOC_BIGRAM, PAIR_RE, doc_bigram_bonus, doc_bigrams

    texts = _texts()[:4] + ["The İİ ab cd, aİİİİİİİ b c; reenter a  b enter-a"]
    pairs = doc_bigrams(build_context(texts))
    runs = sorted({m.group().lower() for t in texts for m in PAIR_RE.finditer(t)})
    firsts = set(runs) | {r[k:] for r in runs for k in (1, 2)}
    seconds = set(runs) | {r[:k] for r in runs for k in (1, 2)}
    ctx = build_context(texts)
    hits = 0
    for a in sorted(firsts - {""}):
        for b in sorted(seconds - {""}):
            want = DOC_BIGRAM if pairs.get((a, b), 0) > 0 else 0.0
            assert doc_bigram_bonus(ctx, a, b) == want, (a, b)
            hits += want > 0
    assert hits == len(pairs)


def _plain_fix_ligatures(text: str, ctx: Context) -> list[Change]:
    """`ligatures.fix_ligatures` as it was before round 9 (regex tokens, no cache)."""
    from archivist.lexicon import zipf
    from archivist.repair.core import tokens
    from archivist.repair.ligatures import MIN_EVIDENCE, ligature_candidates, ligature_evidence

    ctx.flags["ligature_evidence"] = ligature_evidence(ctx.counts)
    if int(ctx.flags["ligature_evidence"]) < MIN_EVIDENCE:
        return []
    out = []
    for m in tokens(text):
        w = m.group()
        if not w.isalpha() or len(w) < 2:
            continue
        zw = zipf(w.lower())
        if zw >= 2.6:
            continue
        cands = ligature_candidates(w)
        if not cands or cands[0][1] < max(3.0, zw + 1.0):
            continue
        out.append(Change(m.start(), m.end(), cands[0][0], 0.95 if zw < 1.5 else 0.75,
                          tuple(c for c, _ in cands[1:3]),
                          f"lost ligature (document shows {ctx.flags['ligature_evidence']} "
                          "such words)"))
    return out


LIG_WORDS = ("dierent oce ocial inuence sucient rst stas staff Oce eld aected the house "
             "Oice eect Inuence dicult oer ﬁrst café 1871 rst's").split()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LIG_WORDS), st.sampled_from([" ", ", ", ". ", "\n"])),
                max_size=40))
def test_fix_ligatures_same_as_plain(toks: list[tuple[str, str]]) -> None:
    from archivist.repair.ligatures import fix_ligatures

    text = "".join(w + g for w, g in toks)
    assert fix_ligatures(text, build_context([text])) == _plain_fix_ligatures(
        text, build_context([text]))


def test_fix_ligatures_same_as_plain_on_a_lossy_text() -> None:
    from archivist.repair.ligatures import fix_ligatures

    text = " ".join(LIG_WORDS) + ". The dierent ocers of the eld were sucient."
    got = fix_ligatures(text, build_context([text]))
    assert len(got) > 10 and got == _plain_fix_ligatures(text, build_context([text]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["the", "O'Brien's", "x1", "İİ", "don’t", "a", "_",
                                           "²", "fire"]),
                          st.sampled_from([" ", "  ", "-", " - ", "\n", ", ", "\t", "\u00a0",
                                           "\u2028", "—", "'", ""])), max_size=15))
def test_next_word_by_links_same_as_neighbours(toks: list[tuple[str, str]]) -> None:
    # fix_context reads the word after a pair from the links, not `lm.neighbours`
    from archivist.repair.lm import neighbours

    text = "".join(w + g for w, g in toks)
    tk = tokenized(text)
    for i in range(len(tk.words)):
        assert neighbours(text, tk.spans, i) == (
            tk.words[i - 1] if i and tk.linked[i - 1] else None,
            tk.words[i + 1] if tk.linked[i] else None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \n\t.!?\"')]ab\u00a0", max_size=20), st.integers(0, 25))
def test_sentence_start_same_as_plain(text: str, pos: int) -> None:
    from archivist.repair.lm import SENT_END, sentence_start

    before = text[max(0, pos - 6):pos]
    plain = pos == 0 or bool(SENT_END.search(before)) or text[:pos].strip() == ""
    assert sentence_start(text, pos) == plain


def test_latin_letters_are_one_wordfreq_token() -> None:
    # the premise of ligatures.LATIN: any string of them is one token, case-folded
    import unicodedata

    from wordfreq.tokens import lossy_tokenize

    from archivist.repair.ligatures import LATIN

    letters = sorted(LATIN)
    rng = random.Random(8)
    strings = [a + b for a in letters for b in letters] + [
        "".join(rng.choices(letters, k=rng.randint(3, 14))) for _ in range(3000)]
    for x in strings:
        assert unicodedata.normalize("NFC", x) == x
        assert lossy_tokenize(x, "en") == [x.casefold()], x
    assert lossy_tokenize("aŉb", "en") != ["aŉb".casefold()]  # why "ŉ" is left out


def test_ligature_candidates_of_latin_words_same_as_plain(monkeypatch: pytest.MonkeyPatch) -> None:
    from archivist.lexicon import zipf
    from archivist.repair import ligatures

    rng = random.Random(12)
    accents = "àâäéèêëïîôöùûüçñåæøœßÀÉÖÇ"
    lig_words = [w for w in frequencies() if any(g in w for g in ligatures.LIGATURES)]
    forms = ["café", "naïve", "fiancé", "oﬃce", "Oﬀer", "dïerent", "ancé", "Ancée", "aïf", "ıeld"]
    for _ in range(400):
        w = rng.choice(lig_words)
        g = next(g for g in ligatures.LIGATURES if g in w)
        w = w.replace(g, "", 1)  # the ligature lost
        k = rng.randrange(len(w) + 1)
        forms.append(w[:k] + rng.choice(accents) + w[k + 1:] if rng.random() < 0.8 else w)
    fast = [ligatures.ligature_candidates(w) for w in forms]
    zipf.cache_clear()
    monkeypatch.setattr(ligatures, "LATIN", frozenset())
    plain = [ligatures.ligature_candidates(w) for w in forms]
    assert fast == plain
    assert sum(bool(c) for c in plain) > 20  # some do become words, accented ones too
    assert any(c and not w.isascii() for w, c in zip(forms, plain, strict=True))
