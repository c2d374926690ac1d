"""Page images (PNG, TIFF incl. multi-page, JPEG...) OCRed with tesseract.

Tesseract writes hOCR (with character boxes), which the hOCR reader turns into
text with per-word confidences, so an image gives the same structure as an hOCR
file; raised footnote markers are first re-read as superscript digits (ocrsup),
and a page lying on its side is turned upright. Each frame of a multi-frame
image is one page (n = its 1-based frame number).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..errors import InputError
from ..model import Document
from .hocr import classes, pages_from_tree, word_confidence, word_text
from .ocrlimits import check_pages, page_done
from .ocrlimits import current as current_options
from .ocrsup import mark_superscripts
from .ocrtext import OcrPage, assemble
from .xmlsafe import parse_markup

if TYPE_CHECKING:
    from PIL.Image import Image

TESSERACT_MISSING = ("needs the tesseract-ocr program "
                     "(apt-get install tesseract-ocr tesseract-ocr-eng)")
LANG = "eng"
# Mean word confidence below which a page may be lying on its side.
WEAK_CONF = 0.6
# Generous per-page limit so a pathological image cannot hang a batch.
TIMEOUT_S = 600


def frames(path: str, data: bytes, notes: list[str] | None = None) -> Iterator[Image]:
    """Decode the image's frames one at a time (a long multi-page TIFF need not
    fit in memory at once), as 1-bit, greyscale or RGB.

    Raises InputError when the data is not an image or its first frame is
    corrupt; a corrupt later frame ends the document there, with a note.
    Pillow's own warnings (bad EXIF...) become notes, not terminal output.
    """
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    notes = notes if notes is not None else []
    try:
        img = _quietly(notes, path, lambda: PILImage.open(io.BytesIO(data)))
    except UnidentifiedImageError as exc:
        raise InputError(path, "is not an image Pillow can read") from exc
    # Pillow's decoders raise many unrelated exception types on damaged files.
    except Exception as exc:  # noqa: BLE001
        raise InputError(path, f"is a corrupt or truncated image ({_why(exc)})") from exc
    it = ImageSequence.Iterator(img)
    n = 0
    while True:
        try:
            frame = _quietly(notes, path, lambda: _next_frame(it))
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - see above
            if n == 0:
                raise InputError(path, f"is a corrupt or truncated image ({_why(exc)})") from exc
            notes.append(f"{path}: frame {n + 1} is corrupt ({_why(exc)}); only the first "
                         f"{n} page(s) were read")
            return
        n += 1
        yield frame
    if not n:
        raise InputError(path, "is an image without frames")


def _next_frame(it: Any) -> Image:
    frame = next(it)
    frame.load()  # truncated or corrupt data fails here, not later in tesseract
    return _ocr_mode(frame.copy())


def _quietly(notes: list[str], path: str, fn: Callable[[], Any]) -> Any:
    """Run fn, turning Python warnings it raises into notes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            return fn()
        finally:
            for w in caught:
                msg = f"{path}: image: {' '.join(str(w.message).split())}"
                if msg not in notes:
                    notes.append(msg)


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def _ocr_mode(frame: Image) -> Image:
    """Tesseract reads 1-bit, greyscale and RGB; convert anything else."""
    if frame.mode in ("1", "L", "RGB"):
        return frame
    if frame.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        return frame.point(lambda v: v / 256).convert("L") if frame.mode != "F" \
            else frame.convert("L")
    return frame.convert("RGB")


def ocr_frame(path: str, frame: Image, lang: str = LANG) -> bytes:
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


def osd_rotation(frame: Image) -> int:
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


def ocr_upright(path: str, frame: Image) -> tuple[etree._Element, Image, int]:
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


def frame_count(data: bytes) -> int | None:
    """How many frames (pages) the image holds, from its header; None when Pillow
    cannot tell (the reader then reports what is wrong)."""
    from PIL import Image as PILImage

    try:  # quietly: `frames` turns Pillow's warnings about this data into notes
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with PILImage.open(io.BytesIO(data)) as img:
                return int(getattr(img, "n_frames", 1))
    except Exception:  # noqa: BLE001 - damaged data: `frames` says how, naming the file
        return None


def read_bytes(path: str, data: bytes) -> Document:
    notes: list[str] = []
    total = frame_count(data)
    if total is not None:
        check_pages(path, total)
    pages = ocr_pages(path, enumerate(frames(path, data, notes)), notes, total=total)
    if not any(p.blocks for p in pages):
        raise InputError(path, "OCR found no text in the image")
    return assemble(path, data, "image", pages, warnings=notes)


def ocr_pages(path: str, numbered: Iterable[tuple[int, Image]], notes: list[str],
              total: int | None = None) -> list[OcrPage]:
    """OCR page images, given with their 0-based page index: upright, footnote markers
    re-read, one OcrPage each (n = index + 1). Problems go to `notes`. `total`: how
    many there are, for the progress listener (`ocrlimits`); past the page limit the
    document is refused (a count the header did not give)."""
    import pytesseract

    pages: list[OcrPage] = []
    limit = current_options().max_pages
    for i, frame in numbered:
        if limit is not None and len(pages) >= limit:
            check_pages(path, len(pages) + 1, known=False)  # (the header gave no count)
        root, frame, angle = ocr_upright(path, frame)
        if angle:
            notes.append(f"{path}: page {i + 1} lay turned by {angle} degrees; "
                            "it was read upright")
        try:
            mark_superscripts(root, frame)
        except (pytesseract.TesseractError, RuntimeError) as exc:  # markers stay as read
            notes.append(f"{path}: footnote markers not re-read "
                            f"({getattr(exc, 'message', exc)})")
        found = pages_from_tree(root)
        page = OcrPage(str(i + 1))
        for p in found:  # tesseract writes one ocr_page per image
            page.blocks.extend(p.blocks)
        pages.append(page)
        page_done(path, len(pages), max(total or 0, len(pages)))
    return pages
