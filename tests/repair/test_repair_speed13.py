"""Round-13 shortcuts on the steady path give exactly what the code before them gave:
each is compared with its plain form (the round's starting code, kept here as the
reference), on chosen cases and with hypothesis."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archivist.lexicon import zipf
from archivist.repair import core, spacing, unicode, words
from archivist.repair.channel import candidates
from archivist.repair.core import (
    Context,
    EnglishWindow,
    build_context,
    changed_stretches,
    update_context,
)
from archivist.repair.deep import known_form

# -- spacing: CAMEL_RE and STOP_RE found from their anchors ---------------------------

_SPACING_TEXT = st.text(alphabet="abcdeXYZ. _1é\n,", max_size=60)


@settings(max_examples=600, deadline=None)
@given(_SPACING_TEXT, st.integers(0, 70), st.integers(0, 70))
def test_anchored_matches_equal_finditer_in_any_window(text, lo, hi):
    lo, hi = min(lo, len(text)), min(max(lo, hi), len(text))
    for rx, at, shortest, longest in ((spacing.CAMEL_RE, spacing.CAMEL_AT, 2, 4),
                                      (spacing.STOP_RE, spacing.STOP_AT, 5, hi)):
        got = spacing._matches_from(rx, at, shortest, longest, text, lo, hi)
        want = list(rx.finditer(text, lo, hi))
        assert [(m.span(), m.groups()) for m in got] == [(m.span(), m.groups()) for m in want]


# common words glued to capitals or after a full stop, for the rules' lexicon tests
_GLUE_TEXT = st.lists(st.tuples(st.sampled_from(["of", "the", "to", "and", "in", "London",
                                                 "Paris", "house", "houses", "first", "x", "with",
                                                 "Xy", "abcde", "é", "1", "thereof"]),
                                st.sampled_from(["", " ", ". ", ".", ", ", "_"])),
                      max_size=14).map(lambda ps: "".join(w + sep for w, sep in ps))


@settings(max_examples=300, deadline=None)
@given(_GLUE_TEXT, st.integers(0, 80), st.integers(0, 80))
@example("see theLondon and ofParis, thereofLondon withParis", 0, 50)
@example("the houses. of the first. thereof", 3, 33)
def test_fix_spacing_equals_plain_finditer(text, lo, hi):
    """`fix_spacing`, whole text and focus windows, against the same with every
    anchored scan replaced by the pattern's own `finditer`."""
    def run(matches):  # noqa: ANN001, ANN202
        saved = spacing._matches_from
        spacing._matches_from = matches
        try:
            return [(c.start, c.end, c.replacement) for c in spacing.fix_spacing(text)
                    + spacing.fix_spacing(text, Context(flags={"focus": [(lo, hi)]}))]
        finally:
            spacing._matches_from = saved

    plain = run(lambda rx, at, shortest, longest, t, a, b: list(rx.finditer(t, a, b)))
    assert run(spacing._matches_from) == plain


def test_anchored_matches_on_chosen_cases():
    cases = ["see ofLondon, inParis and theBritish", "Xabcdefgh. next the lastword. in",
             "éofLondon _ofLondon 1ofLondon abcdeofLondon", "wordly. Next", "words. x_",
             "house. the", "abcde. ab", "ofLo", "toThe"]
    for text in cases:
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1):
                for rx, at, shortest, longest in ((spacing.CAMEL_RE, spacing.CAMEL_AT, 2, 4),
                                                  (spacing.STOP_RE, spacing.STOP_AT, 5, hi)):
                    got = spacing._matches_from(rx, at, shortest, longest, text, lo, hi)
                    assert [m.span() for m in got] == [m.span() for m in
                                                       rx.finditer(text, lo, hi)], (text, lo, hi)


# -- EnglishWindow: prefix sums made on first use, in one loop --------------------------

def _plain_around(flags: list[int], i: int, span: int = 4) -> bool:
    """The starting code's `around`: counts over the window, without prefix sums."""
    lo, hi = max(0, i - span), min(len(flags), i + 1 + span)
    nw = sum(f >= 0 for f in flags[lo:hi]) - (flags[i] >= 0)
    ng = sum(f == 1 for f in flags[lo:hi]) - (flags[i] == 1)
    return nw < 2 or ng >= 0.6 * nw


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([-1, 0, 1]), min_size=1, max_size=40), st.data())
def test_english_window_sums_equal_plain_counts(flags, data):
    w = EnglishWindow(["x"] * len(flags))
    w._build(list(flags))
    i = data.draw(st.integers(0, len(flags) - 1))
    assert w.around(i) == _plain_around(flags, i)
    w2 = EnglishWindow(["x"] * len(flags))
    w2._build(list(flags))
    assert w2.all == [_plain_around(flags, k) for k in range(len(flags))]
    # flags replaced (as `spliced` does): the sums follow the new flags
    new = [1 - f if f >= 0 else -1 for f in flags]
    w._build(new)
    assert w.around(i) == _plain_around(new, i)


def test_english_window_from_words():
    ws = "und es ist the Frencb rnatters for our harvest of 1871 , and".split()
    w = EnglishWindow(ws)
    flags = list(map(core._englishness, ws))
    assert [w.around(i) for i in range(len(ws))] == [_plain_around(flags, i)
                                                      for i in range(len(ws))]


# -- repair.words: never_read and the channel readings ----------------------------------

def _plain_never_read(word: str) -> bool:
    """The starting code's early returns of `correct_word` (it returned None there),
    with the rare dictionary words added later the same session."""
    core_ = words.POSSESSIVE_RE.sub("", word)
    if len(core_) < 3 or len(core_) > words.MAX_WORD_LEN:
        return True
    if core.is_lexical(core_) or not any(c.isalpha() for c in core_):
        return True
    if words._rare_dictionary_word(core_):
        return True
    if (core_[0].isdigit() or core_[-1].isdigit()) and not words.digit_for_letter(core_):
        return True
    return bool(words.NAME_APOSTROPHE_RE.match(core_) or words.ELISION_RE.search(core_)
                or words.glued_words(core_))


_WORDS = st.text(alphabet="abtehinrcoEHTM'’8105ée", min_size=1, max_size=10)
_CHOSEN = ["of", "the", "8th", "8he", "1930s", "M'Leod", "O'Neill", "borrow'd", "e'er",
           "gave'them", "tbe", "warehonse", "Pield", "Ostrovskii", "Hodson", "THB", "CONCBRT",
           "Zürich", "Wîth", "rnatters", "Satarday", "Commissionera", "Eurorean", "x" * 40,
           "onely", "ofthe", "wentdown", "Hote1", "IT8", "hee", "doe", "againe"]


@settings(max_examples=400, deadline=None)
@given(_WORDS)
def test_never_read_equals_the_early_returns(word):
    assert words.never_read(word) == _plain_never_read(word)


def test_never_read_on_chosen_words():
    for w in _CHOSEN:
        assert words.never_read(w) == _plain_never_read(w), w


def _plain_readings(core_: str, caps: bool, sent_start: bool, archaic: bool,
                    variants: bool) -> list[tuple[str, float]]:
    """The starting code's candidate loop of `correct_word`, into an empty options dict."""
    upper_start = core_[:1].isupper() and not caps
    noisy = bool(words.NOISE_RE.search(core_))
    freq = words.frequencies()
    plain = not noisy and not variants
    long_garble = (upper_start and plain and len(core_) >= words.CAP_GARBLE
                   and not archaic and not known_form(core_))
    cheap_only = plain and (upper_start or archaic) and not long_garble
    budget = (words.NAME_COST if cheap_only and upper_start else words.CHEAP if cheap_only
              else words.GENERIC if long_garble else None)
    name_like = upper_start and not noisy and not variants
    accented_name = upper_start and bool(words.ACCENT_RE.search(core_))
    plain_archaic = archaic and not noisy and not variants
    options: dict[str, float] = {}
    for cand, cost in (candidates(core_, budget) if budget else candidates(core_)):
        if name_like:
            if long_garble:
                if cost > words.GENERIC or freq.get(cand, 0) < 3.0:
                    continue
            elif cost > words.NAME_COST or freq.get(cand, 0) < 4.0:
                continue
        if len(cand) < 2 and cand not in ("a", "i"):
            continue
        if caps and (cost > (0.8 if len(core_) <= 3 else words.GENERIC if len(core_) < 6
                             else 1.5) or freq.get(cand, 0) < 3.5):
            continue
        if accented_name and cand != words._deaccent(core_):
            continue
        if plain_archaic and cost > 0.5:
            continue
        if plain and freq.get(cand, 0) < 2.7:
            continue
        if words.spelling_variant(core_, cand) and not noisy:
            continue
        if upper_start and not sent_start and freq.get(cand, 0) >= 5.5:
            cost += 0.4
        if cand not in options or cost < options[cand]:
            options[cand] = cost
    return list(options.items())


_FLAGS = st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=250, deadline=None)
@given(st.text(alphabet="abtehinrcoEHTMuslé1", min_size=3, max_size=9), _FLAGS)
def test_channel_readings_equal_the_plain_loop(word, flags):
    if words.never_read(word):
        return  # `correct_word` never reaches the loop for these
    assert list(words._channel_readings(word, *flags)) == _plain_readings(word, *flags)


def test_channel_readings_on_chosen_words():
    for w in _CHOSEN:
        if words.never_read(w):
            continue
        for caps in (False, True):
            for sent in (False, True):
                for arch in (False, True):
                    for var in (False, True):
                        assert list(words._channel_readings(w, caps, sent, arch, var)) == \
                            _plain_readings(w, caps, sent, arch, var), (w, caps, sent, arch, var)


def test_correct_word_merges_variants_first():
    """A document variant keeps its place before the channel's readings (the options'
    order decides ties), and the cheaper cost of a reading both give wins."""
    ctx = build_context(["the warehouse " * 4 + "a warehonse"])
    c = words.correct_word("warehonse", "the", "for", ctx)
    assert c is not None and c.replacement == "warehouse"


# -- pure functions cached -----------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(_WORDS, st.sampled_from(["", ".", ",", ". x"]))
def test_is_protected_cached_equals_uncached(word, following):
    assert core.is_protected(word, following) == core.is_protected.__wrapped__(word, following)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="aÃ©Â\xa0’â€™e\u00ad", min_size=1, max_size=8))
def test_ftfy_stable_cached_equals_uncached(tok):
    assert unicode._ftfy_stable(tok) == unicode._ftfy_stable.__wrapped__(tok)
    assert unicode._ftfy_stable(tok) == unicode._ftfy_stable.__wrapped__(tok)  # (a hit)


# -- repair.core: stretches shared, old-spelling forms carried over ----------------------

def test_changed_stretches_are_per_pair():
    a = "the Frencb farmers " * 10
    b = a.replace("Frencb", "French", 1)
    c = a.replace("farmers", "farmer", 1)
    want_b, want_c = core._changed_stretches(a, b), core._changed_stretches(a, c)
    for _ in range(2):  # the second time from the cache
        assert changed_stretches(a, b) == want_b
        assert changed_stretches(a, c) == want_c
        assert changed_stretches("".join(a), "".join(b)) == want_b  # equal, other objects
    assert want_b != want_c


_OLD_VOCAB = ["the", "house", "hee", "doe", "againe", "tooke", "Browne", "Darke", "thee",
              "presse", "fau", "said", "Hee", "doe's", "brigg", "and", "returne", "Tooke"]


def _plain_archaic(lower: Counter[str], counts: Counter[str]) -> bool:
    """The starting code's `archaic` (a pass over every form)."""
    old = {"thee", "thy", "thou", "ye", "hath", "doth", "hast", "dost", "shew", "spake",
           "saith", "quoth", "shalt", "wilt", "canst"}
    if any(w in lower for w in old):
        return True
    written = {w: k for w, k in counts.items() if w.islower()}
    hits = [w for w in written if core._old_spelling(w)]
    return (len(hits) >= 2 or any(written[w] >= 2 for w in hits)
            or any(core._plain_old_e(w) for w in hits))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_OLD_VOCAB), min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 11), st.sampled_from(_OLD_VOCAB + [""])),
                max_size=4))
def test_archaic_carried_over_equals_recount(tokens, changes):
    text = " ".join(tokens)
    ctx = build_context([text])
    toks = list(tokens)
    for at, new in changes:  # one word replaced at a time, each from the last context
        toks[min(at, len(toks) - 1)] = new
        edited = " ".join(toks)
        got = update_context(ctx, (edited,))
        want = build_context([edited])
        if got is None:
            ctx = want
            continue
        assert got.flags["archaic"] == want.flags["archaic"] == _plain_archaic(
            want.lower, want.counts)
        assert got.flags["_old_forms"] == want.flags["_old_forms"]
        ctx = got


def test_archaic_chosen_documents():
    for text, expect in (("hee said and doe it", True), ("Browne and Darke said", False),
                         ("againe the house", True), ("hee said", False),
                         ("hee said hee", True)):
        ctx = build_context([text])
        assert ctx.flags["archaic"] is expect == _plain_archaic(ctx.lower, ctx.counts), text
    # a form leaving the text takes its old spelling with it
    a = build_context(["hee said and doe it"])
    b = update_context(a, ("hee said and do it",))
    assert b is not None and b.flags["archaic"] is False


def test_run_until_stable_last_round_needs_no_focus(monkeypatch):
    """The focus after the last round is not worked out; the rounds run as before."""
    from archivist.model import Document, Source

    calls = []
    real = core.focus_of

    def counting(doc, fresh):
        calls.append(len(fresh))
        return real(doc, fresh)

    def fixer(text: str, ctx: Context) -> list[core.Change]:
        m = re.search(r"x", text)  # one change per round, whatever the focus
        return [core.Change(m.start(), m.end(), "y", 0.9, ("x",), "t")] if m else []

    monkeypatch.setattr(core, "focus_of", counting)
    doc = Document(original="x x x x", source=Source("t", "0", "text"))
    core.run_until_stable(doc, "t.x", fixer, rounds=3)
    assert doc.text == "y y y x" and len(calls) == 2
    assert zipf("the") > 0  # (the lexicon is loaded: the test ran the real stage code)


# -- marks and glued pairs: the scans that opened with a lookbehind ----------------------

_MARK_TEXT = st.text(alphabet="abéT-.,?!'’s _1²\n", max_size=40)


@settings(max_examples=600, deadline=None)
@given(_MARK_TEXT)
@example("their wint?r's po.sible, end.The a-b-c ab-cd-ef x.y.z. U.S.A. ab²-cd")
def test_marked_equals_finditer(text):
    from archivist.repair import marks

    got = [(m.span(), m.groups()) for m in marks._marked(text)]
    assert got == [(m.span(), m.groups()) for m in marks.MARKED_RE.finditer(text)]


_PLAIN_GLUED = re.compile(
    r"(?<![\w'’-])((?i:of|in|to|on|at|by|for|and|from|with|as|is|was))"
    r"(the|this|that|these|those|his|her|their|its|our|my|your|which|whom|them|him|it|"
    r"all|each|every|any|such)(?![\w'’-])")
_GLUED_TEXT = st.lists(st.sampled_from(["of", "Of", "IN", "with", "the", "his", "them", "it",
                                        "as", "was", "x", "-", "'", " ", "_", "é", "1", ","]),
                       max_size=16).map("".join)


@settings(max_examples=600, deadline=None)
@given(_GLUED_TEXT)
@example("the name ofthe owner and Ofhis son, xofthe, of-the, WITHthem isit")
def test_glued_pair_pattern_equals_the_plain_one(text):
    got = [(m.span(), m.groups()) for m in words.GLUED_PAIR_RE.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in _PLAIN_GLUED.finditer(text)]


# -- spliced tokens from a text whose spans were never asked for ------------------------

_SPLICE_WORDS = ["the", "Frencb", "farmers", "and", "guild", "of", "1871", "x'y", "é.", "—",
                 "rnatters", "Dumas's", "to-day", "\n", ",", "house"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SPLICE_WORDS), min_size=8, max_size=40).map(" ".join),
       st.integers(0, 300), st.integers(0, 8), st.sampled_from(["", " ", "the", "x'y", "é", "s"]),
       st.sampled_from(["", "lowered", "english", "linked"]))
def test_spliced_without_old_spans_equals_fresh(text, at, length, insert, derived):
    at = min(at, len(text))
    edited = text[:at] + insert + text[at + length:]
    old = core.Tokenized(text)  # words only, as `build_context` leaves it
    if derived:
        getattr(old, derived)  # (this computes the spans too)
    new = core.spliced(old, edited)
    fresh = core.Tokenized(edited)
    if new is None:  # most of a short text changed: the caller tokenises afresh
        assert 2 * sum(ea - sa for sa, ea, _, _ in changed_stretches(text, edited)) > len(text)
        return
    assert (new.words, new.spans) == (fresh.words, fresh.spans)
    assert new.lowered == fresh.lowered and new.linked == fresh.linked
    assert new.english.all == fresh.english.all


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([-1, 0, 1]), max_size=30), st.integers(0, 6))
def test_english_window_all_equals_around_for_any_span(flags, span):
    w = EnglishWindow(["x"] * len(flags), span)
    if flags:
        w._build(list(flags))
    assert w.all == [_plain_around(flags, i, span) for i in range(len(flags))]
