"""repair.noise: marks that newspaper OCR makes from specks, rules and ornaments.

A scanned newspaper page is full of things that are not letters: ink specks, column
rules, bleed-through, printers' ornaments. The OCR engine reads them as bullets,
squares, triangles, registered and copyright signs ("•", "■", "▼", "®", "©"),
underscores and tildes, which the printed text does not contain. This stage marks such
a mark as a deletion edit ("OCR noise: ..."): the original keeps it, the edit log says
what was removed and why, and a reader can restore it.

It is deliberately narrow. Only characters that do not occur in running text of the
period are noise; a token made of them alone is deleted with one neighbouring space,
and one stuck to the start or end of a word ("•that") is cut off it. Letters, digits,
ordinary punctuation (. , ; : ! ? ' " - — ( ) & £ * † ‡ § ¶), footnote markers and
superscripts are never touched; a mark beside a digit ("45°", "© 1894") is kept.
"""

from __future__ import annotations

import re

from ..pipeline import stage
from .core import Change, Context, run_stage

# Characters the OCR makes from specks, rules and ornaments: bullets and squares,
# triangles, stars used as dingbats, registered/copyright/currency signs that no
# nineteenth-century column prints, underscores, tildes, vertical bars. "*" and the
# daggers are footnote markers and stay; "°" counts only away from digits.
NOISE_CHARS = "•■□▪▫▬▼▲►◄◆◇●○◊★☆®©¥€¤¦|~_°"
_NOISE_SET = frozenset(NOISE_CHARS)
# punctuation a noise token may carry besides its noise marks ("'•", "-■", "?•")
_PUNCT = frozenset(".,;:!?'\"‘’“”-—–")
TOKEN_RE = re.compile(r"\S+")
# a quote mark standing alone between spaces: an opening quote whose word the OCR
# spaced off, or a speck read as a quote
QUOTES = frozenset("'‘’")
LONE_QUOTE_RE = re.compile(r"(?<!\S)['‘’]{1,2}(?!\S)")


def _noise_token(tok: str) -> bool:
    """A token of noise marks and punctuation only, with at least one noise mark."""
    return (any(c in _NOISE_SET for c in tok)
            and all(c in _NOISE_SET or c in _PUNCT for c in tok))


def _lone_quote(tok: str) -> bool:
    """A token of one or two single quote marks and nothing else ("'", "' '" parts)."""
    return len(tok) <= 2 and all(c in QUOTES for c in tok)


def _quote_is_noise(prev: str | None, nxt: str | None) -> float:
    """Confidence that a lone quote mark between `prev` and `nxt` is a speck: 0 if it
    may be a real quote (at a text edge, before a capital, a digit or a bracket,
    after sentence punctuation, ...).

    Beside another lone quote or a noise mark it is part of a speckled patch. Between
    two lower-case words ("to take ' her arms") no quotation opens or closes, but it
    may be a possessive's apostrophe spaced off ("an hour ' notice"): a suggestion."""
    if prev is None or nxt is None:
        return 0.0
    if _noise_token(prev) or _noise_token(nxt) or _lone_quote(prev) or _lone_quote(nxt):
        return 0.8
    if prev[-1:].isalpha() and prev[-1:].islower() and nxt[:1].isalpha() and nxt[:1].islower():
        return 0.4
    return 0.0


def _mark_confidence(prev: str | None, nxt: str | None) -> float:
    """Confidence that a token of noise marks alone is a speck, not a misread word.

    Between a lower-case word (or a comma) and a lower-case word, in mid-sentence
    ("It • the most", "route, • states")
    a mark more often stands for a short word the OCR could not read (deleting it
    leaves the gap, keeping it costs the same): only suggested there. At a text edge,
    beside capitals, digits, punctuation or other marks it is a speck or an ornament."""
    if (prev and nxt and (prev[-1:].islower() or prev[-1:] in ",;")
            and nxt[:1].isalpha() and nxt[:1].islower()):
        return 0.4
    return 0.9


def _delete_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to delete for the token at [start, end): the token and the spaces
    after it (or, at the end of a line, the spaces before it), so two words stay
    one space apart and line breaks stay where they were."""
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    if j > end and j < len(text) and text[j] != "\n":
        return start, j
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i < start:
        return i, end
    return start, j


def _stuck_marks(tok: str) -> tuple[int, int]:
    """How many noise marks lead and trail a word token ("•that" -> (1, 0)); (0, 0)
    unless what is left has a letter and no noise mark inside."""
    lead = len(tok) - len(tok.lstrip(NOISE_CHARS))
    trail = len(tok) - len(tok.rstrip(NOISE_CHARS))
    core = tok[lead:len(tok) - trail]
    if not any(c.isalpha() for c in core) or any(c in _NOISE_SET for c in core):
        return 0, 0
    return lead, trail


def fix_noise(text: str, ctx: Context | None = None) -> list[Change]:
    """Deletion changes for OCR noise marks: tokens of them, and marks stuck to a word.

    >>> t = "the Society • will meet ■ at noon; report •that the Hi® club _ met"
    >>> [(t[c.start:c.end], c.replacement) for c in fix_noise(t)]
    [('• ', ''), ('■ ', ''), ('•', ''), ('®', ''), ('_ ', '')]

    Leaves text alone: punctuation, quotes, dashes, footnote markers, degrees and
    copyright beside digits, "&c.", prices:

    >>> fix_noise("He said, 'Yes' - and went; the heat was 45° &c. * See note † £5 © 1894")
    []
    """
    out: list[Change] = []
    if not any(c in _NOISE_SET for c in text) and not LONE_QUOTE_RE.search(text):
        return out  # most pages: two C-level scans
    toks = list(TOKEN_RE.finditer(text))
    for k, m in enumerate(toks):
        tok = m.group()
        if _lone_quote(tok):
            prev = toks[k - 1].group() if k else None
            nxt = toks[k + 1].group() if k + 1 < len(toks) else None
            conf = _quote_is_noise(prev, nxt)
            if conf:
                s, e = _delete_span(text, m.start(), m.end())
                out.append(Change(s, e, "", conf, (text[s:e],),
                                  f"OCR noise: lone quote mark {tok!r} between words"))
            continue
        if not any(c in _NOISE_SET for c in tok):
            continue
        if any(c.isdigit() for c in tok) or _beside_digit(text, m.start(), m.end()):
            continue  # "45°", "© 1894": a mark that belongs to a number
        if all(c in _NOISE_SET for c in tok):
            prev = toks[k - 1].group() if k else None
            nxt = toks[k + 1].group() if k + 1 < len(toks) else None
            s, e = _delete_span(text, m.start(), m.end())
            out.append(Change(s, e, "", _mark_confidence(prev, nxt), (text[s:e],),
                              f"OCR noise: stray mark {tok!r}"))
            continue
        # marks mixed with punctuation or stuck to a word: cut the marks, keep the rest
        for i, c in enumerate(tok):
            if c in _NOISE_SET and (i == 0 or tok[i - 1] not in _NOISE_SET):
                j = i
                while j < len(tok) and tok[j] in _NOISE_SET:
                    j += 1
                if 0 < i and j < len(tok) and tok[i - 1].isalnum() and tok[j].isalnum():
                    continue  # inside a word ("Hi®s"): a misread letter, not a speck
                out.append(Change(m.start() + i, m.start() + j, "", 0.85, (tok[i:j],),
                                  f"OCR noise: mark {tok[i:j]!r} beside {tok!r}"))
    return out


def _beside_digit(text: str, start: int, end: int) -> bool:
    """A digit in the next token on either side ("©" before "1894")."""
    before = text[max(0, start - 6):start].split()
    after = text[end:end + 6].split()
    near = (before[-1] if before else "") + (after[0] if after else "")
    return any(c.isdigit() for c in near)


@stage("repair.noise")
def noise_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_noise` on the body and every note."""
    return run_stage(doc, "repair.noise", fix_noise, needs_context=False)
