"""repair.diacritics: put displaced accents back on their letters.

PDF extraction of typeset romanisations often emits the accent as a separate
glyph before its vowel: "Sabur ̄o", "kyokut ̄ ̄o", "shob ̄ o". The mark is moved
onto the vowel (duplicates collapsed) and the result composed (NFC). A mark with
no vowel to sit on is kept and reported as a warning plus a suggestion.
"""

from __future__ import annotations

import re
import unicodedata

from ..pipeline import stage
from .core import Change, Context, build_context, run_stage

# spacing accents that stand for combining ones
SPACING = {"\u00af": "\u0304", "\u02c9": "\u0304", "\u00b4": "\u0301", "\u02ca": "\u0301",
           "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u02c7": "\u030c",
           "\u02d8": "\u0306"}
MARK = "[\u0300-\u036f" + "".join(SPACING) + "]"
DISPLACED_RE = re.compile(r"(?<=[A-Za-z]) ?((?:" + MARK + r" ?)+)([AEIOUaeiou])(?![A-Za-z])")
ORPHAN_RE = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[^\w\s]))" + MARK + "+")


def fix_diacritics(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes moving displaced accents onto the following vowel.

    >>> [c.replacement for c in fix_diacritics("Sabur ̄o Hayashi, kyokut ̄ ̄o, shob ̄ o")]
    ['ō', 'ō', 'ō']
    >>> fix_diacritics("café naïve Saburō")  # marks already in place: nothing
    []
    >>> [(c.replacement, c.confidence < 0.5) for c in fix_diacritics("53–54. ̄")]
    [('', True)]
    """
    if ctx is None:
        ctx = build_context([text])
    out = []
    used = []
    for m in DISPLACED_RE.finditer(text):
        marks = [SPACING.get(c, c) for c in m.group(1) if c != " "]
        uniq = "".join(dict.fromkeys(marks))
        composed = unicodedata.normalize("NFC", m.group(2) + uniq)
        out.append(Change(m.start(), m.end(), composed, 0.9, (m.group(),),
                          "displaced diacritic moved onto its vowel"))
        used.append((m.start(), m.end()))
    for m in ORPHAN_RE.finditer(text):
        if any(s <= m.start() < e for s, e in used):
            continue
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue  # a proper combining mark on its letter
        ctx.flags.setdefault("warnings", []).append(  # type: ignore[union-attr]
            f"repair.diacritics: orphan accent {m.group()!r} near "
            f"{text[max(0, m.start() - 12):m.end() + 4]!r} kept (no letter to attach to)")
        out.append(Change(m.start(), m.end(), "", 0.2, (m.group(),),
                          "orphan diacritic: no vowel to attach to (kept, flagged)"))
    return out


@stage("repair.diacritics")
def diacritics_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_diacritics` on the body and every note."""
    return run_stage(doc, "repair.diacritics", fix_diacritics, needs_context=False)
