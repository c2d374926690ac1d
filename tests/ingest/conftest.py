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
