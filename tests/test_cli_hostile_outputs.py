"""CLI exports and look-ups on hostile input: CSV cells a spreadsheet would run as
formulas, document references the database cannot even look up."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archivist.cli import app

runner = CliRunner()
FORMULA = ("=", "+", "-", "@")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus holding one document whose name and text start like formulas."""
    root = tmp_path_factory.mktemp("csvinj")
    docs = root / "docs"
    docs.mkdir()
    (docs / "=cmd.txt").write_text(
        '=HYPERLINK("http://example.invalid","x") wrote the bailiff.\n\n'
        "@SUM(A1) was the bailiff's other note.\n", encoding="utf-8")
    db = root / "c.db"
    res = runner.invoke(app, ["ingest", str(docs), "--db", str(db), "--no-nlp", "-q"])
    assert res.exit_code == 0, res.output
    return db


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _assert_inert(text: str) -> None:
    cells = _cells(text)
    assert any("HYPERLINK" in c for c in cells) or any("cmd" in c for c in cells)
    assert [c for c in cells if c.startswith(FORMULA)] == []


def test_search_csv_cells_cannot_be_formulas(hostile_db: Path) -> None:
    res = runner.invoke(app, ["search", "bailiff", "--db", str(hostile_db), "--csv"])
    assert res.exit_code == 0, res.output
    _assert_inert(res.stdout)
    # the text is still there, behind the apostrophe a spreadsheet hides
    assert any(c.startswith("'=HYPERLINK(") for c in _cells(res.stdout))


def test_exported_csv_tables_cannot_hold_formulas(hostile_db: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", "--format", "csv", "--db", str(hostile_db),
                              "-o", str(tmp_path / "all")])
    assert res.exit_code == 0, res.output
    _assert_inert((tmp_path / "all" / "documents.csv").read_text(encoding="utf-8"))
    res = runner.invoke(app, ["export", "--format", "csv", "--db", str(hostile_db),
                              "--query", "bailiff", "-o", str(tmp_path / "hits")])
    assert res.exit_code == 0, res.output
    _assert_inert((tmp_path / "hits" / "hits.csv").read_text(encoding="utf-8"))


def test_show_of_an_id_too_big_for_the_database_is_not_found(hostile_db: Path) -> None:
    res = runner.invoke(app, ["show", "9" * 25, "--db", str(hostile_db)])
    assert res.exit_code == 2
    assert "no such document" in res.stderr and "internal error" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


# -- output folders and files that cannot be written --------------------------------------

def _one_line_no_traceback(stderr: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "internal error" not in stderr and "Traceback" not in stderr


def test_process_into_a_folder_that_cannot_be_made_is_bad_usage(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("The bailiff wrote to the clerk.\n", encoding="utf-8")
    blocked = tmp_path / "plain-file"
    blocked.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["process", str(src), "--format", "text",
                              "-o", str(blocked / "out")])
    assert res.exit_code == 2
    _one_line_no_traceback(res.stderr)
    assert str(blocked / "out") in res.stderr


def test_an_unwritable_result_fails_that_document_only(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for p in (a, b):
        p.write_text("The bailiff wrote to the clerk.\n", encoding="utf-8")
    out = tmp_path / "out"
    (out / "a.txt.txt").mkdir(parents=True)  # a folder where a's result should go
    res = runner.invoke(app, ["process", str(a), str(b), "--format", "text", "-o", str(out)])
    assert res.exit_code == 1
    _one_line_no_traceback(res.stderr)
    assert str(a) in res.stderr
    assert (out / "b.txt.txt").read_text(encoding="utf-8").startswith("The bailiff")


def test_export_of_a_document_with_a_long_name(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    stem = "letter-" + "x" * 244  # 251 characters: with the id and ".json", too long
    (docs / f"{stem}.txt").write_text("The bailiff wrote to the clerk.\n", encoding="utf-8")
    db = tmp_path / "c.db"
    assert runner.invoke(app, ["ingest", str(docs), "--db", str(db), "--no-nlp",
                               "-q"]).exit_code == 0
    for fmt in ("json", "tei"):
        res = runner.invoke(app, ["export", "--format", fmt, "--db", str(db),
                                  "-o", str(tmp_path / fmt)])
        assert res.exit_code == 0, res.stderr
        [written] = list((tmp_path / fmt).iterdir())
        assert written.name.startswith("1_letter-x") and len(written.name.encode()) <= 255


def test_a_database_error_spanning_lines_is_reported_in_one(tmp_path: Path) -> None:
    # psycopg's "connection refused" message has a second line ("Is the server running")
    res = runner.invoke(app, ["search", "bailiff", "--db",
                              "postgresql://nobody@127.0.0.1:1/none?connect_timeout=5"])
    assert res.exit_code == 2
    _one_line_no_traceback(res.stderr)


@pytest.mark.parametrize("args", [
    ["search", "bailiff", "--limit", "-5"], ["search", "bailiff", "--limit", "9" * 20],
    ["search", "bailiff", "--context", "9" * 20], ["quantities", "--limit", "-1"],
    ["quantities", "--limit", "9" * 20], ["lexicon", "--limit", "9" * 20],
    ["export", "--query", "bailiff", "--limit", "9" * 20]])
def test_out_of_range_counts_are_bad_usage(hostile_db: Path, args: list[str]) -> None:
    # a negative limit silently answered nothing; a 20-digit one overflowed SQLite
    res = runner.invoke(app, [*args, "--db", str(hostile_db)])
    assert res.exit_code == 2, res.output
    _one_line_no_traceback(res.stderr)
    assert "must be between" in res.stderr
