"""repair.diacritics: put displaced accents back on their letters.

PDF extraction of typeset romanisations often emits the accent as a separate
glyph before its vowel: "Kat ̄o", "gaik ̄ ̄o", "Sat ̄ o". The mark is moved
onto the vowel (duplicates collapsed) and the result composed (NFC).

A free-standing mark with no letter to sit on ("112–13. ̄") is not text: it is a glyph
the extraction displaced from some word it cannot tell. It leaves the reading text
through an applied edit whose confidence sits just above the default threshold, so
that it is flagged three ways: a document warning, the edit log (the mark is the
edit's `original`, the alternative keeps it) and the review queue. Nothing is lost:
`original` keeps the mark, rejecting the edit puts it back, and a stricter threshold
turns the edit into a suggestion that leaves the mark in place.
"""

from __future__ import annotations

import re
import unicodedata

from ..pipeline import stage
from .core import Change, Context, build_context, run_stage
from .unicode import settled_after

# spacing accents that stand for combining ones
SPACING = {"\u00af": "\u0304", "\u02c9": "\u0304", "\u00b4": "\u0301", "\u02ca": "\u0301",
           "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u02c7": "\u030c",
           "\u02d8": "\u0306"}
MARK = "[\u0300-\u036f" + "".join(SPACING) + "]"
DISPLACED_RE = re.compile(r"(?<=[A-Za-z]) ?((?:" + MARK + r" ?)+)([AEIOUaeiou])(?![A-Za-z])")
# the same inside a word ("Y ̄osuke", "T ̄oky ̄o"): the vowel has letters after it
DISPLACED_IN_RE = re.compile(r"(?<=[A-Za-z])( ?)((?:" + MARK + r" ?)+)([AEIOUaeiou])(?=[A-Za-z])")
ORPHAN_RE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[^\w\s]))" + MARK + "+")
MARK_RE = re.compile(MARK)  # both need a mark: text without one is not scanned (~20x faster)


def fix_diacritics(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes moving displaced accents onto the following vowel.

    >>> [c.replacement for c in fix_diacritics("Kat ̄o Takeshi, gaik ̄ ̄o, Sat ̄ o")]
    ['ō', 'ō', 'ō']
    >>> fix_diacritics("café naïve Katō")  # marks already in place: nothing
    []
    >>> t = "Y ̄osuke went to T ̄oky ̄o via the ̄Omura road"
    >>> [(t[c.start:c.end], c.replacement) for c in fix_diacritics(t)]
    [(' ̄o', 'ō'), (' ̄o', 'ō'), (' ̄o', 'ō'), (' ̄O', ' Ō')]
    >>> [(c.replacement, c.alternatives, c.confidence < 0.6)
    ...  for c in fix_diacritics("112–13. ̄")]
    [('', (' ̄',), True)]
    """
    if not MARK_RE.search(text):
        return []
    if ctx is None:
        ctx = build_context([text])
    out = []
    used = []
    for m in DISPLACED_RE.finditer(text):
        if _in_place(text, m.start()):
            continue
        marks = [SPACING.get(c, c) for c in m.group(1) if c != " "]
        uniq = "".join(dict.fromkeys(marks))
        composed = unicodedata.normalize("NFC", m.group(2) + uniq)
        surplus = len(marks) - len(uniq)
        reason = "displaced diacritic moved onto its vowel"
        if surplus:  # a repeated mark belonged to another vowel we cannot tell
            reason += f" ({surplus} repeated mark(s) dropped: their letter is unknown)"
            _warn(ctx, text, m.start(), m.end(), "repeated accent dropped")
        out.append(Change(m.start(), m.end(), composed, 0.9, (m.group(),), reason))
        used.append((m.start(), m.end()))
    for m in DISPLACED_IN_RE.finditer(text):
        if any(s <= m.start() < e for s, e in used) or _in_place(text, m.start()):
            continue
        left = _letters_before(text, m.start())
        if m.group(1) and _standalone_word(left) and _standalone_word(
                _letters_after(text, m.end() - 1)):
            continue  # "the ́ end": a stray mark between two English words (an orphan)
        marks = [SPACING.get(c, c) for c in m.group(2) if c != " "]
        composed = unicodedata.normalize("NFC", m.group(3) + "".join(dict.fromkeys(marks)))
        # the space before the mark is the extraction's, unless the letters before it
        # are a word of their own ("the ̄Osaka"): then it parts two words
        keep = m.group(1) if _standalone_word(left) else ""
        out.append(Change(m.start(), m.end(), keep + composed, 0.8, (m.group(),),
                          "displaced diacritic moved onto its vowel inside a word"))
        used.append((m.start(), m.end()))
    for m in ORPHAN_RE.finditer(text):
        if any(s <= m.start() < e for s, e in used):
            continue
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue  # a proper combining mark on its letter
        if not settled_after(text, m.start(), m.end(),
                             others=[(c.start, c.end, c.replacement) for c in out]):
            # removing it would leave a word repair.unicode reads as mojibake (and
            # would change on a second run): kept, and flagged
            _warn(ctx, text, m.start(), m.end(), "orphan accent kept (no letter to attach to)")
            continue
        if _frees_noise(text, m.start(), m.end()):
            # likewise for repair.noise: a mark it left alone because the word read as
            # mojibake would be cut on a second run ("à|¸´")
            _warn(ctx, text, m.start(), m.end(), "orphan accent kept (no letter to attach to)")
            continue
        _warn(ctx, text, m.start(), m.end(),
               "orphan accent removed from the reading text (no letter to attach to; "
               "kept in original, review the edit)")
        # one leading space goes with the mark so that no double space is left behind,
        # unless a word follows at once: "over ̄all" is "over all", not "overall"
        glued = m.end() < len(text) and text[m.end()].isalnum()
        start = m.start() - 1 if (m.start() > 0 and text[m.start() - 1] == " "
                                  and not glued) else m.start()
        out.append(Change(start, m.end(), "", ORPHAN_CONFIDENCE, (text[start:m.end()],),
                          "orphan diacritic: no letter to attach to; flagged for review"))
    return out


def _frees_noise(text: str, start: int, end: int) -> bool:
    """Whether deleting text[start:end] lets repair.noise cut a mark from the word
    around it that it leaves alone while the deleted characters are there.

    >>> _frees_noise("à|¸´", 3, 4), _frees_noise("the ́ end", 4, 5)
    (True, False)
    """
    from .noise import fix_noise

    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    word, rest = text[a:b], text[a:start] + text[end:b]
    return bool(rest) and not fix_noise(word) and bool(fix_noise(rest))


def _letters_before(text: str, end: int) -> str:
    start = end
    # a mark inside the word is part of it ("Y ̄ok" is no English "ok")
    while start > 0 and (text[start - 1].isalpha() or MARK_RE.match(text[start - 1])):
        start -= 1
    return text[start:end]


def _letters_after(text: str, start: int) -> str:
    end = start
    # as `_letters_before`: a mark inside the word is part of it ("oT ̄o" is no
    # English "ot"); stopping at it judged the word on a head that the mark's own
    # repair then lengthened, so a second run moved the mark before it
    while end < len(text) and (text[end].isalpha() or MARK_RE.match(text[end])):
        end += 1
    return text[start:end]


def _in_place(text: str, at: int) -> bool:
    """Whether the combining mark at `at` sits on the letter before it, as in decomposed
    (NFD) text ("Magalha\u0303es"): the two compose to one character, so nothing moved.

    >>> _in_place("Magalha\u0303es", 7), _in_place("Kat\u0304o", 3), _in_place("Y \u0304o", 1)
    (True, False, False)
    """
    if at == 0 or not "\u0300" <= text[at] <= "\u036f":
        return False
    return len(unicodedata.normalize("NFC", text[at - 1] + text[at])) == 1


def _standalone_word(letters: str) -> bool:
    """Whether letters before a displaced mark are an English word by themselves ("the",
    "a"), not the head of a romanised word cut by the mark ("Y", "Ry", "T"), nor
    letters holding a mark of their own (wordfreq would read "¯o" as "o"; the mark's
    own repair must not change what its neighbour's decision sees).

    >>> _standalone_word("the"), _standalone_word("Ry"), _standalone_word("¯on")
    (True, False, False)
    """
    from ..lexicon import zipf

    if MARK_RE.search(letters):
        return False
    low = letters.lower()
    return low in ("a", "i") or (len(low) >= 2 and zipf(low) >= 3.5)


# just above the default threshold (0.5): applied, yet first in the review queue
ORPHAN_CONFIDENCE = 0.55


def _warn(ctx: Context, text: str, start: int, end: int, what: str) -> None:
    """A document warning naming the mark and its surroundings."""
    ctx.flags.setdefault("warnings", []).append(  # type: ignore[union-attr]
        f"repair.diacritics: {what}: {text[start:end]!r} near "
        f"{text[max(0, start - 12):end + 4]!r}")


@stage("repair.diacritics")
def diacritics_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_diacritics` on the body and every note."""
    return run_stage(doc, "repair.diacritics", fix_diacritics, needs_context=False)
