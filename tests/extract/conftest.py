"""Helpers for extraction tests: small Documents built by hand (no layout stage)."""

from __future__ import annotations

import pytest

from archivist.model import Document, Note, Source


def make_doc(body: str, notes: list[str] | None = None) -> Document:
    """A Document whose original is `body` followed by numbered footnote lines; the
    note block is removed from the body by one layout edit, as layout.notes does."""
    original = body
    spans = []
    if notes:
        original += "\n"
        for i, n in enumerate(notes, 1):
            line = f"{i} {n}"
            spans.append((str(i), len(original) + len(f"{i} "), len(original) + len(line)))
            original += line + "\n"
    doc = Document(original=original, source=Source("test.txt", "", "text"))
    if notes:
        v = doc.body_view()
        doc.add_edits([v.edit("test.layout", len(body), len(v.text), "", kind="layout")])
        doc.notes = [Note(n, s, e) for n, s, e in spans]
    return doc


@pytest.fixture
def doc_factory():
    return make_doc
