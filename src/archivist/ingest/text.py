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


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError when nothing decodes sensibly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {enc} byte-order mark but does not "
                                       f"decode as {enc} ({exc.reason})") from exc
    if looks_binary(data):
        raise InputError(path, "looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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
    for i, ch in enumerate(text):
        if ch == "\f":
            pages.append(RawPage(None, start, i))
            start = i + 1
    pages.append(RawPage(None, start, len(text)))
    doc.raw_pages = [p for p in pages if text[p.start:p.end].strip()] or pages
    return doc
