"""Speed rewrites must not change what is found: the date patterns open with a
first-letter lookahead; without it they must match exactly the same spans."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.extract.dates import PATTERNS, find_dates

_PIECES = ["the ", "The ", "8th ", "9th", " or ", " and ", "of ", "August", "AUGUST", "Aug. ",
           "1938", "1,421", " ", ", ", "between ", "Between ", "from ", "January ", "May ",
           "in ", "In ", "to-day", "To-day", "the following year", "that year", "x", "\n",
           "Sept.", "3", "31", "until ", "early ", "by ", "Hill 588 ", "le ", "am ", "12. ",
           "1er ", "mai ", "März ", "août", " Movement", "inst.", " ult.", "proximo", "on ", "last ", "next ",
           "Monday", "Friday", "Monday, ", "3rd.", "1902.", "MARCH.", "yesterday"]


def _plain(p: re.Pattern[str]) -> re.Pattern[str]:
    """`p` without its leading first-letter lookahead."""
    src = re.sub(r"^\(\?=\[[^\]]*\]\)", "", p.pattern)
    assert src != p.pattern, "every date pattern opens with a lookahead"
    return re.compile(src, p.flags)


PLAIN = [(k, _plain(p)) for k, p in PATTERNS]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_lookahead_changes_no_match(text):
    for (k, fast), (_k, plain) in zip(PATTERNS, PLAIN, strict=True):
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], k


def test_dates_still_found():
    vals = [f.value for f in find_dates(
        "On AUGUST 7, 1938 and to-day, by the 8th or 9th of August; between January and "
        "August of 1932; in 1933 and the following year", "1938-08-07")]
    assert vals == ["1938-08-07", "1938-08-07", "[1938-08-08,1938-08-09]", "1932-01/1932-08",
                    "1933", "1934"]


_NAME_PIECES = ["Mr. ", "mr. ", "Gen. ", "John ", "JOHN ", "SMITH", "Smith", " & ", "Co.",
                "Company", " of ", "the ", "The ", "Bank", "Gazette", "County", "Fort ",
                "Hill 588", ", Mo.", "Esq.", "Wm. ", "R. W. ", "Treaty", " Agreement",
                "Incident", "Government", "Commissariat", " for ", "U S S R", " said ",
                "stated ", "Hirota", ", ", "\n", "x", "creek", "Emperor", "Van ", "'s"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=25).map("".join))
def test_rule_lookaheads_change_no_match(text):
    from archivist.extract import rules

    for name in rules.FAST_PATTERNS:
        fast = getattr(rules, name)
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in _plain(fast).finditer(text)], name
    for fast in rules._SPEAKERS:
        assert [m.span() for m in fast.finditer(text)] == \
            [m.span() for m in _plain(fast).finditer(text)]
