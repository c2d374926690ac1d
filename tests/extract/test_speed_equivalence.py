"""The speed shortcuts of the extract stages change no output.

Each shortcut (a short loose-name pattern on mark-free texts, head-word guards before
the rule and date patterns, the gazetteer scan over capitalised tokens only) is checked
against the unshortened computation on generated texts.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract import dates, entities, rules
from archivist.extract.entities import gazetteer_spans, loose_pattern

NAME_CHARS = "abcdeoōéSHKLMNaki'-. "
WORDS = [
    "the", "of", "and", "said", "in", "at", "Mr.", "Capt.", "John", "Smith", "Treaty",
    "Agreement", "Peace", "War", "Incident", "Battle", "Company", "Bank", "Gazette",
    "Journal", "Esq.", "&", "Co.", "Bros.", "Richmond,", "Va.", "Pa.", "County", "Fort",
    "Commissariat", "for", "Government", "Lake", "May", "August", "4th", "1932", "1838,",
    "between", "from", "to", "Paris", "London", "New", "York", "St.", "Petersburg", "Hill",
    "588", "called", "book", "“Iz", "proshlogo”", "VIENNA,", "\n", "\n\n", "to-day", "year",
    "the following year", "Conference", "Society", "Wm.", "H.", "G.", "Wells", "U.", "S.",
]
texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)


@given(name=st.text(NAME_CHARS, min_size=1, max_size=12).filter(lambda s: s.strip()),
       noise=st.lists(st.sampled_from(["", " ", "  ", "x", "O", ",", "ō", "o"]), max_size=12))
@settings(max_examples=200, deadline=None)
def test_loose_pattern_without_marks_finds_the_same(name: str, noise: list[str]) -> None:
    # a mark-free text around (and made of) the name, with spacing noise between letters
    body = "".join(c + (noise[i] if i < len(noise) else "") for i, c in enumerate(name))
    text = f"{name} and {body}, {name.upper()}"
    text = re.sub(r"[\u0300-\u036f]", "", text)
    full = [m.span() for m in re.finditer(loose_pattern(name, True), text)]
    short = [m.span() for m in re.finditer(loose_pattern(name, False), text)]
    assert short == full


def test_loose_pattern_marks_matter_only_with_marks() -> None:
    text = "Sabur \u0304o Hayashi"
    assert re.search(loose_pattern("Saburō Hayashi", True), text)
    assert not re.search(loose_pattern("Saburō Hayashi", False), text)


@given(texts)
@settings(max_examples=150, deadline=None)
def test_rule_guards_change_no_span(text: str) -> None:
    guarded = list(rules.rule_spans(text))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rules, "_may", lambda _t, _k: True)
        plain = list(rules.rule_spans(text))
    assert guarded == plain


@given(texts)
@settings(max_examples=150, deadline=None)
def test_date_guards_change_no_date(text: str) -> None:
    guarded = [(f.start, f.end, f.value) for f in dates.find_dates(text, "1938-08-07")]
    with pytest.MonkeyPatch.context() as mp:
        # the guard skips patterns when the text has no month name (or year); make the
        # pre-search always succeed, so every pattern runs. (Emptying _NEEDS_MONTH would
        # also switch off the month-is-a-name check, which is not a shortcut.)
        mp.setattr(dates, "_ANY_MONTH", re.compile(""))
        mp.setattr(dates, "_ANY_YEAR", re.compile(""))
        plain = [(f.start, f.end, f.value) for f in dates.find_dates(text, "1938-08-07")]
    assert guarded == plain


def _gazetteer_reference(text: str) -> list[tuple[int, int, str]]:
    """The gazetteer scan started at every token (capitalisation checked inside): what
    `gazetteer_spans` did before it learnt to jump between capitalised tokens."""
    toks = [m.span() for m in entities._TOKEN.finditer(text)]
    out = []
    for a, _b in toks:
        if not text[a].isupper():
            continue
        # the same scan on the text from this token on, keeping only a match starting here
        for c in gazetteer_spans(text[a:], None):
            if c.start == 0:
                out.append((a, a + c.end, c.type))
            break
    return out


@given(texts)
@settings(max_examples=100, deadline=None)
def test_gazetteer_scan_finds_names_at_capitalised_tokens(text: str) -> None:
    got = [(c.start, c.end, c.type) for c in gazetteer_spans(text, None)]
    ref = _gazetteer_reference(text)
    # the scan takes the first match, then goes on after its end: greedy over `ref`
    want: list[tuple[int, int, str]] = []
    for r in ref:
        if not want or r[0] >= want[-1][1]:
            want.append(r)
    assert got == want


def test_gazetteer_scan_example() -> None:
    text = "they went from the city of Paris to London and back"
    got = [text[c.start:c.end] for c in gazetteer_spans(text, None)]
    assert got == ["Paris", "London"]


def _sentences_reference(text: str) -> list[tuple[int, int]]:
    """`common.sentences` as it was before reading only a window before each period."""
    from archivist.extract.common import _SENT_END, ABBREV, NUM_ABBREV, _push

    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group().strip() and m.group()[0] == ".":
            w = re.search(r"([\w]+)\.?$", text[start:m.start() + 1].rstrip("."))
            word = w.group(1) if w else ""
            if len(word) == 1 and word.isalpha():
                continue
            if word.lower() in ABBREV and (word.lower() not in NUM_ABBREV
                                           or re.match(r"\s*\d", text[m.end():])):
                continue
        end = m.end() if m.group().strip() else m.start()
        _push(text, start, end, spans)
        start = m.end()
    _push(text, start, len(text), spans)
    return spans


SENT_WORDS = ["Mr.", "No.", "no.", "5.", "said", "so.", "Then", "M.", "A", "x" * 70 + ".",
              "....", ".\n", "\n\n", "See", "p.", "12", "Hull", "etc.", "!", "?", "“The", "a.\n"]


@given(st.lists(st.sampled_from(SENT_WORDS), max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_sentences_window_changes_no_split(text: str) -> None:
    from archivist.extract.common import sentences

    assert sentences(text) == _sentences_reference(text)
