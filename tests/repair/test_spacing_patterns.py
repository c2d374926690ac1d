"""repair.spacing's patterns start with their punctuation (fast) instead of a
lookbehind: the same matches as the plain patterns, in any window of the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair import spacing
from archivist.repair.core import URL_RE

PLAIN = {
    "COMMA_GLUE_RE": re.compile(r"(?<=[a-z]{2})[,;:](?=[A-Za-z][a-z])"),
    "PAREN_GLUE_RE": re.compile(r"(?<=[a-z])\((?=[A-Za-z])"),
    "SPECK_RE": re.compile(r"(?<=[a-z]) \.(?= [a-z])"),
}
QUOTE_PLAIN = re.compile(r"(?<=[.!?,][”\"’])(?=[A-Z])")
texts = st.lists(st.sampled_from(["ab", "c", "D", "Ef", " ", ",", ";", ":", "(", ".", "!",
                                  "”", '"', "’", "1", "é", " .", "x@y.org", "www.a",
                                  "http://b"]),
                 max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_fast_patterns_find_what_the_plain_ones_find(text: str, a: int, b: int) -> None:
    lo, hi = sorted((min(a, len(text)), min(b, len(text))))
    for name, plain in PLAIN.items():
        fast = getattr(spacing, name)
        assert ([(m.span(), m.group()) for m in fast.finditer(text, lo, hi)]
                == [(m.span(), m.group()) for m in plain.finditer(text, lo, hi)]), name
    # the quote pattern now matches the quote itself: its end is the old position
    want = [m.end() for m in QUOTE_PLAIN.finditer(text, lo, hi)]
    got = [m.end() for m in spacing.QUOTE_GLUE_RE.finditer(text, max(0, lo - 1), hi)]
    assert got == want


@settings(max_examples=200, deadline=None)
@given(texts)
def test_pages_without_link_marks_have_no_links(text: str) -> None:
    if not ("@" in text or "://" in text or "www." in text):
        assert not URL_RE.search(text)


def test_glued_punctuation_still_fixed() -> None:
    t = "editor ofHansard: Guizot,Memoires politique(Paris, A Reconstruc-tion.”Annales"
    assert [(c.start, c.replacement) for c in spacing.fix_spacing(t)] == [
        (9, " "), (25, " "), (43, " "), (70, " ")]


marked = st.lists(st.sampled_from(["a", "o", "K", " ", "\u0304", "\u00af", "\u0301", "-",
                                   "-\n", "- \n", "\n", "’", "1", "_", "é"]),
                  max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(marked)
def test_prechecks_skip_only_text_the_full_patterns_find_nothing_in(text: str) -> None:
    from archivist.repair import diacritics, hyphenation

    if not diacritics.MARK_RE.search(text):
        assert not diacritics.DISPLACED_RE.search(text) and not diacritics.ORPHAN_RE.search(text)
        assert not diacritics.DISPLACED_IN_RE.search(text)
    if not hyphenation.HYPHEN_EOL_RE.search(text):
        assert not hyphenation.BREAK_RE.search(text)


quoted = st.lists(st.sampled_from(["a", " ", "\n", "'", "‘", "’", "''", "x'", "•", "."]),
                  max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(quoted)
def test_lone_quote_pattern_same_as_the_plain_one(text: str) -> None:
    from archivist.repair.noise import LONE_QUOTE_RE

    plain = re.compile(r"(?<!\S)['‘’]{1,2}(?!\S)")
    assert ([m.span() for m in LONE_QUOTE_RE.finditer(text)]
            == [m.span() for m in plain.finditer(text)])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["the", "a", "of", "é", "ab"]),
       st.lists(st.sampled_from(["the", "a", "of", "é", "ab", " ", "  ", ",", "1", "_", "x"]),
                max_size=30).map("".join))
def test_follower_pattern_same_as_the_leading_lookbehind_form(w1: str, text: str) -> None:
    from archivist.repair.lm import _follower_pattern

    plain = re.compile(r"(?<![^\W\d_])" + re.escape(w1) + r" (?=([^\W\d_]+))")
    assert _follower_pattern(w1).findall(text) == plain.findall(text)
