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
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..lexicon import zipf
from ..model import Document, View


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

    def attested(self, word: str) -> int:
        """How often `word` (any case) occurs in the document."""
        return self.lower.get(word.lower(), 0)


Fixer = Callable[[str, Context], list[Change]]

# A word token: letters/digits with inner apostrophes (no hyphens: "air-firce" is
# two words for correction purposes).
_CH = "[^\\W_\u00b2\u00b3\u00b9\u2070-\u209f]"  # word characters except super/subscripts
WORD_RE = re.compile(_CH + "(?:(?:" + _CH + "|['’])*" + _CH + ")?")
POSSESSIVE_RE = re.compile(r"[’']s$")


def tokens(text: str) -> list[re.Match[str]]:
    """Word tokens of `text` (regex matches, in order).

    >>> [m.group() for m in tokens("Shigemitsu's air-firce, 1938.")]
    ["Shigemitsu's", 'air', 'firce', '1938']
    """
    return list(WORD_RE.finditer(text))


def build_context(texts: Iterable[str]) -> Context:
    """Count every token form across the document's views (a document lexicon),
    and note whether the document is written in early-modern spelling."""
    ctx = Context(texts=list(texts))
    for t in ctx.texts:
        for m in WORD_RE.finditer(t):
            w = POSSESSIVE_RE.sub("", m.group())
            ctx.counts[w] += 1
            ctx.lower[w.lower()] += 1
    ctx.flags["archaic"] = archaic(ctx.lower)
    return ctx


def archaic(lower: Counter[str]) -> bool:
    """Whether a document uses early-modern spelling ("hee", "doe", "againe"):
    then correctors hold back on anything that is not plainly OCR noise."""
    hits = sum(1 for w in lower if w.isalpha() and len(w) >= 3 and historical_form(w)
               and (not is_lexical(w) or zipf(w[:-1]) >= zipf(w) + 2.0))
    return hits >= 1


# OCR noise inside a word: digits, accents on English letters, "U" for "ll",
# a tripled letter. Such a token is English misread, not a foreign word.
NOISY_RE = re.compile(r"[0-9'’.,éèêâàôîûùçëïüÉ]|[a-z][A-Z]|([a-z])\1\1")


def english_around(words: list[str], i: int, span: int = 4) -> bool:
    """Whether the words around position i are mostly English words.

    OCR errors sit among correct English words; a run of unknown words is a
    foreign passage ("Kantogun to kyokutō sorengun", German, Latin) or a name
    list, and is left alone.

    >>> english_around("we are dealing with messures for the defence".split(), 4)
    True
    >>> english_around("und es ist nicht gut sagte er".split(), 3)
    False
    """
    near = [w for w in words[max(0, i - span):i] + words[i + 1:i + 1 + span] if w.isalpha()]
    if len(near) < 2:
        return True
    good = sum(1 for w in near if (is_lexical(w) and (len(w) > 2 or zipf(w.lower()) >= 5.5))
               or NOISY_RE.search(w))
    return good >= 0.6 * len(near)


def run_fixer(doc: Document, stage: str, fixer: Fixer, ctx: Context | None = None) -> Document:
    """Apply `fixer` to every view of `doc`; one batch of edits per view."""
    if ctx is None:
        ctx = build_context(v.text for v in doc.views())
    for i in range(len(doc.notes) + 1):
        view = doc.body_view() if i == 0 else doc.note_view(doc.notes[i - 1])
        changes = non_overlapping(fixer(view.text, ctx))
        edits = [to_edit(view, stage, c) for c in changes]
        if edits:
            doc.add_edits(edits)
    for w in ctx.flags.get("warnings", []):  # type: ignore[union-attr]
        if w not in doc.warnings:
            doc.warnings.append(w)
    return doc


def run_until_stable(doc: Document, stage: str, fixer: Fixer, rounds: int = 3) -> Document:
    """Run a context-sensitive fixer until it proposes nothing new.

    A fix can change a neighbour's context (a repaired word makes the passage
    look English, or supplies the bigram that reveals the next error); repeating
    makes the stage idempotent: repairing repaired text changes nothing.
    """
    for _ in range(rounds):
        before = sum(1 for e in doc.edits if e.status == "applied")
        run_fixer(doc, stage, fixer)
        if sum(1 for e in doc.edits if e.status == "applied") == before:
            break
    return doc


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
def _symspell_words() -> frozenset[str]:
    """symspellpy's 82k-word English dictionary (curated, fewer web tokens)."""
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.split(" ", 1)[0] for line in fh)


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

    >>> match_case("SHIGHMITSU", "shigemitsu"), match_case("Jaranese", "japanese")
    ('SHIGEMITSU', 'Japanese')
    >>> match_case("shaU", "shall")
    'shall'
    """
    letters = [c for c in src if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if src[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


# -- protections ----------------------------------------------------------------

ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
# Letter sequences typical of romanised Russian/Japanese/Chinese words.
TRANSLIT_RE = re.compile(r"ii[ae]?$|iia|iio|kh|zh|shch|tsu|ogo$|aia$|ō|ū|yō|kyo|ryo|uu")


def historical_form(word: str) -> bool:
    """Whether `word` is an early-modern or British spelling of an English word.

    Rules, not lists: final -e ("returne"), -ie for -y ("controversie"),
    i/j and u/v swaps ("iudgment", "vnto", "haue"), doubled final consonant
    ("untill"), -ck ("publick").

    >>> [historical_form(w) for w in ("returne", "controversie", "iudgment", "haue", "cessotion")]
    [True, True, True, True, False]
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
    return any(len(c) >= 2 and zipf(c) >= 3.0 for c in cands)


def looks_transliterated(word: str) -> bool:
    """Romanised foreign words ("Izvestiia", "proshlogo", "kyokutō") are not English
    words misspelt.

    >>> looks_transliterated("Vospominaniia"), looks_transliterated("Gronskii")
    (True, True)
    >>> looks_transliterated("cessotion")
    False
    """
    return bool(TRANSLIT_RE.search(word.lower()))


def is_protected(word: str, following: str = "") -> bool:
    """Words a corrector must leave alone whatever the lexicon says.

    numbers, roman numerals, abbreviations (a short word followed by "."),
    acronyms, URLs, historical spellings and transliterations.

    >>> [is_protected(w) for w in ("1938", "XIV", "RGASPI", "returne", "Izvestiia")]
    [True, True, True, True, True]
    >>> is_protected("op", "."), is_protected("messures")
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
