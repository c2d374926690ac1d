"""Every reader's output, run through the whole default pipeline, is valid
archivist/1 JSON that keeps `original` exactly as read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import page_texts
from test_ingest_alto import NS, PAGE1, PAGE2, alto
from test_ingest_hocr import TWO_PAGES
from test_ingest_pdf import THREE_PAGES, make_pdf
from typer.testing import CliRunner

from archivist.cli import app
from archivist.ingest import read
from archivist.schema import validate_document

runner = CliRunner()

INPUTS = {
    "book.pdf": (make_pdf(THREE_PAGES), "pdf"),
    "scan.hocr": (TWO_PAGES.encode(), "hocr"),
    "page.xml": (alto(NS["v3"], PAGE1 + PAGE2).encode(), "alto"),
    "legacy.txt": ("Le café – naïve\r\n\fpage two\r\n".encode("cp1252"), "text"),
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_pipeline_json_is_valid(tmp_path: Path, name: str):
    data, fmt = INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    expected = read(path)
    res = runner.invoke(app, ["process", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    validate_document(out)
    assert out["source"]["format"] == fmt
    assert out["original"] == expected.original
    assert len(out["pages"]) == len(expected.raw_pages) == len(page_texts(expected))


def test_image_pipeline_json_is_valid(tmp_path: Path):
    import shutil

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr is not installed")
    from test_ingest_image import encode, render

    path = tmp_path / "scan.png"
    path.write_bytes(encode(render(["Moscow sharply increased", "military expenditure."]),
                            "PNG"))
    res = runner.invoke(app, ["process", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    validate_document(out)
    assert out["source"]["format"] == "image"
    assert "military" in out["original"]
