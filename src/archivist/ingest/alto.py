"""ALTO XML (v1-v4, any namespace): Page > regions > TextBlock > TextLine > String.

Regions are read top margin, left margin, print space, right margin, bottom
margin, so running heads come first on a page and footers last (the schema's
own element order puts the bottom margin before the print space). ``String/@WC``
(0..1) gives word confidences; a ``HYP`` element's character is appended to the
line's last word, and a line-final ``String`` marked ``SUBS_TYPE="HypPart1"``
without a HYP gets a "-" (it was printed; the engine only moved it to an attribute).
Page numbers come from ``PHYSICAL_IMG_NR``.
"""

from __future__ import annotations

from lxml import etree

from ..errors import InputError
from ..model import Document
from .ocrtext import OcrPage, OcrWord, assemble, clean_word
from .xmlsafe import local_name, parse_xml

REGION_ORDER = ("TopMargin", "LeftMargin", "PrintSpace", "RightMargin", "BottomMargin")


def is_alto(root: etree._Element) -> bool:
    """An ``<alto>`` root, or a root in an ALTO namespace."""
    tag = root.tag if isinstance(root.tag, str) else ""
    ns = tag[1:].split("}", 1)[0].lower() if tag.startswith("{") else ""
    return local_name(root).lower() == "alto" or "alto" in ns


def word_confidence(el: etree._Element) -> float | None:
    """WC (0..1); failing that from CC, one digit per character from 0 (sure)
    to 9 (unsure), as 1 - mean/9; None when neither is usable.

    >>> from lxml import etree
    >>> word_confidence(etree.fromstring('<String CONTENT="abc" CC="0 0 9"/>'))
    0.6667
    """
    raw = el.get("WC")
    try:
        if raw is not None:
            return float(raw)
        cc = (el.get("CC") or "").replace(" ", "")
        if cc:
            return round(1.0 - sum(int(d) for d in cc) / (9.0 * len(cc)), 4)
    except ValueError:
        return None
    return None


def read_line(line: etree._Element) -> list[OcrWord]:
    """The words of one TextLine, with a line-end hyphen kept on the last word."""
    words: list[OcrWord] = []
    last_hyp_part1 = False
    for el in line:
        name = local_name(el)
        if name == "String":
            text = clean_word(el.get("CONTENT") or "")
            if text:
                words.append(OcrWord(text, word_confidence(el)))
                last_hyp_part1 = el.get("SUBS_TYPE") == "HypPart1"
        elif name == "HYP":
            hyp = el.get("CONTENT") or "-"
            if words:
                words[-1].text += hyp
            else:
                words.append(OcrWord(hyp))
            last_hyp_part1 = False
    if last_hyp_part1 and words and words[-1].text[-1:] not in "-\u00ac\u2010\u2011\u00ad":
        words[-1].text += "-"
    return words


def _page_regions(page: etree._Element) -> list[etree._Element]:
    """Page children in reading order (see REGION_ORDER); unknown ones last."""
    kids = [k for k in page if isinstance(k.tag, str)]
    rank = {name: i for i, name in enumerate(REGION_ORDER)}
    return sorted(kids, key=lambda k: rank.get(local_name(k), len(REGION_ORDER)))


def read_page(page: etree._Element) -> OcrPage:
    out = OcrPage(page.get("PHYSICAL_IMG_NR") or None)
    for region in _page_regions(page):
        blocks = [region] if local_name(region) == "TextBlock" else list(
            region.iter("{*}TextBlock"))
        for block in blocks:
            lines = [read_line(ln) for ln in block.iter("{*}TextLine")]
            out.blocks.append([ln for ln in lines if ln])
    return out


def read_tree(path: str, data: bytes, root: etree._Element) -> Document:
    """Build a Document from a parsed ALTO tree."""
    if not is_alto(root):
        raise InputError(path, f"is not ALTO XML (root element <{local_name(root)}>)")
    pages = [read_page(p) for p in root.iter("{*}Page")]
    if not pages:
        raise InputError(path, "is ALTO XML without any Page element")
    return assemble(path, data, "alto", pages)


def read_bytes(path: str, data: bytes) -> Document:
    return read_tree(path, data, parse_xml(path, data))
