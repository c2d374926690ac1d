"""review10b: after `share_tables`, a forked ingest worker's whole task reads no
table: `prepare_record` (the pipeline, then the Record with its word pairs,
`corpus.document_pairs`) against a corpus lexicon with pairs (`lm.corpus_lp`).

`repair.load_tables` missed `corpus._confusable` (~0.5 CPU s from the table cache,
~4 s without it) and `lm._rarest`: each worker loaded them at its first document.
`test_share_tables` ran the pipeline only, never the Record a worker builds."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from archivist import tables
from archivist.repair import corpus, lm
from archivist.repair.corpus import CorpusLexicon
from archivist.store import ingest as ingest_mod
from archivist.store.ingest import prepare_record

TEXT = ("The copper kettle sang beside the hearth while the barley tune played.\n"
        "Her kettle sang again at dusk, and the barley tune went on.\n")


def test_a_worker_task_reads_no_table_after_share_tables(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for f in (corpus._confusable, lm._rarest):
        f.cache_clear()  # as in a fresh process
    try:
        assert ingest_mod.share_tables(5, 2, None, "no-nlp")
    finally:
        gc.unfreeze()  # (this test process goes on)
    assert corpus._confusable.cache_info().currsize == 1
    assert lm._rarest.cache_info().currsize == 1

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("a table read after share_tables")

    monkeypatch.setattr(tables, "cached", refuse)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (4, 3), "barley tune": (3, 2)})
    rec = prepare_record(str(path), "no-nlp", lexicon=lex)
    assert rec.pairs.get("kettle sang") == 2
    assert lm._rarest.cache_info().currsize == 1


def test_ingest_with_a_forked_pool_leaves_nothing_frozen(tmp_path: Path) -> None:
    # `share_tables` froze the collector's view of the parent before the fork and
    # never thawed it: whatever the process held then could never be collected
    import multiprocessing

    from typer.testing import CliRunner

    from archivist.cli import app

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("share_tables only works where the pool forks")
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"d{i}.txt").write_text(f"Letter {i}.\n" + TEXT, encoding="utf-8")
    gc.unfreeze()
    res = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "c.db"),
                                   "--no-nlp", "-q", "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert "ingested 3," in res.output
    assert gc.get_freeze_count() == 0
