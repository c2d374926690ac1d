"""Layout on the two sample documents (layout stages only, so repair is not needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from layout_helpers import run

from archivist.ingest import read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
S000 = SAMPLES / "000_fa0db9ec999598d9.txt"
S003 = SAMPLES / "003_07f6514925dd1fad.txt"


@pytest.fixture(scope="module")
def d000():
    return run(read(S000))


@pytest.fixture(scope="module")
def d003():
    return run(read(S003))


def test_000_furniture_and_metadata(d000):
    assert [(f.type, f.text) for f in d000.furniture] == [
        ("pageNum", "130"), ("header", "The Caucasus Group and Japan")]
    assert not d000.text.startswith("130") and "Caucasus Group" not in d000.text
    assert d000.metadata["page"] == "130"
    assert d000.metadata["running_title"] == "The Caucasus Group and Japan"
    assert d000.metadata["continues_from_previous_page"] is True


def test_000_notes_numbers_anchors_text(d000):
    ends = {"7": "agents of our enemies.”", "8": "Manchukuo representatives.”",
            "9": "the armament industry.", "10": "it spent 4,299 millions.",
            "11": "strictest se-\ncrecy.", "12": "rapidly strengthened.",
            "13": "offensive in the Far East."}
    assert [n.n for n in d000.notes] == list(ends)
    for n in d000.notes:
        a = d000.note_anchor(n)
        assert a is not None and d000.text[:a].replace("oensive", "offensive").endswith(
            ends[n.n]), n.n
    assert d000.note_view(d000.notes[0]).text == "Stalin i Kaganovich., 208."
    assert "millions. In February" in d000.text
    assert "RGASPI" not in d000.text and "Gronskii" not in d000.text


def test_000_paragraphs(d000):
    paras = d000.text.split("\n\n")
    assert len(paras) == 3
    assert paras[1].startswith("Needless to say") and paras[2].startswith("In the West")


def test_003_headers_and_reading_order(d003):
    assert [(f.type, f.text) for f in d003.furniture] == [
        ("pageNum", "28"), ("header", "Def. Doc. #1504"), ("header", "Def. Doc. # 1504"),
        ("header", "Def. Doc. # 1504")]
    t = d003.text
    assert "Def. Doc" not in t
    assert t.startswith("From M. M. Litvinov's Diary\n\nRECORD OF A CONVERSATION")
    assert ("the Far East, several more hours may elapse. If Japanese troops appear again on "
            "Soviet territory within this time, we will attack them in spite of any agreements. "
            "If the Japanese Government") in t
    assert "our understanding, and will not fire toward Manchukuo.\n\n" in t
    assert "settle the incident in a peaceful way" in t
    assert len([e for e in d003.edits if e.kind == "move"]) == 4
