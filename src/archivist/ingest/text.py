"""Plain text: UTF-8 (with or without BOM), UTF-16, and legacy 8-bit encodings.

The decoded text is `original` exactly; line endings are normalised only in the
derived text (by the layout stage), never here.
"""

from __future__ import annotations

import codecs

from ..errors import InputError
from ..model import Document, RawPage, Source

_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in something without a UTF-16/32 BOM."""
    sample = data[:8192]
    if any(sample.startswith(b) for b, _ in _BOMS):
        return False
    if b"\x00" in sample:
        # UTF-16 without BOM has NULs in every other byte of ASCII text
        even, odd = sample[0::2], sample[1::2]
        if even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd):
            return False
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > 0.05 * max(len(sample), 1)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when mostly-ASCII text shows the tell-tale NUL
    in every other byte; None otherwise.

    >>> utf16_without_bom("Plain text".encode("utf-16-le"))
    'utf-16-le'
    >>> utf16_without_bom(b"plain text") is None
    True
    """
    sample = data[:8192]
    if len(sample) < 4 or any(sample.startswith(b) for b, _ in _BOMS):
        return None
    if utf32_without_bom(data):
        return None  # its NULs come three in four, not one in two
    sample = sample[:len(sample) // 2 * 2]  # an odd length: a file cut short by a byte
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


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
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


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
    if any(b in _CP1252_HOLES for b in data):
        return None
    text = data.decode("cp1252")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    accented = sum(1 for c in letters if ord(c) > 127)
    if accented > 0.25 * len(letters):
        return None
    for i in range(1, len(text) - 1):
        c = text[i]
        if (ord(c) > 127 and not c.isalpha() and text[i - 1].isalpha()
                and text[i + 1].isalpha() and c not in "\u2019\u00b7\u2013\u2014"):
            return None  # e.g. "³" inside a word: a cp1250 "ł"
    return text


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
        unit = 4 if "32" in wide else 2
        try:  # a last unit cut short (a truncated file) is dropped
            text = data[:len(data) // unit * unit].decode(wide)
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
    western = plausible_cp1252(data)
    if western is not None:
        return western, "cp1252"
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
