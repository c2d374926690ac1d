"""Benchmark: layout stages and TEI export on a long multi-page document.

Builds a document of N copies of each sample page joined by form feeds, runs the
layout stages (before and after repair) and the TEI export, and prints timings.
Run: .venv/bin/python benchmarks/bench_layout.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import archivist.layout as layout
from archivist.export.tei import schema, to_tei, validate
from archivist.ingest.text import read_bytes
from archivist.pipeline import REGISTRY

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main(n: int = 50) -> None:
    t0 = time.perf_counter()
    schema()
    print(f"compile tei_all.rng: {time.perf_counter() - t0:.1f} s")
    for p in sorted(SAMPLES.glob("*.txt")):
        text = "\f".join([p.read_text(encoding="utf-8")] * n)
        doc = read_bytes(p.name, text.encode("utf-8"))
        t0 = time.perf_counter()
        for name in [*layout.STAGES, *layout.STAGES_AFTER_REPAIR]:
            t1 = time.perf_counter()
            doc = REGISTRY[name](doc)
            print(f"  {name:24s} {time.perf_counter() - t1:6.2f} s")
        t_layout = time.perf_counter() - t0
        t0 = time.perf_counter()
        xml = to_tei(doc)
        t_tei = time.perf_counter() - t0
        t0 = time.perf_counter()
        errors = validate(xml)
        t_val = time.perf_counter() - t0
        print(f"{p.name} x{n} ({len(text):,} chars): layout {t_layout:.2f} s, "
              f"to_tei {t_tei:.2f} s, validate {t_val:.2f} s, valid={not errors}, "
              f"notes={len(doc.notes)}, furniture={len(doc.furniture)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
