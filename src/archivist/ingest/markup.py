"""XML and HTML files whose format is decided by content: ALTO or hOCR.

``.xml`` may hold ALTO or XHTML hOCR; ``.html``/``.htm`` may hold hOCR. The file
is parsed once with the safe parser and handed to the right reader; anything
else is refused with a one-line reason rather than read as tag soup.
"""

from __future__ import annotations

from ..errors import InputError
from ..model import Document
from . import alto, hocr
from .xmlsafe import local_name, parse_markup


def read_bytes(path: str, data: bytes) -> Document:
    root, as_xml = parse_markup(path, data)
    if alto.is_alto(root):
        return alto.read_tree(path, data, root)
    if hocr.is_hocr(root):
        return hocr.read_parsed(path, data, root, as_xml)
    raise InputError(path, f"is neither ALTO nor hOCR (root element <{local_name(root)}>); "
                           "only OCR layout XML/HTML is read")
