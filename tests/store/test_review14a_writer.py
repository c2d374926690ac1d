"""review14a: the writer thread of `ingest` (writer14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archivist.store import open_store
from archivist.store.ingest import Outcome, ingest


def _files(root: Path, n: int) -> Path:
    root.mkdir()
    for i in range(n):
        (root / f"d{i}.txt").write_text(f"Document number {i} of the river guards.\n")
    return root


def test_an_interrupted_report_reports_no_outcome_twice(tmp_path: Path) -> None:
    # Ctrl-C in `on_result` (the CLI's progress bar) while a batch's outcomes were
    # being reported: `finally` reported that batch again from its first outcome
    folder = _files(tmp_path / "docs", 4)
    seen: list[str] = []

    def on_result(o: Outcome) -> None:
        seen.append(o.path)
        if len(seen) == 1:
            raise KeyboardInterrupt

    with open_store(str(tmp_path / "c.db")) as st:
        with pytest.raises(KeyboardInterrupt):
            ingest(st, [folder], no_repair=True, batch_pages=1, on_result=on_result)
    assert len(seen) == len(set(seen)), seen
