"""Dates normalised to EDTF, relative to the document's own date.

The document date (the anchor) is a full date in the document's heading (the first
few lines of the body), or ``metadata["date"]`` when a stage set it already. Dates
without a year take the year of the nearest explicit date before them, else the
anchor's, and a day-month earlier in the calendar than the date before it rolls
over into the next year when the narrative moves forward ("31 December 1921 ... on 2
January" is 1922-01-02); cases a historian would query keep EDTF's "?" (uncertain).
"to-day" is the anchor; "the following year" counts from the last date.
A month that is a given name ("by May Sinclair", "Mrs. May") and a day-month that
names an event ("the 4 May Movement") are no dates. French and German dates are read
when their form cannot be anything else ("4 mai 1921", "12. März 1938", "le 3 août").
Numbers that are quantities ("6,520 million", "Hill 212") are never years, and in
footnotes that hold citations only dates of what the note reports count ("letter of
12 March 1935"), never publication data ("(Moscow: Nauka, 1991)", a journal's year).
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import re
from dataclasses import dataclass
from typing import TypeVar

from ..model import DateMention, Document
from ..pipeline import stage
from .common import orig_span

# a match's span, its pattern's name and the match
_Span = TypeVar("_Span", bound=tuple[int, int, str, object])

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
# telegrams and headings print the ordinal in capitals ("21ST NOVEMBER")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|d|ST|ND|RD|TH)?"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})(?![\d,]\d|\s*(?:%|per\b|million|thousand))"
_NOT_QTY = r"(?<![\d,.#])"
# spacing between a day-month and the year it may wait for: on its line or the next,
# never past a blank line ("on 2nd July.\n\n2. The ..." is a date and a numbered paragraph)
_NEAR = r"[ \t]*(?:\n[ \t]*)?"
# Each pattern opens with a lookahead for the letters its first word can start with:
# the same matches, but most positions of a text fail at once instead of trying every
# alternative (halves the time of find_dates)
_MON_FIRST = r"(?=[JFMASOND])"
_DAY_FIRST = r"(?=[t\d])"
# words after "12 May" that make it a street's name
_STREET = r"(?:Street|Road|Avenue|Lane|Square|Place|Terrace|Crescent|Gardens)\b"
# a day-month followed by one of these is the name of an event ("the 4 May Movement",
# "the 18 March Incident"), not a date of the context year; a few also in lower case
_EVENT_HEAD = (r"(?:Movement|Incident|Revolution|Uprising|Rising|Revolt|Coup|Putsch|Affair|"
               r"Massacre|Crisis|Manifesto|Decree|Edict|Plot|Riots?|Celebrations?|Parade|"
               r"movement|incident|affair|coup|putsch)\b")
_EVENT_AFTER = re.compile(rf"[ \t]+{_EVENT_HEAD}")
# a preposition before the day makes it a date of the clause, whatever follows ("after
# 12 March movement along the roads ceased", "on 13 March Revolution broke out")
_DATE_PREP = re.compile(
    r"\b(?:[Oo]n|[Aa]fter|[Ff]rom|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Dd]uring)\s+$")
# French and German month names (with and without accents; the usual abbreviations).
# They count only in a form that is a date in no other reading: day + month + year, or
# the French "le 3 août" / German "am 12. März" (article + day + month)
FOREIGN_MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}
# abbreviations count only with their full stop ("févr.", "Okt.")
FOREIGN_ABBR = {"janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12, "dec": 12,
                "febr": 2, "okt": 10, "dez": 12, "sept": 9, "nov": 11, "oct": 10}
_FMON = "(?i:" + "|".join(
    [rf"{re.escape(k)}(?!\w)" for k in sorted(FOREIGN_MONTHS, key=len, reverse=True)]
    + [rf"{re.escape(k)}\." for k in sorted(FOREIGN_ABBR, key=len, reverse=True)]) + ")"
# "12. März": a German day has a full stop, but before a month English spells the same
# way it is more often a sentence's end ("in chapter 4. April 1921 was"): not that one
_FDAY = (r"(?:[12]\d|3[01]|0?[1-9])"
         r"(?:\.(?!\s*(?i:april|august|september|november)\b)|er\b|e\b)?")

# numbers in words, for dates written out in full (treaties, deeds, wills)
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
         "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
         "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
         "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
         "thirtieth": 30}
_NUM_WORD = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
_ORD_WORDS = (r"(?:(?:twenty|thirty)[\s\-]+(?:first|second|third|fourth|fifth|sixth|seventh|"
              r"eighth|ninth)|" + "|".join(sorted(_ORDS, key=len, reverse=True)) + ")")
_SMALL = (r"(?:(?:" + "|".join(_TENS) + r")(?:[\s\-]+(?:" + "|".join(_UNITS) + r"))?|"
          + "|".join(_TEENS + _UNITS) + ")")
_YEAR_WORDS = (rf"(?:(?:one\s+thousand(?:\s+(?:{_SMALL})\s+hundred)?|(?:{_SMALL})\s+hundred)"
               rf"(?:\s+and)?(?:\s+{_SMALL})?)")


def _words_number(text: str) -> int | None:
    """A cardinal or ordinal number written in words, up to the thousands.

    >>> _words_number("nineteen hundred and twenty-eight"), _words_number("twenty-first")
    (1928, 21)
    >>> _words_number("one thousand eight hundred and fifteen"), _words_number("ninth")
    (1815, 9)
    """
    total = current = 0
    for w in re.findall(r"[a-z]+", text.lower()):
        if w == "and":
            continue
        if w in _ORDS:
            current += _ORDS[w]
        elif w in _NUM_WORD:
            current += _NUM_WORD[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
    return total + current or None


_MON3 = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|" \
        r"Sep|Oct|Nov|Dec)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAYS = {w.lower(): i for i, w in enumerate(_WEEKDAY[3:-1].split("|"))}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # the formal date of a treaty or deed in words: "this ninth day of February,
    # nineteen hundred and twenty-eight", "the 3rd day of May in the year 1815"
    ("words_date", re.compile(
        rf"(?=[TtOo])\b(?:[Tt]his|[Tt]he|[Oo]n\s+the)\s+(?P<dw>{_ORD_WORDS}|{DAY})\s+day\s+of\s+"
        rf"(?P<m>{MONC}),?\s+(?:in\s+the\s+year\s+(?:of\s+our\s+Lord\s+)?)?"
        rf"(?P<yw>{YEAR}|{_YEAR_WORDS})\b", re.I)),
    ("month_range", re.compile(
        rf"(?=[BbFf])\b(?:[Bb]etween|[Ff]rom)\s+(?P<m1>{MONC})\s+"
        rf"(?:and|to|until|till)\s+"
        rf"(?P<m2>{MONC})(?:\s+of)?,?\s+{_NOT_QTY}(?P<y>{YEAR})\b")),
    # a financial or academic year written "1928-29" (or "1928–9"), a span "1914-18" or
    # "1914-1918": the years from the first to the last
    ("split_year", re.compile(
        rf"(?=[1-2])(?<![\d,.#\-–/])(?P<y1>{YEAR})[\-–/](?P<y2>\d{{4}}|\d{{1,2}})(?![\d\-–/])")),
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
    # "4 mai 1921", "12. März 1938", "1er août 1914": the year makes the form unambiguous
    ("foreign_dmy", re.compile(
        rf"(?=[0-9])\b(?P<d>{_FDAY})\s*(?<=[\s.])(?P<m>{_FMON})\s+(?P<y>{YEAR})\b")),
    # "le 3 août", "am 12. März": the article and the day make it a date
    ("foreign_dm", re.compile(
        rf"(?=[lLdDaAvV])\b(?:[Ll]e|[Dd]u|[Aa]m|[Vv]om)\s+(?P<d>{_FDAY})\s*(?<=[\s.])"
        rf"(?P<m>{_FMON})(?![\w.]*,?\s*\d)")),
    # "the 10th inst.", "your letter of the 2nd ult.", "on the 5th prox.": commercial and
    # official English for a day of this month, the last and the next, counted from the
    # date the paper was written (the anchor)
    ("inst", re.compile(
        rf"{_DAY_FIRST}\b(?:the\s+)?(?P<d>{DAY})\s+"
        rf"(?P<rel>inst\.|instant\b|ult\.|ultimo\b|ulto\.|prox\.|proximo\b|proxo\.|"
        rf"of\s+(?:this|the\s+present|last|next)\s+month\b)")),
    # a month after a day number is that day's ("On 4 July 12 men died": not July 12), one
    # after "in" a month's ("In May 12 men died"); a day-month waits only for a year after
    # it, not for any number ("July 4, 12 men")
    ("md", re.compile(rf"{_MON_FIRST}(?<!\d[ \t])(?<!\b[Ii]n[ \t])\b(?P<m>{MONC})\s+"
                      rf"(?P<d>{DAY})\b(?![,.]?{_NEAR}{YEAR})")),
    ("dm", re.compile(
        rf"{_DAY_FIRST}\b(?:the\s+)?(?P<d>{DAY})\s+of\s+(?P<m>{MONC})\b")),
    # "3 February" and "in May" with no year: the year comes from the context. The month
    # is a whole word ("10 Mayfair", "in Maybe" are none), "3 February of 1911" is left
    # to "my" (its year is there), and "12 May Street" is an address, not a date
    ("dm_bare", re.compile(
        rf"{_DAY_FIRST}\b(?P<d>{DAY})\s+(?P<m>{MONC})(?!\w)(?![\w.]*,?{_NEAR}(?:of\s+)?{YEAR})"
        rf"(?!\s+{_STREET})")),
    ("in_month", re.compile(
        rf"(?=[IiBbSsUuDdEeLl])\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate)"
        rf"\s+(?:early\s+|late\s+|mid-)?(?P<m>{MONC})(?!\w)"
        rf"(?![\w.]*,?(?=\s){_NEAR}(?:of\s+)?{YEAR})")),
    ("my", re.compile(rf"{_MON_FIRST}\b(?P<m>{MONC}),?\s+(?:of\s+)?{_NOT_QTY}(?P<y>{YEAR})\b")),
    ("prep_year", re.compile(
        rf"(?=[IiBbSsUuAaDdFfTtEeLlWw])\b"
        rf"(?P<p>[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter|[Dd]uring|[Ff]rom|[Tt]ill|"
        rf"[Ee]arly|[Ll]ate|[Ee]nd of|[Ss]pring of|[Ss]ummer of|[Aa]utumn of|[Ww]inter of)"
        rf"\s+{_NOT_QTY}(?P<y>{YEAR})\b(?!['’]s)")),
    # "the year 1912": a year however it stands ("FOR THE YEAR 1912" in a heading)
    ("the_year", re.compile(
        rf"(?=[Tt])\b(?i:the[ \t]+year)[ \t]+(?:of[ \t]+)?{_NOT_QTY}(?P<y>{YEAR})\b")),
    # "In March 1939 ... on the 22nd": a day with its ordinal ending after "on the" is a
    # day of the month the text has just named (nothing is said without one)
    ("on_the_day", re.compile(
        r"(?=[Oo])\b[Oo]n\s+the\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
        rf"(?!\s+(?:day\b|of\b|inst|ult|prox|{MONC}))")),
    ("today", re.compile(r"(?=[Tt])\b(?:[Tt]o-?day|TO-?DAY)\b")),
    ("nextday", re.compile(r"(?=[YyTt])\b(?P<w>[Yy]esterday|YESTERDAY|[Tt]o-?morrow|TO-?MORROW)\b")),
    # "on Thursday evening", "last Monday", "Tuesday next" in a dated paper (a newspaper,
    # a letter): a day of the week around the paper's date. Not one a date follows
    # ("on Monday, 3 August 1914": that date says it)
    ("weekday", re.compile(
        rf"(?=[LlNnOo])\b(?:(?P<pre>[Ll]ast|[Nn]ext|[Oo]n)\s+)(?P<w>{_WEEKDAY})"
        rf"(?:\s+(?P<post>last|next))?\b(?![,.]?\s*(?:the\s+)?\d)(?!,?\s+{MONC})")),
    # a diary's headings: the year on a line of its own ("1887."), the month on a line of
    # its own ("JANUARY."), and each entry opened by its weekday and day ("Monday, 3rd.")
    # read against them. The day needs its ordinal ending or a full stop after it
    ("year_line", re.compile(rf"(?=[ \t12])^[ \t]*(?P<y>{YEAR})\.?[ \t]*$", re.M)),
    ("month_line", re.compile(rf"(?=[ \tJFMASOND])^[ \t]*(?P<m>{MONC})\.?[ \t]*$", re.M)),
    ("diary_day", re.compile(
        rf"(?=[ \tMTWFSOo])(?:^[ \t]*|\b[Oo]n[ \t]+)"
        rf"(?P<w>{_WEEKDAY}|{_WEEKDAY.upper()}),?[ \t]+(?:the[ \t]+)?"
        rf"(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:(?:st|nd|rd|th|d|ST|ND|RD|TH)\b\.?|\.))"
        rf"(?![ \t]*(?:of[ \t]+)?{MONC})(?![ \t]*\d)", re.M)),
    # a signal's date-time group, "231845Z NOV 41": day, hour and minute (Zulu), month
    # and year (two figures: of the 1900s)
    ("dtg", re.compile(
        r"(?=[0-3])\b(?P<d>[0-3]\d)(?:[01]\d|2[0-3])[0-5]\d[ \t]?[A-Z]\b[ \t]+"
        rf"(?P<m>{_MON3})[ \t]+(?P<y>(?:19|20)?\d\d)\b")),
    ("relyear", re.compile(
        r"(?=[TtAa])\b"
        r"(?P<w>the following year|the next year|the previous year|the preceding year|"
        r"the same year|that year|a year later|the year before)\b", re.I)),
]

_ANY_MONTH = re.compile(MONC)
_ANY_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")
_NEEDS_MONTH = {"month_range", "day_or_day", "mdy", "dmy", "md", "dm", "dm_bare", "in_month",
                "my", "month_line"}
_NEEDS_YEAR = {"month_range", "year_range", "mdy", "dmy", "my", "prep_year", "foreign_dmy",
               "year_line", "split_year", "the_year"}
_NEEDS_MONTH.add("words_date")


@dataclass
class Found:
    start: int
    end: int
    value: str
    year: int | None  # the year it establishes for what follows
    month: int | None = None  # and its month and day: the narrative's "now" after it
    day: int | None = None


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


# A context date (year, month, day) that bare day-months are read against
Ctx = tuple[int | None, int | None, int | None]

# words of a clause that say it looks back from the date before it ("had left", "the
# previous", "a letter of"), and words just before a date that move on ("until 3 May",
# "then, on 3 May")
_BACK_CUE = re.compile(
    r"\b(?:had|having|earlier|previous(?:ly)?|preceding|ago|last|since|already|prior)\b",
    re.I)
# a clause in the future tense moves on, wherever its verb stands ("we shall prune it")
_FUTURE = re.compile(r"\b(?:will|shall)\b|\w['’]ll\b", re.I)
_FWD_BEFORE = re.compile(
    r"\b(?:until|till|then|later|afterwards|thereafter|subsequently|next|following)\b"
    r"[\s,]*(?:(?:on|in|by|from|at|of|the|until|till)\s+)*$", re.I)
_FWD_START = re.compile(r"(?:until|till)\b", re.I)
# "our letter of 3 February": a paper referred to was written before the text's "now"
_PAPER_OF = re.compile(
    r"\b(?:letters?|telegrams?|notes?|dispatch(?:es)?|despatch(?:es)?|memorand(?:um|a)|"
    r"reports?|messages?|cables?)\s+(?:of|dated)\s+(?:the\s+)?$", re.I)
_CLAUSE_END = re.compile(r"[.;!?]\s|\n\s*\n")


def _cue(text: str, s: int, e: int) -> str | None:
    """"forward" when the words just before the date move on ("until", "then on") or
    its clause is in the future tense, "paper" when the words before name a paper it
    dates ("our letter of"), "back" when its clause looks back ("had", "having",
    "earlier"), else None.

    >>> t = "On 4 January 1888 he came, having left Paris on 28 December."
    >>> _cue(t, t.index("28"), len(t) - 1), _cue("we shall go on 3 May", 15, 20)
    ('back', 'forward')
    >>> _cue("he stayed until 3 May", 16, 21), _cue("until 3 May he had lived there", 6, 11)
    ('forward', 'back')
    """
    head = text[max(0, s - 200):s]
    cut = [m.end() for m in _CLAUSE_END.finditer(head)]
    head = head[cut[-1]:] if cut else head
    fwd = _FWD_BEFORE.search(head[-40:])
    until = bool(_FWD_START.match(text, s) or (fwd and _FWD_START.match(fwd.group())))
    if fwd and not until:
        return "forward"
    tail = text[e:e + 200]
    m = _CLAUSE_END.search(tail)
    clause = head + " " + tail[:m.start() if m else len(tail)]
    if _PAPER_OF.search(head):
        return "paper"
    back, future = _BACK_CUE.search(clause), _FUTURE.search(clause)
    if until:
        # "he stayed until May" moves on; "until May he had lived in Paris" looks back
        return "back" if back and not future else "forward"
    return "back" if back and not future else "forward" if future and not back else None


def _resolve(ctx: Ctx, mo: int, d: int | None, cue: str | None) -> tuple[int, str, bool] | None:
    """The year of a day-month (or a month, `d` None) without one, read against the
    context date `ctx`: (year, "?" when a historian would query it else "", whether it
    becomes the narrative's new "now"). None without a context year.

    A date later in the calendar than the context is in its year (the year before
    only when the clause looks back at most two months: "on 5 January 1888 ... on 27
    December he had"). An earlier one is read from its distance back and the clause:
    up to 4 months back it is a reference in the year; 8 and more back, with a day, the
    narrative has moved into the next year ("31 December 1921 ... on 2 January" is
    1922); words just before it that move on ("until", "then on") make it the next
    year whatever the distance. What stays in doubt (5-7 months, a bare month far back
    as a diary's "in March" after December, a clause that looks back against a long
    distance) is marked uncertain. A paper referred to ("our letter of 2 March") was
    written before the "now" and stays in its year.

    >>> _resolve((1921, 12, 31), 1, 2, None), _resolve((1921, 3, 9), 2, 3, None)
    ((1922, '', True), (1921, '', False))
    >>> _resolve((1921, 11, 15), 5, 10, None), _resolve((1921, 12, 1), 3, None, None)
    ((1922, '?', False), (1922, '?', False))
    >>> _resolve((1921, 12, 31), 1, 2, "back"), _resolve((1922, 1, 3), 12, 28, "back")
    ((1921, '?', False), (1921, '', False))
    >>> _resolve((1921, 5, 1), 4, 1, "forward"), _resolve((1921, None, None), 3, 1, None)
    ((1922, '', True), (1921, '', False))
    >>> _resolve((1921, 12, 20), 2, 3, "paper")
    (1921, '', False)
    """
    y, cm, cd = ctx
    if y is None:
        return None
    if cm is None:
        return y, "", False  # "In 1921 ... on 3 May": nothing to compare with
    before = mo < cm or (mo == cm and d is not None and cd is not None and d < cd)
    if not before:
        if cue in ("back", "paper") and mo - cm >= 10:
            return y - 1, "", False  # "3 January 1922 ... on 28 December he had left"
        # a clause looking back ("had been signed on 11 November") is no new "now"
        return y, "", cue not in ("back", "paper")
    if cue == "forward":
        return y + 1, "", True
    back = cm - mo
    far = back >= 8 and d is not None  # a day far back: the narrative moved on
    if cue == "paper":
        return y, "", False  # the letter answered was written before it was answered
    if cue == "back":
        return y, "?" if far else "", False
    if back <= 4:
        return y, "", False
    return (y + 1, "", True) if far else (y + 1, "?", False)


def _foreign_month(s: str) -> int:
    low = s.lower().rstrip(".")
    return FOREIGN_MONTHS.get(low) or FOREIGN_ABBR[low]


# months that are also given names; before a surname they are a woman's name
_NAME_MONTHS = {"April", "May", "June", "August"}
_TITLE_BEFORE = re.compile(
    r"\b(?:Mrs|Mr|Miss|Ms|Mme|Mlle|Madame|Lady|Dame|Sister|Aunt|Dr)\.?\s+$")
_CAP_AFTER = re.compile(
    r"[ \t]+([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,})(['’]s\b|\s*(?:[,.;:)]|$))?")


_AFTER_A_WORD = re.compile(r"(?<![\w'’])(?!(?i:and|but|or|then|that|so|when|yet)\s)[A-Za-z]+\s+$")


def _month_is_name(text: str, kind: str, m: re.Match[str]) -> bool:
    """Whether the month word of match `m` is a given name: after a title ("Mrs. May",
    "Miss June 1921"), or, for a bare "by May", before a surname ("a novel by May
    Sinclair."). A capitalised word after it is a surname when it is no month, common
    word, known place, person or body of the gazetteer ("In May Britain", "in June
    Congress" stay dates) and "by" follows a word (not opening a clause).

    >>> [f.value for f in find_dates("a novel by May Sinclair; in May Britain; Mrs. May", "1920")]
    ['1920-05']
    >>> find_dates("A NOVEL BY MAY SINCLAIR", "1920")
    []
    """
    if "m" not in m.groupdict():
        return False
    s, ms = m.start(), m.start("m")
    if _TITLE_BEFORE.search(text[max(0, ms - 12):ms]):
        return True
    month = m.group("m")
    if kind != "in_month" or month.title() not in _NAME_MONTHS:
        return False
    nxt = _CAP_AFTER.match(text, m.end())
    # a heading in capitals ("A NOVEL BY MAY SINCLAIR") is read as a whole
    if not nxt or nxt.group(1).isupper() != month.isupper():
        return False
    word = nxt.group(1)
    from ..lexicon import zipf
    from .entities import _common_caps
    from .gazetteer import load

    if (word.lower() in MONTHS or word in _common_caps() or zipf(word.lower()) >= 4.5
            or load().lookup(word) is not None):
        return False
    # only "by" after a word names an author ("a novel by May Sinclair"): a "by May" or
    # "in June" opening its clause is a date before the subject ("By August Haldane had
    # gone", "In 1917, by June Kerensky's offensive", "In June Haig's attack")
    return m.group(0)[:2].lower() == "by" and _AFTER_A_WORD.search(text[max(0, s - 20):s]) \
        is not None


def _names_event(text: str, m: re.Match[str]) -> bool:
    """Whether the day-month of match `m` names an event ("the 4 May Movement", "the 7
    July incident"): an event's head word follows, a lower-case one only after "the",
    and no preposition stands before the day ("after 12 March movement along the roads
    ceased" is a date).

    >>> [f.value for f in find_dates("the 4 May movement; after 5 May movement ceased", "1919")]
    ['1919-05-05']
    """
    head = _EVENT_AFTER.match(text, m.end())
    if head is None:
        return False
    core = min(m.start(g) for g in ("d", "m") if m.group(g) is not None)
    before = text[max(0, core - 12):core]
    if _DATE_PREP.search(before):
        return False
    return head.group().strip()[0].isupper() or re.search(r"\b[Tt]he\s+$", before) is not None


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
    >>> [f.value for f in find_dates("On 31 December 1921 the talks ended; on 2 January "
    ...                              "he left, and on 9 January he was in Riga.")]
    ['1921-12-31', '1922-01-02', '1922-01-09']
    >>> [f.value for f in find_dates("Yours of the 3rd ult. came on the 10th inst.",
    ...                              "1899-10-14")]
    ['1899-09-03', '1899-10-10']
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
    taken = _first_free(raw)
    ctx: Ctx = _anchor_ctx(anchor)
    out: list[Found] = []
    # the day of writing: the document's date, then each diary entry's own date (what
    # "to-day", "yesterday", "the 3rd inst." and "last Monday" are counted from)
    now = anchor
    # a diary's headings are read against its last heading, not against a date the entry
    # mentions ("he sails in March" under JANUARY leaves FEBRUARY in the same year)
    head: Ctx | None = None
    for s, e, kind, m in taken:
        if kind in _NEEDS_MONTH and _month_is_name(text, kind, m):
            continue
        if kind in ("md", "dm", "dm_bare") and _names_event(text, m):
            continue
        if kind == "month_line" and head is None and not _ENTRY_AFTER.match(text, e):
            # a month alone on its line heads a diary only under its year heading or
            # over its first entry: a letter signed "May" or "June." is no date
            continue
        heading = kind in ("year_line", "month_line", "diary_day")
        f = _value(kind, m, now, head if heading and head else ctx, text, s, e)
        if f is None:
            continue
        out.append(f)
        if f.year is not None:
            ctx = (f.year, f.month, f.day)
            if heading:
                head = ctx
        if kind == "diary_day" and f.year is not None:
            now = _fmt(f.year, f.month, f.day)
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.value) \
                and _DATELINE_HEAD.search(text, max(0, s - 60), s):
            # a newspaper dateline ("PARIS, Jan. 4."): the day its report was written
            now = f.value
            ctx = _anchor_ctx(now)
    return out


def _first_free(raw: list[_Span]) -> list[_Span]:
    """The spans of `raw` (in order of preference) that overlap no span kept before them,
    in text order.

    The kept spans never overlap each other, so sorted by start they are sorted by end
    too: only the kept span starting at or before a candidate and the one after it can
    overlap it (a scan of all kept spans per candidate made a 300-page text quadratic).

    >>> [r[:2] for r in _first_free([(5, 9, "a", None), (0, 6, "b", None), (9, 12, "c", None),
    ...                              (0, 5, "d", None)])]
    [(0, 5), (5, 9), (9, 12)]
    """
    starts: list[int] = []
    kept: list[_Span] = []
    for r in raw:
        i = bisect.bisect_right(starts, r[0])
        if i and kept[i - 1][1] > r[0]:
            continue
        if i < len(kept) and kept[i][0] < r[1]:
            continue
        starts.insert(i, r[0])
        kept.insert(i, r)
    return kept


# what follows a diary's month heading: its first entry ("Monday, 3rd.")
_ENTRY_AFTER = re.compile(
    rf"[ \t]*\n\s*(?:{_WEEKDAY}|{_WEEKDAY.upper()}),?[ \t]+(?:the[ \t]+)?"
    rf"(?:[12]\d|3[01]|0?[1-9])(?!\d)")
# what follows a diary's year heading: its month heading or its first entry
_HEADING_AFTER = re.compile(
    rf"[ \t]*\n\s*(?:{MONC}\.?[ \t]*(?:\n|$)|"
    rf"(?:{_WEEKDAY}|{_WEEKDAY.upper()}),?[ \t]+(?:the[ \t]+)?(?:[12]\d|3[01]|0?[1-9])(?!\d))")


# a lower-case word after a number in words that is no function word: the noun it counts
_COUNTED_AFTER = re.compile(
    r"[ \t]+(?!(?:and|in|at|of|by|on|the|to|with|before|between|under|which|whereof|"
    r"being|we|it)\b)[a-z]")


# the place of a dateline, from the start of its line up to the date
_DATELINE_HEAD = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z'’\-]+(?:[ \t]+[A-Z][A-Z'’\-]+){0,2}[ \t]*,[ \t]*"
    r"(?:[A-Z][a-z]+day,?[ \t]*)?$")


def _anchor_ctx(anchor: str | None) -> Ctx:
    """The document's date as a context: '1938-08-07' -> (1938, 8, 7)."""
    parts = [int(p) for p in re.findall(r"\d+", anchor or "")[:3]]
    if not parts or not 1000 <= parts[0] <= 2099:
        return (None, None, None)
    return (parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


_EVERY_YEAR = re.compile(r",?\s+(?:(?:of|in)\s+(?:each|every)\s+year|annually|yearly|every\s+year)\b")
_EVERY_YEAR_BEFORE = re.compile(r"\b(?:annually|yearly|every\s+year|each\s+year)\s+on\s+(?:the\s+)?$")


def _bare(s: int, e: int, mo: int, d: int | None, ctx: Ctx, text: str) -> Found:
    """A day-month (or month, `d` None) without a year, its year from the context; a
    day of every year ("the 1st of June of each year", "annually on 5 May") has none.

    >>> [f.value for f in find_dates("It met on 1 June of each year and on 3 May.", "1928")]
    ['XXXX-06-01', '1928-05-03']
    """
    if _EVERY_YEAR.match(text, e) or _EVERY_YEAR_BEFORE.search(text, max(0, s - 20), s):
        return Found(s, e, f"XXXX-{mo:02d}" + (f"-{d:02d}" if d else ""), None)
    r = _resolve(ctx, mo, d, _cue(text, s, e) if ctx[1] is not None else None)
    if r is None:
        day = f"-{d:02d}" if d is not None and _day_exists(None, mo, d) else ""
        return Found(s, e, f"XXXX-{mo:02d}{day}", None)
    y, q, moves = r
    d = d if d is not None and _day_exists(y, mo, d) else None
    return Found(s, e, _fmt(y, mo, d) + q, y if moves else None, mo, d)


def _weekday(s: int, e: int, anchor: str | None, ctx: Ctx, text: str,
             g: dict[str, str | None]) -> Found | None:
    """A day of the week next to the document's date: "last Thursday"/"Thursday last"
    the one before it, "next Monday" the one after; a plain "on Thursday" the one before
    (after in a clause in the future tense), marked uncertain. Only while the narrative
    is at the document's date (a book's "on Monday" belongs to its story, not to the
    day the page was printed).

    >>> t = "On Thursday evening a fire broke out; the board meets on Monday next."
    >>> [f.value for f in find_dates(t, "1899-10-14")]
    ['1899-10-12?', '1899-10-16']
    >>> [f.value for f in find_dates(t, "1899-10")], find_dates("last Friday", None)
    ([], [])
    """
    y, mo, d = _anchor_ctx(anchor)
    if y is None or mo is None or d is None or ctx != (y, mo, d) \
            or not _day_exists(y, mo, d):
        return None
    wd = WEEKDAYS[(g["w"] or "").lower()]
    today = datetime.date(y, mo, d)
    rel = (g.get("post") or g.get("pre") or "").lower()
    forward = rel == "next" or rel == "on" and _cue(text, s, e) == "forward"
    if forward:
        day = today + datetime.timedelta(days=(wd - today.weekday()) % 7 or 7)
    else:
        day = today - datetime.timedelta(days=(today.weekday() - wd) % 7 or 7)
    q = "?" if rel == "on" else ""
    return Found(s, e, day.isoformat() + q, None)


def _next_day(s: int, e: int, anchor: str | None, ctx: Ctx, word: str) -> Found | None:
    """"yesterday" / "to-morrow": the day before or after the day of writing, while the
    narrative is at that day (as for the days of the week).

    >>> [f.value for f in find_dates("Yesterday it rained; to-morrow we sail.", "1887-03-01")]
    ['1887-02-28', '1887-03-02']
    >>> find_dates("yesterday", "1887-03")
    []
    """
    y, mo, d = _anchor_ctx(anchor)
    if y is None or mo is None or d is None or ctx != (y, mo, d) \
            or not _day_exists(y, mo, d):
        return None
    shift = -1 if word.lower().startswith("y") else 1
    day = datetime.date(y, mo, d) + datetime.timedelta(days=shift)
    return Found(s, e, day.isoformat(), None)


def _month_heading(s: int, e: int, mo: int, ctx: Ctx) -> Found:
    """A month on a line of its own (a diary's or a chronicle's heading): the month of
    the context year, the next year's when it comes earlier in the calendar than the
    context (a diary running on from December into January), and the new "now".

    >>> [f.value for f in find_dates("1887.\\nDECEMBER.\\nsnow\\nJANUARY.\\nthaw")]
    ['1887', '1887-12', '1888-01']
    >>> [f.value for f in find_dates("1887.\\nJANUARY.\\nMonday, 3rd. He sails in March.\\nFEBRUARY.")]
    ['1887', '1887-01', '1887-01-03', '1887-03', '1887-02']
    >>> [[f.value for f in find_dates(t)] for t in ("MARCH.\\nMonday, 3rd.", "May\\nwe left")]
    [['XXXX-03'], []]
    """
    y, cm, _cd = ctx
    if y is None:
        return Found(s, e, f"XXXX-{mo:02d}", None)
    if cm is not None and mo < cm:
        y += 1
    return Found(s, e, _fmt(y, mo), y, mo)


def _diary_day(s: int, e: int, ctx: Ctx, g: dict[str, str | None]) -> Found | None:
    """A diary entry's heading, "Monday, 3rd.": that day of the context month (of the
    next month when the day is earlier than the context's day: the month ran out without
    a heading). A weekday that does not fall on the day makes it uncertain ("?"), as a
    historian would query it. Without a context month nothing is said.

    >>> t = "1887.\\nJANUARY.\\nSaturday, 1st.--Cold.\\nMonday, 31st.--Wet.\\nTuesday, 1st.--Fog."
    >>> [f.value for f in find_dates(t)]
    ['1887', '1887-01', '1887-01-01', '1887-01-31', '1887-02-01']
    >>> [f.value for f in find_dates("1887.\\nJANUARY.\\nSunday, 1st.--Cold.")][-1]
    '1887-01-01?'
    >>> find_dates("Monday, 3rd.--Snow.")
    []
    """
    y, mo, cd = ctx
    d = _day(g["d"] or "")
    if y is None or mo is None:
        return None
    wd = WEEKDAYS[(g["w"] or "").lower()]
    if cd is not None and d < cd:
        ny, nmo = divmod(y * 12 + mo, 12)
        nmo += 1
        # the day already past in this month when its weekday falls there and not in the
        # next ("on Saturday, the 3rd" in a letter of Monday 5 May is 3 May)
        if not (_day_exists(y, mo, d) and datetime.date(y, mo, d).weekday() == wd
                and not (_day_exists(ny, nmo, d)
                         and datetime.date(ny, nmo, d).weekday() == wd)):
            y, mo = ny, nmo
    if not _day_exists(y, mo, d):
        return None
    q = "" if datetime.date(y, mo, d).weekday() == wd else "?"
    return Found(s, e, _fmt(y, mo, d) + q, y, mo, d)


def _month_of_writing(s: int, e: int, anchor: str | None, d: int, rel: str) -> Found | None:
    """"the 10th inst." (this month), "ult." (the last), "prox." (the next), counted
    from the document's date; without one the month is unknown and nothing is said.

    >>> _month_of_writing(0, 9, "1899-01-14", 28, "ult.").value
    '1898-12-28'
    >>> _month_of_writing(0, 9, "1899-12-14", 3, "proximo").value
    '1900-01-03'
    >>> _month_of_writing(0, 9, "1899", 3, "inst.") is None
    True
    >>> [f.value for f in find_dates("DTG 231845Z NOV 41 REF 120930Z", None)]
    ['1941-11-23']
    >>> [f.value for f in find_dates("on the 1st of this month and the 9th of last month",
    ...                              "1899-01-14")]
    ['1899-01-01', '1898-12-09']
    """
    y, mo, _d = _anchor_ctx(anchor)
    if y is None or mo is None:
        return None
    rel = rel.lower()
    shift = -1 if rel.startswith("ult") or "last" in rel else \
        1 if rel.startswith("prox") or "next" in rel else 0
    y, mo = divmod(y * 12 + mo - 1 + shift, 12)
    mo += 1
    if not _day_exists(y, mo, d):
        return None
    return Found(s, e, _fmt(y, mo, d), None)  # the narrative's year does not move


# the longest span of years "1914-18" is read as (a larger gap is no span of years)
SPAN_YEARS = 60
# pages, columns, numbers, command papers ("Cd. 1920-21"); after a volume a span may be
# its columns ("vol. 212, 1201-15") or the years it covers ("vol. 2, 1914-18"): read
_PAGES_BEFORE = re.compile(r"\b(?:pp?|cols?|pages?|nos?|ll|ff|fols?|S|cd|cmd|cmnd)\.?\s*$",
                           re.I)


def _value(kind: str, m: re.Match[str], anchor: str | None, ctx: Ctx, text: str,
           s: int, e: int) -> Found | None:
    g = m.groupdict()
    year = ctx[0]
    if kind == "month_range":
        y = int(g["y"])
        mo2 = _month(g["m2"])
        return Found(s, e, f"{_fmt(y, _month(g['m1']))}/{_fmt(y, mo2)}", y, mo2)
    if kind == "split_year":
        if _PAGES_BEFORE.search(text, max(0, s - 10), s):
            return None  # "pp. 1914-15", "cols. 1928-9": pages or columns, no years
        y1 = int(g["y1"])
        tail = g["y2"]
        y2 = y1 - y1 % 10 ** len(tail) + int(tail) if len(tail) < 4 else int(tail)
        return Found(s, e, f"{y1}/{y2}", y2) if y1 < y2 <= y1 + SPAN_YEARS else None
    if kind == "the_year":
        y = int(g["y"])
        return Found(s, e, _fmt(y), y)
    if kind == "on_the_day":
        yy, mo, cd = ctx
        d = _day(g["d"])
        if yy is None or mo is None or cd is not None and d < cd \
                or not _day_exists(yy, mo, d):
            return None  # no month named, or a day already past (the next month's?)
        return Found(s, e, _fmt(yy, mo, d), yy, mo, d)
    if kind == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        return Found(s, e, f"{y1}/{y2}", y2) if y1 < y2 else None
    if kind in ("mdy", "dmy", "foreign_dmy"):
        y = int(g["y"])
        mo = _foreign_month(g["m"]) if kind == "foreign_dmy" else _month(g["m"])
        d = _day(g["d"])
        d2 = d if _day_exists(y, mo, d) else None
        return Found(s, e, _fmt(y, mo, d2), y, mo, d2)
    if kind == "my":
        y = int(g["y"])
        mo = _month(g["m"])
        return Found(s, e, _fmt(y, mo), y, mo)
    if kind == "prep_year":
        y = int(g["y"])
        return Found(s, e, _fmt(y), y)
    if kind == "day_or_day":
        mo = _month(g["m"])
        a, b = _day(g["d1"]), _day(g["d2"])
        if g.get("y"):
            yy = int(g["y"])
            return Found(s, e, f"[{_fmt(yy, mo, a)},{_fmt(yy, mo, b)}]", yy, mo, b)
        r = _resolve(ctx, mo, a, _cue(text, s, e) if ctx[1] is not None else None)
        if r is None:
            return Found(s, e, f"[XXXX-{mo:02d}-{a:02d},XXXX-{mo:02d}-{b:02d}]", None)
        yy, q, moves = r
        return Found(s, e, f"[{_fmt(yy, mo, a)}{q},{_fmt(yy, mo, b)}{q}]",
                     yy if moves else None, mo, b)
    if kind == "in_month":
        return _bare(s, e, _month(g["m"]), None, ctx, text)
    if kind in ("md", "dm", "dm_bare", "foreign_dm"):
        mo = _foreign_month(g["m"]) if kind == "foreign_dm" else _month(g["m"])
        return _bare(s, e, mo, _day(g["d"]), ctx, text)
    if kind == "inst":
        return _month_of_writing(s, e, anchor, _day(g["d"]), g["rel"])
    if kind == "today":
        return Found(s, e, anchor, None) if anchor else None
    if kind == "words_date":
        d = _words_number(g["dw"]) if not g["dw"][0].isdigit() else _day(g["dw"])
        if not g["yw"][0].isdigit() and _COUNTED_AFTER.match(text, e):
            # "the first day of July, twelve hundred soldiers crossed": a count, no year
            return None
        y = _words_number(g["yw"]) if not g["yw"][0].isdigit() else int(g["yw"])
        mo = _month(g["m"])
        if d is None or y is None or not 1000 <= y <= 2099 or not _day_exists(y, mo, d):
            return None
        return Found(s, e, _fmt(y, mo, d), y, mo, d)
    if kind == "dtg":
        y = int(g["y"]) if len(g["y"]) == 4 else 1900 + int(g["y"])
        mo, d = MONTHS[g["m"].lower()], int(g["d"])
        return Found(s, e, _fmt(y, mo, d), y, mo, d) if _day_exists(y, mo, d) else None
    if kind == "nextday":
        return _next_day(s, e, anchor, ctx, g["w"])
    if kind == "year_line":
        # a figure alone on its line is a heading only when a diary's month or day
        # heading follows: a column of figures ("1250\n1500\n1800") or a total set out
        # on its own line is no year (and must not date what follows)
        if not _HEADING_AFTER.match(text, e):
            return None
        y = int(g["y"])
        return Found(s, e, _fmt(y), y)
    if kind == "month_line":
        return _month_heading(s, e, _month(g["m"]), ctx)
    if kind == "diary_day":
        return _diary_day(s, e, ctx, g)
    if kind == "weekday":
        return _weekday(s, e, anchor, ctx, text, g)
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


# the signing formula opens its line ("Done at Geneva, ..."): inside a sentence ("the
# treaty was Signed at Versailles on 28 June 1919", "Made in Solingen") it reports a date
# of what the text tells, not the text's own
_SIGNED_AT = re.compile(r"^[ \t]*(?:Done|Signed|Given|Dated|Made)\s+(?:at|in)\s+[A-Z]", re.M)


def document_date(doc: Document) -> str | None:
    """metadata["date"] if set, else a full date in the heading (which then sets it)."""
    d = doc.metadata.get("date")
    if isinstance(d, str) and re.match(r"\d{4}", d):
        return d
    d = heading_date(doc.text)
    if not d:
        # a treaty or deed is dated where it is signed, at its foot ("Done at Geneva
        # ... this ninth day of February, nineteen hundred and twenty-eight")
        text = doc.text
        done = _SIGNED_AT.search(text, max(0, len(text) - 800))
        if done:
            d = heading_date(text[done.start():])
    if not d:
        # a newspaper's date stands in its running head ("THE COURIER, MAY 2, 1871.  5"),
        # which layout took out of the body as furniture
        heads = [f.text for f in doc.furniture if f.type == "header"]
        d = heading_date("\n".join(heads[:1]))
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


def _periodical_before(head: str, names: tuple[str, ...] = ()) -> bool:
    """Whether `head` ends with a periodical's name and a comma ("Pravda, "): a name
    the gazetteer or the periodical rules know, or one of `names` (the periodicals the
    note's citations name).

    >>> _periodical_before("Western Courier, "), _periodical_before("Smith to Brown, ")
    (True, False)
    >>> _periodical_before("Weekly Bugle, ", ("Weekly Bugle",))
    True
    """
    from .gazetteer import load
    from .rules import is_periodical

    m = re.search(r"([A-Z][\w’'\- ]*),\s*$", head)
    if not m:
        return False
    if any(head.rstrip(" ,").endswith(n) for n in names if n):
        return True
    ent = load().lookup(m.group(1))
    return (ent is not None and ent.type == "WORK") or is_periodical(m.group(1))


def _issue_spans(text: str, anchor: str | None, issues: list[tuple[str, str]]
                 ) -> set[tuple[int, int]]:
    """The spans of the dates of note `text` that are the issue dates of its newspaper
    citations (`issues`: container title, EDTF day): the date right after the paper's
    name, else the first date of that day in the note. Only these are publication data:
    the same day elsewhere in the note may date an event.

    >>> t = "Weekly Bugle, 2 May 1902, 4; the strike began on 2 May 1902."
    >>> sorted(_issue_spans(t, None, [("Weekly Bugle", "1902-05-02")]))
    [(14, 24)]
    """
    if not issues:
        return set()
    found = find_dates(text, anchor)
    out: set[tuple[int, int]] = set()
    for name, value in issues:
        same = [f for f in found if f.value == value and (f.start, f.end) not in out]
        hit = next((f for f in same if _periodical_before(text[:f.start], (name,))), None)
        hit = hit or (same[0] if same else None)
        if hit is not None:
            out.add((hit.start, hit.end))
    return out


@stage("extract.dates")
def extract_dates(doc: Document) -> Document:
    """Find and normalise dates in the body and in footnotes (in notes that hold
    citations, only dates that are not publication data)."""
    anchor = document_date(doc)
    cited = cited_notes(doc)
    # a newspaper's issue date is publication data, as a book's year is
    issues: dict[str, list[tuple[str, str]]] = {}
    for c in doc.citations:
        if c.get("type") == "article-newspaper" and c.get("issued"):
            issues.setdefault(f"note:{c.get('note')}", []).append(
                (str(c.get("container-title") or ""), str(c["issued"])))
    doc.dates = []
    for v in doc.views():
        found = note_dates(v.text, anchor) if v.where in cited else find_dates(v.text, anchor)
        skip = _issue_spans(v.text, anchor, issues.get(v.where, []))
        for f in found:
            if (f.start, f.end) in skip:
                continue
            os_, oe = orig_span(v, f.start, f.end)
            doc.dates.append(DateMention(v.text[f.start:f.end], f.value, v.where, f.start,
                                         f.end, os_, oe))
    return doc
