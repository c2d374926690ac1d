"""A letter the OCR read as a mark inside a word ("adv-ntage", "dange.ous", "own?r").

The tokeniser cuts a word at a hyphen, comma, period or question mark, so neither
piece is the garbled word and `repair.words` never sees it whole. Here a mark
standing between two runs of letters (no space on either side) is replaced by one
letter where that gives a common English word and the pieces are not words or a
word broken at a line end. Real compounds ("to-day", "two-fold", "Anglo-Saxon"),
names ("Austria-Hungary"), sentences run together ("end.The"), contractions, elisions
and transliterations with apostrophes ("Pai'ho") are left alone.
"""

from __future__ import annotations

import re

from ..lexicon import zipf
from .channel import frequencies
from .core import Change, is_lexical, is_protected, match_case

# letters - mark - letters, no letter, digit or mark glued on either side (initials
# and abbreviations "U.S.A.", "e.g." have a mark after the second piece)
MARKED_RE = re.compile(
    r"(?<![\w'’.,?!-])([^\W\d_]+)([-.,?!])([^\W\d_]+)(?=(?:['’][sS])?(?![\w'’-]|[.,?!][^\W\d_]))")
# Where MARKED_RE can match: a mark between two letters. MARKED_RE starts with a
# lookbehind, so `finditer` tries it at every position of the text (~0.18 ms per 3 KB
# page); a scan for its mark starts with a character set (see `_marked`).
MARK_AT = re.compile(r"[-.,?!](?<=[^\W\d_][-.,?!])(?=[^\W\d_])")
_LETTER = re.compile(r"[^\W\d_]")


def _marked(text: str) -> list[re.Match[str]]:
    """`list(MARKED_RE.finditer(text))`, found from the marks between two letters: a
    match holding such a mark starts where the run of letters before it starts (inside
    the run the lookbehind fails: a letter is a word character), so MARKED_RE is tried
    at that one position. A match cannot start inside an earlier one (every character
    of a match is one the lookbehind refuses), so these are `finditer`'s (the property
    test compares them on any text).

    >>> t = "their wint?r's po.sible, end.The a-b-c"
    >>> [m.group() for m in _marked(t)] == [m.group() for m in MARKED_RE.finditer(t)]
    True
    >>> [m.group() for m in _marked(t)]
    ['wint?r', 'po.sible', 'end.The']
    """
    out = []
    last = 0
    for hit in MARK_AT.finditer(text):
        p = hit.start()
        while p > 0 and _LETTER.match(text, p - 1):
            p -= 1
        if p < last:
            continue  # (a guard: see above, no match starts inside an earlier one)
        m = MARKED_RE.match(text, p)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


MIN_LETTERS = 4  # letters of the whole word, mark excluded ("a-b" is a label)
MIN_ZIPF = 3.0  # a reading this common, not a rare word the letters happen to spell
MARGIN = 1.0  # zipf by which the best letter must beat the next one
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def mark_readings(left: str, right: str) -> list[tuple[str, float]]:
    """Words (lower case) made by putting one letter between `left` and `right`,
    with their zipf, commonest first.

    >>> [w for w, _z in mark_readings("po", "sible")]
    ['possible']
    >>> [w for w, _z in mark_readings("ha", "d")]
    ['hard', 'hand']
    """
    freq = frequencies()
    a, b = left.lower(), right.lower()
    out = [(a + c + b, freq.get(a + c + b, 0.0)) for c in ALPHABET]
    return sorted(((w, z) for w, z in out if z > 0), key=lambda t: -t[1])


def pieces_stand(left: str, right: str, mark: str) -> bool:
    """Whether the two pieces are as printed: both words (a compound, or a sentence or
    list run together), a word broken at a line end, or a sentence opening after a
    period.

    >>> pieces_stand("two", "fold", "-"), pieces_stand("infor", "mation", "-")
    (True, True)
    >>> pieces_stand("end", "Then", "."), pieces_stand("dange", "ous", ".")
    (True, False)
    """
    if mark == "." and right[:1].isupper():
        return True
    if is_lexical(left + right) or is_lexical(left.lower() + right):
        return True
    return len(left) > 1 and len(right) > 1 and is_lexical(left) and is_lexical(right)


def mark_letters(text: str) -> list[Change]:
    """Changes putting a letter where the OCR read a mark inside a word.

    >>> [(c.start, c.replacement) for c in mark_letters("their wint?r's po.sible adv-ntage")]
    [(6, 'winter'), (15, 'possible'), (24, 'advantage')]

    Compounds, names, sentences run together, abbreviations, transliterations and
    marks where two letters fit as well ("ha-d": "hard" or "hand") are left alone:

    >>> mark_letters("to-day the two-fold Austria-Hungary end.The U.S.A. e.g. Pai'ho we ha-d")
    []
    """
    out: list[Change] = []
    for m in _marked(text):
        left, mark, right = m.group(1), m.group(2), m.group(3)
        if len(left) + len(right) < MIN_LETTERS or pieces_stand(left, right, mark):
            continue
        form = m.group()
        if is_protected(left + right) or (left[:1].isupper() and right[:1].isupper()
                                          and not form.isupper()):
            continue  # "McDonald-Smith": two capitalised names
        reads = mark_readings(left, right)
        if not reads or reads[0][1] < MIN_ZIPF:
            continue
        if len(reads) > 1 and reads[0][1] - reads[1][1] < MARGIN:
            continue  # two words fit as well: no way to tell which letter it was
        word = reads[0][0]
        if zipf(form.lower()) > 0 and is_lexical(form):
            continue
        src = left + "x" + right
        out.append(Change(m.start(), m.end(), match_case(src, word), 0.8, (form,),
                          f"OCR misread a letter as {mark!r} inside a word"))
    return out
