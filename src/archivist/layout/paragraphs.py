"""Paragraphs: the reading text's lines joined with one space, paragraphs split by
exactly one blank line, no leading or trailing whitespace.

Every run of whitespace holding a line break (CRLF, CR, LF, form feed) gets one
decision, recorded as a layout edit when it changes the text:

* after a hyphen the break stays a single ``\\n`` (``repair.hyphenation`` decides
  between ``country`` and ``anti-aircraft``);
* a blank line or page break is a paragraph break, unless the text before it
  does not end a sentence and the text after starts in lower case (a paragraph
  split by a page break or a removed header), or it lies inside a run of
  double-spaced typescript lines (three or more one-line "paragraphs" of similar
  length that do not end sentences);
* a single line break is a paragraph break in PDF-like text when the line is
  short and ends a sentence and the next starts with a capital, or the next line
  is indented, or the line is longer than any printed line (one paragraph per
  line, as archive portals export text) and ends a sentence, or it ends or starts
  a table row (mostly figures), or it and the next are fields ("Date: 1837");
  otherwise it is a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Edit, View
from ..pipeline import stage
from .lines import ends_sentence, starts_lower, starts_upper
from .pages import MAX_HEAD_LEN, title_like

STAGE = "layout.paragraphs"

BREAK_RUN = re.compile(r"[ \t]*(?:\r\n|\r|\n|\f)(?:[ \t]*(?:\r\n|\r|\n|\f))*[ \t]*")
LINE_BREAKS = re.compile(r"\r\n|\r|\n|\f")
# BREAK_RUN from its first line break on: a pattern that starts with a break character
# is searched for in C, where BREAK_RUN's leading spaces made the engine try the whole
# pattern at every character (~25 ns each, the most of `find_gaps`)
_BREAK_ON = re.compile(r"(?:\r\n|\r|\n|\f)(?:[ \t]*(?:\r\n|\r|\n|\f))*[ \t]*")
SHORT_RATIO = 0.8  # a line shorter than this share of the usual width can end a paragraph
HEADING_RATIO = 0.6  # a title-like line shorter than this is a heading
TYPESCRIPT_MIN, TYPESCRIPT_MAX = 30, 90  # chars in a double-spaced typescript line
TYPESCRIPT_RUN = 3
# a line longer than any printed or typed line: text exported one paragraph per line
UNWRAPPED = 120


@dataclass
class Gap:
    """A whitespace run with line breaks between two lines of the body."""

    start: int
    end: int
    breaks: int
    page_break: bool
    before: str  # the line before
    after: str  # the line after
    indent: bool  # the next line is indented
    next_breaks: int = 0  # line breaks in the gap after the next line (0: none)


def break_runs(text: str) -> list[tuple[int, int]]:
    """The spans of ``BREAK_RUN.finditer(text)``: each run found from its first break
    (`_BREAK_ON`), then widened over the spaces and tabs before it (which the run
    before, ending where neither follows, never reaches).

    >>> text = "a \\n\\n  b\\t\\r\\nc\\f"
    >>> break_runs(text) == [m.span() for m in BREAK_RUN.finditer(text)]
    True
    >>> break_runs(text)
    [(1, 6), (7, 10), (11, 12)]
    """
    out = []
    for m in _BREAK_ON.finditer(text):
        s = m.start()
        while s and text[s - 1] in " \t":
            s -= 1
        out.append((s, m.end()))
    return out


def find_gaps(text: str) -> list[Gap]:
    """The line-break runs of `text` (not at its very start or end)."""
    runs = break_runs(text)
    gaps = []
    for k, (start, end) in enumerate(runs):
        if start == 0 or end == len(text):
            continue
        ls = runs[k - 1][1] if k > 0 else 0  # the line before starts after the last run
        le = runs[k + 1][0] if k + 1 < len(runs) else len(text)
        raw = text[start:end]
        last_line = LINE_BREAKS.split(raw)[-1]
        gaps.append(Gap(start, end, len(LINE_BREAKS.findall(raw)), "\f" in raw,
                        text[ls:start].strip(), text[end:le].strip(),
                        len(last_line.expandtabs(4)) >= 2))
    for a, b in zip(gaps, gaps[1:], strict=False):
        a.next_breaks = b.breaks
    return gaps


def one_char_breaks(view: View) -> str:
    """`view.text` with every line break one ``\\n`` and the same length: a CRLF of
    the source is ``" \\n"``, a lone CR (old Mac files) ``"\\n"``.

    A CR followed by an LF that an edit put there (a foot block removed after a
    CR line end) is two breaks, not a CRLF: the pair counts as one only when both
    characters come from one place (consecutive source characters, or one edit).
    """
    text = view.text
    if "\r" not in text:
        return text
    eo, orig = view.edit_of, view.orig
    chars = list(text)
    i = text.find("\r")
    while i >= 0:  # (str.find: no Python step per character of a long text)
        crlf = i + 1 < len(text) and text[i + 1] == "\n" and (
            eo[i] == eo[i + 1] != -1 or eo[i] == eo[i + 1] == -1 and orig[i + 1] == orig[i] + 1)
        chars[i] = " " if crlf else "\n"
        i = text.find("\r", i + 1)
    return "".join(chars)


def usual_width(gaps: list[Gap]) -> float:
    """Typical length of a wrapped line (lines followed by a single break)."""
    lens = sorted(len(g.before) for g in gaps if g.breaks == 1 and not g.page_break)
    if len(lens) < 4:
        return 0.0
    return float(lens[int(0.8 * (len(lens) - 1))])


def typescript_runs(gaps: list[Gap]) -> set[int]:
    """Indices of blank-line gaps inside a run of double-spaced typescript lines.

    A one-line paragraph of typescript width that does not end a sentence is a
    line of a double-spaced paragraph; so is the gap after it.
    """
    blank = [g.breaks >= 2 for g in gaps]
    short = [blank[i] and (i == 0 or blank[i - 1])
             and TYPESCRIPT_MIN <= len(g.before) <= TYPESCRIPT_MAX for i, g in enumerate(gaps)]
    out: set[int] = set()
    i = 0
    while i < len(gaps):
        if not short[i]:
            i += 1
            continue
        j = i
        while j < len(gaps) and short[j]:
            j += 1
        if j - i >= TYPESCRIPT_RUN:
            out.update(k for k in range(i, j) if not ends_sentence(gaps[k].before, strict=True))
        i = j
    return out


def hard_wrapped(gaps: list[Gap]) -> bool:
    """Whether the text's lines were wrapped at a fixed width (a typescript or a line
    printer's 132 columns): nearly every line inside a paragraph ends because its next
    word would not have fitted. One paragraph per line (a portal's export) is not.

    >>> line = "word " * 25
    >>> hard_wrapped([Gap(0, 0, 1, False, line.strip(), line.strip(), False)] * 5)
    True
    >>> hard_wrapped([Gap(0, 0, 1, False, "x" * n, "An y", False) for n in (150, 160, 170, 140)])
    False
    """
    inner = [g for g in gaps if g.breaks == 1 and not g.page_break and g.after]
    if len(inner) < WRAPPED_MIN:
        return False
    most = max(len(g.before) for g in inner)
    full = sum(1 for g in inner if len(g.before) + 1 + len(g.after.split()[0]) > most)
    return full >= WRAPPED_SHARE * len(inner)


WRAPPED_SHARE = 0.8
WRAPPED_MIN = 2  # lines inside paragraphs needed to tell (one: the longest line is "full")


def decide(g: Gap, width: float, in_run: bool, wrapped: bool = False) -> str:
    """The replacement for one gap: '\\n' (hyphen), ' ' (join) or '\\n\\n' (paragraph)."""
    # a word hyphenated at the line end ("bor-" / "der"); not a dash ("--", " -")
    if (g.before.endswith("-") and not g.before.endswith(("--", " -")) and g.after[:1].isalpha()
            and (g.breaks == 1 or starts_lower(g.after))):
        return "\n"
    if g.breaks >= 2 or g.page_break:
        if not ends_sentence(g.before) and starts_lower(g.after):
            return " "  # split by a page break or a removed header
        if in_run:
            return " "
        return "\n\n"
    if g.indent and starts_upper(g.after) and ends_sentence(g.before):
        return "\n\n"
    if table_row(g.before) or table_row(g.after):
        return "\n\n"  # a table's rows are not run into each other or into prose
    if letter_closing(g.before) or (letter_closing(g.after) or SIGNED_LINE.match(g.after)) \
            and ends_sentence(g.before):
        return "\n\n"  # "Yours faithfully," / the signature: the letter's closing lines
    if FIELD_LINE.match(g.before) and FIELD_LINE.match(g.after):
        return "\n\n"  # "Reference: PR/3/1" / "Date: 1837": a list of fields, one a line
    if len(g.before) > UNWRAPPED and not wrapped and ends_sentence(g.before, strict=True) \
            and starts_upper(g.after):
        return "\n\n"  # a whole paragraph on one line (a portal's text export)
    if (width and len(g.before) < SHORT_RATIO * width and ends_sentence(g.before, strict=True)
            and starts_upper(g.after)):
        return "\n\n"
    if width and len(g.before) < HEADING_RATIO * width and title_like(g.before) and starts_upper(
            g.after):
        return "\n\n"  # a heading line ("The Northern Frontier") above its text
    if (width and len(g.after) < HEADING_RATIO * width and title_like(g.after)
            and ends_sentence(g.before, strict=True) and g.next_breaks == 1):
        return "\n\n"  # ... and below the paragraph before it
    return " "


# a letter's or despatch's closing formula, after which the writer signs ("Yours
# faithfully", "Your most obedient humble Servant"; case-insensitive): one pattern for
# layout (the closing's lines), the entities (a signer's surname) and the metadata
# (the signatory)
CLOSING_FORMULA = (
    r"(?:(?:Your|Yours)\s+(?:(?:most\s+)?(?:very\s+)?(?:obedient|humble|faithful|sincere|"
    r"truly|ever)\s*,?\s*)+(?:and\s+(?:obedient|humble)\s+)?servants?|"
    r"Yours\s+(?:very\s+|most\s+)?(?:faithfully|sincerely|truly|ever|respectfully|obediently))")
# ... alone on its line ("I am, Sir, yours very truly,", a bare "Yours,"), and a line
# opened by the signer's mark ("(Signed) A. Brown", "(Sgd.) ...")
_CLOSING_LINE = re.compile(
    r"^(?:(?:I[ \t]+(?:am|remain),?[ \t]+)?(?:(?:Sir|Madam|Gentlemen),?[ \t]+)?)?"
    rf"(?:{CLOSING_FORMULA}|Yours)[ \t]*[,.]?$", re.I)
# the signer's mark ("(Signed)", "(Sgd.)", "Sgd.", "Signed:"; any case)
SIGN_MARK = r"(?i:\(\s*(?:Sgd|Signed|Sd)\.?\s*\)|(?:Sgd|Signed)\.?:?)"
SIGNED_LINE = re.compile(rf"^{SIGN_MARK}[ \t]*\S")


def letter_closing(line: str) -> bool:
    """A letter's closing formula on a line of its own: what follows it is the
    signature, which must stay on its line (a name there is the signer's).

    >>> letter_closing("Yours faithfully,"), letter_closing("Your obedient servant,")
    (True, True)
    >>> letter_closing("I am, Sir, yours very truly,"), letter_closing("Yours is the blame")
    (True, False)
    """
    return bool(_CLOSING_LINE.match(line.strip()))


# "Title: ...", "Date of letter: ...", "TO: ...": a short capitalised label and a colon
FIELD_LINE = re.compile(r"^[A-Z][A-Za-z]*(?:[ .'/-][A-Za-z]+){0,3}[ \t]?:[ \t]+\S")
FIGURE = re.compile(r"^[(£$]?\d[\d.,:/–-]*[%)]?$")


# words that join figures in a sentence, not in a table's row ("£12,000 in 1912,")
_PROSE_WORDS = frozenset("and or in to of the from by for with was were is at on".split())


def table_row(line: str) -> bool:
    """A row of a table: at least two figures, and figures are most of its words. A line
    of figures that a sentence joins ("1914, 1915 and 1916", "£12,000 in 1912, £14,500
    in 1913,": a conjunction or preposition between them) is prose wrapped in a narrow
    column, not a row; commas alone are not ("1853, 412, 96" is a row written as CSV).

    >>> table_row("1853 412 38 96"), table_row("Wheat 42 37 39"), table_row("in 1853 and 1854 it")
    (True, True, False)
    >>> table_row("1914, 1915 and 1916."), table_row("£12,000 in 1912, £14,500 in 1913,")
    (False, False)
    >>> table_row("1853, 412, 96")
    True
    """
    words = line.split()
    if any(w in _PROSE_WORDS for w in words):
        return False
    figures = sum(1 for w in words if FIGURE.match(w))
    return figures >= 2 and figures >= 0.6 * len(words)


def paragraph_edits(view: View) -> list[Edit]:
    """Edits that normalise every line-break run and the text's two ends."""
    text = view.text
    gaps = find_gaps(one_char_breaks(view))  # same offsets, breaks counted right
    width = usual_width(gaps)
    wrapped = hard_wrapped(gaps)  # long lines wrapped at 132 columns are no paragraphs
    runs = typescript_runs(gaps)
    edits = []
    lead = len(text) - len(text.lstrip())
    if lead:
        edits.append(view.edit(STAGE, 0, lead, "", kind="layout", reason="leading whitespace"))
    for i, g in enumerate(gaps):
        repl = decide(g, width, i in runs, wrapped)
        if text[g.start:g.end] != repl:
            why = {"\n": "line break after a hyphen kept for repair.hyphenation",
                   " ": "lines of one paragraph joined",
                   "\n\n": "paragraph break"}[repl]
            edits.append(view.edit(STAGE, g.start, g.end, repl, kind="layout", reason=why))
    trail = len(text) - len(text.rstrip())
    if trail and len(text.rstrip()) > lead:
        edits.append(view.edit(STAGE, len(text) - trail, len(text), "", kind="layout",
                               reason="trailing whitespace"))
    return edits


AUX = {"is", "was", "were", "are", "be", "been", "has", "had", "have", "did", "does", "do",
       "will", "would", "can", "could", "shall", "should", "may", "might", "must", "am"}
WORDS = re.compile(r"[^\W\d_]+")


def starts_mid_sentence(text: str) -> bool:
    """Whether a page's text begins in the middle of a sentence.

    Lower case at the start says so; so does a long first paragraph whose first
    sentence is short and has no verb (no auxiliary, no -ed form) and starts with a
    content word rather than a usual sentence opener ("Italian consuls of
    hostile Greek factions. Claiming that…").

    >>> starts_mid_sentence("in a quiet manner, he said.")
    True
    >>> starts_mid_sentence("Italian consuls of hostile Greek factions. " + "x " * 120)
    True
    >>> starts_mid_sentence("He wrote to them. " + "x " * 120)
    False
    """
    if not text.strip():
        return False
    if starts_lower(text):
        return True
    first_par = text.split("\n\n", 1)[0]
    m = re.search(r"[.!?]['\"”’)\]]*\s", first_par)
    if len(first_par) < 200 or m is None:
        return False
    words = WORDS.findall(first_par[:m.start()])
    if not words or len(words) > 12:
        return False
    from ..lexicon import zipf

    verbless = not any(w.lower() in AUX or w.lower().endswith("ed") for w in words)
    return verbless and zipf(words[0].lower()) < 5.0


HEAD_MAX_WORDS = 12
HEAD_LOOSE_WORDS = 8  # a heading in sentence case ("How the first cut was made")
BODY_MIN = 60  # chars of the paragraph a run of headings must stand above
_HEAD_END = re.compile(r"[.,;:!?\-–—]['\"”’]*$")
# ... also when a note's reference follows the sentence's stop ("by the week.12",
# "by the week.*"): a letter before the stop, so "Section 4.1" is not one
_HEAD_END_NOTE = re.compile(r"[^\W\d_]['\"”’)]*[.!?]['\"”’]*(?:\d{1,3}|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})$")


def _note_after_stop(p: str) -> bool:
    """Whether `p` ends with a sentence's stop and a note's reference: the letter before
    the stop is a small one, a word's end ("by the week.12"), not a section's letter or
    numeral ("Appendix A.1", "Chapter II.3").

    >>> _note_after_stop("by the week.12"), _note_after_stop("Appendix A.1")
    (True, False)
    """
    m = _HEAD_END_NOTE.search(p)
    return m is not None and p[m.start()].islower()
# a sentence's subject opening a short line ("He left the next morning", its stop lost)
_SUBJECT = frozenset("I He She We They You".split())
# words that open a heading in sentence case over a clause ("How the first cut was made",
# "The mill that was burnt"): the verb after them is the clause's, not a sentence's
_CLAUSE_OPENERS = frozenset("how why when where what which who whom whose that whether if "
                            "as while".split())
# words after which an auxiliary's form is a noun ("the will", "a can", "their might")
_DETERMINERS = frozenset("the a an this his her its their our my your".split())
# a letter's salutation and closing lines are short and unpunctuated too
_NO_HEAD = re.compile(r"^(?:dear|my dear|sir|madam|gentlemen|yours|your|believe me|i am|"
                      r"with|signed|p\.?s)\b", re.I)
_NUMBERED = re.compile(r"^(?:(?:chapter|part|book|section|appendix)\s+\S+|[\dIVXLC]+[.)]?\s+"
                       r"[A-Z])", re.I)


_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
# a letter's date line, with the place it was written at: "London, 12 March 1854",
# "Whitehall, March 12th, 1854", "12th March, 1854."
DATELINE = re.compile(
    rf"^(?:[A-Z][\w .'’&-]*,\s*)?(?:\d{{1,2}}(?:st|nd|rd|th|d)?\s+(?:of\s+)?{_MONTH},?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th|d)?,?)\s+\d{{4}}\.?$", re.I)
HEAD_RUN_MAX = 2  # plain short lines in a row beyond this: an address, a list, a verse
# a letter's closing, wherever its words stand ("Faithfully yours", "Respectfully
# submitted"): it and the signature under it are no headings, even above a postscript
_CLOSING = re.compile(r"\b(?:yours|faithfully|sincerely|respectfully|obediently|"
                      r"affectionately|cordially)\b", re.I)


def heading_run(run: list[str]) -> bool:
    """Whether a run of heading-like blocks above prose are headings: two at most, or
    one of them in capitals or numbered ("PART I", "CHAPTER 3", "The Northern
    Frontier"); three or more plain short lines are an address, a list or a verse.

    >>> heading_run(["PART I", "CHAPTER 3", "The Northern Frontier"])
    True
    >>> heading_run(["The Secretary", "Board of Trade", "Whitehall"])
    False
    >>> heading_run(["Faithfully yours", "John Wright"])
    False
    """
    if any(_CLOSING.search(p) for p in run):
        return False
    return len(run) <= HEAD_RUN_MAX or any(p.isupper() or _NUMBERED.match(p) for p in run)


# an office signed under a name ("Secretary", "Hon. Secretary", "Clerk to the Board",
# "Consul-General"): a signature's second line
OFFICE_LINE = re.compile(
    r"^(?:(?:Hon\.?|Honorary|Acting|Assistant|Deputy|Vice|Chief|Joint|General|"
    r"H\.\s?[BM]\.\s?M\.?(?:'s)?)[ \t-]+)*"
    r"(?:Secretary|Chairman|Chairwoman|President|Clerk|Treasurer|Director|Manager|Agent|"
    r"Consul|Commissioner|Superintendent|Inspector|Registrar|Solicitor|Governor|Minister|"
    r"Ambassador|Editor|Surveyor|Engineer|Mayor|Warden|Steward|Bailiff|Overseer|Curate|"
    r"Vicar|Rector|Officer)(?:-General)?\b(?:[ \t,]+(?:to|of|for)[ \t]+\S.{0,40})?\.?$")
# a person's name as signed: two to four capitalised words or initials ("J. R. Wright",
# "JOHN WRIGHT", "Mary Anne Lowe"), no article opening it, no function word in it (a
# title with every word capitalised: "Report Of The Director")
_NAME_WORD = (r"(?:[A-Z]\.(?:[ \t]?[A-Z]\.)*|"
              r"(?!(?:Of|The|And|For|To|In|On|At|From|With|By)\b)[A-Z][A-Za-z'’-]+)")
SIGNED_NAME = re.compile(rf"^(?!(?:The|A|An)\b){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}\.?$")
# the words of a closing's last line ("I have the honour to be, Sir,", "Your obedient
# Servant,", "I remain, dear Madam,")
_CLOSING_WORDS = re.compile(r"\b(?:yours|faithfully|sincerely|respectfully|obediently|"
                            r"affectionately|cordially|servants?|sir|madam|remain|believe|"
                            r"honou?r|regards)\b", re.I)
# a postscript opens the block after a letter's signature ("P.S.", "PS.", "P.P.S.")
_POSTSCRIPT = re.compile(r"^(?:P\.?\s?)+S\.?(?:\s|$)")


def unended_line(p: str) -> bool:
    """A short line that reads as a sentence but does not end one (a verse's line, a
    sentence run on into the lines under it): the short lines after it go on with it.

    >>> unended_line("The tide is full, the moon lies fair"), unended_line("They left.")
    (True, False)
    """
    return ("\n" not in p and len(p) <= MAX_HEAD_LEN and not ends_sentence(p, strict=True)
            and sentence_like(p.split()))


def signature_run(run: list[str], before: str | None, after: str | None) -> bool:
    """Whether a run of short blocks is a letter's signature (or goes on from the short
    line above it) rather than headings: it follows a closing that ends with a comma
    ("Your obedient Servant,") or a short line that does not end its sentence, a postscript
    follows it, or it ends with a name over an office ("John Wright" / "Secretary",
    also joined on one line).

    >>> signature_run(["John Wright", "Secretary"], "All the mills were counted.", None)
    True
    >>> signature_run(["John Wright, Hon. Secretary"], None, None)
    True
    >>> signature_run(["Notes on the Harbour"], "The fords were counted.", "P.S. The maps")
    True
    >>> signature_run(["CHAPTER IV", "The Secretary"], None, None)
    False
    """
    if before is not None and before.rstrip().endswith(",") and (
            "\n" not in before.strip() and len(before) <= MAX_HEAD_LEN
            or _CLOSING_WORDS.search(before.rstrip().rsplit("\n", 1)[-1])):
        return True  # (a paragraph of prose ending with a comma, "as follows,", is none)
    if before is not None and unended_line(before) \
            and not any(p.isupper() or _NUMBERED.match(p) for p in run):
        return True  # (a chapter's number or capitals are a heading whatever stands above)
    if after is not None and _POSTSCRIPT.match(after):
        return True
    last = run[-1] if run else ""
    # (a chapter's number or capitals above the name make it the chapter's subject:
    # "CHAPTER IV" / "Warren Hastings, Governor-General")
    if len(run) >= 2 and OFFICE_LINE.match(last) and SIGNED_NAME.match(run[-2]) \
            and not _NUMBERED.match(run[-2]) and not _chapter_line(run[:-2]):
        return True
    words = last.replace(",", " ").split()
    return not _chapter_line(run[:-1]) and any(
        SIGNED_NAME.match(" ".join(words[:k])) and OFFICE_LINE.match(" ".join(words[k:]))
        and not _NUMBERED.match(last) for k in range(1, min(len(words), 5)))


def _chapter_line(run: list[str]) -> bool:
    """Whether a line of `run` is in capitals or numbered, as a chapter's heading is."""
    return any(p.isupper() or _NUMBERED.match(p) for p in run)


def head_candidate(p: str) -> bool:
    """A block that may be a heading: one short line, not a sentence or a field, a
    title ("The Northern Frontier"), capitals ("CHAPTER 3"), a number and words ("4 The
    Fens") or a few words in sentence case.

    >>> [head_candidate(s) for s in ("The Northern Frontier", "CHAPTER 3", "Dear Sir",
    ...                               "They left.", "Date: 1837", "How the first cut was made",
    ...                               "RECORD OF A MEETING OF MAY 7, 1938.")]
    [True, True, False, False, False, True, True]
    >>> head_candidate("London, 12 March 1854"), head_candidate("March 12th, 1854")
    (False, False)
    """
    words = p.split()
    if ("\n" in p or not words or len(p) > MAX_HEAD_LEN or len(words) > HEAD_MAX_WORDS
            or not starts_upper(p) or FIELD_LINE.match(p)
            or _HEAD_END.search(p) and not (p.isupper() and p.endswith("."))
            or _note_after_stop(p)
            or _NO_HEAD.match(p) or table_row(p) or DATELINE.match(p)):
        return False
    if title_like(p) or p.isupper() or _NUMBERED.match(p):
        return True
    return len(words) <= HEAD_LOOSE_WORDS and not sentence_like(words)


def sentence_like(words: list[str]) -> bool:
    """Whether a short line in sentence case reads as a sentence (its stop lost to OCR or
    to a note's number) rather than a heading: a subject pronoun opens it, or an
    auxiliary verb stands in it with no clause opener before it.

    >>> [sentence_like(s.split()) for s in ("He left the next morning", "The troops were sent",
    ...  "How the first cut was made", "The mill that was burnt", "A visit to the mines",
    ...  "The first of May", "The will of the founder")]
    [True, True, False, False, False, False, False]
    """
    if len(words) >= 3 and words[0] in _SUBJECT:
        return True
    prev = ""
    for k, w in enumerate(words):
        lw = w.lower().strip(",;:'\"“”‘’()")
        if lw in _CLAUSE_OPENERS:
            return False
        # (a capital inside the line is a name, "The first of May"; after a determiner
        # the word is a noun, "The will of the founder": no verb either way)
        if lw in AUX and not (k and w[:1].isupper()) and prev not in _DETERMINERS:
            return True
        prev = lw
    return False


def block_kinds(text: str) -> list[tuple[int, str]]:
    """(clean start, kind) of the blocks of paragraph-split `text` that are table rows
    ("row") or headings ("head"): a run of heading-like blocks counts only when a
    paragraph of prose or a table follows it (a letter's closing and signature, short
    lines at the end, are no headings).

    >>> text = "CHAPTER 3\\n\\nThe Northern Frontier\\n\\n" + "Words of the body. " * 5
    >>> block_kinds(text)
    [(0, 'head'), (11, 'head')]
    >>> block_kinds("Wheat 42 37\\n\\nOats 12 15\\n\\nYours truly\\n\\nA. Smith")
    [(0, 'row'), (13, 'row')]
    """
    spans = []
    pos = 0
    for chunk in text.split("\n\n"):
        s, e = pos + len(chunk) - len(chunk.lstrip()), pos + len(chunk.rstrip())
        if e > s:
            spans.append((s, e))
        pos += len(chunk) + 2
    out: list[tuple[int, str]] = []
    run: list[tuple[int, int]] = []  # heading candidates waiting for what follows them
    before: str | None = None  # the block above the run

    def headings(after: str) -> list[tuple[int, int]]:
        """The run's blocks that are headings: all, none (a signature, a verse), or
        under a letter's signature those from a numbered chapter heading on ("Yours
        truly," / "John Smith" / "CHAPTER V": the letter ends the chapter before)."""
        texts = [text[a:b] for a, b in run]
        if not heading_run(texts):
            return []
        if not (run and signature_run(texts, before, after)):
            return run
        j = next((k for k in range(1, len(texts)) if _NUMBERED.match(texts[k])), None)
        if j is None or signature_run(texts[j:], texts[j - 1], after):
            return []
        return run[j:]

    for s, e in spans:
        p = text[s:e]
        if table_row(p):
            out.extend((r, "head") for r, _ in headings(p))  # a table's caption
            run = []
            out.append((s, "row"))
        elif head_candidate(p):
            run.append((s, e))
            continue
        else:
            longest = max((b - a for a, b in run), default=0)
            if len(p) >= BODY_MIN or ends_sentence(p, strict=True) and len(p) > 2 * longest:
                out.extend((r, "head") for r, _ in headings(p))
            run = []
        before = p
    return out


def mark_blocks(doc: Document) -> None:
    """Record the body's headings and table rows in `doc.blocks` (by original offset,
    which repair and reading order leave in place)."""
    view = doc.body_view()
    doc.blocks.update((view.orig[s], kind) for s, kind in block_kinds(view.text))


@stage(STAGE)
def paragraphs(doc: Document) -> Document:
    """Join lines into paragraphs; mark headings and table rows; flag a first page that
    starts mid-sentence."""
    doc.add_edits(paragraph_edits(doc.body_view()))
    mark_blocks(doc)
    doc.metadata["continues_from_previous_page"] = starts_mid_sentence(doc.text)
    return doc
