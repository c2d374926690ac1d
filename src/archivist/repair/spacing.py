"""repair.spacing: put back spaces OCR or extraction lost, and drop stray specks.

* punctuation glued to the next word: "Guizot,Memoires", "politique(Paris",
  "tion.”Annales" (never inside numbers: "3,250");
* a function word glued to a capitalised word: "ofHansard";
* an isolated full stop inside a sentence: "taken . several";
* a full stop between a long lower-case word and a lower-case function word:
  "farmers. who";
* a comma for the full stop of a title before a name: "Mr, Tregarth", "Messrs, Kettlewell";
* military ranks in lists of names ("Pte K. Ambler", "Pie. Renshaw"): the small full
  stop the OCR lost, and "Pte" read as "Pie", on pages that print ranks with a stop.

Glued lower-case words ("wentdown") are split by `repair.words`, which scores
segmentations with word frequencies; split words ("com mittee") are joined by
`repair.context`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lexicon import zipf
from ..pipeline import stage
from .core import URL_RE, Change, Context, is_lexical, run_stage

# two letters each side: "ar,d", "arrive,I." and "y,i" are OCR noise, not glued words.
# (Each pattern starts with its punctuation and looks behind from there: the same
# matches as a leading lookbehind, which the engine tries at every position, 3-20x
# faster; tests compare them.)
COMMA_GLUE_RE = re.compile(r"[,;:](?<=[a-z]{2}[,;:])(?=[A-Za-z][a-z])")
PAREN_GLUE_RE = re.compile(r"\((?<=[a-z]\()(?=[A-Za-z])")
QUOTE_GLUE_RE = re.compile(r"[”\"’](?<=[.!?,][”\"’])(?=[A-Z])")  # the space goes after it
CAMEL_RE = re.compile(r"\b([a-z]{2,4})([A-Z][a-z]{2,})\b")
SPECK_RE = re.compile(r" \.(?<=[a-z] \.)(?= [a-z])")
STOP_RE = re.compile(r"\b([a-z]{5,})\.(?= ([a-z]+)\b)")
# a title's full stop read as a comma before a capitalised name ("Mr, Tregarth"); the
# comma comes first (a literal: cheap to scan for), the title is checked behind it.
# Not "St" or "Dr": "High St, Leeds", "Dr, Cr" in accounts are real commas.
TITLE_COMMA_RE = re.compile(r",(?<=[rsvt],)(?= [A-Z])")
TITLES = frozenset({"Mr", "Mrs", "Messrs", "Rev", "Capt"})
# a title after the comma makes a list of titles ("Mr, Mrs, or Miss"): real commas
TITLE_NEXT_RE = re.compile(r"(?:Mrs?|Messrs|Rev|Capt|Miss|Dr|Master)\b")
# Abbreviated ranks that are no words; printed with a full stop on the pages that
# show one ("Sergt. Ibbotson"). Not "Mr": papers print it bare too ("Mr Smith").
RANKS = ("Pte", "Corpl", "Sergt", "Lieut", "Capt", "Bombr", "Gnr", "Sapr", "Dmr")
# with their stop they show the page prints ranks so; bare, they are never given one
DOTTED_ONLY = ("Col", "Maj")
RANK_BARE_RE = re.compile(f"(?:{'|'.join(RANKS)})(?= [A-Z])")
RANK_DOT_RE = re.compile(f"(?:{'|'.join(RANKS + DOTTED_ONLY)})\\.")
# (the three patterns start with their literals, fast to scan for; `_word_start`
# then checks that a match opens a token)
# "Pte" misread, before a name: "Pie. Renshaw", "Pta Yeld", "Fte T Halse"; only on a
# page that names privates, corporals or sergeants ("Apple Pie. Dessert" stays)
OTHER_RANKS = ("Pte", "Corpl", "Sergt")
RANK_MISREAD_RE = re.compile(r"(?:Pie|Pta|Fte|Ptv)(?=[.,]? [A-Z])")
# such a rank as a word of its own or after a hyphen ("Lance-Corpl."), not the start of
# a longer word ("Pterodactyl", "Pteris"); and how near a misread "Pte" it must stand
OTHER_RANK_RE = re.compile(f"(?<![A-Za-z])(?:{'|'.join(OTHER_RANKS)})(?![a-z])")
RANK_NEAR = 200
# Where CAMEL_RE and STOP_RE can match (both start with a word boundary, so `finditer`
# tries them at every position: ~0.25 ms each per 3 KB page): the capital after a
# lower-case letter, the full stop before " x". See `_matches_from`.
CAMEL_AT = re.compile(r"[A-Z](?<=[a-z][A-Z])(?=[a-z]{2})")
STOP_AT = re.compile(r"\.(?= [a-z])")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _matches_from(rx: re.Pattern[str], at: re.Pattern[str], shortest: int, longest: int,
                  text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """`list(rx.finditer(text, lo, hi))` for `rx` = CAMEL_RE or STOP_RE (a word
    boundary, `shortest`..`longest` letters a-z, then what `at` finds), found from the
    hits of `at`: a match there starts where the run of a-z letters before the hit
    starts (inside the run there is no word boundary), so `rx.match` is tried at that
    one position; runs of the wrong length or starting before `lo` cannot match. Matches
    cannot overlap (a boundary before a run cannot lie inside a run), so these are
    `finditer`'s (the property test compares them on any text and window).

    >>> t = "see ofLondon and the lastword. in it"
    >>> [m.group() for m in _matches_from(CAMEL_RE, CAMEL_AT, 2, 4, t, 0, len(t))]
    ['ofLondon']
    >>> [m.group() for m in _matches_from(STOP_RE, STOP_AT, 5, len(t), t, 0, len(t))]
    ['lastword.']
    """
    out = []
    for hit in at.finditer(text, lo, hi):
        end = p = hit.start()
        while p > 0 and text[p - 1] in _LOWER:
            p -= 1
        if p < lo or not shortest <= end - p <= longest:
            continue
        m = rx.match(text, p, hi)
        if m is not None:
            out.append(m)
    return out


def fix_spacing(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes restoring lost spaces and removing stray full stops.

    >>> t = "editor ofHansard: Guizot,Memoires politique(Paris, A Reconstruc-tion.”Annales"
    >>> [(c.start, c.replacement) for c in fix_spacing(t)]
    [(9, ' '), (25, ' '), (43, ' '), (70, ' ')]
    >>> fix_spacing("3,250 million; U.S.A. and i. e., http://a.b/c,d McDonald")
    []
    >>> fix_spacing("Johson, ar,d Pte; to have arrive,I.")
    []
    >>> [(c.end - c.start, c.replacement) for c in fix_spacing("I had taken . several")]
    [(2, '')]

    A title's full stop read as a comma; other words' commas stay:

    >>> [(c.start, c.replacement) for c in fix_spacing("by Mr, Tregarth and Messrs, Kettlewell")]
    [(5, '.'), (26, '.')]
    >>> fix_spacing("High St, Leeds; Dr, Cr; Mr, and the Mrs, as said; Hammer, Smith")
    []
    >>> fix_spacing("Sign here (Mr, Mrs, Miss) and")
    []
    """
    # (every link or address holds one of these: most pages need no scan at all)
    urls = ([(m.start(), m.end()) for m in URL_RE.finditer(text)]
            if "@" in text or "://" in text or "www." in text else [])

    def in_url(i: int) -> bool:
        return any(s <= i < e for s, e in urls)

    out: list[Change] = []
    ranked = any(r in text for r in RANKS)  # (substring tests: most pages have none)
    # (the page-wide rank evidence once per call, not once per focus window: a long
    # text with many windows rescanned itself for each one)
    scan = _rank_scan(text) if ranked else None
    for lo, hi in _windows(text, ctx):
        out += _window_changes(text, lo, hi, in_url)
        if scan is not None:
            out += _rank_changes(text, lo, hi, scan)
    return sorted(out, key=lambda c: (c.start, c.end))


def _rank_scan(text: str) -> tuple[list[re.Match[str]], bool]:
    """The page-wide evidence `_rank_changes` needs: the misread "Pte"s in lists of
    ranks, and whether the page prints a rank with its full stop."""
    misread = _misread_ranks(text) if any(r in text for r in OTHER_RANKS) else []
    # (a misread one printed with its stop counts: once repaired, a second run sees it;
    # and a bare one repaired where ranks have stops gets its stop in the same edit)
    dotted = any(_word_start(text, m.start()) for m in RANK_DOT_RE.finditer(text)) or any(
        text.startswith(".", m.end()) for m in misread)
    return misread, dotted


def _rank_changes(text: str, lo: int, hi: int,
                  scan: tuple[list[re.Match[str]], bool] | None = None) -> list[Change]:
    """A rank's lost full stop and "Pte" misread, in a list of names, in text[lo:hi];
    `scan` is `_rank_scan(text)` (computed here when not given).

    >>> t = "Sergt. Ibbotson, Pte K. Ambler, Pie. Renshaw, Corpl Varley and Pta Yeld"
    >>> [(t[c.start:c.end], c.replacement) for c in _rank_changes(t, 0, len(t))]
    [('', '.'), ('', '.'), ('Pie', 'Pte'), ('Pta', 'Pte.')]

    The stop only where the page prints a rank with one; "Pie" only beside ranks:

    >>> _rank_changes("Pte K. Ambler and Corpl Varley", 0, 30)
    []
    >>> _rank_changes("Apple Pie. Dessert by Capt. Cook", 0, 32)
    []
    >>> _rank_changes("Pork Pie, Ham; a Pterodactyl", 0, 28)
    []
    """
    out: list[Change] = []
    misread, dotted = scan if scan is not None else _rank_scan(text)
    if dotted:
        for m in RANK_BARE_RE.finditer(text, lo, hi):
            if _word_start(text, m.start()):
                out.append(Change(m.end(), m.end(), ".", 0.8, ("",),
                                  "full stop of an abbreviated rank"))
    for m in misread:
        if lo <= m.start() < hi:
            stop = "." if dotted and text.startswith(" ", m.end()) else ""
            out.append(Change(m.start(), m.end(), "Pte" + stop, 0.75, (m.group(),),
                              f"rank 'Pte' read as '{m.group()}' in a list of ranks"))
    return out


def _misread_ranks(text: str) -> list[re.Match[str]]:
    """The misread "Pte"s of `text` that stand in a list of ranks: each within RANK_NEAR
    characters of a rank or of another such misread that is (so a second run, which
    reads the repaired ones as ranks, finds no more).

    >>> t = "Pte A. " + "x" * 150 + " Pie B. " + "x" * 150 + " Pie C. " + "x" * 250 + " Apple Pie Crust"
    >>> [m.start() for m in _misread_ranks(t)], _misread_ranks(t.replace("Pte", "Pot"))
    ([158, 316], [])
    """
    ranks = [m.start() for m in OTHER_RANK_RE.finditer(text)]
    if not ranks:
        return []
    misread = [m for m in RANK_MISREAD_RE.finditer(text) if _word_start(text, m.start())]
    # runs of ranks and misreads no more than RANK_NEAR apart; a run with a rank in it
    # is a list of ranks
    marks = sorted([(p, None) for p in ranks] + [(m.start(), m) for m in misread],
                   key=lambda x: x[0])
    out: list[re.Match[str]] = []
    run: list[re.Match[str]] = []
    ranked = False
    last = None
    for pos, m in marks:
        if last is not None and pos - last > RANK_NEAR:
            out += run if ranked else []
            run, ranked = [], False
        if m is None:
            ranked = True
        else:
            run.append(m)
        last = pos
    return out + (run if ranked else [])


def _windows(text: str, ctx: Context | None) -> list[tuple[int, int]]:
    """The stretches to scan: the whole text, or (a follow-up round around fresh
    edits) the merged focus spans, so an unchanged page is not scanned again."""
    spans = ctx.flags.get("focus") if ctx is not None else None
    if spans is None:
        return [(0, len(text))]
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):  # type: ignore[union-attr]
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, min(hi, len(text))))
    return merged


def _window_changes(text: str, lo: int, hi: int, in_url: Callable[[int], bool]) -> list[Change]:
    """`fix_spacing`'s changes whose match lies in text[lo:hi] (lookbehinds see
    the text before `lo`)."""
    out = []
    # (the quote before a space to put back at `lo` itself lies just before the window)
    for rx, start, why in ((COMMA_GLUE_RE, lo, "space after punctuation"),
                           (QUOTE_GLUE_RE, max(0, lo - 1), "space after closing quote")):
        for m in rx.finditer(text, start, hi):
            pos = m.end()
            if not in_url(pos):
                out.append(Change(pos, pos, " ", 0.9, ("",), why))
    for m in PAREN_GLUE_RE.finditer(text, lo, hi):
        if not in_url(m.start()):
            out.append(Change(m.start(), m.start(), " ", 0.9, ("",), "space before bracket"))
    for m in _matches_from(CAMEL_RE, CAMEL_AT, 2, 4, text, lo, hi):
        left = m.group(1)
        if zipf(left) >= 5.5 and not is_lexical(m.group()) and not in_url(m.start()):
            pos = m.start(2)
            out.append(Change(pos, pos, " ", 0.85, ("",),
                              f"function word {left!r} glued to a capitalised word"))
    for m in SPECK_RE.finditer(text, lo, hi):
        out.append(Change(m.start(), m.end(), "", 0.7, (m.group(),), "stray punctuation"))
    for m in TITLE_COMMA_RE.finditer(text, lo, hi):
        pos = m.start()
        if any(pos >= len(t) and text.startswith(t, pos - len(t)) and _word_start(text, pos - len(t))
               for t in TITLES) and not TITLE_NEXT_RE.match(text, pos + 2):
            out.append(Change(pos, pos + 1, ".", 0.85, (",",), "comma for a title's full stop"))
    for m in _matches_from(STOP_RE, STOP_AT, 5, hi, text, lo, hi):
        nxt = m.group(2)
        if zipf(nxt) >= 5.0 and not in_url(m.start()):
            pos = m.end() - 1
            out.append(Change(pos, pos + 1, "", 0.6, (".",),
                              "full stop inside a sentence (next word is lower case)"))
    return out


def _word_start(text: str, i: int) -> bool:
    """Whether a token starts at `i` (the text's start or whitespace before it)."""
    return i == 0 or text[i - 1].isspace()


@stage("repair.spacing")
def spacing_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_spacing` on the body and every note."""
    return run_stage(doc, "repair.spacing", fix_spacing, needs_context=False)
