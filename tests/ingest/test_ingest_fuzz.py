"""Open-ended inputs: every reader either returns a Document or raises
InputError (never another exception), and text round-trips exactly."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.errors import InputError
from archivist.ingest import text as text_reader

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PREFIXES = {
    "text": b"",
    "pdf": b"%PDF-1.4\n",
    "hocr": b"<html><body><div class='ocr_page'>",
    "alto": b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page>',
    "markup": b"<?xml version='1.0'?><",
    "image": b"\x89PNG\r\n\x1a\n",
}


@pytest.mark.parametrize("module", sorted(PREFIXES))
@FUZZ
@given(tail=st.binary(min_size=1, max_size=400))
def test_reader_never_crashes(module, tail):
    reader = importlib.import_module(f"archivist.ingest.{module}")
    data = PREFIXES[module] + tail
    try:
        doc = reader.read_bytes("fuzz.bin", data)
    except InputError as err:
        assert str(err).startswith("fuzz.bin: ") and "\n" not in err.problem
        return
    assert doc.original.strip()
    for p in doc.raw_pages:
        assert 0 <= p.start <= p.end <= len(doc.original)
    for t in doc.tokens:
        assert 0 <= t.start < t.end <= len(doc.original) and 0 <= t.confidence <= 1


READABLE = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"],
                                          include_characters="\n\r\f\t"),
                   min_size=1, max_size=300).filter(lambda s: s.strip())


@FUZZ
@given(text=READABLE, enc=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_text_roundtrips_exactly(text, enc):
    doc = text_reader.read_bytes("t.txt", text.encode(enc))
    assert doc.original == text
    # pages tile the text between form feeds
    for p in doc.raw_pages:
        assert "\f" not in doc.original[p.start:p.end]
