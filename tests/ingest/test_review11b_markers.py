"""review11b: an OCR page whose first note lost its marker must not take a quotation's
closing quote for it when the quotation holds a plural's possessive ("the soldiers'
pay"): the possessive closes no quotation."""

from __future__ import annotations

from test_ocr_note_markers import FOOT, hocr_page, layout_doc

from archivist.ingest import hocr


def test_closing_quote_after_a_plural_possessive_stays() -> None:
    body = [
        ["The", "commission", "met", "in", "the", "spring", "and", "signed", "the", "treaty."],
        ["He", "said", "'the", "soldiers'", "pay", "was", "cut.'", "Yet", "the", "men", "stayed,"],
        ["and", "the", "clerks", "kept", "the", "maps", "in", "a", "locked", "room.", "SUP2"],
    ]
    doc = layout_doc(hocr.read_bytes("p.hocr", hocr_page(body, FOOT).encode()))
    assert "He said 'the soldiers' pay was cut.' Yet" in doc.text
    assert doc.note_anchor(doc.notes[1]) is not None
