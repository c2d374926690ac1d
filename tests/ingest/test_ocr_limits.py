"""A scan read by OCR has a page limit (a clear one-line error naming the file) and a
progress display on a terminal (not with -q)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from ingest_helpers import scanned_pdf as pdf_of_lines
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from archivist.cli import OcrBar, app
from archivist.errors import InputError
from archivist.ingest import read
from archivist.ingest.ocrlimits import DEFAULT_MAX_OCR_PAGES, current, ocr_options
from archivist.process import process_path

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr is not installed")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
runner = CliRunner()


def page_image(text: str) -> Image.Image:
    img = Image.new("L", (1000, 160), "white")
    face = (ImageFont.truetype(str(FONT), 40) if FONT.exists()
            else ImageFont.load_default(size=40))
    ImageDraw.Draw(img).text((40, 50), text, font=face, fill="black")
    return img


def scanned_pdf(texts: list[str]) -> bytes:
    """A PDF of page images, one line of text each, no text layer."""
    return pdf_of_lines([[text] for text in texts])


def tiff(n: int) -> bytes:
    frames = [page_image(f"Page number {i}") for i in range(n)]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def test_scanned_pdf_over_the_limit_is_refused_before_any_ocr(tmp_path: Path,
                                                              monkeypatch) -> None:
    import archivist.ingest.image as image

    def no_ocr(*args, **kwargs):  # the refusal must come before Tesseract is asked
        raise AssertionError("OCR started")

    monkeypatch.setattr(image, "ocr_upright", no_ocr)
    f = tmp_path / "scan.pdf"
    f.write_bytes(scanned_pdf(["One", "Two", "Three"]))
    with pytest.raises(InputError) as err:
        process_path(f, max_ocr_pages=2)
    assert str(err.value) == (f"{f}: has 3 pages to read by OCR, more than the limit of 2 "
                              "(--max-ocr-pages)")
    res = runner.invoke(app, ["process", str(f), "--max-ocr-pages", "2", "-f", "text"])
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(f) in lines[0] and "limit of 2" in lines[0]


def test_multipage_image_over_the_limit_is_refused(tmp_path: Path, monkeypatch) -> None:
    import archivist.ingest.image as image

    monkeypatch.setattr(image, "ocr_upright", lambda *a: (_ for _ in ()).throw(
        AssertionError("OCR started")))
    f = tmp_path / "scan.tif"
    f.write_bytes(tiff(3))
    with ocr_options(max_pages=2), pytest.raises(InputError, match="3 pages .* limit of 2"):
        read(f)


def test_limit_is_set_per_call_and_zero_means_none() -> None:
    assert current().max_pages == DEFAULT_MAX_OCR_PAGES
    with ocr_options(max_pages=0):
        assert current().max_pages is None
    with ocr_options(max_pages=3):
        assert current().max_pages == 3
    assert current().max_pages == DEFAULT_MAX_OCR_PAGES


@needs_tesseract
def test_progress_listener_hears_every_page(tmp_path: Path) -> None:
    f = tmp_path / "scan.pdf"
    f.write_bytes(scanned_pdf(["The first page", "The second page"]))
    heard: list[tuple[str, int, int]] = []
    doc = process_path(f, skip=["repair", "extract"], ocr_progress=lambda *a: heard.append(a))
    assert heard == [(str(f), 1, 2), (str(f), 2, 2)]
    assert "second page" in doc.text


def test_ocr_bar_adds_updates_and_removes_its_task() -> None:
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(file=io.StringIO(), force_terminal=True))
    bar = OcrBar(progress)
    bar("a/scan.pdf", 1, 3)
    bar("a/scan.pdf", 2, 3)
    (task,) = progress.tasks
    assert (task.description, task.completed, task.total) == ("OCR scan.pdf", 2, 3)
    bar.close()
    assert progress.tasks == []


@needs_tesseract
@pytest.mark.parametrize("quiet", [False, True])
def test_cli_shows_ocr_progress_on_a_terminal_unless_quiet(tmp_path: Path, monkeypatch,
                                                           quiet: bool) -> None:
    import archivist.cli as cli

    calls: list[tuple[str, int, int]] = []

    class Spy(OcrBar):
        def __call__(self, path: str, done: int, total: int) -> None:
            calls.append((path, done, total))
            super().__call__(path, done, total)

    monkeypatch.setattr(cli, "OcrBar", Spy)
    monkeypatch.setattr("rich.console.Console.is_terminal", property(lambda self: True))
    f = tmp_path / "scan.pdf"
    f.write_bytes(scanned_pdf(["A short page of text"]))
    args = ["process", str(f), "-f", "text", "--skip", "repair", "--skip", "extract"]
    res = runner.invoke(app, args + (["-q"] if quiet else []))
    assert res.exit_code == 0, res.output
    assert calls == ([] if quiet else [(str(f), 1, 1)])
    assert "short page" in res.stdout


def test_cli_shows_no_ocr_progress_off_a_terminal(tmp_path: Path, monkeypatch) -> None:
    import archivist.cli as cli

    made: list[object] = []
    monkeypatch.setattr(cli, "OcrBar", lambda progress: made.append(progress))
    f = tmp_path / "a.txt"
    f.write_text("Some words.\n", encoding="utf-8")
    res = runner.invoke(app, ["process", str(f), "-f", "text"])
    assert res.exit_code == 0 and made == []


def test_ingest_fails_only_the_scan_over_the_limit(tmp_path: Path) -> None:
    # `ingest` takes the same limit: the scan fails with its name, the others are stored
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "scan.tif").write_bytes(tiff(3))
    (folder / "letter.txt").write_text("A short letter about the mill and the weir.\n")
    db = f"sqlite:///{tmp_path / 'c.db'}"
    res = runner.invoke(app, ["ingest", str(folder), "--db", db, "--max-ocr-pages", "2",
                              "--workers", "1", "-q", "--no-nlp"])
    assert res.exit_code == 1
    assert "scan.tif: has 3 pages to read by OCR, more than the limit of 2" in res.output
    assert "ingested 1," in res.output
