"""Process one file through the pipeline and render it (JSON, TEI, text)."""

from __future__ import annotations

import json
import unicodedata
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


def output_names(files: list[Path], ext: str) -> dict[Path, str]:
    """The file name each input's result gets in the output folder: its own name plus
    `ext`, unless another input has the same name (a/x.txt, b/x.txt), whose results would
    overwrite each other; those are named after as many of their folders as tell them
    apart ("a_x.txt.json", "b_x.txt.json"), and a counter settles what is still alike.
    The same file given twice keeps one name (the same result).

    >>> sorted(output_names([Path("a/x.txt"), Path("b/x.txt"), Path("y.txt")], ".json").values())
    ['a_x.txt.json', 'b_x.txt.json', 'y.txt.json']
    >>> sorted(output_names([Path("p/a/x.txt"), Path("q/a/x.txt")], ".txt").values())
    ['p_a_x.txt.txt', 'q_a_x.txt.txt']
    """
    def key(f: Path) -> Path:
        try:
            return f.resolve()
        except OSError:  # (a path that cannot be resolved: as given)
            return f.absolute()

    by_name: dict[str, list[Path]] = {}
    for f in dict.fromkeys(files):  # names alike but for case: one file on macOS, Windows
        by_name.setdefault(_fold(f.name), []).append(f)
    names: dict[Path, str] = {}
    for group in by_name.values():
        real = list(dict.fromkeys(key(f) for f in group))
        if len(real) == 1:
            names.update((f, f.name + ext) for f in group)
            continue
        depth = 1  # folders above the file that make the group's names distinct
        most = max(len(r.parents) for r in real)
        while depth < most and len({_fold(_tail(r, depth)) for r in real}) < len(real):
            depth += 1
        apart = len({_fold(_tail(r, depth)) for r in real}) == len(real)
        for f in group:  # one folder's "X.txt" and "x.txt": the counter below
            names[f] = (_tail(key(f), depth) if apart else f.name) + ext
    # a renamed result must not take the name of another input's (a/x.txt beside a_x.txt),
    # nor may the counter's name ("a_x-2.txt") be one that is already taken
    owner: dict[str, Path] = {}
    for f in files:
        name = names[f]
        n = 1
        while _fold(name) in owner and key(owner[_fold(name)]) != key(f):
            n += 1
            stem, dot, suffix = names[f].partition(".")
            name = f"{stem}-{n}{dot}{suffix}"
        names[f] = name
        owner.setdefault(_fold(name), f)
    return names


def _fold(name: str) -> str:
    """A file name as a case-insensitive, normalising file system (macOS, Windows) compares
    it: "X.txt" and "x.txt", a composed and a decomposed "é", are one file there."""
    return unicodedata.normalize("NFC", name).casefold()


def _tail(path: Path, depth: int) -> str:
    """The file's name after its `depth` innermost folder names, joined by "_"."""
    parts = [p for p in path.parts[:-1] if p not in ("/", "\\")][-depth:]
    return "_".join([*parts, path.name]).replace(":", "_")
