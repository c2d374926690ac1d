"""PDF text layer: pdfplumber, falling back to pypdf.

`original` is the page texts joined by a form feed; each PDF page becomes one
`RawPage` (n=None: printed page numbers are found later by layout). Within a
page, lines are joined by ``"\\n"``; a blank line marks a paragraph start seen
in the geometry (a vertical gap clearly larger than the usual line pitch, or a
first-line indent). Raised small digits become superscripts (footnote markers)
and two-column pages are read column by column (pdfcolumns). Pages without
text are reported in `warnings`; a PDF with no text at all is a scan, and its page
images are read by OCR (`ocr_scanned`); one without images either is refused.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Document, RawPage, Source, Token
from .ocrlimits import check_pages
from .ocrtext import SUPERSCRIPT

# A gap this many times the median line pitch starts a new paragraph.
PARA_GAP = 1.6
_CID = re.compile(r"\(cid:\d+\)")
# pdfplumber's default: a gap between two chars wider than this (points) is a space
X_TOLERANCE = 3.0


class _NoText(Exception):
    """Raised internally when a backend opened the PDF but cannot read its text."""


def layout_lines(lines: list[dict[str, Any]]) -> str:
    """Join pdfplumber text lines, putting a blank line at large vertical gaps.

    >>> ls = [{"text": "a", "top": 0}, {"text": "b", "top": 12},
    ...       {"text": "c", "top": 24}, {"text": "d", "top": 60}]
    >>> layout_lines(ls)
    'a\\nb\\nc\\n\\nd'
    """
    lines = [ln for ln in lines if ln.get("text", "").strip()]
    if not lines:
        return ""
    heights = sorted(ln["bottom"] - ln["top"] for ln in lines if "bottom" in ln)
    # superscripts split off as their own "line" sit much closer than a line apart
    floor = 0.5 * heights[len(heights) // 2] if heights else 0.0
    pitches = sorted(b["top"] - a["top"] for a, b in zip(lines, lines[1:], strict=False)
                     if b["top"] - a["top"] > max(floor, 0.0))
    # the usual pitch: a low quantile, since paragraph gaps and headings only add
    pitch = pitches[len(pitches) // 4] if pitches else 0.0
    indented = indented_starts(lines)
    out = [lines[0]["text"]]
    for i, (a, b) in enumerate(zip(lines, lines[1:], strict=False), start=1):
        gap = b["top"] - a["top"]
        # going back up the page (a new column or a float) also starts a block
        new_block = (gap < 0 or (pitch > 0 and gap > PARA_GAP * pitch) or i in indented
                     or size_change(a, b) or a.get("bold", False) != b.get("bold", False))
        out.append("\n\n" if new_block else "\n")
        out.append(b["text"])
    return "".join(out)


def size_change(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Body text to footnotes, a heading to body: the type size changes by more
    than a sixth between two lines.

    >>> size_change({"size": 10.5}, {"size": 8.0}), size_change({"size": 10}, {"size": 10.4})
    (True, False)
    """
    sa, sb = a.get("size"), b.get("size")
    if not sa or not sb:
        return False
    return abs(sa - sb) > max(sa, sb) / 6


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _with_size(line: dict[str, Any]) -> dict[str, Any]:
    """A pdfplumber text line with the median size of its visible chars
    (superscripts and other odd glyphs do not move a median), and whether it is set
    in a bold face throughout (a heading)."""
    sizes = sorted(c.get("size", 0.0) for c in line.get("chars", []) if c.get("text", "").strip())
    out = {k: v for k, v in line.items() if k != "chars"}
    if sizes:
        out["size"] = sizes[len(sizes) // 2]
    visible = [c for c in line.get("chars", []) if c.get("text", "").strip()]
    if visible:
        heavy = sum(1 for c in visible if _BOLD.search(str(c.get("fontname", ""))))
        out["bold"] = heavy >= 0.8 * len(visible)
    return out


def indented_starts(lines: list[dict[str, Any]]) -> set[int]:
    """Indexes of lines that start a paragraph by a first-line indent.

    Books often set paragraphs with no space between them, only an indent.
    A line counts when it starts between 0.8 and 6 ems right of the left margin
    (the most common line start) while the lines before and after it start at
    the margin; an indented block (a quotation, verse) is therefore left alone.

    >>> ls = [{"text": t, "x0": x, "top": 12 * i, "bottom": 12 * i + 10}
    ...       for i, (t, x) in enumerate([("end of one.", 50), ("New one", 65),
    ...                                   ("goes on", 50), ("and on.", 50)])]
    >>> indented_starts(ls)
    {1}
    """
    if len(lines) < 3 or any("x0" not in ln or "bottom" not in ln for ln in lines):
        return set()
    starts = [round(ln["x0"]) for ln in lines]
    margin = max(set(starts), key=lambda x: (sum(abs(s - x) <= 1 for s in starts), -x))
    heights = sorted(ln["bottom"] - ln["top"] for ln in lines)
    em = heights[len(heights) // 2]
    if em <= 0:
        return set()

    def at_margin(k: int) -> bool:
        return abs(lines[k]["x0"] - margin) <= 0.4 * em

    found = set()
    for k in range(1, len(lines)):
        shift = lines[k]["x0"] - margin
        if (0.8 * em <= shift <= 6 * em and at_margin(k - 1)
                and (k + 1 == len(lines) or at_margin(k + 1))):
            found.add(k)
    return found


def mark_superscripts(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of pdfplumber chars where raised, smaller digits (footnote markers)
    become Unicode superscript digits.

    A PDF sets a marker as a small "4" lifted above the baseline; its text layer
    says just "4", which glues it to the next word ("treaty.4Yet"). What the
    page shows is a superscript, so that is what the text says ("treaty.⁴Yet").
    Raised means: size at most 85% of the line's usual size and bottom above the
    line's usual bottom by a quarter of that size. A raised number that opens a
    line is not a marker but a note's own number ("⁴Moskva i Tokio" at the
    foot of the page): it stays in plain digits, set off by a space, the way
    notes are numbered in running text ("4 Moskva i Tokio").
    """
    from pdfplumber.utils import cluster_objects

    out = list(chars)
    index = {id(c): i for i, c in enumerate(chars)}
    for line in cluster_objects(list(chars), "top", tolerance=3):
        if len(line) < 3:
            continue
        sizes = sorted(c.get("size", 0.0) for c in line)
        bottoms = sorted(c["bottom"] for c in line)
        size, bottom = sizes[len(sizes) // 2], bottoms[len(bottoms) // 2]
        visible = sorted((c for c in line if c.get("text", "").strip()), key=lambda c: c["x0"])
        raised = [c.get("text", "").isdigit() and c.get("upright", True)
                  and c.get("size", size) <= 0.85 * size and c["bottom"] < bottom - 0.25 * size
                  for c in visible]
        lead = 0  # raised digits opening the line: a note number
        while lead < len(visible) and raised[lead]:
            lead += 1
        if 0 < lead < len(visible):
            last = visible[lead - 1]
            # glued to the note text: a gap the text extraction would not read as a space
            if visible[lead]["x0"] - last["x1"] <= max(0.15 * size, X_TOLERANCE):
                out[index[id(last)]] = {**last, "text": last["text"] + " "}
        for c, up in zip(visible[lead:], raised[lead:], strict=True):
            if up:
                out[index[id(c)]] = {**c, "text": c["text"].translate(SUPERSCRIPT)}
    return out


def char_direction(c: dict[str, Any]) -> int:
    """Which way a char's text runs on the page shown, in degrees counter-clockwise
    from left-to-right: 0 upright, 90 up the page, 180 upside down, 270 down the page.

    >>> char_direction({"matrix": (0.0, -1.0, 1.0, 0.0, 500.0, 300.0)})
    270
    """
    a, b = c.get("matrix", (1.0, 0.0))[:2]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 180
    return 90 if b > 0 else 270


def turned_upright(chars: list[dict[str, Any]], direction: int,
                   bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """Copies of `chars` (text running `direction`, see `char_direction`) with their
    boxes turned so that that text reads left to right down a page, as upright text.

    A page whose /Rotate turns it on the screen, a landscape table printed across a
    portrait page or a stamp up the margin: pdfplumber gives the boxes as the page is
    shown, and lines of sideways text read as upright ones come out letter by letter,
    reversed or shuffled.

    >>> c = {"text": "T", "x0": 790.0, "x1": 799.0, "top": 72.0, "bottom": 77.0,
    ...      "doctop": 72.0, "size": 5.0, "upright": False}
    >>> t = turned_upright([c], 270, (0.0, 0.0, 842.0, 595.0))[0]
    >>> t["x0"], t["x1"], t["top"], t["bottom"], t["size"], t["upright"]
    (72.0, 77.0, 43.0, 52.0, 9.0, True)
    """
    bx0, btop, bx1, bbot = bbox
    out = []
    for c in chars:
        x0, x1, top, bottom = c["x0"], c["x1"], c["top"], c["bottom"]
        if direction == 270:  # running down the page: lines follow one another leftwards
            x0, x1, top, bottom = top, bottom, bx1 - x1, bx1 - x0
        elif direction == 90:  # running up the page: lines follow rightwards
            x0, x1, top, bottom = bbot - bottom, bbot - top, x0, x1
        elif direction == 180:
            x0, x1, top, bottom = bx1 - x1, bx1 - x0, bbot - bottom, bbot - top
        out.append({**c, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                    "doctop": c.get("doctop", c["top"]) - c["top"] + top,
                    "y0": bbot - bottom, "y1": bbot - top, "width": x1 - x0,
                    "height": bottom - top,
                    # pdfminer's size of a char is its box's height as shown
                    "size": bottom - top if direction in (90, 270) else c.get("size", 0.0),
                    "upright": True})
    return out


def direction_groups(chars: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]]]]:
    """A page's chars by the way their text runs (`char_direction`), the direction with
    the most visible chars first; a page of upright text is one group as it is."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for c in chars:
        groups.setdefault(char_direction(c), []).append(c)
    if list(groups) == [0]:
        return [(0, chars)]

    def weight(item: tuple[int, list[dict[str, Any]]]) -> tuple[int, int]:
        return (-sum(1 for c in item[1] if c.get("text", "").strip()), item[0])

    return sorted(groups.items(), key=weight)


def _page_text(page: Any, gutters: list[float] | None = None) -> str:
    """One page's text: superscripts marked, columns read one after the other.

    Segments are joined by a blank line, except one column and the next: a
    paragraph usually runs on from one to the other. `gutters` holds the gutter of
    the page before (a short last page of a chapter keeps it) and receives this
    page's. Text running another way than upright (`direction_groups`) is read in
    its own direction: the main text first, then, as blocks of their own, the lines
    that run another way (a stamp up the margin).
    """
    groups = direction_groups(page.chars)
    parts = []
    for k, (direction, chars) in enumerate(groups):
        if direction:
            chars = turned_upright(chars, direction, page.bbox)
        text = _group_text(page, chars, gutters if k == 0 else None, turned=bool(direction))
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def _group_text(page: Any, page_chars: list[dict[str, Any]], gutters: list[float] | None,
                turned: bool) -> str:
    """The text of chars that all run one way (upright, or `turned` so)."""
    from pdfplumber.utils import chars_to_textmap, objects_to_bbox

    from .pdfcolumns import column_segments

    parts: list[str] = []
    prev = ""
    hint = gutters[-1] if gutters else None
    found: list[float] = []
    segments = column_segments(mark_superscripts(page_chars), hint=hint, found=found)
    if gutters is not None:
        gutters[:] = found[:1]
    bbox = objects_to_bbox(page_chars) if turned and page_chars else page.bbox
    for kind, chars in segments:
        if not chars:
            continue
        tmap = chars_to_textmap(chars, layout_bbox=bbox, layout_width=bbox[2] - bbox[0],
                                layout_height=bbox[3] - bbox[1])
        text = layout_lines([_with_size(ln) for ln in
                             tmap.extract_text_lines(strip=True, return_chars=True)])
        if not text:
            continue
        if parts:
            parts.append("\n" if (prev, kind) == ("col", "col") else "\n\n")
        parts.append(text)
        prev = kind
    return "".join(parts)


class _LogCapture(logging.Handler):
    """Collects what pdfminer and pypdf log about a damaged file, so it becomes
    document warnings instead of stray lines on the user's terminal."""

    LOGGERS = ("pdfminer", "pypdf")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self._saved: list[tuple[logging.Logger, int, bool]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = " ".join(record.getMessage().split())
        except Exception:  # noqa: BLE001 - a malformed log call must not break reading
            msg = str(record.msg)
        msg = msg if len(msg) <= 160 else msg[:157] + "..."
        if msg not in self.messages:
            self.messages.append(msg)

    def __enter__(self) -> _LogCapture:
        for name in self.LOGGERS:
            log = logging.getLogger(name)
            self._saved.append((log, log.level, log.propagate))
            log.setLevel(logging.WARNING)
            log.propagate = False
            log.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        for log, level, propagate in self._saved:
            log.removeHandler(self)
            log.setLevel(level)
            log.propagate = propagate
        self._saved.clear()


OCR_COVER = 0.85  # an image over this share of a page with text under it: a scan


def ocr_layer(page: Any) -> bool:
    """Whether a page's text is an OCR layer: text (invisible, usually) laid over one
    image that covers the page, as OCR programs write a searchable scan. Its text has
    an OCR engine's misreadings (a raised note number read as a quote), like an hOCR
    file's; `Document.ocr` says so to the layout."""
    if not page.chars:
        return False
    x0, top, x1, bottom = page.bbox
    area = (x1 - x0) * (bottom - top)
    for im in page.images:
        w = min(im["x1"], x1) - max(im["x0"], x0)
        h = min(im["bottom"], bottom) - max(im["top"], top)
        if w > 0 and h > 0 and w * h >= OCR_COVER * area:
            return True
    return False


def _pages_pdfplumber(data: bytes, ocr_layers: list[int] | None = None) -> list[str]:
    """Page texts; the indexes of the pages whose text is an OCR layer go to
    `ocr_layers`."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = []
        gutters: list[float] = []
        for i, page in enumerate(pdf.pages):
            texts.append(_page_text(page, gutters))
            if ocr_layers is not None and ocr_layer(page):
                ocr_layers.append(i)
            page.close()  # drop the page's cached objects: long books stay small
        return texts


def _pages_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise _NoText("is encrypted with a password")
    return [(page.extract_text() or "").strip() for page in reader.pages]


def page_texts(path: str, data: bytes, ocr_layers: list[int] | None = None
               ) -> tuple[list[str], list[str]]:
    """(page texts, warnings). Raises InputError when neither backend can read it. The
    pages whose text is an OCR layer (`ocr_layer`) go to `ocr_layers`."""
    if b"%PDF-" not in data[:1024]:  # the header may follow a little junk
        raise InputError(path, "is not a PDF (no %PDF header)")
    with _LogCapture() as logs:
        texts, warnings = _page_texts(path, data, ocr_layers)
    shown = logs.messages[:3]
    warnings.extend(f"{path}: PDF problem: {m}" for m in shown)
    if len(logs.messages) > len(shown):
        warnings.append(f"{path}: {len(logs.messages) - len(shown)} more PDF problem(s)")
    return texts, warnings


def _page_texts(path: str, data: bytes, ocr_layers: list[int] | None
                ) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    problems: list[str] = []
    # pdfminer and pypdf raise many unrelated exception types on damaged files,
    # so any failure of one backend means: try the other, then give up.
    try:
        return _pages_pdfplumber(data, ocr_layers), warnings
    except Exception as exc:  # noqa: BLE001
        problems.append(_describe(exc))
    try:
        texts = _pages_pypdf(data)
    except _NoText as exc:
        raise InputError(path, str(exc)) from exc
    except Exception as exc:  # noqa: BLE001
        problems.append(_describe(exc))
        if any("password" in p.lower() or "encrypt" in p.lower() for p in problems):
            raise InputError(path, "is encrypted with a password") from exc
        raise InputError(path, f"is not a readable PDF ({problems[-1]})") from exc
    warnings.append(f"{path}: pdfplumber failed ({problems[0]}); text read with pypdf")
    return texts, warnings


def _describe(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def read_bytes(path: str, data: bytes) -> Document:
    layers: list[int] = []
    texts, warnings = page_texts(path, data, layers)
    if not texts:
        raise InputError(path, "is a PDF without pages")
    if not any(t.strip() for t in texts):
        scanned = ocr_scanned(path, data, warnings)
        if scanned is not None:
            return scanned
        raise InputError(path, "has no text layer; OCR it as images")
    # a form feed is our page separator and a NUL is never text
    texts = [t.replace("\f", "\n").replace("\x00", "") for t in texts]
    # pages of a scan bound in with typeset ones: read their images by OCR
    ocred = ocr_page_images(path, data, [i for i, t in enumerate(texts) if not t.strip()],
                            warnings)
    raw_pages = []
    tokens: list[Token] = []
    pos = 0
    for i, t in enumerate(texts):
        if i:
            pos += 1  # the form feed
        if i in ocred:
            t = texts[i] = ocred[i].original
            tokens.extend(Token(k.start + pos, k.end + pos, k.confidence)
                          for k in ocred[i].tokens)
        raw_pages.append(RawPage(None, pos, pos + len(t)))
        pos += len(t)
    doc = Document(original="\f".join(texts), source=Source.of_bytes(path, data, "pdf"))
    doc.raw_pages = raw_pages
    doc.tokens = tokens
    doc.ocr = bool(ocred or layers)
    doc.warnings.extend(warnings)
    if layers:
        doc.warnings.append(f"{path}: the text of PDF page(s) "
                            f"{', '.join(str(i + 1) for i in layers)} is an OCR layer over "
                            "the page image: read as OCR output")
    if ocred:
        doc.warnings.append(f"{path}: PDF page(s) {', '.join(str(i + 1) for i in ocred)} "
                            "had no text layer; their images were read by OCR")
    empty = [str(i + 1) for i, t in enumerate(texts) if not t.strip()]
    if empty:
        doc.warnings.append(f"{path}: no text layer on PDF page(s) {', '.join(empty)}")
    cids = sum(len(_CID.findall(t)) for t in texts)
    if cids:
        doc.warnings.append(f"{path}: {cids} glyph(s) without a Unicode mapping, "
                            "shown as (cid:N)")
    return doc


OCR_DPI = 300  # scans are read at the resolution tesseract is tuned for


def ocr_scanned(path: str, data: bytes, warnings: list[str]) -> Document | None:
    """A scanned PDF (page images, no text layer) read by OCR, page by page as the
    image reader reads a multi-page TIFF; None when no page holds an image.

    Each page with an image is rendered at OCR_DPI and OCRed (tesseract, upright,
    footnote markers re-read); `source.format` stays "pdf" and a warning says the text
    came from OCR, so word confidences (and the repair they steer) apply.
    """
    from .image import ocr_pages
    from .ocrtext import OcrPage, assemble

    notes: list[str] = []
    count, rendered = _rendered_pages(path, data, None)
    if count is None:
        return None
    pages = ocr_pages(path, rendered, notes, total=len(rendered))
    if not any(p.blocks for p in pages):
        raise InputError(path, "has no text layer, and OCR found no text in its page images")
    # pages without an image stay in the count, empty
    by_index = {int(p.n or 0) - 1: p for p in pages}
    pages = [by_index.get(i, OcrPage(str(i + 1))) for i in range(count)]
    doc = assemble(path, data, "pdf", pages, warnings=[*warnings, *notes])
    doc.warnings.insert(0, f"{path}: no text layer; the page images were read by OCR")
    return doc


def ocr_page_images(path: str, data: bytes, indices: list[int],
                    warnings: list[str]) -> dict[int, Document]:
    """The pages `indices` (0-based; pages without a text layer) that hold an image, read
    by OCR: page index -> a Document of that page alone (its text and word confidences).
    A page whose image shows no text is left out."""
    from .image import ocr_pages
    from .ocrtext import assemble

    if not indices:
        return {}
    count, rendered = _rendered_pages(path, data, set(indices))
    if count is None:
        return {}
    out: dict[int, Document] = {}
    for page in ocr_pages(path, rendered, warnings, total=len(rendered)):
        if page.blocks:
            out[int(page.n or 0) - 1] = assemble(path, data, "pdf", [page])
    return out


def _rendered_pages(path: str, data: bytes, only: set[int] | None
                    ) -> tuple[int | None, _Rendered]:
    """(page count, the pages with an image rendered for OCR as (index, image)); the
    count is None when no page (of `only`) holds an image. Rendering is lazy: one page
    image in memory at a time; `len()` of the pages says how many there are. More
    pages to OCR than `ocrlimits` allows: InputError, before any is rendered."""
    import pdfplumber

    from .image import _ocr_mode

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            wanted = [i for i, page in enumerate(pdf.pages)
                      if (only is None or i in only) and page.images]
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on damage
        raise InputError(path, f"has no text layer and its pages cannot be opened for OCR "
                               f"({_describe(exc)})") from exc
    if not wanted:
        return None, _Rendered(iter(()), 0)
    check_pages(path, len(wanted))

    def rendered() -> Iterator[tuple[int, Any]]:
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for i in wanted:
                    page = pdf.pages[i]
                    yield i, _ocr_mode(page.to_image(resolution=OCR_DPI).original)
                    page.close()
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - a page that cannot be rendered
            raise InputError(path, f"a page image cannot be rendered for OCR "
                                   f"({_describe(exc)})") from exc

    return count, _Rendered(rendered(), len(wanted))


class _Rendered:
    """Rendered page images, one at a time, that know how many they are."""

    def __init__(self, pages: Iterator[tuple[int, Any]], count: int) -> None:
        self._pages = pages
        self._count = count

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        return self._pages

    def __len__(self) -> int:
        return self._count
