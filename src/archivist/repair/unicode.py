"""repair.unicode: mojibake, composition and stray control characters.

Works token by token so every change is a small, explainable edit. NFC only
(never NFKC): superscript digits (note markers) and other compatibility
characters keep their identity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import ftfy

from ..pipeline import stage
from .core import Change, Context, run_until_stable

# C0/C1 controls except tab/newline, zero-width chars, soft hyphen, BOM.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u00ad\ufeff]+")
NONASCII_RE = re.compile(r"[^\x00-\x7f]")


def fix_unicode(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes that repair mojibake, decompose-compose (NFC) and drop controls.

    >>> [(c.replacement, c.reason) for c in fix_unicode("a cafÃ© in Lisbon")]
    [('café', 'mojibake (ftfy)')]
    >>> [c.replacement for c in fix_unicode("soft\\u00adhyphen")]
    ['']
    >>> fix_unicode("harbour.”⁴ Even “quoted” text, 3,250 guineas")
    []
    """
    out: list[Change] = []
    for m in CONTROL_RE.finditer(text):
        out.append(Change(m.start(), m.end(), "", 0.95, (m.group(),), "control character"))
    for start, end in _nonascii_tokens(text):
        tok = text[start:end]
        if CONTROL_RE.search(tok):
            continue
        fixed = _ftfy_stable(tok)
        if fixed != tok:
            reason = ("NFC" if fixed == unicodedata.normalize("NFC", tok) else "mojibake (ftfy)")
            out.append(Change(start, end, fixed, 0.95, (tok,), reason))
    return out


def _nonascii_tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the whitespace-delimited tokens that hold a non-ASCII character.

    Found from the non-ASCII characters outwards, in linear time: the obvious regex
    ``\\S*[^\\x00-\\x7f]\\S*`` backtracks quadratically over a long ASCII run (a
    two-megabyte line without spaces took hours).

    >>> _nonascii_tokens("a café, naïve; plain ascii-only")
    [(2, 7), (8, 14)]
    """
    spans: list[tuple[int, int]] = []
    for m in NONASCII_RE.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue  # inside the token already taken
        start = m.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = m.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


@lru_cache(maxsize=100_000)  # a pure function of the token, asked again in every pass
def _ftfy_stable(tok: str) -> str:
    """ftfy applied until it changes nothing more (so the stage is idempotent)."""
    for _ in range(4):
        fixed = ftfy.fix_text(tok, uncurl_quotes=False, fix_line_breaks=False,
                              normalization="NFC", fix_character_width=False,
                              fix_latin_ligatures=True, remove_terminal_escapes=False)
        if fixed == tok:
            break
        tok = fixed
    return tok


def settled_after(text: str, start: int, end: int, replacement: str = "",
                  others: Sequence[tuple[int, int, str]] = ()) -> bool:
    """Whether the word around text[start:end], once that span reads `replacement`,
    is as this stage would leave it. A later stage's edit must not make a word this
    stage would then change (deleting "®" from "®Ü¯" leaves "Ü¯", which ftfy reads
    as mojibake for "ܯ"): repair would not be idempotent.

    A non-ASCII space beside the word counts with it: "Â" before a no-break space
    is the mojibake of that space.

    >>> settled_after("®café", 0, 1), settled_after("®Ü¯", 0, 1)
    (True, False)
    >>> settled_after("®Â\xa0", 0, 1), settled_after("®Â x", 0, 1)
    (False, True)
    """
    a = start
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    if a > 0 and not text[a - 1].isascii():
        a -= 1
    b = end
    while b < len(text) and not text[b].isspace():
        b += 1
    if b < len(text) and not text[b].isascii():
        b += 1
    # the same pass's other changes inside the word (start, end, replacement) count:
    # the word must be settled as it will read, not as it reads now
    pieces, at = [], a
    for s, e, r in sorted([*[o for o in others if a <= o[0] and o[1] <= b
                             and (o[1] <= start or end <= o[0])], (start, end, replacement)]):
        pieces += [text[at:s], r]
        at = e
    word = "".join(pieces) + text[at:b]
    return word.isascii() or _ftfy_stable(word) == word


@stage("repair.unicode")
def unicode_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_unicode` on the body and every note."""
    return run_until_stable(doc, "repair.unicode", fix_unicode, needs_context=False)
