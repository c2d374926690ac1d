"""A five-page PDF built with reportlab, read by the PDF reader, through layout."""

from __future__ import annotations

import pytest
from layout_helpers import run
from layout_pdfdoc import FIRST_PAGE, PAGES, TITLE, build_pdf

from archivist.ingest import read


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    p = tmp_path_factory.mktemp("pdf") / "rivers.pdf"
    p.write_bytes(build_pdf())
    return run(read(p))


def test_pages_and_running_heads(doc):
    assert len(doc.raw_pages) == len(PAGES) >= 5
    nums = [str(FIRST_PAGE + i) for i in range(len(PAGES))]
    assert [p["n"] for p in doc.pages()] == nums
    assert [f.text for f in doc.furniture if f.type == "pageNum"] == nums
    assert [f.text for f in doc.furniture if f.type == "header"] == [TITLE] * len(PAGES)
    assert TITLE not in doc.text
    for n in nums:
        assert n not in doc.text


def test_every_note_anchored_with_its_text(doc):
    expected = [note.split(" ", 1) for _, notes in PAGES for note in notes if note[0].isdigit()]
    assert [n.n for n in doc.notes] == [num for num, _ in expected]
    for n in doc.notes:
        a = doc.note_anchor(n)
        assert a is not None, n.n
        assert doc.text[a - 1] == "."  # the marker stood after the sentence end
    note4 = doc.note_view(next(n for n in doc.notes if n.n == "4")).text
    assert note4 == ("J. Harker, The Northern Rivers and their Engineers, a Study of the "
                     "Surveys of 1860 to 1880 (Leeds, 1902), 233-240.")
    # nothing of the foot blocks (or the continuation) is left in the body
    for _, notes in PAGES:
        for note in notes:
            assert note.split(" ", 1)[1][:20] not in doc.text


def test_body_reads_straight_across_pages(doc):
    assert doc.metadata["continues_from_previous_page"] is True
    assert "counted 1,250 fords and 37 mills" in doc.text
    assert "war of 1939.\n\nThe maps show" in doc.text
    assert not any(ch in doc.text for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰")
