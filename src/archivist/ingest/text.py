"""Plain text: UTF-8 (with or without BOM), UTF-16, and legacy 8-bit encodings.

The decoded text is `original` exactly; line endings are normalised only in the
derived text (by the layout stage), never here.
"""

from __future__ import annotations

import codecs
import re
import string
import unicodedata
from collections import Counter

from ..errors import InputError
from ..model import Document, RawPage, Source

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# the control characters that count against text: below 32, except tab, line feed,
# form feed, carriage return and escape
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in something without a UTF-16/32 BOM.

    Called after UTF-16/32 without a BOM were ruled out (`decode`), so a NUL is
    never text here.
    """
    sample = data[:8192]
    if any(sample.startswith(b) for b, _ in _BOMS):
        return False
    if b"\x00" in sample:
        return True
    # (the control bytes deleted in C and the difference counted: a generator over
    # 8 KB took ~0.3 ms a file)
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return ctrl > 0.05 * max(len(sample), 1)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes read as text in that encoding;
    None otherwise.

    Without a byte-order mark the two byte orders and binary data are told apart
    by what the decoded text looks like (`_reads_as_utf16_text`): the high byte
    of each character takes few values (0 for ASCII, 4 for Cyrillic, 3 for
    Greek...), and the characters are mostly letters, digits and spaces of a few
    scripts below U+2000, with no control, unassigned or private-use characters
    (CJK text needs its byte-order mark: see `_reads_as_utf16_text`). Data that is
    already valid UTF-8 text is never taken for UTF-16 (read two bytes at a time,
    ASCII looks like CJK ideographs).

    >>> utf16_without_bom("Plain text".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom("Приказ № 127, 1917 г.".encode("utf-16-be"))
    'utf-16-be'
    >>> utf16_without_bom("Ἐν ἀρχῇ ἦν ὁ λόγος".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom(b"plain text") is None
    True
    >>> utf16_without_bom(bytes(range(256))) is None
    True
    >>> utf16_without_bom("A А\\r\\n".encode("cp1251")) is None  # not "⁁ව"
    True
    >>> utf16_without_bom("А\\r\\nА".encode("cp1251")) is None  # not Hangul + Gujarati
    True
    """
    sample = data[:8192]
    if len(sample) < 2 or any(sample.startswith(b) for b, _ in _BOMS):
        return None
    if utf32_without_bom(data):
        return None  # its NULs come three in four, not one in two
    if _reads_as_utf8_text(sample):
        return None
    best: tuple[float, int, float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:  # not final: the sample may end inside a surrogate pair or a unit
            text = codecs.getincrementaldecoder(enc)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        share = _reads_as_utf16_text(text)
        if share is None:
            continue
        # both plausible (short texts): the fewer high bytes, then more ASCII
        # (spaces, digits: swapped, U+0020 becomes U+2000), then the lower code
        # points win (swapped, a script's block number becomes the low byte). A
        # lone letter stays ambiguous.
        score = (share, sum(1 for c in text if c < "\x80"),
                 -sum(map(ord, text)) / len(text), enc)
        if best is None or score[:3] > best[:3]:
            best = score
    return best[3] if best else None


def _reads_as_utf8_text(sample: bytes) -> bool:
    """The sample decodes as UTF-8 with no NUL and few control characters."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    # counted in the bytes, as `looks_binary` does: in UTF-8 a byte below 32 is always
    # that character (never part of a longer sequence), so the counts are equal
    ctrl = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return "\x00" not in text and ctrl <= 0.05 * max(len(text), 1)


# below this many characters, UTF-16 text must keep its letters to one 256-wide block
_SHORT_UTF16 = 16
# the General Punctuation (U+2000-U+206F) real text uses: dashes, quotes, daggers,
# bullets, ellipsis, per mille, primes, guillemets. The rest of the block (odd spaces,
# format marks, U+2041...) is what an ASCII letter and a space become read as UTF-16.
_TEXT_PUNCTUATION = frozenset("‐‑‒–—―‖‘’‚‛“”„‟†‡•…‰′″‹›")
# and the block's spaces and joiners real text has: en/em spaces, the French narrow
# no-break space, zero-width space, the (non-)joiners Persian and Indic scripts need,
# bidi marks, word joiner. Counted as text only in a text long enough for the other
# tests to judge ("/ " read as UTF-16 is U+202F). Not the thin and hair spaces: "\t "
# and "\n " (an indented line of 8-bit text) read as UTF-16 are U+2009 and U+200A.
_TEXT_SPACES = frozenset("\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                         "\u200b\u200c\u200d\u200e\u200f\u202f\u205f\u2060")
# Characters never found in text: controls, unassigned, private use, lone surrogates.
_BAD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})


def _reads_as_utf16_text(text: str) -> float | None:
    """How much of `text` the four most common high bytes cover, when `text`
    reads like text decoded with the right byte order; None when it does not.

    The wrong byte order (or binary data) spreads characters over many 256-wide
    blocks, scripts and symbol ranges, and yields controls and unassigned code
    points; real text keeps to a few blocks and is mostly letters, digits, spaces
    and punctuation (symbols such as box drawing are allowed a minority).
    """
    if not text:
        return None
    if sum(1 for c in text if c < "\u2000") < 0.5 * len(text):
        # Alphabetic scripts lie below U+2000. Above it, ASCII or a legacy 8-bit
        # text read two bytes at a time looks like CJK ideographs ("Bush hid the
        # facts"), so text in those scripts needs its byte-order mark.
        return None
    pages = Counter(ord(c) >> 8 for c in text)
    if len(text) < _SHORT_UTF16 and 0 not in pages and len(
            {ord(c) >> 8 for c in text if c.isalpha() or unicodedata.category(c)[0] == "M"}) > 1:
        # a few letters from two scripts' blocks, with no space or digit (a zero high
        # byte) between them, prove nothing: any 8-bit bytes read two at a time give
        # such a pair ("А\r\nА" in cp1251 is Hangul + Gujarati)
        return None
    share = sum(n for _, n in pages.most_common(4)) / len(text)
    if share < 0.9:
        return None
    bad = wordy = 0
    scripts: Counter[str] = Counter()
    prev = ""
    for c in text:
        if c in "\t\n\r\f":
            wordy += 1
            prev = "Z"
            continue
        cat = unicodedata.category(c)
        if cat in _BAD_CATEGORIES or c in "\ufffe\uffff":
            bad += 1
        elif "\u2000" <= c <= "\u206f" and c not in _TEXT_PUNCTUATION \
                and (c not in _TEXT_SPACES or len(text) < _SHORT_UTF16):
            bad += 1  # b"A " read two bytes at a time is U+2041, b". " U+202E: no text
        elif cat[0] == "M" and prev not in ("L", "M"):
            bad += 1  # a combining mark with no letter to sit on: b"A \xdf\r" is no "⁁ෟ"
        elif cat[0] in "LMNPZ":
            wordy += 1
            if cat[0] == "L":  # the script: the first word of the letter's name
                scripts[unicodedata.name(c, "?").split(" ", 1)[0]] += 1
        prev = cat[0]
    letters = sum(scripts.values())
    if bad > 0.01 * len(text) or wordy < 0.6 * len(text):
        return None
    if letters and sum(n for _, n in scripts.most_common(2)) < 0.9 * letters:
        return None
    return share


def utf32_without_bom(data: bytes) -> str | None:
    """'utf-32-le' or 'utf-32-be' when mostly-ASCII text shows three NULs in every
    four bytes; None otherwise.

    >>> utf32_without_bom("Plain text".encode("utf-32-le"))
    'utf-32-le'
    >>> utf32_without_bom("Plain text".encode("utf-16-le")) is None
    True
    """
    sample = data[:8192]
    sample = sample[:len(sample) // 4 * 4]
    if len(sample) < 8 or any(sample.startswith(b) for b, _ in _BOMS):
        return None
    cols = [sample[k::4] for k in range(4)]
    zero = [c.count(0) / len(c) for c in cols]
    if zero[0] < 0.1 and min(zero[1:]) > 0.9 and zero[1] > 0.99 and zero[2] > 0.99:
        return "utf-32-le"
    if zero[3] < 0.1 and zero[0] > 0.99 and zero[1] > 0.99 and zero[2] > 0.9:
        return "utf-32-be"
    return None


# Windows-1252 bytes that map to no character.
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def plausible_cp1252(data: bytes) -> str | None:
    """The text decoded as Windows-1252 when that reads like Western text.

    cp1252 (a superset of printable Latin-1) is the usual legacy encoding of
    English and Western European sources, and statistical detectors confuse it
    with Baltic or Central European code pages when accents are few. It is taken
    when accented letters are a minority of letters (text in another script
    decoded as cp1252 is mostly accented letters) and no symbol such as ``¹ ³ ¿``
    sits inside a word (what Central European letters become in cp1252).

    >>> plausible_cp1252("Le café – naïve".encode("cp1252"))
    'Le café – naïve'
    >>> plausible_cp1252("Русский текст".encode("cp1251")) is None
    True
    >>> plausible_cp1252("Zażółć gęślą jaźń".encode("cp1250")) is None
    True
    """
    if _CP1252_HOLES.search(data):
        return None
    text = data.decode("cp1252")
    return text if _reads_western(text) else None


# (regexes, not a Python step per character: a 5 MB legacy file is scored per page)
_ASCII_LETTERS = string.ascii_letters.encode()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _reads_western(text: str) -> bool:
    """Accented letters a minority of the letters, no symbol inside a word."""
    plain = text.encode("ascii", "ignore")
    accented = sum(1 for c in _NON_ASCII.findall(text) if c.isalpha())
    letters = len(plain) - len(plain.translate(None, _ASCII_LETTERS)) + accented
    if not letters:
        return False
    if accented > 0.25 * letters:
        return False
    for m in _NON_ASCII.finditer(text, 1, len(text) - 1):
        i = m.start()
        c = text[i]
        if (not c.isalpha() and text[i - 1].isalpha()
                and text[i + 1].isalpha() and c not in "\u2019\u00b7\u2013\u2014"):
            return False  # e.g. "³" inside a word: a cp1250 "ł"
    return True


# Latin letters with accents: Western European, and Central European (Polish, Czech,
# Slovak, Hungarian, Slovene, Croatian, Romanian names are common in English sources)
_WESTERN_LETTERS = frozenset(
    "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŒ"
    "ąćęłńśźżčďěňřšťůžőűĺľŕăşţđĄĆĘŁŃŚŹŻČĎĚŇŘŠŤŮŽŐŰĹĽŔĂŞŢĐ")
# punctuation Western typesetting uses, and the superscript digits of its note marks
# ("signed¹", "m³": in cp1250 the same bytes are "signedą", "mł")
_WESTERN_MARKS = frozenset("’‘“”–—…«»£°§¡¿¹²³")
# signs English and Western typesetting print that are neither letters nor punctuation
# marks: no evidence either way (they were -2, so a cp1252 price list lost to mac_roman)
_WESTERN_SIGNS = frozenset("•©®™€½¼¾×¶")
# what follows the apostrophe of an English contraction or possessive
_CONTRACTION = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])")


def western_score(text: str) -> int:
    """How well the non-ASCII characters of `text` read as Western European text:
    accented letters beside letters and in the case of their word count for it;
    an accented capital after a small letter, a lone letter or any other symbol
    counts against it. Used to tell legacy code pages apart (the same bytes are
    "café" in one and "cafŽ" or "cafÈ" in another).

    >>> western_score("Le café – naïve") > western_score("Le cafÈ ñ naÔve")
    True
    """
    score = 0
    n = len(text)
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if c in _WESTERN_LETTERS:
            if c.isupper() and prev.isalpha() and prev.islower():
                score -= 2  # "cafÈ"
            elif c.islower() and nxt.isupper() and nxt.isalpha():
                score -= 2  # "żQué": a Spanish "¿Qué" read in a Central European page
            elif prev.isdigit():
                score -= 2  # "3Ľd.", "4ľd.": a price's "3¼d." read in a Central European page
            elif prev.isalpha() or nxt.isalpha():
                score += 2
            else:
                score -= 1  # a letter standing alone
        elif c in _WESTERN_MARKS:
            # an apostrophe or quotation mark against a word ("it’s", "‘no’") is as sure
            # a sign as an accented letter: the same byte is "í"/"ë" in mac_roman
            score += 2 if prev.isalpha() or nxt.isalpha() else 1
            if c == "’" and prev.isalpha() and _CONTRACTION.match(text, i + 1):
                score += 1  # "it’s", "John’s", "don’t": English, not mac_roman "itís"
        elif c in _WESTERN_SIGNS:
            continue
        else:
            score -= 2
    return score


# the other single-byte code pages Latin-script text was written in: old Macintosh files
# and DOS (cp850 is cp437 with more accented letters in place of box drawing), and the
# Central European pages of Windows and Unix (English text naming Polish, Czech or
# Hungarian people and places: "Łódź" is "£ódŸ" in cp1252, "Győr" is "Gyõr")
_LEGACY_WESTERN = ("mac_roman", "cp850", "cp1250", "iso8859_2")


def legacy_western(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for bytes in a Latin-script legacy code page: cp1252 unless
    old Macintosh or DOS encoding, or a Central European page, reads better
    (`western_score`; on a tie, the page whose accented words are known words).

    >>> legacy_western("Le café – naïve".encode("cp1252"))[1]
    'cp1252'
    >>> t = "The old café at Noël was closed, the owner said, and the street quiet."
    >>> [legacy_western(t.encode(e))[1] for e in ("mac_roman", "cp850")]
    ['mac_roman', 'cp850']
    >>> legacy_western("Zażółć gęślą jaźń".encode("cp1250")) is None
    True
    >>> legacy_western("Beck spoke at Łódź and Częstochowa.".encode("cp1250"))
    ('Beck spoke at Łódź and Częstochowa.', 'cp1250')
    >>> legacy_western("Beck spoke of the fête at Nîmes.".encode("cp1252"))[1]
    'cp1252'
    """
    cands: list[tuple[int, str, str]] = []
    first = plausible_cp1252(data)
    if first is not None:
        cands.append((western_score(first), first, "cp1252"))
    high = bytes(sorted(b for b in set(data) if b >= 0x80))
    same_as_first = high.decode("cp1252", "replace") if first is not None else None
    for enc in _LEGACY_WESTERN:
        if high.decode(enc, "replace") == same_as_first:
            continue  # every byte reads as in cp1252: the same text, the same score
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:  # a byte the page leaves unassigned (cp1250's 0x81)
            continue
        if _reads_western(text):
            cands.append((western_score(text), text, enc))
    if not cands:
        return None
    top = max(c[0] for c in cands)
    tied = [c for c in cands if c[0] == top]
    if len(tied) > 1:  # letters both pages have ("noël" / "noâl"): ask the word lists
        words = [_accented_words(c[1]) for c in tied]
        shared = set.intersection(*words)  # read alike on every page: no evidence
        known = [_known_words(sorted(w - shared)[:_MAX_WORDS_ASKED]) for w in words]
        order = sorted(range(len(tied)), key=lambda k: -known[k])  # stable: cp1252 first
        tied = [tied[k] for k in order]
    score, text, enc = tied[0]
    if enc != "cp1252" and score <= 0:
        # no page reads well: plausible cp1252 stays cp1252, as before other pages were tried
        return (first, "cp1252") if first is not None else None
    return text, enc


# languages whose (small, quick to load) word lists decide between pages that read
# equally well: the Latin-script languages of the code pages tried
_WORD_LIST_LANGUAGES = ("fr", "de", "es", "it", "pt", "nl", "sv", "da",
                        "pl", "cs", "sk", "hu", "sl", "sh", "ro")
_ACCENTED_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")
# enough differing words to decide; a long file must not ask about every one
_MAX_WORDS_ASKED = 300


def _accented_words(text: str) -> set[str]:
    """The distinct lower-cased words of `text` with a non-ASCII letter."""
    return {w.lower() for w in _ACCENTED_WORD.findall(text) if w.isalpha()}


def _known_words(words: list[str]) -> int:
    """How many of `words` the English word list, or that of a European language
    written in a Latin code page, knows ("noël", "zürich", "façade" in English;
    "częstochowa" in Polish, "győr" in Hungarian)."""
    from wordfreq import zipf_frequency

    from ..lexicon import zipf

    return sum(1 for w in words if zipf(w) > 0 or any(
        zipf_frequency(w, lang, wordlist="small") > 0 for lang in _WORD_LIST_LANGUAGES))


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError when nothing decodes sensibly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {enc} byte-order mark but does not "
                                       f"decode as {enc} ({exc.reason})") from exc
    wide = utf32_without_bom(data) or utf16_without_bom(data)
    if wide is not None:
        try:  # a last unit or surrogate pair cut short (a truncated file) is dropped
            text = codecs.getincrementaldecoder(wide)().decode(data, final=False)
        except UnicodeDecodeError:
            text = ""
        ctrl = sum(1 for c in text if c < " " and c not in "\t\n\r\f")
        if text and ctrl <= 0.01 * len(text):
            return text, wide
        # else not UTF-16/32 after all: fall through to the binary check
    if looks_binary(data):
        raise InputError(path, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if text.count("\x00") > 0.01 * len(text):  # NULs are never text
            raise InputError(path, "looks like a binary file, not text (NUL characters)")
        return text, "utf-8"
    western = legacy_western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot be decoded as text in any known encoding")
    enc = best.encoding
    text = str(best)
    if "\x00" in text:
        raise InputError(path, "looks like a binary file, not text")
    return text, enc


def read_bytes(path: str, data: bytes) -> Document:
    text, enc = decode(path, data)
    if not text.strip():
        raise InputError(path, "is empty")
    doc = Document(original=text, source=Source.of_bytes(path, data, "text", enc))
    # Form feeds are physical page breaks.
    start = 0
    pages = []
    i = text.find("\f")
    while i >= 0:  # (str.find, not a Python step per character)
        pages.append(RawPage(None, start, i))
        start = i + 1
        i = text.find("\f", start)
    pages.append(RawPage(None, start, len(text)))
    doc.raw_pages = [p for p in pages if text[p.start:p.end].strip()] or pages
    return doc
