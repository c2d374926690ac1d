"""Bad input through the command line: one line on stderr naming the file,
exit status 1, no traceback, and the good files of the batch still output."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from typer.testing import CliRunner

from archivist.cli import app

runner = CliRunner()
ARCHIVIST = Path(sys.executable).with_name("archivist")
GOOD_TEXT = "A good document about the Far East in 1932.\n"


def good_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "A good PDF page.")
    c.showPage()
    c.save()
    return buf.getvalue()


BAD = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "binary.txt": bytes(range(256)) * 16,
    "undecodable.txt": b"\xff\xfe" + b"\x00\xd8" + b"a\x00",  # UTF-16 BOM, lone surrogate
    "corrupt.pdf": good_pdf()[:200],
    "garbage.pdf": b"%PDF-1.7\n" + os.urandom(2048),
    "corrupt.xml": b"<alto><Layout><Page></Layout>",
    "notocr.xml": b"<catalogue><item>no OCR here</item></catalogue>",
    "corrupt.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "corrupt.hocr": b"<html><body>no ocr classes</body></html>",
}

FAST = ["--skip", "layout", "--skip", "repair", "--skip", "extract"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def assert_one_clean_line(stderr: str, name: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert name in lines[0] and lines[0].startswith("archivist: ")
    assert "Traceback" not in stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_one_line_and_batch_goes_on(tmp_path, name):
    bad = write(tmp_path, name, BAD[name])
    good = write(tmp_path, "good.txt", GOOD_TEXT.encode())
    res = runner.invoke(app, ["process", str(bad), str(good), "--format", "text", *FAST])
    assert res.exit_code == 1
    assert_one_clean_line(res.stderr, name)
    assert "A good document" in res.stdout


def test_missing_file(tmp_path):
    good = write(tmp_path, "good.txt", GOOD_TEXT.encode())
    res = runner.invoke(app, ["process", str(tmp_path / "gone.pdf"), str(good),
                              "--format", "text", *FAST])
    assert res.exit_code == 1
    assert_one_clean_line(res.stderr, "gone.pdf")
    assert "no such file" in res.stderr


def test_real_program_full_pipeline_mixed_batch(tmp_path):
    """The installed `archivist` program, default pipeline, good and bad files mixed."""
    if not ARCHIVIST.exists():
        pytest.skip(f"{ARCHIVIST} is not installed")
    files = [write(tmp_path, "good.txt", GOOD_TEXT.encode()),
             write(tmp_path, "binary.txt", BAD["binary.txt"]),
             write(tmp_path, "good.pdf", good_pdf()),
             write(tmp_path, "corrupt.xml", BAD["corrupt.xml"]),
             write(tmp_path, "empty.txt", b"")]
    proc = subprocess.run([str(ARCHIVIST), "process", *map(str, files), "--format", "text"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    err = proc.stderr.strip().splitlines()
    assert len(err) == 3, proc.stderr
    for name, line in zip(["binary.txt", "corrupt.xml", "empty.txt"], err, strict=True):
        assert name in line
    assert "Traceback" not in proc.stderr
    assert "good document" in proc.stdout and "good PDF page" in proc.stdout
