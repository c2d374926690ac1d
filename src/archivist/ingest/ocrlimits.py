"""How much OCR one document may cost, and who hears about its progress.

A scanned PDF or a multi-page TIFF is read by Tesseract page by page, a few seconds a
page: a 2,000-page scan would hold a batch for hours with nothing on the screen. The
readers ask `check_pages` before the first page (a clear one-line error naming the
file when the scan has more pages than the limit) and call `page_done` after each
page. The limit and the listener are set per call with `ocr_options` (the command
line's ``--max-ocr-pages``; its progress bar); a context variable carries them, so
the readers' signatures stay ``read_bytes(path, data)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..errors import InputError

# A generous cap: a long book is a few hundred pages; at ~3 s a page this is hours.
DEFAULT_MAX_OCR_PAGES = 500

# (path, pages done, pages in all) after each page read by OCR
Listener = Callable[[str, int, int], None]


@dataclass(frozen=True)
class OcrOptions:
    """`max_pages`: most pages one document may have read by OCR (None: no limit);
    `progress`: told after each page."""

    max_pages: int | None = DEFAULT_MAX_OCR_PAGES
    progress: Listener | None = None


_OPTIONS: ContextVar[OcrOptions | None] = ContextVar("archivist_ocr_options", default=None)
_DEFAULT = OcrOptions()


def current() -> OcrOptions:
    """The options in force (the default limit, no listener, unless set)."""
    return _OPTIONS.get() or _DEFAULT


@contextmanager
def ocr_options(max_pages: int | None = DEFAULT_MAX_OCR_PAGES,
                progress: Listener | None = None) -> Iterator[OcrOptions]:
    """Read documents with this OCR page limit (None or 0: none) and listener.

    >>> with ocr_options(max_pages=2):
    ...     check_pages("scan.pdf", 3)
    Traceback (most recent call last):
    ...
    archivist.errors.InputError: scan.pdf: has 3 pages to read by OCR, more than the limit of 2 (--max-ocr-pages)
    """
    token = _OPTIONS.set(OcrOptions(max_pages or None, progress))
    try:
        yield current()
    finally:
        _OPTIONS.reset(token)


def check_pages(path: str, count: int, known: bool = True) -> None:
    """Refuse a document with more pages to OCR than the limit, before reading any.
    `known`: False where the file did not say how many pages it has and `count` is
    only how many were met so far (the message then says "more than").

    >>> with ocr_options(max_pages=2):
    ...     check_pages("scan.tif", 3, known=False)
    Traceback (most recent call last):
    ...
    archivist.errors.InputError: scan.tif: has more than 2 pages to read by OCR, the limit (--max-ocr-pages)
    """
    limit = current().max_pages
    if limit is not None and count > limit:
        if not known:
            raise InputError(path, f"has more than {limit} pages to read by OCR, the limit "
                                   "(--max-ocr-pages)")
        raise InputError(path, f"has {count} pages to read by OCR, more than the limit of "
                               f"{limit} (--max-ocr-pages)")


def page_done(path: str, done: int, total: int) -> None:
    """Tell the listener (if any) that `done` of `total` pages have been read."""
    listener = current().progress
    if listener is not None:
        listener(path, done, total)
