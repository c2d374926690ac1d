"""review11b: a table's rows at the top of a page are no running heads with a page
number (the rows were taken out of the reading text as furniture)."""

from __future__ import annotations

from archivist.export.tei import to_tei, validate


def test_a_page_of_only_table_rows_keeps_them() -> None:
    import archivist.layout as layout
    from archivist.ingest.text import read_bytes
    from archivist.pipeline import REGISTRY

    doc = read_bytes("t.txt", b"Wheat 42 37 39\nBarley 12 15 18\nOats 7 9 11\n")
    for name in [*layout.STAGES, *layout.STAGES_AFTER_REPAIR]:
        doc = REGISTRY[name](doc)
    assert doc.text == "Wheat 42 37 39\n\nBarley 12 15 18\n\nOats 7 9 11"
    assert [p["kind"] for p in doc.paragraphs()] == ["row", "row", "row"]
    assert validate(to_tei(doc)) == []
