"""Pages: printed page numbers, running heads and running feet.

For each raw page (form feed, PDF/hOCR/ALTO page) the first and last lines are
examined. A line that is only a number (``28``, ``- 12 -``, ``xiv``) is a page
number; a short title-like line with a number at its start or end
(``214 Ë The Balkan Question and Italy``) is a running head holding the page
number. Lines that recur at the top (or bottom) of several pages, digits aside,
are running heads (or feet). Each is recorded as `Furniture` and its whole line
is removed from the body with one layout edit.

Plain text without form feeds is first split into pages at page-number lines
(bare numbers or numbered running heads) that count up by one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Furniture, RawPage
from ..pipeline import stage
from .lines import Line, line_end_with_break, page_lines, pages_of

STAGE = "layout.pages"

# a page number alone on its line, also as an export's page marker: "- 12 -", "[Page 5]",
# "--- Page 3 ---", "Page 2 of 9"
PAGE_NUM_LINE = re.compile(
    r"^\s*(?:[-–—=*#_<\[(]+\s*)?(?:page\s+|p\.\s*)?[-–—(\[]?\s*(\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s+of\s+\d{1,4})?\s*[-–—)\]]?\s*(?:[-–—=*#_>\])]+\s*)?$", re.I)
# an export's marker naming the page between brackets or rules, set before the page's text
EXPORT_MARK = re.compile(r"^\s*[-–—=*#_<\[(]+\s*page\s+\d{1,4}\s*[-–—=*#_>\])]+\s*$", re.I)
HEAD_NUM_FIRST = re.compile(r"^\s*(\d{1,4})\s+(.+?)\s*$")
HEAD_NUM_LAST = re.compile(r"^\s*(.+?)\s+(\d{1,4})\s*$")


def head_num_last(text: str) -> re.Match[str] | None:
    """``HEAD_NUM_LAST.match(text)``, without running the pattern on a line that does not
    end with a digit (before its spaces), which it cannot match: its lazy title tries
    every position of the line, ~25 us on a page-long line (text dumps with one line
    per page), and page tops and feet are tried several times over.

    >>> head_num_last("The Balkan Question 214 ").groups(), head_num_last("x" * 9)
    (('The Balkan Question', '214'), None)
    """
    return HEAD_NUM_LAST.match(text) if text.rstrip()[-1:].isdecimal() else None
# a number set apart from its running head by a wide gap (typeset at the margin, as a
# debate's column number "HOUSE OF COMMONS          1417"): a page or column number
# even when it looks like a year
SET_OUT = re.compile(r"\S[ \t]{3,}\d{1,4}\s*$|^\s*\d{1,4}[ \t]{3,}\S")
MAX_HEAD_LEN = 90
# "Chapter 3", "Part 2", "Table 4": a label with its number is a heading, not a running head
LABELS = {"chapter", "part", "section", "book", "volume", "vol", "article", "appendix", "table",
          "figure", "fig", "no", "number", "document", "doc", "annex", "item", "act", "scene"}


@dataclass
class Found:
    """Furniture found on one line: the items and the line to delete."""

    line: Line
    items: list[Furniture]


def roman_ok(s: str) -> bool:
    """Lower-case roman numerals only (upper-case ones are too often words: 'I', 'MIX'),
    and no year-like numbers ('1936' alone on a line is a date heading).

    >>> roman_ok("xiv"), roman_ok("MIX"), roman_ok("214"), roman_ok("1936")
    (True, False, True, False)
    """
    if s.isdigit():
        return not (len(s) == 4 and 1400 <= int(s) <= 2100)
    return s == s.lower()


def strip_separator(title: str, at_start: bool) -> tuple[str, int]:
    """Drop a stray separator glyph between page number and title.

    Returns (title, chars dropped on that side). A separator is a one-character
    token that is punctuation or a non-ASCII letter (a mis-decoded bullet/em dash):

    >>> strip_separator("Ë The Balkan Question", True)
    ('The Balkan Question', 2)
    >>> strip_separator("A History", True)
    ('A History', 0)
    """
    toks = title.split(" ")
    tok = toks[0] if at_start else toks[-1]
    if len(toks) > 1 and len(tok) == 1 and (not tok.isalnum() or not tok.isascii()):
        rest = " ".join(toks[1:] if at_start else toks[:-1])
        stripped = rest.lstrip() if at_start else rest.rstrip()
        return stripped, len(title) - len(stripped)
    return title, 0


def title_like(s: str) -> bool:
    """A running title: short, starts with a capital, no sentence end, mostly capitalised
    content words.

    >>> title_like("The Balkan Question and Italy"), title_like("the troops were sent.")
    (True, False)
    """
    s = s.strip()
    if not s or len(s) > MAX_HEAD_LEN or not s[0].isupper() or s[-1] in ".,;:-":
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", s) if len(w) > 3]
    if not words:
        return True
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.5


_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _norm(s: str) -> str:
    """Compare running heads without digits, case and punctuation. A line far longer
    than any head keeps its own key: it is no head, and stripping a page-long line (one
    line per page in some text dumps) cost ~0.3 ms each.

    >>> _norm("12  The Balkan Question."), _norm("x" * 400) == "x" * 400
    ('thebalkanquestion', False)
    """
    if len(s) > 4 * MAX_HEAD_LEN:
        return "\x00" + s
    return _NOT_LETTERS.sub("", s.lower())


def _num_only(line: Line, allowed: frozenset[str] = frozenset()) -> Furniture | None:
    """A line that is only a page number; a year-like one only when it is in `allowed`
    (next to a column number found set out in a running head)."""
    m = PAGE_NUM_LINE.match(line.text)
    if not m or not (roman_ok(m.group(1)) or m.group(1) in allowed):
        return None
    return Furniture("pageNum", m.group(1), m.group(1), line.start + m.start(1),
                     line.start + m.end(1))


def _head_with_num(line: Line, repeated: set[str],
                   allowed: frozenset[str] | None = None,
                   last_first: bool = False) -> list[Furniture] | None:
    """A running head carrying the page number at its start or end; a year-like number
    set out at the margin only when it is in `allowed` (None: any such number).
    `last_first`: a number at both ends is read as the page number at the end (the one
    at the start is a chapter number, see `chapter_numbered_heads`)."""
    from .paragraphs import table_row  # (paragraphs imports this module)

    order = ((HEAD_NUM_FIRST.match, True), (head_num_last, False))
    for match, num_first in (order[::-1] if last_first else order):
        m = match(line.text)
        if not m:
            continue
        ng, tg = (1, 2) if num_first else (2, 1)
        if not roman_ok(m.group(ng)) and not (
                SET_OUT.search(line.text) and (allowed is None or m.group(ng) in allowed)):
            continue
        raw_title = m.group(tg)
        if table_row(raw_title):
            continue  # "Wheat 42 37 39": a table's row at the page's top; its last cell
        title, dropped = strip_separator(raw_title, num_first)
        recurring = _norm(title) in repeated and len(title) <= MAX_HEAD_LEN
        words = title.split()
        # a head set out from its number may end with a stop ("THE COURIER, MAY 2, 1871.")
        shape = title.rstrip(".") if SET_OUT.search(line.text) else title
        if not recurring and (not title_like(shape) or len(words) < 2
                              or words[-1].lower().strip(".") in LABELS):
            continue  # "1 Introduction", "CHAPTER 3": headings, unless they recur
        ts = line.start + m.start(tg) + (dropped if num_first else 0)
        num = m.group(ng)
        return [Furniture("pageNum", num, num, line.start + m.start(ng), line.start + m.end(ng)),
                Furniture("header", title, num, ts, ts + len(title))]
    return None


BOTH_ENDS = re.compile(r"^\s*(\d{1,4})\s+\S.*?\s(\d{1,4})\s*$")


def chapter_numbered_heads(pages: list[list[Line]]) -> bool:
    """Whether the running heads that carry a number at both ends keep the same number
    at the start while the one at the end changes ("3 · The Salt Road 37", "... 39"):
    the first is the chapter's number, the last the page's.

    >>> heads = [[Line(0, 0, f"3 · A Chapter Title {n}", i)] for i, n in enumerate((37, 39))]
    >>> chapter_numbered_heads(heads)
    True
    >>> chapter_numbered_heads([[Line(0, 0, f"{n} A Title 1936", i)] for i, n in enumerate((4, 5))])
    False
    """
    both = [m.groups() for ls in pages if ls and (m := BOTH_ENDS.match(ls[0].text))]
    firsts, lasts = {a for a, _ in both}, [b for _, b in both]
    return len(both) >= 2 and len(firsts) == 1 and len(set(lasts)) == len(lasts)


def find_page_furniture(doc: Document) -> list[Found]:
    """Page numbers, running heads and feet of every page (pure; no edits)."""
    pages = [page_lines(doc, i) for i in range(len(pages_of(doc)))]
    last_first = chapter_numbered_heads(pages)
    # titles that recur at the top / bottom of pages, digits aside
    tops = Counter(_norm(ls[0].text) for ls in pages if ls)
    bottoms = Counter(_norm(ls[-1].text) for ls in pages if ls)
    rep_top = {k for k, c in tops.items() if c >= 2 and k}
    rep_bottom = {k for k, c in bottoms.items() if c >= 2 and k}
    # a running head with a number may also carry a separator: compare titles
    titles: Counter[str] = Counter()
    for ls in pages:
        if ls and (m := HEAD_NUM_FIRST.match(ls[0].text) or head_num_last(ls[0].text)):
            titles[_norm(m.group(2) if m.re is HEAD_NUM_FIRST else m.group(1))] += 1
    rep_titles = {k for k, c in titles.items() if c >= 2 and k}
    allowed = _column_numbers(pages, rep_titles)
    found: list[Found] = []
    for ls in pages:
        if not ls:
            continue
        used: set[int] = set()
        numbered = False  # the page's number was found at its top
        # top: a number line, a head with a number, or a recurring head (two lines at most);
        # a head may recur without its number on other pages (lost by OCR, or a page
        # whose number is at its foot)
        for i, ln in enumerate(ls[:2]):
            f = _top_item(ln, i, rep_top, rep_titles | rep_top, len(pages), allowed,
                          last_first)
            if f is None:
                break
            found.append(Found(ln, f))
            used.add(id(ln))
            numbered = numbered or any(x.type == "pageNum" for x in f)
        # bottom: a page-number line or a recurring foot; a page has one number, so
        # under a numbered head a bare number at the foot is text (a table's last cell)
        for ln in reversed(ls[-2:]):
            if id(ln) in used:
                break
            num = None if numbered else _num_only(ln, allowed)
            if num is not None:
                found.append(Found(ln, [num]))
            elif len(pages) >= 2 and _norm(ln.text) in rep_bottom and len(ln.stripped) <= 90:
                found.append(Found(ln, [Furniture("footer", ln.stripped, None,
                                                  ln.start + ln.text.index(ln.stripped),
                                                  ln.start + ln.text.index(ln.stripped)
                                                  + len(ln.stripped))]))
            else:
                break
            used.add(id(ln))
    return _numbered_headings_out(found, rep_titles | rep_top)


def _numbered_headings_out(found: list[Found], repeated: set[str]) -> list[Found]:
    """`found` without the numbered head lines that are a heading: a head that does not
    recur ("4 Draining the Fens") whose number breaks the run of the numbered pages on
    either side (12 ... 14: this page is 13), or at the first or last page the run of
    the two pages next to it (13, 14 after it: this page is 12), is a chapter's heading
    and number, not the page's head and number, and stays in the text.

    >>> L = lambda p, t: Line(0, len(t), t, p)  # noqa: E731
    >>> F = lambda ln, n, h=None: Found(ln, [Furniture("pageNum", n, n, 0, 1)]  # noqa: E731
    ...     + ([Furniture("header", h, n, 2, 3)] if h else []))
    >>> got = _numbered_headings_out([F(L(0, "12"), "12"), F(L(1, "4 Draining the Fens"), "4",
    ...                               "Draining the Fens"), F(L(2, "14"), "14")], set())
    >>> [f.items[0].text for f in got]
    ['12', '14']
    >>> got = _numbered_headings_out([F(L(0, "4 Draining the Fens"), "4", "Draining the Fens"),
    ...                               F(L(1, "13"), "13"), F(L(2, "14"), "14")], set())
    >>> [f.items[0].text for f in got]
    ['13', '14']
    """
    numbers = {f.line.page: int(x.text) for f in found for x in f.items
               if x.type == "pageNum" and x.text.isdigit()}
    out = []
    for f in found:
        heads = [x for x in f.items if x.type == "header"]
        nums = [x for x in f.items if x.type == "pageNum" and x.text.isdigit()]
        if heads and nums and _norm(heads[0].text) not in repeated:
            due = number_due(numbers, f.line.page)
            if due is not None and int(nums[0].text) != due:
                continue
        out.append(f)
    return out


def number_between(nums: dict[int, int], i: int) -> int | None:
    """The number page `i` must bear when the numbered pages nearest it on both sides
    count on by one a page (12 ... 14: 13), else None (`nums`: page -> its number,
    `i` itself left out).

    >>> number_between({0: 12, 2: 14}, 1), number_between({0: 12, 2: 20}, 1)
    (13, None)
    """
    before = max((k for k in nums if k < i), default=None)
    after = min((k for k in nums if k > i), default=None)
    if before is None or after is None or nums[after] - nums[before] != after - before:
        return None
    return nums[before] + i - before


def number_due(nums: dict[int, int], i: int) -> int | None:
    """The number page `i` must bear: between numbered pages that count on by one (see
    `number_between`); before the first or after the last numbered page, when that page
    and the one next to it count on by one (13, 14 on pages 1, 2: page 0 is 12); else
    None (`nums`: page -> its number, `i` itself left out).

    >>> number_due({1: 13, 2: 14}, 0), number_due({0: 12, 1: 13}, 2), number_due({1: 13, 3: 14}, 0)
    (12, 14, None)
    """
    before = max((k for k in nums if k < i), default=None)
    after = min((k for k in nums if k > i), default=None)
    if before is not None and after is not None:
        return number_between(nums, i)
    if after is not None and nums.get(after + 1) == nums[after] + 1:
        return nums[after] - (after - i)
    if before is not None and nums.get(before - 1) == nums[before] - 1:
        return nums[before] + (i - before)
    return None


def _column_numbers(pages: list[list[Line]], rep_titles: set[str]) -> frozenset[str]:
    """Year-like numbers that are page or column numbers here: those of running heads
    that set them out at the margin (first lines of pages), and the numbers next to them
    (the next page's bare "1418" after "HOUSE OF COMMONS      1417")."""
    nums: set[int] = set()
    bare: set[int] = set()
    for ls in pages:
        for j, ln in enumerate(ls):
            head = _head_with_num(ln, rep_titles) if j == 0 else None
            if head and not roman_ok(head[0].text):
                nums.add(int(head[0].text))
            elif (m := PAGE_NUM_LINE.match(ln.text)) and m.group(1).isdigit():
                bare.add(int(m.group(1)))
    # one head alone proves nothing ("ANNUAL REPORT OF THE BOARD        1917" over a
    # title page): its number must run on from or into another page's (1417, 1418)
    seen = nums | bare
    nums = {n for n in nums if any(n + d in seen for d in (-2, -1, 1, 2))}
    return frozenset(str(n + d) for n in nums for d in (-1, 0, 1))


def _top_item(ln: Line, i: int, rep_top: set[str], rep_titles: set[str],
              npages: int, allowed: frozenset[str] = frozenset(),
              last_first: bool = False) -> list[Furniture] | None:
    num = _num_only(ln, allowed)
    if num is not None:
        return [num]
    head = _head_with_num(ln, rep_titles, allowed, last_first)
    if head is not None and (i == 0 or len(ln.stripped) <= MAX_HEAD_LEN):
        return head
    if npages >= 2 and _norm(ln.text) in rep_top and len(ln.stripped) <= MAX_HEAD_LEN:
        s = ln.start + ln.text.index(ln.stripped)
        return [Furniture("header", ln.stripped, None, s, s + len(ln.stripped))]
    return None


def _number_of(ln: Line) -> int | None:
    """The page number a line would carry as a number line or a numbered running head."""
    m = PAGE_NUM_LINE.match(ln.text)
    if m and m.group(1).isdigit():
        return int(m.group(1))
    head = _head_with_num(ln, set())
    return int(head[0].text) if head else None


def page_breaks_in(lines: list[Line]) -> tuple[list[Line], bool]:
    """Page-number lines inside one raw page that count up by one (at least two of them),
    and whether they sit at page tops (True) or feet (False)."""
    # (each with its index: the lines' places are needed below)
    cands = [(i, ln, n) for i, ln in enumerate(lines) if (n := _number_of(ln)) is not None]
    best: list[tuple[int, Line, int]] = []
    for k in range(len(cands)):
        run = [cands[k]]
        for c in cands[k + 1:]:
            if c[2] == run[-1][2] + 1:
                run.append(c)
        if len(run) > len(best):
            best = run
    if len(best) < 2:
        return [], True
    # a page has text between its numbers: numbered lines one under another are a list
    # ("1 Report of the Surveyor" / "2 Minutes of the Board" in a table of contents);
    # an empty page or two among them may still be, and an export's labelled markers
    # ("[Page 5]", "--- Page 5 ---") are never a list
    at = [i for i, _, _ in best]
    labelled = all(EXPORT_MARK.match(ln.text) for _, ln, _ in best)
    if not labelled and 2 * sum(b - a == 1 for a, b in zip(at, at[1:], strict=False)) \
            > len(at) - 1:
        return [], True
    # tops when the sequence starts the text, feet when it ends it; labelled markers are
    # put before their page's text
    first, last = at[0], at[-1]
    top = first == 0 or last != len(lines) - 1 and (first < len(lines) - 1 - last or labelled)
    return [ln for _, ln, _ in best], top


def split_pages(doc: Document) -> None:
    """Split raw pages at page-number lines (plain text with no form feeds)."""
    new: list[RawPage] = []
    for idx, page in enumerate(pages_of(doc)):
        lines = page_lines(doc, idx)
        marks, top = page_breaks_in(lines)
        cuts = []
        for ln in marks:
            cut = ln.start if top else line_end_with_break(doc.original, ln.end)
            if page.start < cut < page.end:
                cuts.append(cut)
        bounds = [page.start, *sorted(set(cuts)), page.end]
        for a, b in zip(bounds, bounds[1:], strict=False):
            new.append(RawPage(page.n if a == page.start else None, a, b))
    if len(new) != len(pages_of(doc)):
        doc.raw_pages = new


def supplied_numbers(printed: dict[int, str], count: int) -> dict[int, str]:
    """Page numbers, in brackets as editors supply them, for pages whose printed number
    was not found (OCR lost it, a chapter's first page has none) between pages whose
    numbers run on: "[38]" between 37 and 39; at either end of the document, next to
    two pages that count on by one. Otherwise such a page keeps its physical number:
    a guess across a gap (a blank leaf, a plate) would mislead.

    >>> supplied_numbers({1: "39", 2: "40", 4: "42"}, 6)
    {0: '[38]', 3: '[41]'}
    >>> supplied_numbers({1: "39", 3: "43"}, 4)
    {}
    >>> supplied_numbers({0: "xii", 2: "4"}, 3)
    {}
    """
    nums = {i: int(n) for i, n in printed.items() if n.isdigit()}
    out: dict[int, str] = {}
    for i in range(count):
        if i in printed:
            continue
        guess = number_due(nums, i)
        if guess is not None and guess > 0:
            out[i] = f"[{guess}]"
    return out


@stage(STAGE)
def pages(doc: Document) -> Document:
    """Split pages at page-number lines; find page numbers and running heads/feet,
    record them, remove their lines."""
    split_pages(doc)
    found = find_page_furniture(doc)
    raw = pages_of(doc)
    view = doc.body_view()
    edits = []
    for f in found:
        idx = f.line.page
        nums = [x.text for x in f.items if x.type == "pageNum"]
        if nums:
            doc.page_numbers[idx] = nums[0]
        cs = view.from_orig(f.line.start)
        ce = view.from_orig(line_end_with_break(doc.original, f.line.end))
        desc = ", ".join(f"{x.type} {x.text!r}" for x in f.items)
        edits.append(view.edit(STAGE, cs, ce, "", kind="layout", confidence=0.95,
                               reason=f"page furniture removed from the reading text: {desc}"))
    for f in found:
        pn = doc.page_numbers.get(f.line.page) or raw[f.line.page].n
        for x in f.items:
            x.page = pn
            doc.furniture.append(x)
    doc.add_edits(edits)
    doc.page_numbers.update(supplied_numbers(doc.page_numbers, len(raw)))
    first_num = doc.page_numbers.get(0) or (raw[0].n if raw else None)
    if first_num:
        doc.metadata.setdefault("page", first_num)
    heads = [x.text for x in doc.furniture if x.type == "header"]
    if heads:
        doc.metadata.setdefault("running_title", Counter(heads).most_common(1)[0][0])
    return doc
