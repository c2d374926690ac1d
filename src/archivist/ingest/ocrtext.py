"""Turn OCR layout (pages > blocks > lines > words) into a `Document`.

Shared by the hOCR, ALTO and image readers so they all lay text out the same
way: words of a line joined by one space, lines by ``"\\n"``, blocks (paragraphs
or text regions) by a blank line, pages by a form feed ``"\\f"``. Every word
that came with a confidence becomes a `Token` over its span of `original`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Document, RawPage, Source, Token


@dataclass
class OcrWord:
    text: str
    confidence: float | None = None  # 0..1, None when the engine gave none
    # (left, top, right, bottom) on the page image, y downwards; None when not given
    box: tuple[float, float, float, float] | None = None
    size: float | None = None  # font size, when the format gives one (ALTO)


SUPERSCRIPT = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076"
                                          "\u2077\u2078\u2079")
# what an engine without character boxes reads a raised note number as, set apart
MARKER_GLYPHS = "*°^†‡"
SMALL = 0.7  # a marker's box is at most this share of the line's usual word height
RAISED = 0.25  # ... and its bottom sits this share of that height above the others'
GLUED = 0.6  # ... and it starts within this share of that height after the word before
SMALL_FONT = 0.8  # a word set in a font this much smaller than the line's is small


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2]


def raised_markers(line: list[OcrWord]) -> set[int]:
    """Indices of the words of a line that are footnote markers set apart by the engine:
    a number (or a star, degree sign... that a raised number was read as) in a box
    small and raised next to the word before it, or set in a smaller font. Tesseract's
    hOCR and ALTO carry no character boxes, so a superscript it did not glue to its word
    is known only by its word box.

    >>> w = [OcrWord("the", box=(0, 10, 60, 40)), OcrWord("treaty.", box=(70, 10, 180, 40)),
    ...      OcrWord("3", box=(182, 8, 192, 24)), OcrWord("Yet", box=(210, 10, 260, 40))]
    >>> raised_markers(w)
    {2}
    >>> w[2].box = (182, 10, 200, 40)  # a figure at text size: no marker
    >>> raised_markers(w)
    set()
    """
    out: set[int] = set()
    boxed = [w for w in line if w.box is not None]
    sized = [w.size for w in line if w.size]
    for i in range(1, len(line)):
        w, prev = line[i], line[i - 1]
        if not (w.text.isdigit() and len(w.text) <= 3 or w.text in MARKER_GLYPHS):
            continue
        others = [o for o in boxed if o is not w and not o.text.isdigit()]
        if w.box is not None and prev.box is not None and others:
            height = _median([o.box[3] - o.box[1] for o in others])  # type: ignore[index]
            bottom = _median([o.box[3] for o in others])  # type: ignore[index]
            x0, top, _x1, bot = w.box
            if (bot - top <= SMALL * height and bot <= bottom - RAISED * height
                    and x0 - prev.box[2] <= GLUED * height):
                out.add(i)
                continue
        if w.size and sized and w.size <= SMALL_FONT * _median(sized) and (
                w.box is None or prev.box is None
                or w.box[0] - prev.box[2] <= GLUED * (prev.box[3] - prev.box[1])):
            out.add(i)
    return out


@dataclass
class OcrPage:
    n: str | None = None
    # blocks -> lines -> words
    blocks: list[list[list[OcrWord]]] = field(default_factory=list)


def clamp01(x: float) -> float:
    """Keep a confidence within 0..1 (engines occasionally report 101 or -1).

    >>> clamp01(1.2), clamp01(-0.5), clamp01(0.25)
    (1.0, 0.0, 0.25)
    """
    return min(1.0, max(0.0, x))


def assemble(path: str, data: bytes, fmt: str, pages: list[OcrPage],
             encoding: str | None = None, warnings: list[str] | None = None) -> Document:
    """Lay out `pages` as text and record page spans and word confidences.

    Empty words, lines and blocks are dropped; an empty page still gets a
    (zero-length) RawPage so page counts match the source. Raises InputError
    when no page has any word.
    """
    out: list[str] = []
    pos = 0
    raw_pages: list[RawPage] = []
    tokens: list[Token] = []

    def put(s: str) -> None:
        nonlocal pos
        out.append(s)
        pos += len(s)

    for pi, page in enumerate(pages):
        if pi:
            put("\f")
        start = pos
        first_block = True
        for block in page.blocks:
            lines = [[w for w in line if w.text] for line in block]
            lines = [ln for ln in lines if ln]
            if not lines:
                continue
            if not first_block:
                put("\n\n")
            first_block = False
            for li, line in enumerate(lines):
                if li:
                    put("\n")
                raised = raised_markers(line)
                for wi, word in enumerate(line):
                    text = word.text
                    if wi in raised:  # glued to its word, as a superscript number
                        text = text.translate(SUPERSCRIPT)
                    elif wi:
                        put(" ")
                    if word.confidence is not None:
                        tokens.append(Token(pos, pos + len(text), clamp01(word.confidence)))
                    put(text)
        raw_pages.append(RawPage(page.n, start, pos))
    text = "".join(out)
    if not text.strip():
        raise InputError(path, "contains no recognised words")
    doc = Document(original=text, source=Source.of_bytes(path, data, fmt, encoding))
    doc.raw_pages = raw_pages
    doc.tokens = tokens
    doc.ocr = True
    doc.warnings.extend(warnings or [])
    empty = [p.n or str(i + 1) for i, p in enumerate(raw_pages) if p.start == p.end]
    if empty:
        doc.warnings.append(f"{path}: no words on page(s) {', '.join(empty)}")
    doc.warnings.extend(f"{path}: page {n}: {why}" for n, why in unsure_pages(raw_pages, tokens))
    return doc


UNSURE_MEAN = 0.5  # a page whose words average below this confidence was not really read
UNSURE_MIN_WORDS = 20


def unsure_pages(pages: list[RawPage], tokens: list[Token]) -> list[tuple[str, str]]:
    """(page, explanation) for pages whose words the engine was unsure of throughout: a
    page scanned sideways or upside down, or not text at all, reads as noise.

    >>> pages = [RawPage("1", 0, 100), RawPage("2", 101, 200)]
    >>> toks = [Token(i, i + 1, 0.95) for i in range(0, 100, 4)]
    >>> toks += [Token(i, i + 1, 0.3) for i in range(101, 200, 4)]
    >>> unsure_pages(pages, toks)
    [('2', 'the OCR engine was unsure of almost every word (mean confidence 0.30): the page may be rotated, upside down or not text; check the image and OCR it again')]
    """
    out = []
    k = 0
    toks = sorted(tokens, key=lambda t: t.start)
    for i, page in enumerate(pages):
        confs = []
        while k < len(toks) and toks[k].start < page.end:
            if toks[k].start >= page.start:
                confs.append(toks[k].confidence)
            k += 1
        if len(confs) >= UNSURE_MIN_WORDS and (mean := sum(confs) / len(confs)) < UNSURE_MEAN:
            out.append((page.n or str(i + 1),
                        f"the OCR engine was unsure of almost every word (mean confidence "
                        f"{mean:.2f}): the page may be rotated, upside down or not text; "
                        "check the image and OCR it again"))
    return out


def clean_word(s: str) -> str:
    """Collapse internal whitespace of an OCR word (engines sometimes emit
    newlines or non-breaking spaces inside one word element).

    >>> clean_word(" ex-\\n ample ")
    'ex- ample'
    """
    return " ".join(s.split())
