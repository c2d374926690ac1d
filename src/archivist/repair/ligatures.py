"""repair.ligatures: restore ff/fi/fl/ffi/ffl glyphs a PDF extraction dropped.

"dierent" -> "different", "Oce" -> "Office", "rst" -> "first". Only when the
document shows the loss: several distinct non-words that become frequent words by
inserting a ligature. A document without such evidence gets no edits, so "rst"
or "stas" in an ordinary text are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import LATIN, MAX_WORD_LEN, listed_words, zipf
from ..pipeline import stage
from .core import Change, Context, build_context, run_stage, tokenized

LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
MIN_EVIDENCE = 3  # distinct non-words that a ligature makes into frequent words


def ligature_candidates(word: str) -> list[tuple[str, float]]:
    """Words made by inserting one ligature anywhere in `word`, with their zipf.

    >>> ligature_candidates("dierent")[0]
    ('different', 5.59)
    >>> ligature_candidates("Oce")[0][0]
    'Office'
    """
    out: dict[str, float] = {}
    if len(word) >= MAX_WORD_LEN:  # no word to make: skip the len(word) * 5 lookups
        return []
    lw = word.lower()
    # a-z strings that wordfreq does not list have zipf 0: skip the look-up; so do
    # strings of Latin letters whose case-folded form it does not list (wordfreq
    # reads such a string as that one token: `LATIN`)
    plain = lw.isascii() and lw.isalpha()
    latin = not plain and LATIN.issuperset(lw)
    listed = listed_words() if plain or latin else None
    for i in range(len(word) + 1):
        for lig in LIGATURES:
            cand = lw[:i] + lig + lw[i:]
            if listed is not None and (cand if plain else cand.casefold()) not in listed:
                continue
            z = zipf(cand)
            if z >= 3.0:
                cased = word[:i] + lig + word[i:]
                if i == 0 and word[:1].isupper():
                    cased = lig[0].upper() + lig[1:] + word[0].lower() + word[1:]
                out[cased] = max(out.get(cased, 0.0), z)
    return sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))


def ligature_evidence(forms: Iterable[str]) -> int:
    """How many distinct non-words among the document's word forms a ligature
    turns into a frequent word (zipf >= 3.5)."""
    return len({w.lower() for w in forms if _lig_evidence(w)})


@lru_cache(maxsize=200_000)
def _lig_evidence(w: str) -> bool:
    """A rare non-word a ligature turns into a frequent word (cached per form:
    every document's forms are tested, and forms repeat across documents)."""
    if w.isalpha() and len(w) >= 3 and zipf(w.lower()) < 1.5:
        lw = w.lower()
        if lw.isascii() and len(w) < MAX_WORD_LEN:
            return _ascii_evidence(lw)
        cands = ligature_candidates(w)
        return bool(cands) and cands[0][1] >= 3.5
    return False


def _ascii_evidence(lw: str) -> bool:
    """Whether inserting a ligature into the a-z form `lw` makes a word of zipf >= 3.5:
    `ligature_candidates(lw)[0][1] >= 3.5`, asked only where a word can result.

    Every a-z word of 5+ letters (a form of 3+ with a ligature put in) and zipf >= 3.5
    is a channel target word (`channel.frequencies` keeps zipf >= 3 past 2 letters; a
    test checks the whole list), so lw[:i] + "f" must begin one
    and the ligature's last letter must lead into lw[i:] (the channel's prefix and
    suffix letter maps); no word begins with lw[:i] once it is no prefix.

    >>> _ascii_evidence("dierent"), _ascii_evidence("house")
    (True, False)
    """
    from .channel import _affixes

    heads, tails = _affixes()
    for i in range(len(lw) + 1):
        follow = heads.get(lw[:i])
        if follow is None:
            break  # no word begins so, nor with anything longer
        if "f" not in follow:
            continue  # every ligature begins with f
        lead = tails.get(lw[i:])
        if lead is None:
            continue
        for lig in LIGATURES:
            if lig[-1] in lead and zipf(lw[:i] + lig + lw[i:]) >= 3.5:
                return True
    return False


def fix_ligatures(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes restoring lost ligatures, if the text shows ligature loss.

    >>> t = "a dierent oce; its ocial inuence was sucient at the rst"
    >>> [c.replacement for c in fix_ligatures(t)]
    ['different', 'office', 'official', 'influence', 'sufficient', 'first']
    >>> fix_ligatures("the rst staff and stas")  # no evidence of loss: nothing
    []
    """
    if ctx is None:
        ctx = build_context([text])
    if "ligature_evidence" not in ctx.flags:
        ctx.flags["ligature_evidence"] = ligature_evidence(ctx.counts)
    if int(ctx.flags["ligature_evidence"]) < MIN_EVIDENCE:  # type: ignore[arg-type]
        return []
    out = []
    tk = tokenized(text)  # the words stage will want these tokens too
    reason = f"lost ligature (document shows {ctx.flags['ligature_evidence']} such words)"
    for w, (start, end) in zip(tk.words, tk.spans, strict=True):
        fix = _restored(w)
        if fix is not None:
            out.append(Change(start, end, fix[0], fix[1], fix[2], reason))
    return out


@lru_cache(maxsize=100_000)
def _restored(w: str) -> tuple[str, float, tuple[str, ...]] | None:
    """(word, confidence, alternatives) restoring a lost ligature in the token `w`,
    or None (a function of the token alone: cached, as forms repeat)."""
    if not w.isalpha() or len(w) < 2:
        return None
    zw = zipf(w.lower())
    if zw >= 2.6:
        return None
    cands = ligature_candidates(w)
    if not cands or cands[0][1] < max(3.0, zw + 1.0):
        return None
    return cands[0][0], 0.95 if zw < 1.5 else 0.75, tuple(c for c, _ in cands[1:3])


@stage("repair.ligatures")
def ligatures_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_ligatures` on the body and every note."""
    return run_stage(doc, "repair.ligatures", fix_ligatures)
