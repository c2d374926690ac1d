"""The workbench shows layout's headings as headings and table rows as rows."""

from __future__ import annotations

from archivist.model import Document, Source
from archivist.web.render import body_html


def test_heading_and_rows_render_by_their_kind() -> None:
    original = ("The Mill Accounts\n\nThe miller kept his books with care and the reeve "
                "checked them once a year.\n\nWheat 42 37 39")
    doc = Document(original=original, source=Source("t.txt", "0", "text"))
    doc.blocks[0] = "head"
    doc.blocks[original.index("Wheat")] = "row"
    html = str(body_html(doc))
    assert '<h3 class="block-head" data-start="0">The Mill Accounts</h3>' in html
    assert '<p class="block-row" data-start=' in html and "Wheat 42 37 39</p>" in html
    assert html.count("<p data-start=") == 1  # the prose paragraph only
