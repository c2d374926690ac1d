"""Readers: turn a file into a `Document` whose `original` is the text as read.

`read(path)` picks a reader by extension (and, for XML, by content). Every reader
raises `InputError` with a one-line explanation for a missing, empty, binary,
undecodable or corrupt file.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..model import Document

# extension -> reader module name (inside this package)
READERS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".pdf": "pdf",
    ".hocr": "hocr",
    ".alto": "alto",
    ".xml": "markup",  # ALTO or XHTML hOCR, decided by content
    ".html": "markup",
    ".htm": "markup",
    ".xhtml": "markup",
    ".png": "image",
    ".tif": "image",
    ".tiff": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".jp2": "image",
    ".bmp": "image",
    ".gif": "image",
    ".webp": "image",
    ".pnm": "image",
    ".pbm": "image",
    ".pgm": "image",
    ".ppm": "image",
}

SUPPORTED_EXTENSIONS = set(READERS)


def read(path: str | Path) -> Document:
    """Read one file into a Document, or raise InputError."""
    import importlib

    p = Path(path)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a directory, not a document")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise InputError(str(path), "is empty")
    from .formats import describe_unreadable

    unreadable = describe_unreadable(data)
    if unreadable is not None:
        raise InputError(str(path), unreadable)
    named = READERS.get(p.suffix.lower(), "text")
    kind, what = sniff(data, named)
    mod = importlib.import_module(f"{__name__}.{kind}")
    doc = mod.read_bytes(str(path), data)
    if what is not None:
        named_as = f"named {p.suffix}" if p.suffix else "without an extension"
        doc.warnings.insert(0, f"{path}: {named_as} but is {what}: read as {what}")
    return doc


# first bytes -> (reader, what the file is)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"GIF87a", "image", "a GIF image"),
    (b"GIF89a", "image", "a GIF image"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "image", "a JPEG 2000 image"),
    (b"\xffO\xffQ", "image", "a JPEG 2000 image"),
)
_MARKUP_START = re.compile(rb"\s*<(?:\?xml|!DOCTYPE\s+html|html|alto)\b", re.I)


def sniff(data: bytes, named: str) -> tuple[str, str | None]:
    """(reader, what the file is when its name says otherwise, else None).

    A PDF, a page image or an OCR layout file under the wrong extension (a scan saved
    as ``.txt``, a file with no extension) was read as its
    name said: a PDF's syntax went into the corpus as text. Unmistakable first bytes
    decide; a text file that opens like XML is read as ALTO or hOCR only when it is one.

    >>> sniff(b"%PDF-1.4 ...", "text")
    ('pdf', 'a PDF')
    >>> sniff(b"%PDF-1.4 ...", "pdf"), sniff(b"Dear Sir", "text")
    (('pdf', None), ('text', None))
    """
    head = data[:64]
    for magic, kind, what in _MAGIC:
        if head.startswith(magic):
            return kind, (what if kind != named else None)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image", ("a WebP image" if named != "image" else None)
    if named == "text" and _MARKUP_START.match(data[:1024].removeprefix(b"\xef\xbb\xbf")):
        what = _ocr_markup(data)
        if what is not None:
            return "markup", what
    return named, None


def _ocr_markup(data: bytes) -> str | None:
    """'an ALTO file' or 'an hOCR file' when `data` parses as one, else None."""
    from . import alto, hocr
    from .xmlsafe import parse_markup

    try:
        root, _ = parse_markup("", data)
    except InputError:
        return None
    if alto.is_alto(root):
        return "an ALTO file"
    if hocr.is_hocr(root):
        return "an hOCR file"
    return None
