"""Reading order (placeholder replaced below)."""

from __future__ import annotations

from ..model import Document
from ..pipeline import stage


@stage("layout.reading_order")
def reading_order(doc: Document) -> Document:
    return doc
