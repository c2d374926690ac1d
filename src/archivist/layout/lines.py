"""Lines of the original text, page by page, and small text predicates shared by
the layout stages.

Layout reasons about physical lines of `Document.original` (their original
offsets are what furniture and notes record), so this module splits each raw
page into `Line`s once. Lines covered by an earlier layout deletion (a running
head already removed) are skipped by `live_lines`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..model import APPLIED, Document, RawPage

LINE_BREAK = re.compile(r"\r\n|\r|\n|\f")
# Sentence-final punctuation, optionally followed by closing quotes/brackets.
SENTENCE_END = re.compile(r"[.!?:;]['\"”’)\]]*$")
SENTENCE_END_STRICT = re.compile(r"[.!?]['\"”’)\]]*$")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")


@dataclass
class Line:
    """One physical line: `original[start:end]` (no line break), on raw page `page`."""

    start: int
    end: int
    text: str
    page: int
    blank_before: bool = False  # a blank line separates it from the previous line

    @property
    def stripped(self) -> str:
        return self.text.strip()


def pages_of(doc: Document) -> list[RawPage]:
    """The raw pages, or one page spanning the whole text when the reader gave none."""
    return doc.raw_pages or [RawPage(None, 0, len(doc.original))]


def page_lines(doc: Document, idx: int) -> list[Line]:
    """Non-blank lines of raw page `idx`, in order.

    >>> from archivist.model import Document, Source
    >>> d = Document("a\\n\\n b \\nc", Source("x", "0", "text"))
    >>> [(l.text, l.blank_before) for l in page_lines(d, 0)]
    [('a', False), (' b ', True), ('c', False)]
    """
    page = pages_of(doc)[idx]
    text = doc.original
    out: list[Line] = []
    pos = page.start
    blank = False
    for m in LINE_BREAK.finditer(text, page.start, page.end):
        _add_line(out, text, pos, m.start(), idx, blank)
        blank = not text[pos:m.start()].strip() and bool(out)
        pos = m.end()
    _add_line(out, text, pos, page.end, idx, blank)
    return out


def _add_line(out: list[Line], text: str, s: int, e: int, page: int, blank: bool) -> None:
    if text[s:e].strip():
        out.append(Line(s, e, text[s:e], page, blank_before=blank))


def deleted_spans(doc: Document) -> list[tuple[int, int]]:
    """Original spans removed by applied layout/move deletions (for skipping lines)."""
    return sorted((e.start, e.end) for e in doc.edits
                  if e.status == APPLIED and e.kind in ("layout", "move") and e.end > e.start
                  and not e.replacement.strip())


def is_deleted(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether [s, e) lies inside one of `spans`."""
    return any(a <= s and e <= b for a, b in spans)


class Removed:
    """`deleted_spans` of a document, asked "is [s, e) inside one?" in log time.

    >>> r = Removed([(0, 10), (2, 4), (20, 30)])
    >>> r.covers(3, 9), r.covers(12, 14), r.covers(25, 31)
    (True, False, False)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]  # spans are sorted by start
        self.reach = list(accumulate((b for _, b in spans), max))  # furthest end so far

    def covers(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        return i >= 0 and self.reach[i] >= e


def live_lines(doc: Document, idx: int, removed: Removed | None = None) -> list[Line]:
    """Lines of page `idx` that no earlier layout stage removed (stripped of spaces).

    Callers that go through every page pass `removed` (made once): rebuilding it
    from the edit log for each page made layout quadratic in the pages (2,000
    pages: 90 s in furniture and notes).
    """
    if removed is None:
        removed = Removed(deleted_spans(doc))
    out = []
    for ln in page_lines(doc, idx):
        s = ln.start + (len(ln.text) - len(ln.text.lstrip()))
        e = ln.end - (len(ln.text) - len(ln.text.rstrip()))
        if not removed.covers(s, e):
            out.append(ln)
    return out


def line_end_with_break(text: str, end: int) -> int:
    """Offset just after the line break that follows `end` (or `end` at text end).

    >>> line_end_with_break("ab\\r\\ncd", 2)
    4
    """
    m = LINE_BREAK.match(text, end)
    return m.end() if m else end


def ends_sentence(s: str, strict: bool = False) -> bool:
    """Whether `s` ends with sentence-final punctuation (closing quotes allowed).

    >>> ends_sentence('representatives.”'), ends_sentence('the incident')
    (True, False)
    """
    pat = SENTENCE_END_STRICT if strict else SENTENCE_END
    return bool(pat.search(s.rstrip()))


def starts_lower(s: str) -> bool:
    """Whether the first letter of `s` (after quotes/brackets) is lower-case.

    >>> starts_lower('in a peaceful way'), starts_lower('“Japanese')
    (True, False)
    """
    t = s.lstrip(" \t\"'“‘([")
    return bool(t) and t[0].islower()


def starts_upper(s: str) -> bool:
    """Whether `s` starts (after quotes/brackets) with a capital letter or a digit."""
    t = s.lstrip(" \t\"'“‘([")
    return bool(t) and (t[0].isupper() or t[0].isdigit())
