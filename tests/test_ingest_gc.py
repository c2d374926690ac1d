"""An ingest run tunes the cyclic collector for its batch (`store.ingest.young_gc`,
`freeze_tables`) and leaves it as it found it; what it stores does not change."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archivist.cli import app
from archivist.store import ingest as ingest_mod

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))


def test_young_gc_raises_only_the_youngest_threshold_and_never_lowers_it() -> None:
    old = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        assert ingest_mod.young_gc() == (700, 10, 10)
        assert gc.get_threshold() == (ingest_mod.YOUNG_GC, 10, 10)
        gc.set_threshold(50_000, 3, 4)
        ingest_mod.young_gc()
        assert gc.get_threshold() == (50_000, 3, 4)
    finally:
        gc.set_threshold(*old)


def test_freeze_tables_freezes_for_one_worker_only() -> None:
    try:
        assert ingest_mod.freeze_tables(3, 1, None)
        assert gc.get_freeze_count() > 10_000  # the tables, out of the full collections
    finally:
        gc.unfreeze()
    assert not ingest_mod.freeze_tables(3, 2, None)  # a pool: `share_tables` does it
    assert not ingest_mod.freeze_tables(0, 1, None)  # nothing to process
    assert gc.get_freeze_count() == 0


def test_one_worker_ingest_freezes_during_the_run_and_restores_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, tuple[int, int, int]]] = []
    real = ingest_mod.prepare_record

    def spy(*a: object, **k: object) -> object:
        seen.append((gc.get_freeze_count(), gc.get_threshold()))
        return real(*a, **k)

    monkeypatch.setattr(ingest_mod, "prepare_record", spy)
    before = gc.get_threshold()
    res = CliRunner().invoke(app, ["ingest", *map(str, SAMPLES[:2]), "--db",
                                   str(tmp_path / "c.db"), "--workers", "1", "-q"])
    assert res.exit_code == 0, res.output
    assert seen and all(frozen > 10_000 and thr[0] >= ingest_mod.YOUNG_GC
                        for frozen, thr in seen)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_runs_that_overlap_and_end_out_of_order_restore_the_collector() -> None:
    """Two runs in threads of one process (found by review12a): each restored what it
    found, so the one that started second, ending last, put its raised threshold back
    for good; and a run without a freeze, ending first, thawed the other's tables in
    the middle of its run."""
    old = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        first = ingest_mod.tables_shared(5, 1, "local", "no-nlp")  # dask: no freeze
        second = ingest_mod.tables_shared(5, 1, None, "no-nlp")  # one worker: frozen
        first.__enter__()
        assert second.__enter__()
        first.__exit__(None, None, None)
        # the second run is still going: its tables stay frozen, its threshold raised
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold()[0] == ingest_mod.YOUNG_GC
        second.__exit__(None, None, None)
        assert gc.get_threshold() == (700, 10, 10) and gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*old)
