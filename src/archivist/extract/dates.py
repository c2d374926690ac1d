"""Dates normalised to EDTF, relative to the document's own date.

The document date (the anchor) is a full date in the document's heading (the first
few lines of the body), or ``metadata["date"]`` when a stage set it already. Dates
without a year take the year of the nearest explicit date before them, else the
anchor's. "to-day" is the anchor; "the following year" counts from the last date.
Numbers that are quantities ("6,520 million", "Hill 212") are never years, and in
footnotes that hold citations only dates of what the note reports count ("letter of
12 March 1935"), never publication data ("(Moscow: Nauka, 1991)", a journal's year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..model import DateMention, Document
from ..pipeline import stage
from .common import orig_span

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"])}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
       r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
MON = rf"(?i:{_MON})"
# a month name must be capitalised ("may" is a verb), but an all-caps heading counts
MONC = rf"(?:{_MON}|{_MON.upper()})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|d)?"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d,]\d|\s*(?:%|per\b|million|thousand))"
_NOT_QTY = r"(?<![\d,.#])"
# Each pattern opens with a lookahead for the letters its first word can start with:
# the same matches, but most positions of a text fail at once instead of trying every
# alternative (halves the time of find_dates)
_MON_FIRST = r"(?=[JFMASOND])"
_DAY_FIRST = r"(?=[t\d])"
# words after "12 May" that make it a street's name
_STREET = r"(?:Street|Road|Avenue|Lane|Square|Place|Terrace|Crescent|Gardens)\b"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("month_range", re.compile(
        rf"(?=[BbFf])\b(?:[Bb]etween|[Ff]rom)\s+(?P<m1>{MONC})\s+"
        rf"(?:and|to|until|till)\s+"
        rf"(?P<m2>{MONC})(?:\s+of)?,?\s+{_NOT_QTY}(?P<y>{YEAR})\b")),
    ("year_range", re.compile(
        rf"(?=[BbFf])\b(?:[Bb]etween|[Ff]rom)\s+{_NOT_QTY}(?P<y1>{YEAR})\s+"
        rf"(?:and|to|until|till)\s+"
        rf"(?P<y2>{YEAR})\b")),
    ("day_or_day", re.compile(
        rf"{_DAY_FIRST}\b(?:the\s+)?(?P<d1>{DAY})\s+(?:or|and)\s+(?:the\s+)?(?P<d2>{DAY})\s+"
        rf"of\s+"
        rf"(?P<m>{MONC})(?:,?\s+(?P<y>{YEAR}))?\b")),
    ("mdy", re.compile(rf"{_MON_FIRST}\b(?P<m>{MONC})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})\b")),
    ("dmy", re.compile(
        rf"{_DAY_FIRST}\b(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONC}),?\s+(?P<y>{YEAR})\b")),
    ("md", re.compile(rf"{_MON_FIRST}\b(?P<m>{MONC})\s+(?P<d>{DAY})\b(?![,.]?\s*\d)")),
    ("dm", re.compile(rf"{_DAY_FIRST}\b(?:the\s+)?(?P<d>{DAY})\s+of\s+(?P<m>{MONC})\b")),
    # "3 February" and "in May" with no year: the year comes from the context. The month
    # is a whole word ("10 Mayfair", "in Maybe" are none), "3 February of 1911" is left
    # to "my" (its year is there), and "12 May Street" is an address, not a date
    ("dm_bare", re.compile(
        rf"{_DAY_FIRST}\b(?P<d>{DAY})\s+(?P<m>{MONC})(?!\w)(?![\w.]*,?\s*(?:of\s+)?\d)"
        rf"(?!\s+{_STREET})")),
    ("in_month", re.compile(
        rf"(?=[IiBbSsUuDdEeLl])\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate)"
        rf"\s+(?:early\s+|late\s+|mid-)?(?P<m>{MONC})(?!\w)(?![\w.]*,?\s+(?:of\s+)?\d)")),
    ("my", re.compile(rf"{_MON_FIRST}\b(?P<m>{MONC}),?\s+(?:of\s+)?{_NOT_QTY}(?P<y>{YEAR})\b")),
    ("prep_year", re.compile(
        rf"(?=[IiBbSsUuAaDdFfTtEeLlWw])\b"
        rf"(?P<p>[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Tt]ill|"
        rf"[Ee]arly|[Ll]ate|[Ee]nd of|[Ss]pring of|[Ss]ummer of|[Aa]utumn of|[Ww]inter of)"
        rf"\s+{_NOT_QTY}(?P<y>{YEAR})\b(?!['’]s)")),
    ("today", re.compile(r"(?=[Tt])\b(?:[Tt]o-?day|TO-?DAY)\b")),
    ("relyear", re.compile(
        r"(?=[TtAa])\b"
        r"(?P<w>the following year|the next year|the previous year|the preceding year|"
        r"the same year|that year|a year later|the year before)\b", re.I)),
]

_ANY_MONTH = re.compile(MONC)
_ANY_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")
_NEEDS_MONTH = {"month_range", "day_or_day", "mdy", "dmy", "md", "dm", "dm_bare", "in_month",
                "my"}
_NEEDS_YEAR = {"month_range", "year_range", "mdy", "dmy", "my", "prep_year"}


@dataclass
class Found:
    start: int
    end: int
    value: str
    year: int | None  # the year it establishes for what follows


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _month(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day_exists(y: int | None, mo: int, d: int) -> bool:
    """Whether day `d` exists in month `mo` of year `y` (any year when None): a source's
    "30 February" keeps its month, not an invalid EDTF day.

    >>> _day_exists(1921, 2, 29), _day_exists(1920, 2, 29), _day_exists(None, 2, 29)
    (False, True, True)
    """
    return 1 <= d <= calendar.monthrange(y if y is not None else 2000, mo)[1]


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str:
    out = f"{y:04d}"
    if m:
        out += f"-{m:02d}"
        if d:
            out += f"-{d:02d}"
    return out


def find_dates(text: str, anchor: str | None = None) -> list[Found]:
    """Date expressions of `text` with EDTF values, in text order.

    >>> [(f.value) for f in find_dates("In 1935, for example, it spent 6,520 million "
    ...     "rubles. Hill 212. In March 1934 (ratified the following year).")]
    ['1935', '1934-03', '1935']
    >>> [f.value for f in find_dates("on June 12th and to-day, by the 20th or 21st of June",
    ...                              "1937-06-15")]
    ['1937-06-12', '1937-06-15', '[1937-06-20,1937-06-21]']
    >>> [f.value for f in find_dates("between March and October of 1927")]
    ['1927-03/1927-10']
    >>> [f.value for f in find_dates("On 9 March 1921 he wrote of our letter of 3 February, "
    ...                              "and in May he came. 4 May 1922.")]
    ['1921-03-09', '1921-02-03', '1921-05', '1922-05-04']
    """
    raw: list[tuple[int, int, str, re.Match[str]]] = []
    # a text without a month name (or a year) cannot match the patterns that need one:
    # one cheap search spares scanning it with each of them (most notes have neither)
    month = _ANY_MONTH.search(text) is not None
    year = _ANY_YEAR.search(text) is not None
    for kind, pat in PATTERNS:
        if (kind in _NEEDS_MONTH and not month) or (kind in _NEEDS_YEAR and not year):
            continue
        for m in pat.finditer(text):
            raw.append((m.start(), m.end(), kind, m))
    # earlier patterns are more specific: keep them when spans overlap
    order = {k: i for i, (k, _) in enumerate(PATTERNS)}
    raw.sort(key=lambda r: (order[r[2]], r[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for r in raw:
        if all(r[1] <= t[0] or t[1] <= r[0] for t in taken):
            taken.append(r)
    taken.sort(key=lambda r: r[0])
    anchor_year = int(anchor[:4]) if anchor and anchor[:4].isdigit() else None
    ctx: int | None = None
    out: list[Found] = []
    for s, e, kind, m in taken:
        f = _value(kind, m, anchor, ctx if ctx is not None else anchor_year, s, e)
        if f is None:
            continue
        out.append(f)
        if f.year is not None:
            ctx = f.year
    return out


def _value(kind: str, m: re.Match[str], anchor: str | None, year: int | None,
           s: int, e: int) -> Found | None:
    g = m.groupdict()
    if kind == "month_range":
        y = int(g["y"])
        return Found(s, e, f"{_fmt(y, _month(g['m1']))}/{_fmt(y, _month(g['m2']))}", y)
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        return Found(s, e, f"{y1}/{y2}", y2) if y1 < y2 else None
    if kind in ("mdy", "dmy"):
        y = int(g["y"])
        mo, d = _month(g["m"]), _day(g["d"])
        return Found(s, e, _fmt(y, mo, d if _day_exists(y, mo, d) else None), y)
    if kind == "my":
        y = int(g["y"])
        return Found(s, e, _fmt(y, _month(g["m"])), y)
    if kind == "prep_year":
        y = int(g["y"])
        return Found(s, e, _fmt(y), y)
    if kind == "day_or_day":
        yy = int(g["y"]) if g.get("y") else year
        mo = _month(g["m"])
        a, b = _day(g["d1"]), _day(g["d2"])
        if yy is None:
            return Found(s, e, f"[XXXX-{mo:02d}-{a:02d},XXXX-{mo:02d}-{b:02d}]", None)
        return Found(s, e, f"[{_fmt(yy, mo, a)},{_fmt(yy, mo, b)}]", yy)
    if kind == "in_month":
        mo = _month(g["m"])
        return Found(s, e, _fmt(year, mo) if year is not None else f"XXXX-{mo:02d}", None)
    if kind in ("md", "dm", "dm_bare"):
        mo, d = _month(g["m"]), _day(g["d"])
        if year is None:
            day = f"-{d:02d}" if _day_exists(None, mo, d) else ""
            return Found(s, e, f"XXXX-{mo:02d}{day}", None)
        return Found(s, e, _fmt(year, mo, d if _day_exists(year, mo, d) else None), None)
    if kind == "today":
        return Found(s, e, anchor, None) if anchor else None
    if kind == "relyear":
        if year is None:
            return None
        w = g["w"].lower()
        delta = 1 if ("following" in w or "next" in w or "later" in w) else \
            -1 if ("previous" in w or "preceding" in w or "before" in w) else 0
        return Found(s, e, _fmt(year + delta), year + delta)
    return None


def heading_date(text: str, limit: int = 400) -> str | None:
    """A full date in the first `limit` characters: the document's own date.

    >>> heading_date("MEMORANDUM OF A MEETING\\nOF MARCH 3, 1936.\\n\\nI said ...")
    '1936-03-03'
    """
    for f in find_dates(text[:limit]):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.value):
            return f.value
    return None


def document_date(doc: Document) -> str | None:
    """metadata["date"] if set, else a full date in the heading (which then sets it)."""
    d = doc.metadata.get("date")
    if isinstance(d, str) and re.match(r"\d{4}", d):
        return d
    d = heading_date(doc.text)
    if d:
        doc.metadata["date"] = d
    return d


def cited_notes(doc: Document) -> set[str]:
    return {f"note:{c.get('note')}" for c in doc.citations}


def _enclosed(text: str, s: int, e: int) -> bool:
    """Whether [s, e) lies inside parentheses, brackets or quotation marks."""
    depth = 0
    quote = False
    for ch in text[:s]:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch == '"':
            quote = not quote
    return depth > 0 or quote


def note_dates(text: str, anchor: str | None) -> list[Found]:
    """Dates in a footnote that holds citations: only those that date something the
    note reports ("letter of 12 March 1935"), never publication data. A date counts when
    it is at least a month, outside brackets and quotation marks (where imprints,
    journal years and titles are) and not an issue date after a periodical's name.

    >>> [f.value for f in note_dates("Letter of 12 March 1935, in GARF, f. 1, op. 2, d. 3.", None)]
    ['1935-03-12']
    >>> note_dates("Dnevniki (Moscow: Nauka, 1991), 147.", None)
    []
    >>> note_dates("Haslam, “Diplomacy, May 1931–35.” Review, 12 (1988), 301.", None)
    []
    >>> note_dates("Pravda, 12 March 1935, 2.", None)
    []
    >>> [f.value for f in note_dates("Molotov to Voroshilov, 12 March 1935, in GARF.", None)]
    ['1935-03-12']
    """
    out = []
    for f in find_dates(text, anchor):
        if not re.search(r"\d{4}-\d{2}", f.value) or _enclosed(text, f.start, f.end):
            continue
        if _periodical_before(text[:f.start]):
            continue  # "Pravda, 12 March 1935": the issue of a periodical
        out.append(f)
    return out


def _periodical_before(head: str) -> bool:
    """Whether `head` ends with a periodical's name and a comma ("Pravda, ")."""
    from .gazetteer import load
    from .rules import is_periodical

    m = re.search(r"([A-Z][\w’'\- ]*),\s*$", head)
    if not m:
        return False
    ent = load().lookup(m.group(1))
    return (ent is not None and ent.type == "WORK") or is_periodical(m.group(1))


@stage("extract.dates")
def extract_dates(doc: Document) -> Document:
    """Find and normalise dates in the body and in footnotes (in notes that hold
    citations, only dates that are not publication data)."""
    anchor = document_date(doc)
    cited = cited_notes(doc)
    # a newspaper's issue date is publication data, as a book's year is
    issues = {(f"note:{c.get('note')}", c.get("issued")) for c in doc.citations
              if c.get("type") == "article-newspaper"}
    doc.dates = []
    for v in doc.views():
        found = note_dates(v.text, anchor) if v.where in cited else find_dates(v.text, anchor)
        for f in found:
            if (v.where, f.value) in issues:
                continue
            os_, oe = orig_span(v, f.start, f.end)
            doc.dates.append(DateMention(v.text[f.start:f.end], f.value, v.where, f.start,
                                         f.end, os_, oe))
    return doc
