"""Helpers for the layout tests: build a Document from text and run layout stages."""

from __future__ import annotations

import archivist.layout as layout
from archivist.ingest.text import read_bytes
from archivist.model import Document
from archivist.pipeline import REGISTRY


def doc_of(text: str) -> Document:
    """A Document read from `text` by the plain-text reader (form feeds = pages)."""
    return read_bytes("test.txt", text.encode("utf-8"))


def run(doc: Document, names: list[str] | None = None) -> Document:
    """Run layout stages (all of them, before and after repair, by default)."""
    for n in names or [*layout.STAGES, *layout.STAGES_AFTER_REPAIR]:
        doc = REGISTRY[n](doc)
    return doc


def layout_text(text: str, names: list[str] | None = None) -> Document:
    return run(doc_of(text), names)


# a paragraph of prose, wrapped as a book prints it (for the block-kind tests)
PROSE = ("The survey of the upper valley was finished in the spring of that year and the\n"
         "engineers who walked the banks counted the fords and the mills one by one, as\n"
         "they had been told to do by the ministry, and sent in their reports at once.")


# three pages' worth of plain prose, for tests of what stands at a page's top
PAGE_BODIES = (
    "The survey of the upper valley was finished in the spring of that year and the\n"
    "engineers who walked the banks counted the fords and the mills one by one.\n",
    "The drainage of the lower fen was begun in the autumn by the commissioners, who\n"
    "hired the labourers at the hiring fair in the town and paid them by the week.\n",
    "The new sluice at the outfall was built of brick and timber by a contractor from\n"
    "the north, and it stood until the great flood of the following winter.\n",
)
