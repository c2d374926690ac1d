"""`ingest` loads the pipeline's tables once, in the process that forks its workers
(`store.ingest.share_tables`, `repair.load_tables`): every table is covered, and the
workers then read none of their own."""

from __future__ import annotations

import gc
import importlib
import pkgutil
from pathlib import Path

import pytest

from archivist import lexicon, repair, tables
from archivist.pipeline import Pipeline
from archivist.process import process_path
from archivist.store import ingest as ingest_mod

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))


def _one_shot_tables() -> list[object]:
    """Every cached zero-argument table builder of the repair modules and the lexicon
    (`lru_cache(maxsize=1)` or `cache`): what a worker would otherwise load."""
    mods = [importlib.import_module(f"archivist.repair.{m.name}")
            for m in pkgutil.iter_modules(repair.__path__)]
    out = []
    for m in [*mods, lexicon]:
        for f in vars(m).values():
            if (hasattr(f, "cache_info") and getattr(f, "__module__", None) == m.__name__
                    and f.cache_info().maxsize in (1, None)
                    and f.__wrapped__.__code__.co_argcount == 0):
                out.append(f)
    return out


def test_load_tables_loads_every_one_shot_table() -> None:
    found = _one_shot_tables()
    assert len(found) >= 15  # the scan itself finds them
    for f in found:
        f.cache_clear()
    repair.load_tables()
    missing = [f.__qualname__ for f in found if f.cache_info().currsize == 0]
    assert not missing, f"add these to repair.load_tables: {missing}"


def test_after_share_tables_documents_read_no_table(monkeypatch: pytest.MonkeyPatch) -> None:
    for f in _one_shot_tables():
        f.cache_clear()  # as in a fresh process
    try:
        assert ingest_mod.share_tables(5, 2, None, "no-nlp")
        assert gc.get_freeze_count() > 10_000  # the tables, out of the collector's walk
    finally:
        gc.unfreeze()  # (this test process goes on)

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a table read after share_tables")

    monkeypatch.setattr(tables, "cached", refuse)
    pipe = Pipeline().without(["extract"])
    for p in SAMPLES[:3]:
        assert process_path(p, pipeline=pipe).text
