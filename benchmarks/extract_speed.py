"""Extraction speed: pages per second per core, NER on.

Usage: .venv/bin/python benchmarks/extract_speed.py [FILES...]
(default: shared/seeds/*.txt and the HIPE-2022 hipe2020 dev documents).

Each seed is taken through layout and repair once; then the extract stages are
timed on a fresh copy of the prepared document, once (one process, one
thread: OMP/BLAS threads are pinned to 1 before numpy loads). Models and the
gazetteer are loaded before timing. For HIPE, each newspaper document counts as one
page. Pages come from `Document.pages()`.
"""

from __future__ import annotations

import copy
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

from shared_data import SEEDS  # noqa: E402

from archivist.extract import STAGES  # noqa: E402
from archivist.extract.common import nlp  # noqa: E402
from archivist.ingest import read  # noqa: E402
from archivist.model import Document, Source  # noqa: E402
from archivist.pipeline import Pipeline, default_stage_names  # noqa: E402

REPS = 1  # more repetitions of the same text would measure warm caches


def prepared(path: Path) -> Document:
    names = [n for n in default_stage_names() if not n.startswith("extract.")]
    return Pipeline(names)(read(path))


def time_extract(docs: list[Document], reps: int) -> tuple[float, int, int]:
    """CPU seconds of this process (the machine may be shared: wall time would measure
    the neighbours), pages and words processed."""
    pipe = Pipeline(list(STAGES))
    # warm up (spaCy, gazetteer, wordfreq) on a text that is not measured; the model is
    # loaded explicitly, since a text whose names are all known never calls spaCy
    nlp()
    pipe(Document(original="Mr. Smith said that Paris was far. On May 1, 1930, Zorbak left.",
                  source=Source("warm", "", "text")))
    pages = words = 0
    dt = 0.0
    for _ in range(reps):
        for d in docs:
            fresh = copy.deepcopy(d)  # copying is not extraction: not timed
            t0 = time.process_time()
            out = pipe(fresh)
            dt += time.process_time() - t0
            pages += len(out.pages())
            words += len(out.text.split()) + sum(len(out.note_view(n).text.split())
                                                 for n in out.notes)
    return dt, pages, words


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted(SEEDS.glob("*.txt"))
    docs = [prepared(f) for f in files]
    dt, pages, words = time_extract(docs, REPS)
    print(f"seeds: {pages} pages, {words} words in {dt:.2f} CPU s -> {pages / dt:.1f} pages/s, "
          f"{words / dt:.0f} words/s (extract stages, NER on, 1 core)")
    sys.path.insert(0, str(Path(__file__).parent))
    from hipe_bench import DEFAULT, read_hipe

    hdocs = [Document(original=h.text, source=Source("hipe", "", "text"))
             for h in read_hipe(DEFAULT / "HIPE-2022-v2.1-hipe2020-dev-en.tsv")]
    dt, pages, words = time_extract(hdocs, 1)
    print(f"hipe2020 dev: {pages} pages, {words} words in {dt:.2f} CPU s -> {pages / dt:.1f} "
          f"pages/s, {words / dt:.0f} words/s")


if __name__ == "__main__":
    main()
