"""Shared machinery for the repair stages.

Every fixer is a pure function ``text -> list[Change]`` (clean-text coordinates).
`run_fixer` turns those changes into stand-off edits on every view of a document
(the body and each footnote), one batch per view, so no stage ever rewrites
`Document.original`.

This module also holds the word-level helpers all fixers share: tokenising,
case transfer, "is this an English word" (wordfreq + symspellpy's dictionary),
and the protections (historical spellings, transliterations, abbreviations,
numbers, URLs) that keep a corrector from harming text that is right.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from ..lexicon import zipf
from ..model import APPLIED, SUGGESTED, Document, Edit, View


@dataclass(frozen=True)
class Change:
    """A proposed replacement of clean-text span [start, end)."""

    start: int
    end: int
    replacement: str
    confidence: float = 1.0
    alternatives: tuple[str, ...] = ()
    reason: str = ""
    kind: str = "text"


@dataclass
class Context:
    """What a fixer may know about the whole document besides its own view."""

    counts: Counter[str] = field(default_factory=Counter)  # exact token forms
    lower: Counter[str] = field(default_factory=Counter)  # lower-cased forms
    texts: list[str] = field(default_factory=list)  # clean text of every view
    flags: dict[str, object] = field(default_factory=dict)
    # the corpus lexicon (`repair.corpus.CorpusLexicon`) or None: terms other
    # documents of the corpus print, counted apart from the document's own forms
    corpus: Any = None

    def attested(self, word: str) -> int:
        """How often `word` (any case) occurs in the document."""
        return self.lower.get(word.lower(), 0)

    def seen(self, low: str) -> int:
        """How often a lower-case form occurs in the document and, as a corpus term,
        in the corpus.

        >>> from archivist.repair.corpus import CorpusLexicon
        >>> ctx = build_context(["Tsvetkov wrote"], CorpusLexicon.from_counts({"tsvetkov": (9, 4)}))
        >>> ctx.seen("tsvetkov"), ctx.attested("Tsvetkov")
        (10, 1)
        """
        k = self.lower.get(low, 0)
        return k + self.corpus.count(low) if self.corpus is not None else k


Fixer = Callable[[str, Context], list[Change]]

# A word token: letters/digits with inner apostrophes (no hyphens: "fire-enqine" is
# two words for correction purposes).
_CH = "[^\\W_\u00b2\u00b3\u00b9\u2070-\u209f]"  # word characters except super/subscripts
# (written as runs of word characters joined by apostrophes: same matches, faster)
WORD_RE = re.compile(_CH + "+(?:['’]+" + _CH + "+)*")
POSSESSIVE_RE = re.compile(r"[’'][sS]$")


def tokens(text: str) -> list[re.Match[str]]:
    """Word tokens of `text` (regex matches, in order).

    >>> [m.group() for m in tokens("Dumas's fire-enqine, 1871.")]
    ["Dumas's", 'fire', 'enqine', '1871']
    """
    return list(WORD_RE.finditer(text))


def build_context(texts: Iterable[str], corpus: Any = None) -> Context:
    """Count every token form across the document's views (a document lexicon),
    and note whether the document is written in early-modern spelling. `corpus`:
    the corpus lexicon, if any (kept beside the counts, never mixed into them)."""
    ctx = Context(texts=list(texts), corpus=corpus or None)
    raw: Counter[str] = Counter()
    for t in ctx.texts:
        raw.update(tokenized(t).words)  # the fixers will want these tokens too
    # summed in plain dicts (a Counter's `+=` on a new key calls Python-level
    # __missing__), then loaded into the empty Counters in the same key order
    counts: dict[str, int] = {}
    lower: dict[str, int] = {}
    cget, lget = counts.get, lower.get
    for (core, low), k in zip(map(_count_forms, raw), raw.values(), strict=True):
        counts[core] = cget(core, 0) + k
        lower[low] = lget(low, 0) + k
    ctx.counts.update(counts)
    ctx.lower.update(lower)
    old_forms = {w: k for w, k in ctx.counts.items() if w.islower() and _old_spelling(w)}
    ctx.flags["_old_forms"] = old_forms
    ctx.flags["archaic"] = _archaic_from(ctx.lower, old_forms)
    ctx.flags["accent_noise"] = accent_noise(ctx.lower)
    return ctx


def accent_noise(lower: dict[str, int]) -> bool:
    """Whether the document's OCR scatters accents over English words ("wîndow",
    "Bròther", "gardèn": forms no word list knows whose plain letters are a word).
    Where it does, an accented capitalised form is noise like the rest; where it
    does not, "Zürich" or "García" is a name spelled as its owners spell it.

    >>> accent_noise({"the": 3, "gardèn": 1}), accent_noise({"the": 3, "zürich": 1, "café": 1})
    (True, False)
    """
    if "".join(lower).isascii():
        return False  # (one C-level test: most documents have no accent at all)
    for w in lower:
        if w.isascii() or not w.isalpha():
            continue
        plain = strip_marks(w)
        if plain != w and plain.isascii() and zipf(w) < NOISY_ACCENT_ZIPF \
                and zipf(plain) >= 3.0:
            return True
    return False


# an accented form rarer than this in the word lists is not a spelling anyone uses
NOISY_ACCENT_ZIPF = 1.0


def strip_marks(w: str) -> str:
    """`w` without its combining marks ("Zürich" -> "Zurich"; "ł" stays)."""
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


@lru_cache(maxsize=300_000)
def _count_forms(w: str) -> tuple[str, str]:
    """A token's form as counted (possessive stripped) and its lower case."""
    if "s" in w[-1:] and ("'" in w or "’" in w):
        w = POSSESSIVE_RE.sub("", w)
    return w, w.lower()


# Function words of early-modern English: real words that a modern bigram model
# finds odd, so they are never "corrected", and their use marks an old text.
ARCHAIC_WORDS = frozenset({
    "thee", "thy", "thou", "thine", "ye", "hath", "doth", "hast", "dost", "shew", "shewn",
    "shewed", "shews", "spake", "wast", "wert", "whilst", "unto", "nay", "yea", "wherefore",
    "hither", "thither", "whither", "anon", "oft", "betwixt", "methinks", "saith", "quoth",
    "art", "shalt", "wilt", "canst", "couldst", "wouldst", "shouldst", "haply", "mine",
    "whence", "thence", "hence", "verily", "forsooth", "ought", "tis", "twas", "o'er",
})


@lru_cache(maxsize=300_000)
def _old_spelling(w: str) -> bool:
    """A lower-case form that marks early-modern spelling (cached per form).

    `historical_form` (a few look-ups of made-up forms) is asked last: most forms
    are listed words whose last letter dropped is no commoner word, which settles
    them with what the words stage asks anyway (`is_lexical`)."""
    if not (w.isalpha() and len(w) >= 3):
        return False
    if is_lexical(w) and zipf(w[:-1]) < zipf(w) + 2.0:
        return False
    return historical_form(w)


def archaic(lower: Counter[str], counts: Counter[str] | None = None) -> bool:
    """Whether a document uses early-modern spelling ("hee", "doe", "againe"):
    then correctors hold back on anything that is not plainly OCR noise.

    One odd form is weak evidence in noisy newspaper OCR ("fau", "brigg", French
    "presse" flagged 4% of ICDAR periodical rows, tuning half, and with them all
    their corrections); so it takes an old function word, two distinct old forms,
    one repeated, or one plain early-modern final -e on a common word ("againe").
    Old spellings are judged on forms written in lower case (`counts`, exact
    forms, when given): a capitalised surname that looks old ("Browne", "Sayle")
    says nothing about the spelling of the text around it.

    >>> from collections import Counter
    >>> archaic(Counter(["hee", "doe"])), archaic(Counter(["againe"])), archaic(Counter(["hee"]))
    (True, True, False)
    >>> archaic(Counter(["fau", "the"])), archaic(Counter(["brigg", "division"]))
    (False, False)
    >>> names = Counter(["Darke", "said", "the"])  # a surname with a final -e
    >>> archaic(Counter(w.lower() for w in names.elements())), archaic(
    ...     Counter(w.lower() for w in names.elements()), names)
    (True, False)
    >>> old = Counter(["tooke", "the", "Browne"])
    >>> archaic(Counter(w.lower() for w in old.elements()), old)
    True
    """
    if counts is not None:
        # lower-case forms only, with their lower-case counts
        written: dict[str, int] = {w: k for w, k in counts.items() if w.islower()}
    else:
        written = lower
    return _archaic_from(lower, {w: k for w, k in written.items() if _old_spelling(w)})


# early-modern function words whose mere presence marks an old text (`archaic`)
_OLD_FUNCTION_WORDS = ("thee", "thy", "thou", "ye", "hath", "doth", "hast", "dost", "shew",
                       "spake", "saith", "quoth", "shalt", "wilt", "canst")


def _archaic_from(lower: dict[str, int], old_forms: dict[str, int]) -> bool:
    """`archaic` from the document's lower-case counts and its written forms that
    `_old_spelling` accepts (form -> count): `update_context` keeps the latter up to
    date from the changed forms alone instead of a pass over every form."""
    if any(w in lower for w in _OLD_FUNCTION_WORDS):
        return True
    return (len(old_forms) >= 2 or any(k >= 2 for k in old_forms.values())
            or any(_plain_old_e(w) for w in old_forms))


def _plain_old_e(w: str) -> bool:
    """An early-modern final -e on a common word ("againe", "tooke"; not "presse")."""
    return len(w) >= 5 and w.endswith("e") and zipf(w[:-1]) >= 4.5 and zipf(w) < 2.5


# OCR noise inside a word: digits, accents on English letters, "U" for "ll",
# a tripled letter. Such a token is English misread, not a foreign word.
NOISY_RE = re.compile(r"[0-9'’.,éèêâàôîûùçëïüÉ]|[a-z][A-Z]|([a-z])\1\1")


def english_around(words: list[str], i: int, span: int = 4) -> bool:
    """Whether the words around position i are mostly English words.

    OCR errors sit among correct English words; a run of unknown words is a
    foreign passage (a romanised Japanese title, German, Latin) or a name
    list, and is left alone.

    >>> english_around("we are speaking of rnatters for the harvest".split(), 4)
    True
    >>> english_around("und es ist nicht gut sagte er".split(), 3)
    False
    """
    return EnglishWindow(words, span).around(i)


@lru_cache(maxsize=300_000)
def _englishness(w: str) -> int:
    """1 English (or OCR-noisy English), 0 not, -1 not a word at all."""
    if not w.isalpha() and not NOISY_RE.search(w):
        return -1
    return int((is_lexical(w) and (len(w) > 2 or zipf(w.lower()) >= 5.5))
               or bool(NOISY_RE.search(w)))


class EnglishWindow:
    """`english_around` for every position of a token list (a window of 2 x span + 1
    flags each, or prefix sums once `all` has made them)."""

    def __init__(self, words: list[str], span: int = 4) -> None:
        self.span = span
        self.words = words
        self.flags: list[int] = []
        self.words_: list[int] | None = None  # prefix sums, made on first use (`_sums`)
        self.good: list[int] | None = None

    def _build(self, flags: list[int] | None = None) -> None:
        """Set the per-token flags (`_englishness`); the prefix sums wait for the
        first question (a text state that `spliced` carries the flags into is often
        replaced before any fixer asks)."""
        if flags is None:
            flags = list(map(_englishness, self.words))
        self.n = len(flags)
        self.flags = flags
        self.words_ = self.good = None

    def _sums(self) -> None:
        """Prefix sums of "is a word" and "is an English word" over the flags, in
        one loop (twice as fast as two `accumulate` passes over generators)."""
        ws, gs = [0], [0]
        nw = ng = 0
        for f in self.flags:
            if f >= 0:
                nw += 1
                if f:
                    ng += 1
            ws.append(nw)
            gs.append(ng)
        self.words_, self.good = ws, gs

    def around(self, i: int) -> bool:
        if not self.flags and self.words:
            self._build()
        lo, hi = max(0, i - self.span), min(self.n, i + 1 + self.span)
        own_w = int(self.flags[i] >= 0)
        own_g = int(self.flags[i] == 1)
        if self.good is None:
            # the window's own flags counted (a few words), not prefix sums over the
            # whole text: a later round asks a few positions of each new text state
            nw = ng = 0
            for f in self.flags[lo:hi]:
                if f >= 0:
                    nw += 1
                    if f:
                        ng += 1
            nw -= own_w
            ng -= own_g
        else:
            nw = self.words_[hi] - self.words_[lo] - own_w  # type: ignore[index]
            ng = self.good[hi] - self.good[lo] - own_g
        return nw < 2 or ng >= 0.6 * nw

    @cached_property
    def all(self) -> list[bool]:
        """`around(i)` for every i, in one pass (for loops that ask for most).

        >>> w = EnglishWindow("und es ist the Frencb rnatters for our harvest".split())
        >>> w.all == [w.around(i) for i in range(9)]
        True
        """
        if not self.words:
            return []
        if not self.flags:
            self._build()
        if self.good is None:
            self._sums()
        n, sp, flags = len(self.words), self.span, self.flags
        ws, good = self.words_, self.good
        assert ws is not None and good is not None
        # the sums at each window's ends as whole lists (slices, not an index per
        # token): the window of i is [max(0, i - sp), min(n, i + 1 + sp))
        k = max(0, n - sp)
        lo_w, lo_g = [0] * (n - k) + ws[:k], [0] * (n - k) + good[:k]
        hi_w, hi_g = ws[1 + sp:] + [ws[n]] * (n - k), good[1 + sp:] + [good[n]] * (n - k)
        return [(nw := hw - lw - (f >= 0)) < 2 or hg - lg - (f == 1) >= 0.6 * nw
                for hw, lw, hg, lg, f in zip(hi_w, lo_w, hi_g, lo_g, flags, strict=True)]


class Tokenized:
    """A text's word tokens and what the word-level fixers derive from them
    (each computed on first use).

    Pure functions of the text, shared between the document counts, fixers and
    rounds that see the same text (the last words round and the first context
    round usually do)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # findall builds the strings in C; the document counts need nothing more
        self.words: list[str] = WORD_RE.findall(text)

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Each word's (start, end), found by `str.find` from the previous word's
        end: every word character belongs to a token, so the gap before the next
        token cannot hold its first character (the property test checks this
        against the regex's own spans)."""
        out = []
        pos = 0
        find = self.text.find
        for w in self.words:
            pos = find(w, pos)
            out.append((pos, pos + len(w)))
            pos += len(w)
        return out

    @cached_property
    def lowered(self) -> list[str]:
        return list(map(str.lower, self.words))

    @cached_property
    def english(self) -> EnglishWindow:
        return EnglishWindow(self.words)

    @cached_property
    def linked(self) -> list[bool]:
        """Token i and i+1 are neighbours (`lm.links`); False after the last."""
        from .lm import links

        return links(self.text, self.spans) + [False]


def _derived(cache: dict[Any, Any], key: Any, size: int,
             make: Callable[[Any], Any]) -> Any:
    """`cache[key]`, made on a miss by `make(newest entry or None)` (so it can be
    derived from the previous text state cheaply); the oldest entries beyond `size`
    are dropped."""
    got = cache.get(key)
    if got is None:
        got = make(next(reversed(cache.values()), None))
        cache[key] = got
        while len(cache) > size:
            del cache[next(iter(cache))]
    return got


def tokenized(text: str) -> Tokenized:
    """`Tokenized` for `text`, from a small cache of the last few texts.

    >>> t = tokenized("Thus n answer")
    >>> t.words, t.spans[1], tokenized("Thus n answer") is t
    (['Thus', 'n', 'answer'], (5, 6), True)
    """
    return _derived(_TOKENIZED, text, 6, lambda last: (
        (spliced(last, text) if last is not None else None) or Tokenized(text)))


_TOKENIZED: dict[str, Tokenized] = {}


def spliced(old: Tokenized, text: str) -> Tokenized | None:
    """`Tokenized(text)` made from `old` when `text` is `old.text` with some
    stretches changed (a stage's edits): the tokens between them are kept, shifted,
    and only the stretches are tokenised again (each is cut at characters no token
    contains, see `changed_stretches`). None when most of the text changed. `old`'s
    spans are worked out first if it has none yet (the first count of a document
    needs only the words): cheaper than tokenising the new text whole.

    >>> old = tokenized("the Frencb farmers and the guild")
    >>> _ = old.spans
    >>> new = spliced(old, "the French wine farmers and the guild")
    >>> fresh = Tokenized("the French wine farmers and the guild")
    >>> (new.words, new.spans) == (fresh.words, fresh.spans)
    True
    """
    a = old.text
    stretches = changed_stretches(a, text)
    if sum(ea - sa for sa, ea, _, _ in stretches) * 2 > len(a):
        return None
    from bisect import bisect_left

    starts = [sp[0] for sp in old.spans]
    lowered = old.__dict__.get("lowered")
    linked = old.__dict__.get("linked")
    window = old.__dict__.get("english")
    flags = window.flags if window is not None and window.flags else None
    fl: list[int] = []
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    low: list[str] = []
    gaps: list[bool | None] = []  # None: the gap's text may have changed
    kept = delta = 0  # the next old token to keep; new offset - old offset there
    for sa, ea, sb, eb in [*stretches, (len(a), len(a), len(text), len(text))]:
        i, j = bisect_left(starts, sa, kept), bisect_left(starts, ea, kept)
        # old tokens kept..i, shifted; the gaps between them are the same text
        if linked is not None and i > kept:
            if spans:
                gaps.append(None)  # from the token before the stretch to this run
            gaps += linked[kept:i - 1]
        words += old.words[kept:i]
        # (an edit of the same length, the commonest OCR fix, leaves the offsets as
        # they were: the old span tuples are shared instead of rebuilt)
        spans += old.spans[kept:i] if not delta else [
            (s + delta, e + delta) for s, e in old.spans[kept:i]]
        if lowered is not None:
            low += lowered[kept:i]
        if flags is not None:
            fl += flags[kept:i]
        for m in WORD_RE.finditer(text, sb, eb):  # the stretch, tokenised again
            if linked is not None and spans:
                gaps.append(None)
            words.append(m.group())
            spans.append(m.span())
            if lowered is not None:
                low.append(words[-1].lower())
            if flags is not None:
                fl.append(_englishness(words[-1]))
        delta, kept = eb - ea, j
    new = Tokenized.__new__(Tokenized)
    new.text = text
    new.words = words
    new.__dict__["spans"] = spans
    if lowered is not None:
        new.__dict__["lowered"] = low
    if flags is not None:  # the English flags per token, kept like the tokens
        new.__dict__["english"] = EnglishWindow(words)
        new.english._build(fl)
    if linked is not None:
        from .lm import links

        new.__dict__["linked"] = [
            g if g is not None else links(text, spans[k:k + 2])[0]
            for k, g in enumerate(gaps)] + [False]
    return new


def run_fixer(doc: Document, stage: str, fixer: Fixer, ctx: Context | None = None,
              needs_context: bool = True,
              focus: dict[int, list[tuple[int, int]]] | None = None) -> list[Edit]:
    """Apply `fixer` to every view of `doc`; one batch of edits per view.

    `needs_context=False` skips counting the document's words for fixers that
    look at one view only (unicode, diacritics, spacing). `focus` limits a view
    to spans of `original` (view index -> spans); views not in it are skipped.
    Returns the edits added."""
    if ctx is None:
        ctx = shared_context(doc) if needs_context else Context()
    added: list[Edit] = []
    for i in range(len(doc.notes) + 1):
        if focus is not None and i not in focus:
            continue
        view = doc.body_view() if i == 0 else doc.note_view(doc.notes[i - 1])
        if focus is not None:
            ctx.flags["focus"] = [(max(0, view.from_orig(s) - FOCUS_PAD),
                                   view.from_orig(e) + FOCUS_PAD) for s, e in focus[i]]
        if doc.tokens:
            ctx.flags["ocr"] = view  # OCR word confidences for `ocr_shift`
        changes = one_per_edit(view, non_overlapping(fixer(view.text, ctx)), doc.threshold)
        ctx.flags.pop("focus", None)
        ctx.flags.pop("ocr", None)
        edits = _unlogged(doc, stage, [to_edit(view, stage, c) for c in changes])
        if edits:
            added += [e for e in doc.add_edits(edits) if e.status == APPLIED]
    for w in ctx.flags.get("warnings", []):  # type: ignore[union-attr]
        if w not in doc.warnings:
            doc.warnings.append(w)
    return added


def one_per_edit(view: View, changes: list[Change], threshold: float) -> list[Change]:
    """`changes` (sorted, not overlapping) with the applied ones that fall in one earlier
    edit merged into one change.

    `View.edit` widens a change to the whole earlier edits it touches, and restates
    them. Two changes inside one earlier edit (two stray marks left in a word that
    ftfy re-encoded) would each restate it with only their own change, and the
    first would hide the second: an edit logged as applied that changes nothing.

    >>> from archivist.model import Document, Source
    >>> doc = Document(original="ab", source=Source("t", "0", "text"))
    >>> _ = doc.add_edits([doc.body_view().edit("s", 0, 2, "xyz")])
    >>> merged = one_per_edit(doc.body_view(), [Change(0, 1, ""), Change(2, 3, "")], 0.5)
    >>> [(c.start, c.end, c.replacement) for c in merged]
    [(0, 3, 'y')]
    """
    if len(changes) < 2:
        return changes
    out: list[Change] = []
    last_end = -1  # clean end of the last kept applied change, widened to whole edits
    for c in changes:
        applied = c.confidence >= threshold or c.kind != "text"
        wcs, wce, _os, _oe = view.orig_span(c.start, c.end)
        prev = out[-1] if out else None
        if (applied and prev is not None and wcs < last_end and prev.kind == c.kind
                and (prev.confidence >= threshold or prev.kind != "text")):
            out[-1] = Change(prev.start, c.end,
                             prev.replacement + view.text[prev.end:c.start] + c.replacement,
                             min(prev.confidence, c.confidence), (),
                             "; ".join(dict.fromkeys((prev.reason, c.reason))), c.kind)
            last_end = max(last_end, wce)
            continue
        out.append(c)
        last_end = wce
    return out


def _unlogged(doc: Document, stage: str, edits: list[Edit]) -> list[Edit]:
    """`edits` less the suggestions this stage has already logged at the same place.

    A later round looks again around fresh edits and reaches the same verdict on a
    word it left as a suggestion; logging it again would put it twice in the
    review queue."""
    if not any(e.status == SUGGESTED for e in edits):
        return edits
    logged = {(e.start, e.end, e.replacement) for e in doc.edits
              if e.status == SUGGESTED and e.stage == stage}
    return [e for e in edits
            if e.status != SUGGESTED or (e.start, e.end, e.replacement) not in logged]


OCR_LOW, OCR_HIGH = 0.6, 0.95  # engine word confidences that move the margin
OCR_SHIFT = 2.0  # nats taken from (low) or added to (high) keeping the word as read


def ocr_shift(ctx: Context, start: int, end: int) -> float:
    """How much less (positive) or more (negative) keeping clean span [start, end)
    as read should count, from the OCR engine's own confidence in that word.

    Where the engine was unsure (< 0.6) a candidate needs a smaller margin over
    the word as read; where it was sure (> 0.95) a larger one. 0 without OCR
    token confidences (plain text, PDF text layers).

    >>> from archivist.model import Document, Source, Token
    >>> doc = Document(original="a gipsy camp", source=Source("t", "0", "text"),
    ...                tokens=[Token(2, 7, 0.3), Token(8, 12, 0.99)])
    >>> ctx = Context(flags={"ocr": doc.body_view()})
    >>> ocr_shift(ctx, 2, 7), ocr_shift(ctx, 8, 12), ocr_shift(Context(), 2, 7)
    (2.0, -2.0, 0.0)
    """
    view = ctx.flags.get("ocr")
    if view is None or end <= start:
        return 0.0
    conf = view.confidence_at(start, end)  # type: ignore[attr-defined]
    if conf is None:
        return 0.0
    if conf < OCR_LOW:
        return OCR_SHIFT
    if conf > OCR_HIGH:
        return -OCR_SHIFT
    return 0.0


FOCUS_PAD = 60  # characters around a fresh edit whose context it may have changed


def in_focus(ctx: Context, pos: int) -> bool:
    """Whether clean position `pos` is inside the current focus (or no focus)."""
    spans = ctx.flags.get("focus")
    if spans is None:
        return True
    return any(s <= pos < e for s, e in spans)  # type: ignore[union-attr]


_SPACES_RE = re.compile(r"\s*")


def at_text_start(text: str, pos: int) -> bool:
    """Whether only white space stands before `pos` (found by a match from the
    start, not by copying text[:pos], which made long documents quadratic).

    >>> at_text_start("  ly the rest", 2), at_text_start("a ly", 2)
    (True, False)
    """
    return _SPACES_RE.match(text, 0, pos).end() == min(pos, len(text))  # type: ignore[union-attr]


def focus_tokens(ctx: Context, spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the tokens (start offsets in `spans`, sorted) that `in_focus`
    accepts, found by bisection per focus span instead of a scan per token.

    >>> focus_tokens(Context(flags={"focus": [(5, 12)]}), [(0, 3), (5, 8), (10, 14), (20, 22)])
    {1, 2}
    """
    from bisect import bisect_left
    from operator import itemgetter

    start = itemgetter(0)  # (bisected on the spans themselves: no list of starts per call)
    out: set[int] = set()
    for s, e in ctx.flags.get("focus") or []:  # type: ignore[union-attr]
        out.update(range(bisect_left(spans, s, key=start), bisect_left(spans, e, key=start)))
    return out


def shared_context(doc: Document) -> Context:
    """The document context for the current text, built once per text state."""
    texts = tuple(v.text for v in doc.views())
    corpus = doc.lexicon or None
    # (the lexicon is part of the key: the same texts against another corpus differ)
    key = texts if corpus is None else (*texts, "\0lexicon:" + corpus.digest)
    return _derived(_CONTEXTS, key, 8, lambda last: (
        (update_context(last, texts) if last is not None and last.corpus is corpus else None)
        or build_context(texts, corpus)))


# the last few document contexts, keyed by the texts they were counted from
_CONTEXTS: dict[tuple[str, ...], Context] = {}
_TOKEN_CHAR = re.compile(_CH + "|['’]")


def update_context(old: Context, texts: tuple[str, ...]) -> Context | None:
    """`build_context(texts)` computed from `old` when only some stretches of each
    text changed (a stage's edits): the counts lose the tokens of the old stretches
    and gain those of the new, all cut at characters no token contains, so each is
    tokenised exactly as in the whole text (`changed_stretches`). None when the
    views differ in number or most of the text changed.

    >>> a = build_context(["the Frencb farmers and the Frencb guild"])
    >>> b = update_context(a, ("the French farmers and the Frencb guild",))
    >>> c = build_context(["the French farmers and the Frencb guild"])
    >>> (b.counts, b.lower, b.flags) == (c.counts, c.lower, c.flags)
    True
    """
    if len(old.texts) != len(texts):
        return None
    changes = [(a, b, changed_stretches(a, b))
               for a, b in zip(old.texts, texts, strict=True) if a != b]
    if sum(ea - sa for _, _, st in changes for sa, ea, _, _ in st) * 2 > sum(
            map(len, old.texts)):
        return None  # another document, or most of this one changed: count afresh
    counts, lower = old.counts.copy(), old.lower.copy()
    gone: list[tuple[str, str]] = []  # forms that lost a token: perhaps their last
    touched: set[str] = set()  # every form counted here, for the old-spelling forms
    accents_changed = False
    for a, b, stretches in changes:
        for sa, ea, sb, eb in stretches:
            for text, start, end, step in ((a, sa, ea, -1), (b, sb, eb, 1)):
                for w in WORD_RE.findall(text, start, end):
                    if not accents_changed and not w.isascii():
                        accents_changed = True
                    core, low = _count_forms(w)
                    counts[core] += step
                    lower[low] += step
                    touched.add(core)
                    if step < 0:
                        gone.append((core, low))
    # drop the forms left at zero, as unary + would, without a pass over every form
    for core, low in gone:
        if counts.get(core, 1) <= 0:
            del counts[core]
        if lower.get(low, 1) <= 0:
            del lower[low]
    ctx = Context(counts=counts, lower=lower, texts=list(texts), corpus=old.corpus)
    prior = old.flags.get("_old_forms")
    if prior is None:
        old_forms = {w: k for w, k in counts.items() if w.islower() and _old_spelling(w)}
    else:  # only the forms counted here can enter, leave or change their count
        old_forms = dict(prior)  # type: ignore[call-overload]
        for w in touched:
            k = counts.get(w, 0)
            if k > 0 and w.islower() and _old_spelling(w):
                old_forms[w] = k
            else:
                old_forms.pop(w, None)
    ctx.flags["_old_forms"] = old_forms
    ctx.flags["archaic"] = _archaic_from(lower, old_forms)
    # only forms with an accent can change it: most stages' edits touch none
    ctx.flags["accent_noise"] = accent_noise(ctx.lower) if accents_changed \
        or "accent_noise" not in old.flags else old.flags["accent_noise"]
    return ctx


def _common_prefix(a: str, b: str, i: int, j: int, n: int) -> int:
    """Length of the common prefix of a[i:i + n] and b[j:j + n], by bisection on
    slice comparison (C speed)."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i:i + mid] == b[j:j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, i: int, j: int, n: int) -> int:
    """Length of the common suffix of a[:i] and b[:j], at most n."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i - mid:i] == b[j - mid:j]:
            lo = mid
        else:
            hi = mid - 1
    return lo


ANCHOR = 32  # characters of unchanged text that split a changed region in two


def changed_stretches(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """`_changed_stretches(a, b)` for the last few pairs of texts: `spliced` (the
    tokens) and `update_context` (the counts) ask it for the same pair of text states
    one after the other. The list is shared: callers must not change it."""
    key = (a, b)
    got = _STRETCHES.get(key)
    if got is None:
        got = _STRETCHES[key] = _changed_stretches(a, b)
        while len(_STRETCHES) > 4:
            del _STRETCHES[next(iter(_STRETCHES))]
    return got


_STRETCHES: dict[tuple[str, str], list[tuple[int, int, int, int]]] = {}


def _changed_stretches(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Where b differs from a, as stretches (start in a, end in a, start in b, end
    in b), in order, each widened to characters no token contains (or the text
    ends), so tokenising a stretch alone gives the whole text's tokens there; the
    text between stretches is the same in a and b. Several edits spread over a text
    give several stretches, not one from the first to the last.

    >>> a = "the tbe end " + "of the farmers " * 20 + "and the Frencb guild"
    >>> b = "the the end " + "of the farmers " * 20 + "and the French guild"
    >>> [(sa, ea, a[sa:ea], b[sb:eb]) for sa, ea, sb, eb in changed_stretches(a, b)]
    [(4, 7, 'tbe', 'the'), (320, 326, 'Frencb', 'French')]
    """
    raw: list[tuple[int, int, int, int]] = []
    _split(a, b, 0, len(a), 0, len(b), raw, 0)
    out: list[tuple[int, int, int, int]] = []
    for sa, ea, sb, eb in raw:
        while sa > 0 and _TOKEN_CHAR.match(a, sa - 1):
            sa -= 1
            sb -= 1
        while ea < len(a) and _TOKEN_CHAR.match(a, ea):
            ea += 1
            eb += 1
        if out and sa <= out[-1][1]:  # widened into the previous one: one stretch
            out[-1] = (out[-1][0], ea, out[-1][2], eb)
        else:
            out.append((sa, ea, sb, eb))
    return out


def _split(a: str, b: str, a0: int, a1: int, b0: int, b1: int,
           out: list[tuple[int, int, int, int]], depth: int) -> None:
    """Append to `out` the stretches where a[a0:a1] and b[b0:b1] differ: trim their
    common ends, then split at a piece from the middle of a's part found once in
    b's (any such piece is the same text in both, so the split is exact, wherever
    it is found; a piece found nowhere leaves the part whole)."""
    pre = _common_prefix(a, b, a0, b0, min(a1 - a0, b1 - b0))
    a0, b0 = a0 + pre, b0 + pre
    suf = _common_suffix(a, b, a1, b1, min(a1 - a0, b1 - b0))
    a1, b1 = a1 - suf, b1 - suf
    if a0 == a1 and b0 == b1:
        return
    if a1 - a0 >= 4 * ANCHOR and b1 - b0 >= 4 * ANCHOR and depth < 24:
        mid = (a0 + a1 - ANCHOR) // 2
        piece = a[mid:mid + ANCHOR]
        # where it would be if the edits so far were small (repeated text has it
        # elsewhere too), else anywhere in b's part
        near = b0 + mid - a0
        ahead = b.find(piece, max(b0, near), min(b1, near + 3 * ANCHOR))
        back = b.rfind(piece, max(b0, near - 2 * ANCHOR), min(b1, near + ANCHOR))
        at = min((x for x in (ahead, back) if x >= 0), key=lambda x: abs(x - near),
                 default=-1)
        if at < 0:
            at = b.find(piece, b0, b1)
        if at >= 0:
            _split(a, b, a0, mid, b0, at, out, depth + 1)
            _split(a, b, mid + ANCHOR, a1, at + ANCHOR, b1, out, depth + 1)
            return
    out.append((a0, a1, b0, b1))


def run_stage(doc: Document, stage: str, fixer: Fixer, needs_context: bool = True) -> Document:
    """A stage wrapper: `run_fixer` on every view."""
    run_fixer(doc, stage, fixer, needs_context=needs_context)
    return doc


def run_until_stable(doc: Document, stage: str, fixer: Fixer, rounds: int = 3,
                     needs_context: bool = True) -> Document:
    """Run a context-sensitive fixer until it proposes nothing new.

    A fix can change a neighbour's context (a repaired word makes the passage
    look English, or supplies the bigram that reveals the next error); repeating
    makes the stage idempotent: repairing repaired text changes nothing. Later
    rounds only look around the previous round's edits.
    """
    focus: dict[int, list[tuple[int, int]]] | None = None
    for r in range(rounds):
        added = run_fixer(doc, stage, fixer, focus=focus, needs_context=needs_context)
        if not added or r == rounds - 1:
            break  # (no focus for a round that will not run: it renders and tokenises)
        focus = focus_of(doc, added)
    return doc


def focus_of(doc: Document, fresh: list[Edit]) -> dict[int, list[tuple[int, int]]]:
    """Where a later round must look after `fresh` edits (view index -> spans of
    `original`): around each edit, and at every other occurrence of a word form an
    edit replaced. A fix changes the document's counts of both forms, and a
    decision that rests on them (is this form the document's own term or a garble
    of one?) may now go the other way for the same form elsewhere; left unseen,
    a rerun would make it."""
    focus: dict[int, list[tuple[int, int]]] = {}
    for e in fresh:
        focus.setdefault(_view_index(doc, e.start), []).append((e.start, e.end))
    forms = {e.original for e in fresh if e.kind == "text" and WORD_RE.fullmatch(e.original)}
    if forms:
        for i, view in enumerate(doc.views()):
            tk = tokenized(view.text)
            if forms.isdisjoint(tk.words):
                continue  # (one C pass: a garble replaced is mostly printed once)
            spans = tk.spans
            hits = [spans[k] for k, w in enumerate(tk.words) if w in forms]
            if hits:
                orig = view.orig
                focus.setdefault(i, []).extend((orig[s], orig[t - 1] + 1) for s, t in hits)
    return focus


def follow_up(doc: Document, since: int, passes: list[tuple[str, Fixer]],
              rounds: int = 2) -> Document:
    """Run `passes` (stage name, fixer) again around the applied edits made since
    edit `since`, in turn, until a round proposes nothing new.

    A later stage can change what an earlier one saw: a context fix that turns a
    stray "y" into "By" makes the passage look English, and the words stage would
    now correct its neighbour. Following such edits up keeps the whole repair
    idempotent, and looking only around them keeps it cheap.
    """
    for _ in range(rounds):
        fresh = [e for e in doc.edits[since:] if e.status == APPLIED]
        if not fresh:
            break
        since = len(doc.edits)
        focus = focus_of(doc, fresh)
        for stage, fixer in passes:
            run_fixer(doc, stage, fixer, focus=focus)
    return doc


def _view_index(doc: Document, pos: int) -> int:
    """0 for the body, i+1 for note i containing original offset `pos`."""
    for i, n in enumerate(doc.notes):
        if n.start <= pos < n.end:
            return i + 1
    return 0


def to_edit(view: View, stage: str, c: Change):  # noqa: ANN201 - returns model.Edit
    """Make the stand-off edit for one change of `view.text`."""
    return view.edit(stage, c.start, c.end, c.replacement, confidence=c.confidence,
                     alternatives=list(c.alternatives), reason=c.reason, kind=c.kind)


def non_overlapping(changes: list[Change]) -> list[Change]:
    """Sort changes and drop any that overlaps an earlier kept one (no-ops too)."""
    out: list[Change] = []
    end = -1
    for c in sorted(changes, key=lambda c: (c.start, c.end)):
        if c.start < end or (c.start == end and c.start == c.end and out
                             and out[-1].end == c.start):
            continue
        out.append(c)
        end = c.end
    return out


# -- lexicon -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _symspell_words() -> dict[str, None]:
    """symspellpy's 82k-word English dictionary (curated, fewer web tokens), as the
    keys of a dict: only membership is asked, and a dict holding nothing but
    strings is not tracked by the cyclic garbage collector, where a (frozen)set is
    walked entry by entry on every full collection (see `untracked_words`)."""
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as fh:
        return untracked_words(line.split(" ", 1)[0] for line in fh)


def untracked_words(words: Iterable[str]) -> dict[str, None]:
    """A word set for membership tests that the cyclic garbage collector never
    walks: a process's full collections walked the 82k- and 263k-word frozensets
    of the lexicons each time (~0.05-0.1 CPU s per collection, a few per 100
    cold pages); a dict of strings (and None) is not tracked at all.

    >>> import gc
    >>> w = untracked_words(["the", "and"])
    >>> "the" in w, "thee" in w, gc.is_tracked(w), gc.is_tracked(frozenset(w))
    (True, False, False, True)
    """
    return dict.fromkeys(words)


# Single letters that are English words on their own.
SINGLE_LETTER_WORDS = frozenset({"a", "A", "I", "O"})


@lru_cache(maxsize=300_000)
def is_lexical(word: str) -> bool:
    """Whether `word` is an ordinary English word (either spelling tradition).

    wordfreq's large list contains web noise ("andthe", "se"), so a rare form
    must also be in symspellpy's curated dictionary.

    >>> is_lexical("defence"), is_lexical("armored"), is_lexical("andthe"), is_lexical("y")
    (True, True, False, False)
    """
    if len(word) == 1:
        return word in SINGLE_LETTER_WORDS
    lw = word.lower()
    if not lw.isalpha():
        # wordfreq would split "to'yo" into two words; only listed contractions count
        return lw.replace("’", "'") in _symspell_words()
    z = zipf(lw)
    if z >= 3.0 and (len(lw) > 2 or lw in _symspell_words()):
        return True
    return z >= 1.0 and lw in _symspell_words()


def wzipf(word: str) -> float:
    """Zipf frequency of a word for scoring (lower-cased, possessive stripped)."""
    return zipf(POSSESSIVE_RE.sub("", word).lower())


def match_case(src: str, word: str) -> str:
    """Give `word` the capitalisation pattern of `src`.

    >>> match_case("WELLINGTQN", "wellington"), match_case("Frencb", "french")
    ('WELLINGTON', 'French')
    >>> match_case("shaU", "shall")
    'shall'

    A word in capitals with OCR noise in its first letters ("gTEPHENSON", "rpHE",
    "ThBFT": half its letters or more upper case, the last two among them) stays
    in capitals:

    >>> match_case("gTEPHENSON", "stephenson"), match_case("rpHE", "the")
    ('STEPHENSON', 'THE')
    """
    letters = [c for c in src if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if (len(letters) >= 4 and letters[-1].isupper() and letters[-2].isupper()
            and 2 * sum(c.isupper() for c in letters) >= len(letters)):
        return word.upper()
    if src[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# -- protections ----------------------------------------------------------------

ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
# e-mail matches start only at a token start: "\S+@" retried from every character of a
# long token without "@" is quadratic
URL_RE = re.compile(r"(?:https?://|www\.)\S+|(?<![^\s@])[^\s@]+@\S+\.\w+")
# Letter sequences typical of romanised Russian/Japanese/Chinese words.
TRANSLIT_RE = re.compile(r"ii[ae]?$|iia|iio|kh|zh|shch|tsu|ogo$|aia$|ō|ū|yō|kyo|ryo")
# A romanised Japanese word: syllables of an optional consonant and a vowel, or "n".
# Only such words are protected for a "uu" ("kuukou"); elsewhere "uu" is an OCR
# misreading of "un"/"nn" ("cauuot", "lauuched": on ICDAR 2017, tuning halves, 15 of
# 16 non-syllabic "uu" forms differed from the gold).
KANA_RE = re.compile(r"^(?:(?:[kgsztdnhbpmrwfjy]|sh|ch|ts|[kgnhmrbp]y)?[aeiou]|n)+$")


@lru_cache(maxsize=200_000)
def historical_form(word: str) -> bool:
    """Whether `word` is an early-modern or British spelling of an English word.

    Rules, not lists: final -e ("returne"), -ie for -y ("controversie"),
    i/j and u/v swaps ("iudgment", "vnto", "haue"), doubled final consonant
    ("untill"), -ck ("publick").

    >>> [historical_form(w) for w in ("returne", "controversie", "iudgment", "haue", "plantaticn")]
    [True, True, True, True, False]
    >>> historical_form("looketh"), historical_form("maketh"), historical_form("teeth")
    (True, True, False)
    """
    w = word.lower()
    if len(w) < 3:
        return False
    cands = []
    if w.endswith("e") and len(w) >= 5:
        cands.append(w[:-1])
    elif w.endswith("e") and len(w) >= 3 and zipf(w[:-1]) >= max(5.0, zipf(w) + 2.0):
        return True  # "hee", "doe", "thee": an early-modern form of a very common word
    if w.endswith("es"):
        cands.append(w[:-2] + "s")
    if w.endswith("ie"):
        cands.append(w[:-2] + "y")
    if w.endswith("ies"):
        cands.append(w[:-3] + "ys")
    if w[0] == "i":
        cands.append("j" + w[1:])
    if w[0] == "v":
        cands.append("u" + w[1:])
    if "u" in w[1:]:
        cands.append(w[0] + w[1:].replace("u", "v"))
    if "i" in w[1:]:
        cands.append(w[0] + w[1:].replace("i", "j"))
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        cands.append(w[:-1])
    if w.endswith("ck"):
        cands.append(w[:-1])
    if len(w) >= 6 and w.endswith("eth"):
        # verb forms of the King James Bible: "looketh", "followeth", "maketh"
        cands += [w[:-3], w[:-3] + "e"]
    return any(len(c) >= 2 and zipf(c) >= 3.0 for c in cands)


@lru_cache(maxsize=200_000)
def looks_transliterated(word: str) -> bool:
    """Romanised foreign words ("Literaturnaia", "russkogo", "ryōri") are not English
    words misspelt.

    >>> looks_transliterated("Literaturnaia"), looks_transliterated("Ostrovskii")
    (True, True)
    >>> looks_transliterated("plantaticn"), looks_transliterated("kuukou")
    (False, True)

    A "uu" in a word no Japanese syllables make is a misread "un" or "nn":

    >>> looks_transliterated("cauuot"), looks_transliterated("lauuched")
    (False, False)
    """
    w = word.lower()
    m = TRANSLIT_RE.search(w)
    if m and "ii" in m.group() and misread_ii(word, m.start()):
        m = None
    return bool(m) or ("uu" in w and bool(KANA_RE.match(w)))


def misread_ii(word: str, at: int) -> bool:
    """Whether the "ii" at `at` of a form that looks transliterated is an OCR misreading:
    capitals "II" inside a word written mostly in lower case ("BaIIoons": "ll"), or a
    lower-case "ii" in a short form (< 6 letters: "thiie"). On ICDAR 2017 (tuning halves)
    all 17 forms of either kind differed from the gold; Russian names and titles keep
    their protection, and so do forms with as many capitals as lower-case letters
    ("WiII": read, such forms came out in capitals, "WILL").

    >>> misread_ii("BaIIoons", 2), misread_ii("thiie", 2), misread_ii("Ostrovskii", 8)
    (True, True, False)
    >>> misread_ii("OSTROVSKII", 8), misread_ii("WiII", 1)
    (False, False)
    """
    pair = word[at:at + 2]
    if pair == "ii":
        return len(word) < 6
    # (more lower-case letters than capitals: else the reading would take capitals)
    return pair == "II" and sum(c.islower() for c in word) > sum(c.isupper() for c in word)


@lru_cache(maxsize=200_000)  # a pure test of the form (asked again for every token of it)
def is_protected(word: str, following: str = "") -> bool:
    """Words a corrector must leave alone whatever the lexicon says.

    numbers, roman numerals, abbreviations (a short word followed by "."),
    acronyms, URLs, historical spellings and transliterations.

    >>> [is_protected(w) for w in ("1871", "XIV", "GARF", "returne", "Ostrovskii")]
    [True, True, True, True, True]
    >>> is_protected("vol", "."), is_protected("rnatters")
    (True, False)
    """
    if any(c.isdigit() for c in word) and not any(c.isalpha() for c in word):
        return True
    if ROMAN_RE.match(word):
        return True
    letters = [c for c in word if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(word) <= 6 and not is_lexical(word):
        return True
    if following.startswith(".") and len(word) <= 3:
        return True
    if historical_form(word) or looks_transliterated(word):
        return True
    return False
