"""Footnote markers in page images: find raised small glyphs and read them as digits.

Tesseract reads a superscript footnote marker as whatever it resembles at text
size ("treaty.”’Yet", "delegates.”®"), which loses the marker. With
character boxes (``hocr_char_boxes=1``) each glyph has a box, and the line has a
baseline and x-height. A glyph whose bottom sits well above the baseline and
that is nearly x-height tall (quotes and apostrophes are about half that) is a
marker candidate. All candidates of a page are cut out, enlarged, laid side by
side on one strip and read in a single tesseract call restricted to digits; a
confident all-digit reading replaces the glyphs by Unicode superscript digits
(``treaty.”⁴Yet``), the form the rest of the pipeline expects. A raised
number opening a line is a note's own number and becomes plain digits and a
space ("4 Moskva i Tokio").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .hocr import classes, title_props
from .ocrtext import SUPERSCRIPT

RAISE = 0.3  # bottom at least this many x-heights above the baseline
MIN_H, MAX_H = 0.55, 1.15  # glyph height, in x-heights
MIN_CONF = 50.0  # tesseract's confidence (0..100) in the digits reading of the strip
# a lone re-read of a glyph already shaped and placed like a marker: tiny digits
# read correctly often score only 30-50
RETRY_CONF = 30.0
SURE = 85.0  # a strip reading this confident needs no second opinion
SCALE = 3  # enlargement of the cut-out glyphs
INK = 160  # grey levels below this are ink (antialiased strokes stay joined)
MAX_RETRIES = 40  # single-marker readings per page
GAP = 80  # least white (px) between cut-outs on the strip


@dataclass
class Candidate:
    chars: list[etree._Element]  # consecutive ocrx_cinfo elements of one word
    box: tuple[int, int, int, int]
    baseline: float  # y of the line's baseline under the candidate
    xh: float  # the line's x-height
    # the word's later glyphs, with boxes: those lying on the marker's ink are
    # parts of it that tesseract read as a separate character ("10" as "1", "°")
    followers: list[tuple[etree._Element, tuple[int, int, int, int]]] = field(
        default_factory=list)
    ink_right: float | None = None  # right edge of the marker's ink, once cut out
    opens_line: bool = False  # the line's first glyphs: a note's own number


def _box(el: etree._Element, key: str) -> tuple[int, int, int, int] | None:
    raw = title_props(el).get(key, "").split()
    if len(raw) < 4:
        return None
    try:
        x0, y0, x1, y1 = (int(float(v)) for v in raw[:4])
    except ValueError:
        return None
    return x0, y0, x1, y1


def _line_geometry(line: etree._Element) -> tuple[Any, float] | None:
    """(baseline y as a function of x, x-height) from an ocr_line's properties."""
    props = title_props(line)
    box = _box(line, "bbox")
    try:
        slope, offset = (float(v) for v in props.get("baseline", "").split()[:2])
        size = float(props.get("x_size", "0").split()[0])
        asc = float(props.get("x_ascenders", "0").split()[0])
        desc = float(props.get("x_descenders", "0").split()[0])
    except ValueError:
        return None
    if box is None or size <= 0:
        return None
    xh = size - asc - desc
    if xh <= 0.2 * size:
        xh = 0.5 * size

    def base(x: float) -> float:
        return box[3] + offset + slope * (x - box[0])

    return base, xh


def candidates(root: etree._Element) -> list[Candidate]:
    """Runs of raised, nearly x-height-tall glyphs inside words."""
    out: list[Candidate] = []
    for line in root.iter():
        if "ocr_line" not in classes(line):
            continue
        geo = _line_geometry(line)
        if geo is None:
            continue
        base, xh = geo
        first_word = True
        for word in line.iter():
            if "ocrx_word" not in classes(word):
                continue
            at_start, first_word = first_word, False
            glyphs = [c for c in word.iter() if "ocrx_cinfo" in classes(c)]
            boxed = [(c, b) for c in glyphs if (b := _box(c, "x_bboxes")) is not None]
            run: list[tuple[etree._Element, tuple[int, int, int, int]]] = []
            for k, ch in enumerate([c for c, _ in boxed] + [None]):
                b = boxed[k][1] if ch is not None else None
                raised = b is not None and (
                    b[3] < base((b[0] + b[2]) / 2) - RAISE * xh
                    and MIN_H * xh <= b[3] - b[1] <= MAX_H * xh)
                if raised:
                    run.append((ch, b))
                    continue
                if run:
                    boxes = [bb for _, bb in run]
                    box = (min(bb[0] for bb in boxes), min(bb[1] for bb in boxes),
                           max(bb[2] for bb in boxes), max(bb[3] for bb in boxes))
                    out.append(Candidate([c for c, _ in run], box,
                                         base((box[0] + box[2]) / 2), xh, boxed[k:],
                                         opens_line=at_start and boxed[0][0] is run[0][0]))
                    run = []
    return out


def _components(ink: Any) -> list[tuple[list[tuple[int, int]], tuple[int, int, int, int]]]:
    """8-connected components of a small boolean image: (pixels, (x0, y0, x1, y1))."""
    h, w = ink.shape
    seen = [[False] * w for _ in range(h)]
    comps = []
    for y in range(h):
        for x in range(w):
            if not ink[y, x] or seen[y][x]:
                continue
            stack, pixels = [(y, x)], []
            seen[y][x] = True
            while stack:
                cy, cx = stack.pop()
                pixels.append((cy, cx))
                for ny in (cy - 1, cy, cy + 1):
                    for nx in (cx - 1, cx, cx + 1):
                        if 0 <= ny < h and 0 <= nx < w and ink[ny, nx] and not seen[ny][nx]:
                            seen[ny][nx] = True
                            stack.append((ny, nx))
            ys = [p[0] for p in pixels]
            xs = [p[1] for p in pixels]
            comps.append((pixels, (min(xs), min(ys), max(xs), max(ys))))
    return comps


def marker_image(gray: Any, cand: Candidate) -> Any | None:
    """The marker alone, on white: the raised ink under the candidate's box plus
    raised ink just right of it (tesseract's boxes can miss the "0" of "10"),
    never a neighbour that reaches down to the baseline, never ink to its left."""
    import numpy as np
    from PIL import Image

    x0, y0, x1, y1 = cand.box
    xh = cand.xh
    left, top = max(int(x0 - 0.15 * xh), 0), max(int(y0 - 0.3 * xh), 0)
    # clamp to the image: PIL fills a crop beyond the edge with black "ink"
    right = min(int(x1 + 0.8 * xh), gray.width)
    bottom = min(int(cand.baseline + 2), gray.height)
    if right <= left or bottom <= top:
        return None
    ink = np.asarray(gray.crop((left, top, right, bottom))) < INK
    limit = cand.baseline - RAISE * xh - top  # raised ink ends above this row
    every = _components(ink)
    grounded = [c[1] for c in every if c[1][3] >= limit]

    def on_a_letter(box: tuple[int, int, int, int]) -> bool:
        """Raised ink above a glyph that reaches the baseline is a piece of that
        glyph (a thin stroke of an "S" broken by thresholding), not a marker."""
        width = box[2] - box[0] + 1
        return any(min(box[2], g[2]) - max(box[0], g[0]) + 1 > width / 2 for g in grounded)

    comps = [c for c in every if c[1][3] < limit and not on_a_letter(c[1])]
    bx0, bx1 = x0 - left, x1 - left
    chosen = [c for c in comps if c[1][0] <= bx1 and c[1][2] >= bx0]
    if not chosen:
        return None
    reach = max(c[1][2] for c in chosen)
    for c in sorted(comps, key=lambda c: c[1][0]):  # grow rightwards only
        if c not in chosen and bx0 <= c[1][0] <= reach + 0.35 * xh:
            chosen.append(c)
            reach = max(reach, c[1][2])
    mx0 = min(c[1][0] for c in chosen)
    my0 = min(c[1][1] for c in chosen)
    mx1 = max(c[1][2] for c in chosen)
    my1 = max(c[1][3] for c in chosen)
    cand.ink_right = left + mx1
    out = np.full((my1 - my0 + 1, mx1 - mx0 + 1), 255, dtype=np.uint8)
    for pixels, _ in chosen:
        for py, px in pixels:
            out[py - my0, px - mx0] = 0
    return Image.fromarray(out, mode="L")


def read_digits(image: Any, cands: list[Candidate], lang: str = "eng") -> list[str | None]:
    """One tesseract pass over a strip of all candidates; the digits read for
    each (None when not a confident all-digit reading)."""
    import pytesseract
    from PIL import Image

    if not cands:
        return []
    gray = image.convert("L")
    crops: list[Any] = []
    for c in cands:
        mark = marker_image(gray, c)
        if mark is not None:
            mark = mark.resize((mark.width * SCALE, mark.height * SCALE), Image.LANCZOS)
        crops.append(mark)
    real = [c for c in crops if c is not None]
    if not real:
        return [None] * len(cands)
    tall = max(c.height for c in real)
    gap = max(GAP, 3 * tall)  # wide white gaps keep each marker a word of its own
    height = tall + gap
    width = sum(c.width for c in real) + gap * (len(real) + 1)
    strip = Image.new("L", (width, height), 255)
    slots: list[tuple[int, int] | None] = []
    x = gap
    for crop in crops:
        if crop is None:
            slots.append(None)
            continue
        strip.paste(crop, (x, (height - crop.height) // 2))
        slots.append((x - gap // 2, x + crop.width + gap // 2))
        x += crop.width + gap
    data = pytesseract.image_to_data(
        strip, lang=lang, config="--psm 7 -c tessedit_char_whitelist=0123456789",
        output_type=pytesseract.Output.DICT)
    found: list[list[tuple[str, float]]] = [[] for _ in cands]
    for text, left, w, conf in zip(data["text"], data["left"], data["width"], data["conf"],
                                   strict=False):
        text = (text or "").strip()
        if not text:
            continue
        centre = left + w / 2
        for i, slot in enumerate(slots):
            if slot is not None and slot[0] <= centre < slot[1]:
                found[i].append((text, float(conf)))
                break
    out = [_digits(words) for words in found]
    # A marker the strip read with less than SURE confidence is read once more
    # on its own and kept only if both agree (tiny digits are fragile, and a
    # wrong digit is worse than none); a glyph the strip dropped gets a second
    # chance alone.
    unsure = [i for i, c in enumerate(crops) if c is not None
              and (out[i] is None or min(cf for _, cf in found[i]) < SURE)]
    for i in unsure[:MAX_RETRIES]:
        alone = _digits(_read(crops[i], 8, lang), RETRY_CONF)
        out[i] = alone if out[i] is None or out[i] == alone else None
    return out


def _read(img: Any, psm: int, lang: str) -> list[tuple[str, float]]:
    """Words read from one marker on a white margin, with confidences."""
    import pytesseract
    from PIL import Image

    pad = img.height
    canvas = Image.new("L", (img.width + 2 * pad, img.height + 2 * pad), 255)
    canvas.paste(img, (pad, pad))
    data = pytesseract.image_to_data(
        canvas, lang=lang, config=f"--psm {psm} -c tessedit_char_whitelist=0123456789",
        output_type=pytesseract.Output.DICT)
    return [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=False)
            if (t or "").strip()]


def _digits(words: list[tuple[str, float]], min_conf: float = MIN_CONF) -> str | None:
    """A confident reading of one to three digits, else None.

    >>> _digits([("12", 91.0)]), _digits([("12", 20.0)]), _digits([])
    ('12', None, None)
    """
    digits = "".join(t for t, _ in words)
    if words and digits.isdigit() and len(digits) <= 3 and min(c for _, c in words) >= min_conf:
        return digits
    return None


def mark_superscripts(root: etree._Element, image: Any, lang: str = "eng") -> int:
    """Rewrite confident raised-digit runs in the hOCR tree as superscript
    digits; return how many markers were rewritten."""
    cands = candidates(root)
    done = 0
    for cand, digits in zip(cands, read_digits(image, cands, lang), strict=True):
        if digits is None:
            # no confident re-reading: trust the first pass if it saw digits
            own = "".join((el.text or "").strip() for el in cand.chars)
            if not (own.isdigit() and own.isascii()):
                continue
            digits = own
        first, *rest = cand.chars
        # later glyphs that start inside the marker's ink are misread parts of it
        swallowed = [el for el, b in cand.followers
                     if cand.ink_right is not None and b[0] < cand.ink_right - 0.1 * cand.xh]
        if cand.opens_line:
            # a raised number opening a line numbers a note: plain digits, set off;
            # only glyphs inside tesseract's own box of it are parts of it
            swallowed = [el for el, b in cand.followers if b[0] < cand.box[2]]
            more = len(cand.followers) > len(swallowed)
            first.text = digits + (" " if more else "")
        else:
            first.text = digits.translate(SUPERSCRIPT)
        for el in first:  # the text now lives on the first glyph only
            first.remove(el)
        for el in rest + swallowed:
            el.text = ""
            for sub in list(el):
                el.remove(sub)
        done += 1
    return done
