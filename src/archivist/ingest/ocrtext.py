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
                for wi, word in enumerate(line):
                    if wi:
                        put(" ")
                    if word.confidence is not None:
                        tokens.append(Token(pos, pos + len(word.text),
                                            clamp01(word.confidence)))
                    put(word.text)
        raw_pages.append(RawPage(page.n, start, pos))
    text = "".join(out)
    if not text.strip():
        raise InputError(path, "contains no recognised words")
    doc = Document(original=text, source=Source.of_bytes(path, data, fmt, encoding))
    doc.raw_pages = raw_pages
    doc.tokens = tokens
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
