"""issue 6: `store.ingest.ingest` itself shares the tables with a forked pool and
thaws the freeze when the run is over, however it ends: the freeze was set under
`ingest` (the CLI's planning callback) and undone by the CLI only, so another caller
of `ingest` kept this process's objects frozen for good."""

from __future__ import annotations

import gc
import multiprocessing
from pathlib import Path

import pytest

from archivist.store import open_store
from archivist.store.ingest import Outcome, ingest, tables_shared

TEXT = "The copper kettle sang beside the hearth while the barley tune played.\n"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"Letter {i}.\n" + TEXT, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _forks() -> None:
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("share_tables only works where the pool forks")
    gc.unfreeze()


def test_ingest_freezes_for_its_pool_and_thaws_after(tmp_path: Path) -> None:
    seen: list[int] = []

    def done(_o: Outcome) -> None:
        seen.append(gc.get_freeze_count())

    with open_store(str(tmp_path / "c.db")) as st:
        got = ingest(st, [_folder(tmp_path)], workers=2, no_nlp=True, on_result=done)
    assert [o.status for o in got] == ["done"] * 3
    assert seen and min(seen) > 0  # frozen while the pool ran
    assert gc.get_freeze_count() == 0


def test_a_run_that_raises_thaws_too(tmp_path: Path) -> None:
    def boom(_o: Outcome) -> None:
        assert gc.get_freeze_count() > 0
        raise RuntimeError("the caller stops")

    with open_store(str(tmp_path / "c.db")) as st, pytest.raises(RuntimeError):
        ingest(st, [_folder(tmp_path)], workers=2, no_nlp=True, on_result=boom)
    assert gc.get_freeze_count() == 0


def test_what_a_caller_froze_stays_frozen() -> None:
    gc.freeze()
    try:
        theirs = gc.get_freeze_count()
        with tables_shared(5, 2, None, "no-nlp") as shared:
            assert shared
        assert gc.get_freeze_count() >= theirs
    finally:
        gc.unfreeze()
    # one worker: nothing to share, but this process's own tables are frozen for the run
    with tables_shared(5, 1, None, "no-nlp") as shared:
        assert shared and gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    with tables_shared(5, 1, "local", "no-nlp") as shared:  # dask: neither
        assert not shared and gc.get_freeze_count() == 0
