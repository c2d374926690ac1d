"""Page images OCRed with tesseract, read back through the hOCR reader."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from ingest_helpers import page_texts, token_texts
from PIL import Image, ImageDraw, ImageFont

from archivist.errors import InputError
from archivist.ingest import image as image_reader

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr is not installed")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(size: int = 40) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if FONT.exists():
        return ImageFont.truetype(str(FONT), size)
    return ImageFont.load_default(size=size)


def render(lines: list[str], mode: str = "L") -> Image.Image:
    img = Image.new(mode, (1400, 80 + 70 * len(lines)), "white")
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(lines):
        draw.text((40, 40 + 70 * i), text, font=font(), fill="black")
    return img


def encode(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


@needs_tesseract
def test_png_is_ocred_with_confidences(read_file):
    doc = read_file("page.png", encode(render(["The quick brown fox", "jumps over the dog"]),
                                       "PNG"))
    assert doc.source.format == "image"
    words = token_texts(doc)
    for w in ("quick", "brown", "fox", "jumps", "dog"):
        assert w in words
    assert doc.original.splitlines() == ["The quick brown fox", "jumps over the dog"]
    assert all(0.0 <= t.confidence <= 1.0 for t in doc.tokens)
    assert min(t.confidence for t in doc.tokens) > 0.5  # clean print reads confidently
    assert [p.n for p in doc.raw_pages] == ["1"]


@needs_tesseract
def test_multi_frame_tiff_gives_pages(read_file):
    first, second = render(["First page words"]), render(["Second page words"])
    data = encode(first, "TIFF", save_all=True, append_images=[second])
    doc = read_file("scan.tiff", data)
    assert page_texts(doc) == ["First page words", "Second page words"]
    assert [p.n for p in doc.raw_pages] == ["1", "2"]
    assert doc.original.count("\f") == 1


@needs_tesseract
def test_jpeg_rgb_and_palette_images(read_file):
    doc = read_file("p.jpg", encode(render(["Manchuria and Korea"], "RGB"), "JPEG",
                                    quality=95))
    assert "Manchuria" in doc.original
    pal = render(["Manchuria and Korea"], "RGB").convert("P")
    assert "Korea" in read_file("p.png", encode(pal, "PNG")).original


@needs_tesseract
def test_blank_image_is_refused(read_file):
    with pytest.raises(InputError, match="no text"):
        read_file("blank.png", encode(Image.new("L", (400, 300), "white"), "PNG"))


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,  # PNG signature then junk
    b"not an image at all",
])
def test_corrupt_image_is_refused(read_file, data):
    with pytest.raises(InputError) as err:
        read_file("bad.png", data)
    assert "bad.png" in str(err.value) and "\n" not in str(err.value)


def test_truncated_image_is_refused(read_file):
    data = encode(render(["Some words"]), "PNG")
    with pytest.raises(InputError, match="corrupt or truncated"):
        read_file("cut.png", data[: len(data) // 2])


def test_missing_tesseract_is_reported(read_file, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(InputError, match="needs the tesseract-ocr program"):
        read_file("page.png", encode(render(["words"]), "PNG"))


def test_sixteen_bit_greyscale_is_converted():
    img = Image.new("I;16", (10, 10), 65535)
    out = image_reader._ocr_mode(img)
    assert out.mode == "L" and out.getpixel((0, 0)) == 255


@needs_tesseract
@pytest.mark.parametrize("angle", [90, 180])
def test_page_lying_on_its_side_is_read_upright(read_file, angle):
    lines = ["The quick brown fox jumps over", "the lazy dog in Manchuria 1932.",
             "Stalin did not remain passive."]
    img = render(lines).rotate(angle, expand=True)
    doc = read_file("turned.png", encode(img, "PNG"))
    assert doc.original.splitlines() == lines
    assert any(f"turned by {angle} degrees" in w for w in doc.warnings)


@needs_tesseract
def test_tiff_with_corrupt_later_frame_keeps_the_good_pages(read_file):
    first, second = render(["First page words"]), render(["Second page words"])
    data = encode(first, "TIFF", save_all=True, append_images=[second],
                  compression="tiff_deflate")
    doc = read_file("cut.tif", data[:-200])  # the second frame's directory is gone
    assert doc.original == "First page words"
    assert any("frame 2 is corrupt" in w for w in doc.warnings)
