"""Readers: turn a file into a `Document` whose `original` is the text as read.

`read(path)` picks a reader by extension (and, for XML, by content). Every reader
raises `InputError` with a one-line explanation for a missing, empty, binary,
undecodable or corrupt file.
"""

from __future__ import annotations

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
    kind = READERS.get(p.suffix.lower(), "text")
    mod = importlib.import_module(f"{__name__}.{kind}")
    return mod.read_bytes(str(path), data)
