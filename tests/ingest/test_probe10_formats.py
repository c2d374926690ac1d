"""Files a historian brings that archivist does not read (probe 10): the error names
what the file is and what to do, in one line."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from archivist.errors import InputError
from archivist.ingest import read


def _zip(members: dict[str, str], first: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        if first:
            z.writestr(zipfile.ZipInfo("mimetype"), first)  # stored, first: the ODF rule
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


CASES = [
    ("letter.docx", _zip({"[Content_Types].xml": "<Types/>",
                          "word/document.xml": "<w:document/>"}), "Word document"),
    ("letter.odt", _zip({"content.xml": "<x/>"}, "application/vnd.oasis.opendocument.text"),
     "OpenDocument text"),
    ("book.epub", _zip({"META-INF/container.xml": "<c/>"}, "application/epub+zip"),
     "EPUB e-book"),
    ("ledger.xlsx", _zip({"xl/workbook.xml": "<w/>"}), "Excel workbook"),
    ("scans.zip", _zip({"page1.txt": "The mill was sold in 1822."}), "ZIP archive"),
    ("letter.rtf", rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}}\f0 Dear Sir,\par }",
     "RTF document"),
    ("letter.txt", rb"{\rtf1\ansi Dear Sir,\par }", "RTF document"),  # whatever its name
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "legacy Microsoft Office"),
    ("photo.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 200, "HEIC"),
    ("notes.txt.gz", b"\x1f\x8b\x08\x00" + b"\x00" * 50, "gzip"),
]


@pytest.mark.parametrize(("name", "data", "what"), CASES, ids=[c[0] for c in CASES])
def test_unreadable_formats_are_named(tmp_path: Path, name: str, data: bytes,
                                      what: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError) as err:
        read(p)
    msg = str(err.value)
    assert what in msg and "\n" not in msg and name in msg
    assert "binary" not in msg


def test_damaged_zip_is_said_to_be_damaged(tmp_path: Path) -> None:
    p = tmp_path / "cut.docx"
    p.write_bytes(_zip({"word/document.xml": "<w:document/>" * 200})[:60])
    with pytest.raises(InputError, match="cannot be opened"):
        read(p)


def test_text_that_mentions_rtf_is_still_text(tmp_path: Path) -> None:
    p = tmp_path / "note.txt"
    p.write_text("The clerk's file began {\\rtf1 and was garbled.\n", encoding="utf-8")
    assert read(p).original.startswith("The clerk")
