"""Helpers for the ingest tests (a uniquely named module, not conftest, so it
cannot clash with other test folders' conftest modules)."""

from __future__ import annotations

from archivist.model import Document


def page_texts(doc: Document) -> list[str]:
    """The text of each RawPage, cut from `original` by its span."""
    return [doc.original[p.start:p.end] for p in doc.raw_pages]


def token_texts(doc: Document) -> list[str]:
    return [doc.original[t.start:t.end] for t in doc.tokens]
