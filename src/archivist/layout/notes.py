"""Footnotes: the numbered block at the foot of a page, linked to body markers.

1. On each page the foot block is the longest run of bottom lines whose
   numbered lines (``7 Moskva i …``, ``¹³ See …``) count up by one; unnumbered
   lines in it continue the note above. A note that does not end a sentence and
   is followed, on the next page, by unnumbered foot lines continues there: the
   continuation is *moved* (a move edit pair) to the end of the note. Notes marked
   by symbols (``* See …``, ``† Ibid.``; the printers' order, restarting on each
   page) count up the same way and are named by their symbol.
2. The block is removed from the body with one layout edit.
3. Each note's marker is searched in the page's body after the previous marker:
   superscript digits, digits glued after punctuation or quotes
   (``treaty.”⁴Yet``, ``tons.12By``), bracketed ``[7]``, and, last, a plain
   number after a sentence end; a symbol glued after a word or a mark (``road.*``).
   Numbers that are part of bigger numbers, years
   and quantities (``2,350``, ``1936``) never match, and a candidate must carry
   the number of the note it is for. The marker is deleted (a lost space comes
   back) so the note's anchor is where it stood.
4. Line breaks inside a note are joined with a space; a break after a hyphen is
   left for ``repair.hyphenation``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..ingest.ocrtext import MARKER_GLYPHS
from ..model import Document, Edit, Note, View
from ..pipeline import stage
from .lines import (
    SUPER_TO_DIGIT,
    SUPERSCRIPTS,
    Line,
    Removed,
    deleted_spans,
    ends_sentence,
    line_end_with_break,
    live_lines,
    pages_of,
)

STAGE = "layout.notes"

NOTE_START = re.compile(r"^\s*(\d{1,3}|[" + SUPERSCRIPTS + r"]{1,3})[.)]?\s+(?=\S)")
# notes marked by symbols, in the printers' order (then doubled: "**", "††"), which
# restart on every page; inside the module they count on from SYMBOL_BASE, so a page's
# "*" and "†" are consecutive like 1 and 2 ("* * *", a section break, is no note)
SYMBOLS = "*†‡§‖¶"
SYMBOL_BASE = 1000
SYMBOL_START = re.compile(r"^\s*(([" + re.escape(SYMBOLS) + r"])\2?)\s+(?=[^\s*])")
# a note number 1 as OCR often reads it: a capital I, a small l or a bar
OCR_ONE = re.compile(r"^\s*[Il|][.)]?\s+(?=\S)")
RULE_LINE = re.compile(r"^[\s_\-–—=.·]{3,}$")
MAX_CONT = 6  # continuation lines allowed after a numbered note line
MAX_NOTE = 400
CLOSERS = "”’\"')]"
OPENING_AFTER = set(".,;:!?" + CLOSERS)


@dataclass
class Block:
    """The foot block of one page: numbered notes and their lines."""

    page: int
    lines: list[Line]
    notes: list[tuple[int, list[Line]]]  # (number, lines of that note)
    cont: list[Line]  # lines continuing the previous page's last note
    rule: Line | None = None


def symbol_number(mark: str) -> int | None:
    """The number standing for a note symbol ("*" 1001, "†" 1002, ... "**" 1007), or
    None for what is no symbol mark.

    >>> symbol_number("*"), symbol_number("††"), symbol_number("*†")
    (1001, 1008, None)
    """
    if not 1 <= len(mark) <= 2 or mark[0] not in SYMBOLS or mark != mark[0] * len(mark):
        return None
    return SYMBOL_BASE + (len(mark) - 1) * len(SYMBOLS) + SYMBOLS.index(mark[0]) + 1


def note_label(n: int) -> str:
    """How a note numbered `n` here is named: its number, or its symbol.

    >>> note_label(12), note_label(1002), note_label(1007)
    ('12', '†', '**')
    """
    if n <= SYMBOL_BASE:
        return str(n)
    k = n - SYMBOL_BASE - 1
    return SYMBOLS[k % len(SYMBOLS)] * (k // len(SYMBOLS) + 1)


def label_number(label: str) -> int:
    """`note_label` undone (a note's own number, before `unique_numbers` suffixes).

    >>> label_number("12"), label_number("†")
    (12, 1002)
    """
    return symbol_number(label) or int(label)


def note_number(ln: Line) -> tuple[int, int] | None:
    """(number, offset of the note text within the line) for a numbered foot line; a
    note marked by a symbol has the number `symbol_number` gives it.

    >>> note_number(Line(0, 0, "13 See memoirs", 0)), note_number(Line(0, 0, "† See", 0))
    ((13, 3), (1002, 2))
    >>> note_number(Line(0, 0, "2,350 million rubles", 0)) is None
    True
    >>> note_number(Line(0, 0, "* * *", 0)) is None
    True
    """
    sym = SYMBOL_START.match(ln.text)
    if sym:
        return symbol_number(sym.group(1)), sym.end()  # type: ignore[return-value]
    m = NOTE_START.match(ln.text)
    if not m:
        return None
    n = int(m.group(1).translate(SUPER_TO_DIGIT))
    if not 0 < n <= MAX_NOTE:
        return None
    return n, m.end()


def find_block(lines: list[Line], page: int) -> Block | None:
    """The chain of consecutively numbered note lines ending at the page foot."""
    starts = [(i, nn[0]) for i, ln in enumerate(lines) if (nn := note_number(ln))]
    if not starts:
        return None
    last_i, _ = starts[-1]
    if len(lines) - 1 - last_i > MAX_CONT:
        return None
    chain = [starts[-1]]
    for i, n in reversed(starts[:-1]):
        top_i, top_n = chain[0]
        if n == top_n - 1 and top_i - i - 1 <= MAX_CONT:
            chain.insert(0, (i, n))
        else:
            break
    top = chain[0][0]
    if top == 0:
        return None  # a page of numbered lines is a list, not notes under a body
    notes = []
    for k, (i, n) in enumerate(chain):
        j = chain[k + 1][0] if k + 1 < len(chain) else len(lines)
        notes.append((n, lines[i:j]))
    return Block(page, lines[top:], notes, [])


def find_continuation(lines: list[Line], top: int) -> tuple[list[Line], Line | None]:
    """Unnumbered foot lines just above index `top` that continue a note of the
    previous page: back to a rule line, a blank line or a sentence end (at most
    MAX_CONT lines)."""
    lo = max(top - MAX_CONT, 0)
    # a rule or a blank line (a vertical gap) separates body and foot best
    for j in range(top - 1, lo - 1, -1):
        ln = lines[j]
        if RULE_LINE.match(ln.text):
            return lines[j + 1:top], ln
        if ln.blank_before:
            return (lines[j:top], None) if j > 0 else ([], None)
    for j in range(top - 1, lo - 1, -1):
        if j > 0 and ends_sentence(lines[j - 1].text, strict=True):
            return lines[j:top], None
    return [], None


def find_blocks(doc: Document) -> list[Block]:
    """Foot blocks of all pages, with cross-page continuations attached."""
    blocks: list[Block] = []
    prev: Block | None = None
    prev_block: Block | None = None  # the last block with notes, on any page before
    removed = Removed(deleted_spans(doc))
    for idx in range(len(pages_of(doc))):
        lines = live_lines(doc, idx, removed)
        b = find_block(lines, idx)
        if b is not None and (prev_block is None or prev_block.notes[-1][0] != 1):
            b = misread_one(doc, lines, b)
        top = len(lines) if b is None else lines.index(b.lines[0])
        if prev is not None and prev.notes and not _complete(prev.notes[-1][1]):
            cont, rule = find_continuation(lines, top)
            if cont:
                if b is None:
                    b = Block(idx, [], [], [])
                b.cont, b.rule = cont, rule
        if b is not None and b.notes and not _has_markers(doc, b):
            doc.warnings.append(f"numbered lines at the foot of page {idx + 1} have no "
                                "markers in the text: kept as text, not notes")
            b = Block(idx, [], [], b.cont, b.rule) if b.cont else None
        if b is not None:
            blocks.append(b)
        prev = b if b is not None and b.notes else None
        prev_block = prev or prev_block
    return blocks


def misread_one(doc: Document, lines: list[Line], b: Block) -> Block:
    """A foot block whose notes start at 2 under a line that starts "I ", "l " or "| "
    (OCR's reading of a note number 1) set off from the body by a gap or a rule, with
    a marker 1 in the body above: that line is note 1. Only when the notes before do not end with a 1 (then this page's 2
    runs on from it)."""
    if not b.notes or b.notes[0][0] != 2:
        return b
    top = lines.index(b.lines[0])
    for k in range(top - 1, max(top - 1 - MAX_CONT, 0), -1):
        if OCR_ONE.match(lines[k].text):
            break
    else:
        return b
    # set off from the body above, as a foot block is (a gap or a rule)
    if not (lines[k].blank_before or RULE_LINE.match(lines[k - 1].text)):
        return b
    page = pages_of(doc)[b.page]
    cands = marker_candidates(doc.original, page.start, lines[k].start)
    if not any(c.n == 1 and c.rank <= 2 for c in cands):
        return b
    return Block(b.page, lines[k:], [(1, lines[k:top]), *b.notes], b.cont, b.rule)


def note_text_offset(ln: Line) -> int:
    """Where a note's text starts in its first line (after its number).

    >>> note_text_offset(Line(0, 0, "13 See memoirs", 0)), note_text_offset(Line(0, 0, "I Ibid.", 0))
    (3, 2)
    """
    nn = note_number(ln)
    if nn is not None:
        return nn[1]
    m = OCR_ONE.match(ln.text)
    return m.end() if m else 0


def _has_markers(doc: Document, b: Block) -> bool:
    """Whether the body above a foot block holds a marker for one of its notes
    (a numbered list at the foot of a page has none)."""
    page = pages_of(doc)[b.page]
    numbers = {n for n, _ in b.notes}
    cands = marker_candidates(doc.original, page.start, b.lines[0].start)
    if any(c.n in numbers and c.rank <= 2 for c in cands):
        return True
    if not from_ocr(doc):
        return False
    # OCR without character boxes read every raised number as a glyph ("treaty.’")
    found = misread_markers(doc.original, {}, sorted(numbers), page.start, b.lines[0].start)
    return len(found) == len(numbers)


def _complete(note_lines: list[Line]) -> bool:
    """Whether a note's last line ends a sentence or a citation."""
    return bool(re.search("[" + re.escape(".!?" + CLOSERS) + r"]\s*$", note_lines[-1].text))


# -- markers -----------------------------------------------------------------------

@dataclass
class Marker:
    start: int  # clean offsets of the marker in the body view
    end: int
    n: int
    rank: int  # 0 superscript, 1 glued/bracketed, 2 glued to a word, 3 spaced


def marker_candidates(text: str, lo: int, hi: int) -> list[Marker]:
    """Possible note markers in text[lo:hi].

    >>> [(m.n, m.rank) for m in marker_candidates("treaty.”⁴Yet 2,350 in 1936.", 0, 27)]
    [(4, 0)]
    >>> [(m.n, m.rank) for m in marker_candidates("tons.12By May", 0, 13)]
    [(12, 1)]
    """
    out = []
    for m in re.finditer("[" + SUPERSCRIPTS + "]{1,3}", text[lo:hi]):
        out.append(Marker(lo + m.start(), lo + m.end(),
                          int(m.group(0).translate(SUPER_TO_DIGIT)), 0))
    for m in _SYMBOL_MARK.finditer(text, lo, hi):
        out.append(Marker(m.start(), m.end(), symbol_number(m.group(0)) or 0, 1))
    for m in re.finditer(r"\d{1,3}", text[lo:hi]):
        s, e = lo + m.start(), lo + m.end()
        rank = _digit_rank(text, s, e)
        if rank is not None:
            if rank == 1 and text[s - 1] == "[":
                s, e = s - 1, e + 1
            out.append(Marker(s, e, int(m.group(0)), rank))
    return sorted(out, key=lambda c: c.start)


# a note symbol glued after a word, a figure or a sentence's mark, before a space, a
# mark or the end ("road.* They", "Kent,† and"); not inside a word ("d*mn") nor a run
# of stars ("B*****")
_SYMBOL_MARK = re.compile(r"(?<=[^\W_]|[.,;:!?”’\"')\]])(([" + re.escape(SYMBOLS)
                          + r"])\2?)(?=[\s.,;:!?”’\"')]|$)")


def _digit_rank(text: str, s: int, e: int) -> int | None:
    """How marker-like the digits text[s:e] are, or None when they are a number."""
    p = text[s - 1] if s > 0 else " "
    p2 = text[s - 2] if s > 1 else " "
    q = text[e] if e < len(text) else " "
    q2 = text[e + 1] if e + 1 < len(text) else " "
    if p.isdigit() or q.isdigit() or (q in ".," and q2.isdigit()):
        return None  # part of a longer number: 2,350 / 4.5 / 1936
    if q.isalpha() and q.islower():
        return None  # 5th, 2nd
    if p == "[" and q == "]":
        return 1
    if p in ".,;:!?" + CLOSERS and (p2.isalpha() or p2 in ".,;:!?" + CLOSERS):
        if p in ",." and p2.isdigit():
            return None
        return 1
    if p.isalpha() and p.islower() and re.match(r"[^\W\d_]{3}$", text[max(s - 3, 0):s]):
        return 2 if (q.isspace() or q in ".,;:" + CLOSERS) else None
    if p == " " and p2 in ".!?" + CLOSERS and q == " " and q2.isupper():
        return 3
    return None


def choose_markers(cands: list[Marker], numbers: list[int], lo: int) -> dict[int, Marker]:
    """Match note numbers (increasing) to candidates in text order."""
    chosen: dict[int, Marker] = {}
    pos = lo
    for n in sorted(numbers):
        good = [c for c in cands if c.n == n and c.start >= pos]
        strong = [c for c in good if c.rank <= 1]
        pick = strong[0] if strong else (good[0] if good else None)
        if pick is None:
            anywhere = [c for c in cands if c.n == n and c.rank <= 1
                        and all(c.start >= x.end or c.end <= x.start for x in chosen.values())]
            pick = anywhere[0] if anywhere else None
        if pick is not None:
            chosen[n] = pick
            pos = pick.end
    return chosen


# what OCR without character boxes reads a raised note number glued to a word as
# (the glyphs the OCR readers also try as raised markers)
MISREAD = MARKER_GLYPHS
# ... also a closing quote, but only after punctuation and not closing a quotation
QUOTES = "'’”\""
# the quotation marks that open what each of QUOTES would close
_OPENERS = {"'": "'‘", "’": "'‘", "”": "\"“", "\"": "\"“"}
_MISREAD = re.compile(r"(?<=[^\W\d_]|[.,;:!?”\"')\]])([" + MISREAD + QUOTES + r"])"
                      r"(?=\s|$|[A-Z“‘\"(])")


def misread_markers(text: str, chosen: dict[int, Marker], numbers: list[int], lo: int,
                    hi: int) -> dict[int, Marker]:
    """Markers for the notes `chosen` found none for: a star, degree sign or apostrophe
    glued to the end of a word, in order between the markers found for the notes before
    and after (OCR read the raised number as that glyph). A degree sign after a figure
    (45°) is no marker; an apostrophe only after punctuation, and not closing a quotation
    opened before it in the paragraph.

    >>> t = "the treaty.* Yet the talks.° Then 45° north."
    >>> sorted((n, t[m.start:m.end]) for n, m in misread_markers(t, {}, [3, 4], 0, len(t)).items())
    [(3, '*'), (4, '°')]
    >>> t = "he said 'the old treaty.' Yet the soldiers' pay.³"
    >>> misread_markers(t, {5: Marker(len(t) - 1, len(t), 5, 0)}, [4, 5], 0, len(t))
    {}
    >>> t = "the 'old' treaty.' Yet"
    >>> misread_markers(t, {}, [4], 0, len(t))
    {4: Marker(start=17, end=18, n=4, rank=4)}
    """
    missing = sorted(n for n in numbers if n not in chosen)
    if not missing:
        return {}
    glyphs = [m for m in _MISREAD.finditer(text, lo, hi) if _glyph_ok(text, m.start())]
    out: dict[int, Marker] = {}
    used = {(m.start, m.end) for m in chosen.values()}
    for n in missing:
        after = max((m.end for k, m in [*chosen.items(), *out.items()] if k < n), default=lo)
        before = min((m.start for k, m in chosen.items() if k > n), default=hi)
        pick = next((g for g in glyphs if after <= g.start() and g.end() <= before
                     and (g.start(), g.end()) not in used), None)
        if pick is not None:
            out[n] = Marker(pick.start(), pick.end(), n, 4)
            used.add((pick.start(), pick.end()))
    return out


def from_ocr(doc: Document) -> bool:
    """Whether the text was read by OCR (hOCR, ALTO, an image, a scanned PDF page or the
    OCR text layer of one): the only texts where a star or a quote may be a misread note
    number."""
    return doc.ocr or doc.source.format in ("hocr", "alto", "image") or bool(doc.tokens)


def _glyph_ok(text: str, i: int) -> bool:
    """Whether the glyph at text[i] may be a misread marker (see `misread_markers`): a
    quote only after punctuation, when every quotation of its kind opened in the
    paragraph before it is closed.

    >>> t = "He said “stop.” Then they left.”"
    >>> _glyph_ok(t, t.index("”")), _glyph_ok(t, len(t) - 1)
    (False, True)
    >>> t = "He said 'the soldiers' pay was cut.' Yet"
    >>> _glyph_ok(t, t.index(".'") + 1)
    False
    """
    c = text[i]
    if c not in QUOTES:
        return True
    if text[i - 1] not in ".,;:!?":
        return False  # soldiers' pay: a possessive
    para = text.rfind("\n\n", 0, i) + 1
    before = text[para:i]
    opens = re.escape(_OPENERS[c])
    closes = re.escape(c + ("’" if c == "'" else "'" if c == "’" else ""))
    opened = len(re.findall(rf"(?:^|(?<=[\s(\[—–-]))[{opens}]", before))
    closed = len(re.findall(rf"(?<=[^\s(\[—–-])[{closes}](?=[\s.,;:!?)]|$)", before))
    # a plural's possessive ("the soldiers' pay") closes no quotation: a quotation that
    # holds one is still open, and the quote after it is its closing one, no marker
    closed -= len(re.findall(rf"(?<=s)[{closes}](?=[ \t\n]+[^\W\d_A-Z])", before))
    return opened <= closed


def marker_edit(view: View, m: Marker) -> Edit:
    """Delete a marker; put back the space it swallowed ('tons.¹²By' -> 'tons. By')."""
    t = view.text
    before = t[m.start - 1] if m.start > 0 else " "
    after = t[m.end] if m.end < len(t) else " "
    s, e, repl = m.start, m.end, ""
    if not before.isspace() and not after.isspace() and after not in OPENING_AFTER:
        repl = " "
    elif before == " " and after == " ":
        # 'word [7] next': drop one of the two spaces; at the very start of the text
        # the one after it (s - 1 was -1: the edit landed at the end of the text and
        # the marker stayed)
        if s > 0:
            s -= 1
        elif e < len(t):
            e += 1
    return view.edit(STAGE, s, e, repl, kind="layout", confidence=0.9,
                     reason=f"footnote marker {m.n} removed from the reading text")


# -- the stage ---------------------------------------------------------------------

@stage(STAGE)
def notes(doc: Document) -> Document:
    """Find foot blocks, remove them from the body, link notes to their markers."""
    blocks = find_blocks(doc)
    raw = pages_of(doc)
    view = doc.body_view()
    edits: list[Edit] = []
    made: list[tuple[Note, int]] = []  # (note, raw page)
    last_note: tuple[Note, Block] | None = None
    for b in blocks:
        pn = doc.page_numbers.get(b.page) or raw[b.page].n
        if b.cont and last_note is not None:
            edits.extend(_continuation_edits(doc, view, last_note[0], b))
        if b.lines:
            s = view.from_orig(b.lines[0].start)
            e = view.from_orig(line_end_with_break(doc.original, b.lines[-1].end))
            edits.append(view.edit(STAGE, s, e, "\n", kind="layout", confidence=0.9,
                                   reason=f"footnote block ({len(b.notes)} notes) moved out "
                                          "of the reading text"))
        for n, nlines in b.notes:
            off = note_text_offset(nlines[0])
            note = Note(note_label(n), nlines[0].start + off,
                        nlines[-1].end - _trail(nlines[-1]), page=pn)
            made.append((note, b.page))
            last_note = (note, b)
    doc.add_edits(edits)
    doc.notes.extend(n for n, _ in made)
    _link_markers(doc, made)
    _join_note_lines(doc, [n for n, _ in made])
    unique_numbers(doc.notes)
    return doc


def unique_numbers(notes_: list[Note]) -> None:
    """Give each note a number no other note of the document has.

    "note:N" names a note everywhere (views, mentions, dates, citations, the
    store), so numbering that restarts on every page made the second note 2 an
    alias of the first: its names were read with the other note's text (an
    IndexError in extract.entities). A repeated number gets a letter, in order.

    >>> ns = [Note("1", 0, 1), Note("2", 2, 3), Note("1", 4, 5), Note("1", 6, 7)]
    >>> unique_numbers(ns); [n.n for n in ns]
    ['1', '2', '1b', '1c']
    """
    taken = {n.n for n in notes_}
    seen: set[str] = set()
    for note in notes_:
        if note.n in seen:
            k = 1
            while (new := f"{note.n}{_suffix(k)}") in taken:
                k += 1
            taken.add(new)
            note.n = new
        seen.add(note.n)


def _suffix(k: int) -> str:
    """b, c, ... z, then b2, c2 ... (a is the note itself).

    >>> _suffix(1), _suffix(25), _suffix(26)
    ('b', 'z', 'b2')
    """
    return chr(ord("b") + (k - 1) % 25) + (str((k - 1) // 25 + 1) if k > 25 else "")


def _trail(ln: Line) -> int:
    return len(ln.text) - len(ln.text.rstrip())


def _continuation_edits(doc: Document, view: View, note: Note, b: Block) -> list[Edit]:
    """Move the continuation lines of `note` from the next page to the note's end."""
    first, last = b.cont[0], b.cont[-1]
    after_note = line_end_with_break(doc.original, note.end)
    if after_note == note.end:
        doc.warnings.append(f"note {note.n} continues on the next page but could not be "
                            "joined (no line break after it)")
        return []
    cs = view.from_orig(first.start)
    ce_text = view.from_orig(last.end)
    # the rule stands above the continuation: the deletion runs to the last line
    ce = view.from_orig(line_end_with_break(doc.original, last.end))
    if b.rule is not None:
        cs = min(cs, view.from_orig(b.rule.start))
    moved = view.text[view.from_orig(first.start):ce_text].strip()
    glue = "\n" if doc.original[:note.end].rstrip().endswith("-") else " "
    # line breaks of any convention joined (one after a hyphen kept, as an LF)
    moved = re.sub(r"(?<=-)(?:\r\n|\r)", "\n", moved)
    moved = re.sub(r"(?<!-)[ \t]*(?:\r\n|\r|\n)[ \t]*", " ", moved)
    reason = f"footnote {note.n} continues on the next page: continuation moved to its end"
    dele = view.edit(STAGE, cs, ce, "", kind="move", confidence=0.8, reason=reason)
    ins = Edit(stage=STAGE, start=note.end, end=note.end, original="", replacement=glue + moved,
               confidence=0.8, reason=reason, kind="move", moved_from=first.start)
    return [dele, ins]


def _link_markers(doc: Document, made: list[tuple[Note, int]]) -> None:
    view = doc.body_view()
    pages = doc.pages()
    edits: list[Edit] = []
    by_page: dict[int, list[Note]] = {}
    for note, p in made:
        by_page.setdefault(p, []).append(note)
    for p, notes_ in by_page.items():
        lo, hi = pages[p]["start"], pages[p]["end"]
        cands = marker_candidates(view.text, lo, hi)
        numbers = [label_number(n.n) for n in notes_]
        chosen = choose_markers(cands, numbers, lo)
        if from_ocr(doc) and max(numbers) <= SYMBOL_BASE:
            # (typed or typeset text has no misread glyphs; symbols are read as printed)
            chosen.update(misread_markers(view.text, chosen, numbers, lo, hi))
        for note in notes_:
            m = chosen.get(label_number(note.n))
            if m is None:
                doc.warnings.append(f"no marker found in the text for footnote {note.n}")
                continue
            note.marker_start = view.orig[m.start]
            note.marker_end = view.orig[m.end - 1] + 1
            edits.append(marker_edit(view, m))
    doc.add_edits(edits)


def _join_note_lines(doc: Document, notes_: list[Note]) -> None:
    """Join the lines of each note with a space (a break after a hyphen is kept)."""
    edits: list[Edit] = []
    for note in notes_:
        v = doc.note_view(note)
        for m in re.finditer(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", v.text):
            hyphen = m.start() > 0 and v.text[m.start() - 1] == "-"
            repl = "\n" if hyphen else " "
            if m.group(0) != repl:
                edits.append(v.edit(STAGE, m.start(), m.end(), repl, kind="layout",
                                    confidence=0.95, reason="line break inside a footnote"))
    doc.add_edits(edits)
