"""Plain-text reader: encodings, BOMs, line endings and form-feed pages."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import page_texts

from archivist.errors import InputError

SAMPLE = "The café – naïve “quoted” text, 1932.\nSecond line.\n"


def test_utf8(read_file):
    doc = read_file("a.txt", SAMPLE.encode("utf-8"))
    assert doc.original == SAMPLE
    assert doc.source.format == "text"
    assert doc.source.encoding == "utf-8"


def test_utf8_bom_is_not_part_of_text(read_file):
    doc = read_file("a.txt", codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert doc.original == SAMPLE


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_utf16_with_bom(read_file, enc):
    if enc == "utf-16":
        data = SAMPLE.encode("utf-16")
    elif enc == "utf-16-le-bom":
        data = codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")
    else:
        data = codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")
    doc = read_file("a.txt", data)
    assert doc.original == SAMPLE


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(read_file, enc):
    text = "Plain English text without a byte order mark.\nAnother line of it.\n"
    doc = read_file("a.txt", text.encode(enc))
    assert doc.original == text
    assert "\x00" not in doc.original


def test_cp1252(read_file):
    text = ("Le café était naïve – déjà vu, “cité” à Paris; the señor’s rôle.\n"
            "A second line with more French: élève, façade, crème brûlée.\n")
    doc = read_file("a.txt", text.encode("cp1252"))
    assert doc.original == text


def test_latin1(read_file):
    text = "Ægir og Åse bor på Ørland. Ça va très bien, garçon.\n" * 3
    doc = read_file("a.txt", text.encode("latin-1"))
    assert doc.original == text


def test_crlf_is_kept_in_original(read_file):
    text = "line one\r\nline two\r\n\r\nnew paragraph\r\n"
    doc = read_file("a.txt", text.encode("utf-8"))
    assert doc.original == text


def test_form_feed_makes_two_pages(read_file):
    text = "page one text\nmore\fpage two text\n"
    doc = read_file("a.txt", text.encode("utf-8"))
    assert page_texts(doc) == ["page one text\nmore", "page two text\n"]
    assert doc.original == text


def test_binary_with_nuls_is_refused(read_file):
    data = bytes(range(256)) * 8
    with pytest.raises(InputError, match="binary"):
        read_file("a.txt", data)


def test_empty_and_whitespace_only_are_refused(read_file):
    for data in (b"", b"  \n\t\n"):
        with pytest.raises(InputError, match="empty"):
            read_file("a.txt", data)


def test_missing_file_and_directory(tmp_path):
    from archivist.ingest import read

    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read(tmp_path)


def test_utf16_bom_with_odd_length_is_refused(read_file):
    data = codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00"
    with pytest.raises(InputError, match="utf-16"):
        read_file("a.txt", data)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\f", "é", "line\n"]), min_size=1,
                max_size=40).map("".join))
def test_form_feeds_split_pages_where_they_stand(text):
    from archivist.ingest.text import read_bytes

    if not text.strip():
        return  # empty input is refused (tested elsewhere)
    doc = read_bytes("t.txt", text.encode("utf-8"))
    cuts = [i for i, ch in enumerate(doc.original) if ch == "\f"]
    bounds = list(zip([0] + [c + 1 for c in cuts], cuts + [len(doc.original)], strict=True))
    kept = [b for b in bounds if doc.original[b[0]:b[1]].strip()] or bounds
    assert [(p.start, p.end) for p in doc.raw_pages] == kept
