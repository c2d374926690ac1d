"""`archivist process -o DIR` with two inputs of one file name (a/x.txt, b/x.txt): each
result gets its own file, and the command says which."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from archivist.cli import app
from archivist.process import output_names

runner = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_same_file_name_in_two_folders_gives_two_results(tmp_path: Path) -> None:
    a = _write(tmp_path / "a" / "x.txt", "The first letter was sent in May.\n")
    b = _write(tmp_path / "b" / "x.txt", "A second letter followed in June.\n")
    out = tmp_path / "out"
    res = runner.invoke(app, ["process", str(a), str(b), "-o", str(out), "--format", "text"])
    assert res.exit_code == 0, res.output
    written = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    assert sorted(written) == ["a_x.txt.txt", "b_x.txt.txt"]
    assert "first letter" in written["a_x.txt.txt"]
    assert "second letter" in written["b_x.txt.txt"]
    # the command names where each renamed result went, one line each
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2
    assert str(a) in lines[0] and "a_x.txt.txt" in lines[0]


def test_unique_names_are_kept_and_nothing_is_said(tmp_path: Path) -> None:
    a = _write(tmp_path / "a" / "x.txt", "One.\n")
    b = _write(tmp_path / "b" / "y.txt", "Two.\n")
    out = tmp_path / "out"
    res = runner.invoke(app, ["process", str(a), str(b), "-o", str(out), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["x.txt.json", "y.txt.json"]
    assert res.stderr.strip() == ""


def test_renamed_result_does_not_take_another_inputs_name(tmp_path: Path) -> None:
    files = [tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", tmp_path / "c" / "a_x.txt"]
    names = output_names(files, ".json")
    assert len(set(names.values())) == 3


def test_same_file_twice_keeps_one_name(tmp_path: Path) -> None:
    f = tmp_path / "a" / "x.txt"
    names = output_names([f, tmp_path / "a" / ".." / "a" / "x.txt"], ".txt")
    assert set(names.values()) == {"x.txt.txt"}


def test_deeper_folders_tell_apart_what_the_nearest_do_not(tmp_path: Path) -> None:
    files = [tmp_path / "p" / "a" / "x.txt", tmp_path / "q" / "a" / "x.txt"]
    assert sorted(output_names(files, ".xml").values()) == ["p_a_x.txt.xml", "q_a_x.txt.xml"]


def test_review11b_counter_name_is_not_another_inputs_name(tmp_path: Path) -> None:
    # a_x.txt was renamed "a_x-2.txt.json", the very name of the input a_x-2.txt's result
    files = [tmp_path / "a_x-2.txt", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt",
             tmp_path / "a_x.txt"]
    names = output_names(files, ".json")
    assert len(set(names.values())) == 4, names


def test_review11b_names_alike_but_for_case_get_apart(tmp_path: Path) -> None:
    # on a case-insensitive file system (macOS, Windows) "X.txt.json" overwrites "x.txt.json"
    import unicodedata

    e1, e2 = (unicodedata.normalize(f, "é.txt") for f in ("NFC", "NFD"))
    for files in ([tmp_path / "a" / "X.txt", tmp_path / "b" / "x.txt"],
                  [tmp_path / "a" / "X.txt", tmp_path / "a" / "x.txt"],
                  [tmp_path / "a" / e1, tmp_path / "b" / e2]):
        names = output_names(files, ".json")
        folded = {unicodedata.normalize("NFC", n).casefold() for n in names.values()}
        assert len(folded) == 2, names
        assert all(len(n) < 20 for n in names.values()), names
