"""Page images (PNG, TIFF incl. multi-page, JPEG...) OCRed with tesseract.

Tesseract writes hOCR (with character boxes), which the hOCR reader turns into
text with per-word confidences, so an image gives the same structure as an hOCR
file; raised footnote markers are re-read as superscript digits first (ocrsup). Each frame of
a multi-frame image is one page (n = its 1-based frame number).
"""

from __future__ import annotations

import io
import re

from lxml import etree

from ..errors import InputError
from ..model import Document
from .hocr import classes, pages_from_tree, word_confidence, word_text
from .ocrsup import mark_superscripts
from .ocrtext import OcrPage, assemble
from .xmlsafe import parse_markup

TESSERACT_MISSING = ("needs the tesseract-ocr program "
                     "(apt-get install tesseract-ocr tesseract-ocr-eng)")
LANG = "eng"
# Mean word confidence below which a page may be lying on its side.
WEAK_CONF = 0.6
# Generous per-page limit so a pathological image cannot hang a batch.
TIMEOUT_S = 600


def frames(path: str, data: bytes) -> list:
    """Decode every frame of the image (as RGB or greyscale), or raise InputError."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        out = []
        for frame in ImageSequence.Iterator(img):
            frame.load()  # truncated or corrupt data fails here, not later in tesseract
            out.append(_ocr_mode(frame.copy()))
    except UnidentifiedImageError as exc:
        raise InputError(path, "is not an image Pillow can read") from exc
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InputError(path, f"is a corrupt or truncated image ({exc})") from exc
    if not out:
        raise InputError(path, "is an image without frames")
    return out


def _ocr_mode(frame):  # noqa: ANN001, ANN202 - PIL.Image in, PIL.Image out
    """Tesseract reads 1-bit, greyscale and RGB; convert anything else."""
    if frame.mode in ("1", "L", "RGB"):
        return frame
    if frame.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return frame.point(lambda v: v / 256).convert("L") if frame.mode != "F" \
            else frame.convert("L")
    return frame.convert("RGB")


def ocr_frame(path: str, frame, lang: str = LANG) -> bytes:  # noqa: ANN001
    """Run tesseract on one frame and return its hOCR."""
    import pytesseract

    try:
        # character boxes let ocrsup find raised footnote markers
        return pytesseract.image_to_pdf_or_hocr(frame, extension="hocr", lang=lang,
                                                config="-c hocr_char_boxes=1",
                                                timeout=TIMEOUT_S)
    except pytesseract.TesseractNotFoundError as exc:
        raise InputError(path, TESSERACT_MISSING) from exc
    except pytesseract.TesseractError as exc:
        msg = " ".join(str(exc.message).split()) or f"status {exc.status}"
        raise InputError(path, f"tesseract failed: {msg[:200]}") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise InputError(path, f"tesseract gave up: {exc}") from exc


def ocr_score(root: etree._Element) -> tuple[int, float]:
    """(words, mean word confidence 0..1) of a tesseract hOCR tree."""
    confs = [word_confidence(el) or 0.0 for el in root.iter() if "ocrx_word" in classes(el)
             and word_text(el).strip()]
    return len(confs), (sum(confs) / len(confs) if confs else 0.0)


def osd_rotation(frame) -> int:  # noqa: ANN001
    """Degrees (90, 180, 270) tesseract's orientation detection says the page
    must turn clockwise to stand upright; 0 when upright or unsure."""
    import pytesseract

    try:
        osd = pytesseract.image_to_osd(frame, config="--psm 0 -c min_characters_to_try=5",
                                       timeout=TIMEOUT_S)
    except (pytesseract.TesseractError, RuntimeError):
        return 0  # too little text to tell, or no osd data: read it as it is
    found = re.search(r"Rotate:\s*(\d+)", osd)
    return int(found.group(1)) % 360 if found else 0


def ocr_upright(path: str, frame):  # noqa: ANN001, ANN201
    """OCR a frame; when the result is weak, ask orientation detection and, if
    the page lies on its side or upside down, keep the better of both readings.

    Returns (hOCR root, the frame that was read, degrees turned).
    """
    root, _ = parse_markup(path, ocr_frame(path, frame))
    words, conf = ocr_score(root)
    if words and conf >= WEAK_CONF:
        return root, frame, 0
    angle = osd_rotation(frame)
    if not angle:
        return root, frame, 0
    turned = frame.rotate(-angle, expand=True)  # PIL turns counter-clockwise
    root2, _ = parse_markup(path, ocr_frame(path, turned))
    words2, conf2 = ocr_score(root2)
    if words2 * conf2 > words * conf:
        return root2, turned, angle
    return root, frame, 0


def read_bytes(path: str, data: bytes) -> Document:
    import pytesseract

    pages: list[OcrPage] = []
    warnings: list[str] = []
    for i, frame in enumerate(frames(path, data)):
        root, frame, angle = ocr_upright(path, frame)
        if angle:
            warnings.append(f"{path}: page {i + 1} lay turned by {angle} degrees; "
                            "it was read upright")
        try:
            mark_superscripts(root, frame)
        except pytesseract.TesseractError as exc:  # markers stay as read; the text is fine
            warnings.append(f"{path}: footnote markers not re-read ({exc.message})")
        found = pages_from_tree(root)
        page = OcrPage(str(i + 1))
        for p in found:  # tesseract writes one ocr_page per image
            page.blocks.extend(p.blocks)
        pages.append(page)
    if not any(p.blocks for p in pages):
        raise InputError(path, "OCR found no text in the image")
    return assemble(path, data, "image", pages, warnings=warnings)
