"""review13a: a plain `archivist ingest` of files stored at a lesser depth (or by
another pipeline version) says on the command line that `--reprocess` takes them
further. The hint was only in each skipped `Outcome.reason`, which the command
never prints: its summary said "skipped 1 (already stored)" and nothing more.

Every sentence here is invented."""

from __future__ import annotations

from pathlib import Path

from test_corpus_cli import run


def test_a_plain_reingest_of_a_layout_document_hints_at_reprocess(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    f = tmp_path / "a.txt"
    f.write_text("Lady Marrowick went to tbe mill at Ortelby on 3 May 1911.\n")
    code, _, err = run("ingest", str(f), "--db", db, "--no-repair", "-q")
    assert code == 0 and "ingested 1" in err
    code, _, err = run("ingest", str(f), "--db", db, "-q")
    assert code == 0 and "skipped 1" in err
    assert "1 of them made by another pipeline version or with fewer stages: --reprocess" in err
    # stored as deep as this run goes: no hint
    code, _, err = run("ingest", str(f), "--db", db, "--no-repair", "-q")
    assert code == 0 and "skipped 1" in err and "--reprocess" not in err
