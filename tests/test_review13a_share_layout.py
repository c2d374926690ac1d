"""review13a: after `share_tables` for a `--no-repair` run (depth "layout"), a forked
worker's whole task (`prepare_record`: the layout stages, then the Record) loads no
table of its own.

The warm-up for "layout" loaded no table at all ("none without repair"), but the
layout stages read wordfreq's list and the bigrams (`layout.paragraphs`,
`layout.reading_order` through `lexicon.zipf` / `bigram_logprob`) and the Record
reads `corpus._confusable`: each worker loaded them, unshared, at its first
document."""

from __future__ import annotations

import gc
import importlib
import pkgutil
from pathlib import Path

from archivist import lexicon, repair
from archivist.store import ingest as ingest_mod
from archivist.store.ingest import prepare_record

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))


def _one_shot_tables() -> list[object]:
    """Every cached zero-argument table builder of the repair modules and the lexicon."""
    mods = [importlib.import_module(f"archivist.repair.{m.name}")
            for m in pkgutil.iter_modules(repair.__path__)]
    return [f for m in [*mods, lexicon] for f in vars(m).values()
            if hasattr(f, "cache_info") and getattr(f, "__module__", None) == m.__name__
            and f.cache_info().maxsize in (1, None)
            and f.__wrapped__.__code__.co_argcount == 0]


def test_a_layout_worker_task_loads_no_table_after_share_tables() -> None:
    found = _one_shot_tables()
    for f in found:
        f.cache_clear()  # as in a fresh process
    try:
        assert ingest_mod.share_tables(5, 2, None, "layout")
    finally:
        gc.unfreeze()  # (this test process goes on)
    shared = {id(f) for f in found if f.cache_info().currsize}
    assert SAMPLES
    for p in SAMPLES:
        rec = prepare_record(str(p), "layout")
        assert rec.passages and not rec.forms  # laid out, nothing counted
    late = [f.__qualname__ for f in found if f.cache_info().currsize and id(f) not in shared]
    assert not late, f"loaded by a layout worker after share_tables: {late}"
    # and the corpus lexicon's counting table is not loaded at all: an unrepaired
    # document counts nothing (`record.lexicon_pairs`)
    from archivist.repair import corpus
    assert not corpus._confusable.cache_info().currsize
