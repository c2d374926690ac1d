"""ALTO XML (v1-v4, any namespace): Page > regions > TextBlock > TextLine > String.

Regions are read top margin, left margin, print space, right margin, bottom
margin, so running heads come first on a page and footers last (the schema's
own element order puts the bottom margin before the print space). ``String/@WC``
(0..1) gives word confidences; a ``HYP`` element's character is appended to the
line's last word, and a line-final ``String`` marked ``SUBS_TYPE="HypPart1"``
without a HYP gets a "-" (it was printed; the engine only moved it to an attribute).
Page numbers come from ``PHYSICAL_IMG_NR`` (counted from 1 even where tesseract
counts from 0). A ``ReadingOrder`` (ALTO 2.1+),
when present, orders the blocks it names; without one, blocks a producer listed by
their top edge across columns are put in column order (`blockorder`).
"""

from __future__ import annotations

from lxml import etree

from ..errors import InputError
from ..model import Document
from .blockorder import Box, column_order
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


def font_sizes(root: etree._Element) -> dict[str, float]:
    """FONTSIZE of each TextStyle by its ID (what a String's STYLEREFS name).

    >>> from lxml import etree
    >>> font_sizes(etree.fromstring('<alto><Styles><TextStyle ID="f1" FONTSIZE="9.5"/>'
    ...                             '<TextStyle ID="f2" FONTSIZE="x"/></Styles></alto>'))
    {'f1': 9.5}
    """
    out: dict[str, float] = {}
    for st in root.iter("{*}TextStyle"):
        try:
            out[st.get("ID") or ""] = float(st.get("FONTSIZE") or "")
        except ValueError:
            continue
    return out


def _font_size(el: etree._Element, sizes: dict[str, float]) -> float | None:
    """The font size of a String or of the TextLine/TextBlock it inherits it from."""
    node: etree._Element | None = el
    while node is not None:
        for ref in (node.get("STYLEREFS") or "").split():
            if ref in sizes:
                return sizes[ref]
        node = node.getparent()
    return None


def read_line(line: etree._Element, sizes: dict[str, float] | None = None) -> list[OcrWord]:
    """The words of one TextLine, with a line-end hyphen kept on the last word, their
    boxes and font sizes (for raised note markers, `ocrtext.raised_markers`)."""
    words: list[OcrWord] = []
    last_hyp_part1 = False
    for el in line:
        name = local_name(el)
        if name == "String":
            text = clean_word(el.get("CONTENT") or "")
            if text:
                box = _box(el)
                words.append(OcrWord(text, word_confidence(el), box=box.corners() if box else None,
                                     size=_font_size(el, sizes) if sizes else None))
                last_hyp_part1 = el.get("SUBS_TYPE") == "HypPart1"
        elif name == "HYP":
            # cleaned like a word: a HYP of line breaks put blank lines inside a word
            hyp = clean_word(el.get("CONTENT") or "") or "-"
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


def reading_order(root: etree._Element) -> dict[str, int]:
    """Rank of each block ID in the document's ReadingOrder (empty when none).

    >>> from lxml import etree
    >>> reading_order(etree.fromstring('<alto><ReadingOrder><OrderedGroup>'
    ...     '<ElementRef REF="b2"/><ElementRef REF="b1"/></OrderedGroup></ReadingOrder></alto>'))
    {'b2': 0, 'b1': 1}
    """
    rank: dict[str, int] = {}
    for order in root.iter("{*}ReadingOrder"):
        for ref in order.iter("{*}ElementRef", "{*}OrderedGroup", "{*}UnorderedGroup"):
            ident = ref.get("REF") if local_name(ref) == "ElementRef" else ref.get("ID")
            if ident and ident not in rank:
                rank[ident] = len(rank)
    return rank


def _ordered(blocks: list[etree._Element], rank: dict[str, int]) -> list[etree._Element]:
    """Blocks the ReadingOrder ranks (by their own ID or an ancestor's, e.g. a
    ComposedBlock) are put in its order, in the slots they occupy; the others
    (running heads in the margins, usually) stay where they are."""

    def rank_of(el: etree._Element) -> int | None:
        node: etree._Element | None = el
        while node is not None:
            ident = node.get("ID")
            if ident in rank:
                return rank[ident]
            node = node.getparent()
        return None

    ranks = [rank_of(b) for b in blocks]
    slots = [i for i, r in enumerate(ranks) if r is not None]
    ranked = sorted(slots, key=lambda i: (ranks[i], i))
    out = list(blocks)
    for slot, src in zip(slots, ranked, strict=True):
        out[slot] = blocks[src]
    return out


def _box(el: etree._Element) -> Box | None:
    """An element's HPOS/VPOS/WIDTH/HEIGHT box, None when one is missing or odd."""
    try:
        x, y = float(el.get("HPOS", "")), float(el.get("VPOS", ""))
        w, h = float(el.get("WIDTH", "")), float(el.get("HEIGHT", ""))
    except ValueError:
        return None
    return Box(x, y, x + w, y + h) if w > 0 and h > 0 else None


def _by_columns(blocks: list[etree._Element]) -> list[etree._Element]:
    """A region's blocks in column order when the producer listed them by top edge
    (see `blockorder`); otherwise as listed."""
    boxes = [_box(b) for b in blocks]
    if any(b is None for b in boxes):
        return blocks
    order = column_order([b for b in boxes if b is not None])
    return blocks if order is None else [blocks[i] for i in order]


def page_number(page: etree._Element, zero_based: bool) -> str | None:
    """The page's physical number (PHYSICAL_IMG_NR), counted from 1 (tesseract counts
    its pages from 0); the printed number is found in the text by layout.pages."""
    phys = (page.get("PHYSICAL_IMG_NR") or "").strip()
    if zero_based and phys.isdigit():
        return str(int(phys) + 1)
    return phys or None


def read_page(page: etree._Element, rank: dict[str, int] | None = None,
              zero_based: bool = False, sizes: dict[str, float] | None = None) -> OcrPage:
    out = OcrPage(page_number(page, zero_based))
    blocks: list[etree._Element] = []
    for region in _page_regions(page):
        found = ([region] if local_name(region) == "TextBlock" else
                 list(region.iter("{*}TextBlock")))
        # a ReadingOrder, when there is one, says it all
        blocks.extend(found if rank else _by_columns(found))
    for block in _ordered(blocks, rank or {}):
        lines = [read_line(ln, sizes) for ln in block.iter("{*}TextLine")]
        out.blocks.append([ln for ln in lines if ln])
    return out


def read_tree(path: str, data: bytes, root: etree._Element) -> Document:
    """Build a Document from a parsed ALTO tree."""
    if not is_alto(root):
        raise InputError(path, f"is not ALTO XML (root element <{local_name(root)}>)")
    rank = reading_order(root)
    page_els = list(root.iter("{*}Page"))
    # physical page numbers count from 1; a first page "0" means counting from 0
    zero_based = bool(page_els) and (page_els[0].get("PHYSICAL_IMG_NR") or "").strip() == "0"
    sizes = font_sizes(root)
    pages = [read_page(p, rank, zero_based, sizes) for p in page_els]
    if not pages:
        raise InputError(path, "is ALTO XML without any Page element")
    return assemble(path, data, "alto", pages)


def read_bytes(path: str, data: bytes) -> Document:
    root = parse_xml(path, data)
    from . import hocr

    if not is_alto(root) and hocr.is_hocr(root):  # XHTML hOCR named .alto
        return hocr.read_tree(path, data, root)
    return read_tree(path, data, root)
