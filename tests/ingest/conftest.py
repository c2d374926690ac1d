"""Shared helpers for the ingest tests: write bytes to a file and read it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archivist.ingest import read
from archivist.model import Document


@pytest.fixture
def read_file(tmp_path: Path) -> Callable[[str, bytes], Document]:
    """Write `data` as `name` in a temporary folder and read it with `read()`."""

    def _read(name: str, data: bytes) -> Document:
        p = tmp_path / name
        p.write_bytes(data)
        return read(p)

    return _read


def page_texts(doc: Document) -> list[str]:
    """The text of each RawPage, cut from `original` by its span."""
    return [doc.original[p.start:p.end] for p in doc.raw_pages]


def token_texts(doc: Document) -> list[str]:
    return [doc.original[t.start:t.end] for t in doc.tokens]
