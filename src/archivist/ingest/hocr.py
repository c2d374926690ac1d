"""hOCR (tesseract, OCRopus, kraken... HTML with ``ocr_*`` classes).

Structure used: ``ocr_page`` > ``ocr_carea`` > ``ocr_par`` > line
(``ocr_line``, ``ocrx_line``, ``ocr_header``, ``ocr_caption``, ``ocr_textfloat``,
``ocr_footer``) > ``ocrx_word``. A block is a word's nearest ``ocr_par``, else its
``ocr_carea``, else its page. Word confidences come from ``x_wconf`` (0..100) in the
``title`` properties; page numbers from ``ppageno`` (0-based, stored 1-based).
Blocks a producer listed by their top edge across columns are put in column order
(`blockorder`, from their ``bbox``).
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import InputError
from ..model import Document
from .blockorder import Box, column_order
from .ocrtext import OcrPage, OcrWord, assemble, clean_word
from .xmlsafe import element_text, parse_markup

LINE_CLASSES = frozenset({"ocr_line", "ocrx_line", "ocr_header", "ocr_caption",
                          "ocr_textfloat", "ocr_footer"})
BLOCK_CLASSES = ("ocr_par", "ocr_carea")
HOCR_MARKERS = ("ocr_page", "ocr_line", "ocrx_word", "ocr_par", "ocr_carea")
_PAGENO = re.compile(r"-?[0-9]{1,9}")


def classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split()) if isinstance(el.tag, str) else set()


def title_props(el: etree._Element) -> dict[str, str]:
    """hOCR properties from the title attribute.

    >>> from lxml import etree
    >>> e = etree.fromstring('<span title="bbox 1 2 3 4; x_wconf 93"/>')
    >>> title_props(e)
    {'bbox': '1 2 3 4', 'x_wconf': '93'}
    """
    props: dict[str, str] = {}
    for part in (el.get("title") or "").split(";"):
        key, _, value = part.strip().partition(" ")
        if key:
            props[key] = value.strip()
    return props


def is_hocr(root: etree._Element) -> bool:
    """True when some element carries an hOCR class."""
    for el in root.iter():
        if classes(el) & set(HOCR_MARKERS):
            return True
    return False


def word_confidence(el: etree._Element) -> float | None:
    """x_wconf (0..100) as 0..1; failing that the mean of the per-character
    x_confs (kraken writes those); None when absent or unparsable.

    >>> from lxml import etree
    >>> word_confidence(etree.fromstring('<span title="x_confs 90 80 100"/>'))
    0.9
    """
    props = title_props(el)
    try:
        if "x_wconf" in props:
            return float(props["x_wconf"].split()[0]) / 100.0
        if "x_confs" in props:
            confs = [float(v) for v in props["x_confs"].split()]
            return round(sum(confs) / len(confs) / 100.0, 4) if confs else None
    except (ValueError, IndexError):
        return None
    return None


def page_number(el: etree._Element | None) -> str | None:
    """1-based physical page number from ``ppageno`` (hOCR counts from 0).

    >>> from lxml import etree
    >>> page_number(etree.fromstring('<div title="ppageno 4"/>'))
    '5'
    >>> page_number(etree.fromstring('<div title="ppageno \u00b2"/>')) is None
    True
    """
    if el is None:
        return None
    raw = title_props(el).get("ppageno", "").split()
    # ASCII digits only, and few of them: str.isdigit() also accepts "²" or "①",
    # which int() refuses, and int() refuses more than 4300 digits
    if raw and _PAGENO.fullmatch(raw[0]):
        return str(int(raw[0]) + 1)
    return None


def _nearest(el: etree._Element, want: tuple[str, ...] | frozenset[str],
             stop: etree._Element | None = None) -> etree._Element | None:
    """Nearest ancestor-or-self with one of the `want` classes (in priority order
    for a tuple: the innermost element of the first class found wins)."""
    if isinstance(want, tuple):
        for cls in want:
            hit = _nearest(el, frozenset({cls}), stop)
            if hit is not None:
                return hit
        return None
    node: etree._Element | None = el
    while node is not None and node is not stop:
        if classes(node) & want:
            return node
        node = node.getparent()
    return None


def word_text(el: etree._Element) -> str:
    """A word's text; with tesseract's character boxes (``ocrx_cinfo``) it is
    the characters joined, since the markup between them is only indentation."""
    chars = [c for c in el.iterdescendants() if "ocrx_cinfo" in classes(c)]
    if chars:
        return "".join(element_text(c) for c in chars)
    return element_text(el)


def _units(root: etree._Element) -> list[tuple[etree._Element, list[OcrWord]]]:
    """Each ocrx_word, or each line that has no ocrx_word inside (plain-text
    lines), with the words it contributes, in document order."""
    units = []
    for el in root.iter():
        cls = classes(el)
        if "ocrx_word" in cls:
            if any("ocrx_word" in classes(d) for d in el.iterdescendants()):
                continue  # nested word markup: the inner words count
            text = clean_word(word_text(el))
            if text:
                box = bbox(el)
                units.append((el, [OcrWord(text, word_confidence(el),
                                           box=box.corners() if box else None)]))
        elif cls & LINE_CLASSES:
            inner = any(classes(d) & (LINE_CLASSES | {"ocrx_word"}) for d in el.iterdescendants())
            if not inner:
                words = [OcrWord(w) for w in element_text(el).split()]
                if words:
                    units.append((el, words))
    return units


def pages_from_tree(root: etree._Element) -> list[OcrPage]:
    """Group the words of an hOCR tree into pages, blocks and lines."""
    page_els = [el for el in root.iter() if "ocr_page" in classes(el)]
    pages: list[OcrPage] = []
    by_page: dict[int, OcrPage] = {}
    for el in page_els:  # keep empty pages too, in order
        p = OcrPage(page_number(el))
        by_page[id(el)] = p
        pages.append(p)
    block_els: dict[int, list[etree._Element | None]] = {}  # page -> its blocks' elements
    orphans: OcrPage | None = None  # words outside any ocr_page
    last_block: object = None
    last_line: object = None
    last_page: object = None
    for el, words in _units(root):
        page_el = _nearest(el, frozenset({"ocr_page"}))
        if page_el is not None:
            page = by_page[id(page_el)]
        else:
            if orphans is None:
                orphans = OcrPage(None)
                pages.append(orphans)
            page = orphans
        line_el = el if classes(el) & LINE_CLASSES else _nearest(el, LINE_CLASSES, page_el)
        if line_el is None:  # words straight inside a paragraph: their parent is the line
            line_el = el.getparent()
        block_el = _nearest(el, BLOCK_CLASSES)
        if block_el is None:
            block_el = page_el
        if page is not last_page or block_el is not last_block or not page.blocks:
            page.blocks.append([])
            block_els.setdefault(id(page), []).append(block_el)
            last_line = None
        if line_el is not last_line:
            page.blocks[-1].append([])
        page.blocks[-1][-1].extend(words)
        last_page, last_block, last_line = page, block_el, line_el
    for page in pages:
        page.blocks = _by_columns(page.blocks, block_els.get(id(page), []))
    return pages


def bbox(el: etree._Element | None) -> Box | None:
    """An element's ``bbox x0 y0 x1 y1``, None when absent or odd.

    >>> from lxml import etree
    >>> bbox(etree.fromstring('<p title="bbox 10 20 110 60; x_wconf 9"/>'))
    Box(x0=10.0, top=20.0, x1=110.0, bottom=60.0)
    """
    if el is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in title_props(el).get("bbox", "").split())
    except ValueError:
        return None
    return Box(x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _by_columns(blocks: list[list[list[OcrWord]]], els: list[etree._Element | None]
                ) -> list[list[list[OcrWord]]]:
    """A page's blocks in column order when the producer listed them by top edge
    across columns (see `blockorder`); otherwise as listed."""
    boxes = [bbox(el) for el in els]
    if len(boxes) != len(blocks) or any(b is None for b in boxes):
        return blocks
    order = column_order([b for b in boxes if b is not None])
    return blocks if order is None else [blocks[i] for i in order]


def read_tree(path: str, data: bytes, root: etree._Element, fmt: str = "hocr") -> Document:
    """Build a Document from a parsed hOCR tree."""
    if not is_hocr(root):
        raise InputError(path, "is not hOCR (no ocr_page, ocr_line or ocrx_word elements)")
    return assemble(path, data, fmt, pages_from_tree(root))


_HTML_END = re.compile(rb"</html\s*>", re.I)


def cut_short(data: bytes, as_xml: bool) -> bool:
    """Whether hOCR that only the forgiving HTML parser could read stops before its
    closing ``</html>``: a file cut short (a copy or a download that broke off), whose
    last words the parser silently leaves out.

    >>> cut_short(b"<html><body><p class='ocr_par'>the end</p></body></html>", False)
    False
    >>> cut_short(b"<html><body><p class='ocr_par'>the e", False)
    True
    """
    return not as_xml and _HTML_END.search(data[-65536:]) is None


def read_parsed(path: str, data: bytes, root: etree._Element, as_xml: bool) -> Document:
    """`read_tree`, with a warning first when the file is `cut_short`."""
    doc = read_tree(path, data, root)
    if cut_short(data, as_xml):
        doc.warnings.insert(0, f"{path}: the hOCR stops before its closing </html> tag "
                               "(the file is cut short?): only the words before the cut "
                               "were read")
    return doc


def read_bytes(path: str, data: bytes) -> Document:
    root, as_xml = parse_markup(path, data)
    from . import alto

    if not is_hocr(root) and alto.is_alto(root):  # an ALTO file named .hocr
        return alto.read_tree(path, data, root)
    return read_parsed(path, data, root, as_xml)
