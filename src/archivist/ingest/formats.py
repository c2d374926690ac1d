"""Recognise files archivist does not read (office documents, e-books, archives, HEIC
photos) by their first bytes, so the error says what the file is and what to do with it,
instead of "looks like a binary file" or, for RTF, its control words read as text.
"""

from __future__ import annotations

import io
import zipfile

# (first bytes, what the file is, what to do)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"{\\rtf", "an RTF document", "save it as plain text or PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc, .xls, .ppt)",
     "save it as PDF or plain text"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and give the files inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and give the files inside"),
    (b"\x1f\x8b", "a gzip-compressed file", "unpack it and give the file inside"),
)
# zip members that name the kind of document a zip file is
_ZIP_KINDS: tuple[tuple[str, str, str], ...] = (
    ("word/document.xml", "a Word document (.docx)", "save it as PDF or plain text"),
    ("xl/workbook.xml", "an Excel workbook (.xlsx)", "save its sheets as CSV text"),
    ("ppt/presentation.xml", "a PowerPoint file (.pptx)", "save it as PDF"),
)
_ODF = {b"application/vnd.oasis.opendocument.text": "an OpenDocument text (.odt)",
        b"application/epub+zip": "an EPUB e-book"}
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif")


def describe_unreadable(data: bytes) -> str | None:
    """What an unreadable file is and what to do, as the end of a one-line error; None
    for anything else (the readers decide).

    >>> describe_unreadable(b"{\\\\rtf1\\\\ansi Dear Sir")
    'is an RTF document, which archivist does not read: save it as plain text or PDF'
    >>> describe_unreadable(b"Dear Sir") is None
    True
    """
    head = data[:1024].lstrip()[:16]  # (not the whole file: a scan may be large)
    for magic, what, todo in _MAGIC:
        if head.startswith(magic):
            return f"is {what}, which archivist does not read: {todo}"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return ("is a HEIC/AVIF photo, which archivist does not read: convert it to TIFF, "
                "PNG or JPEG")
    if data.startswith(b"PK\x03\x04"):
        return _describe_zip(data)
    return None


def _describe_zip(data: bytes) -> str:
    """A zip file: the office document or e-book it is, else an archive to unpack."""
    kind = "a ZIP archive"
    todo = "unpack it and give the files inside"
    # an ODF or EPUB file starts with its uncompressed "mimetype" member
    for mime, what in _ODF.items():
        if data[30:38] == b"mimetype" and mime in data[38:120]:
            return f"is {what}, which archivist does not read: save it as PDF or plain text"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return f"is {kind} that cannot be opened (damaged or cut short)"
    for member, what, how in _ZIP_KINDS:
        if member in names:
            return f"is {what}, which archivist does not read: {how}"
    return f"is {kind}, which archivist does not read: {todo}"
