"""Process one file through the pipeline and render it (JSON, TEI, text)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .ingest import read
from .ingest.ocrlimits import DEFAULT_MAX_OCR_PAGES, Listener, ocr_options
from .model import Document
from .pipeline import Pipeline


def process_path(path: str | Path, skip: list[str] | None = None, threshold: float = 0.5,
                 pipeline: Pipeline | None = None, lexicon: Any = None,
                 max_ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES,
                 ocr_progress: Listener | None = None) -> Document:
    """Read and process one file; `lexicon`: the corpus lexicon repair reads
    (`repair.corpus.CorpusLexicon`), None for the document alone; `max_ocr_pages`: a
    scan with more pages to OCR is refused (None or 0: no limit); `ocr_progress` is
    told after each page read by OCR."""
    with ocr_options(max_ocr_pages, ocr_progress):
        doc = read(path)
    doc.threshold = threshold
    doc.lexicon = lexicon
    pipe = pipeline or Pipeline()
    if skip:
        pipe = pipe.without(skip)
    return pipe(doc)


def render_output(doc: Document, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(doc.to_json(), ensure_ascii=False, indent=1)
    if fmt == "text":
        return doc.text
    if fmt == "tei":
        from .export.tei import to_tei

        return to_tei(doc)
    raise ValueError(f"unknown format {fmt!r}")
