"""The command line as a user drives it: process, its JSON contract, and eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archivist.cli import app
from archivist.schema import validate_document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

runner = CliRunner()


def test_process_json_validates_and_keeps_original(samples):
    for path in samples:
        res = runner.invoke(app, ["process", str(path), "--format", "json"])
        assert res.exit_code == 0, res.output
        out = json.loads(res.stdout)
        validate_document(out)
        assert out["original"] == path.read_text(encoding="utf-8")
        assert out["schema"] == "archivist/1"


def test_schema_rejects_a_broken_document(processed_samples):
    import jsonschema

    doc = next(iter(processed_samples.values())).to_json()
    doc["notes"] = [{"n": 7}]  # no text, anchor or offsets
    with pytest.raises(jsonschema.ValidationError):
        validate_document(doc)


def test_every_edit_quotes_original(processed_samples):
    from archivist.model import check_edits

    for doc in processed_samples.values():
        check_edits(doc.original, doc.edits)


def test_process_writes_one_file_per_input(samples, tmp_path: Path):
    res = runner.invoke(app, ["process", *map(str, samples), "-o", str(tmp_path),
                              "--format", "text"])
    assert res.exit_code == 0, res.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(p.name + ".txt" for p in samples)


def test_unknown_format_is_bad_usage(samples):
    res = runner.invoke(app, ["process", str(samples[0]), "--format", "docx"])
    assert res.exit_code == 2


def test_missing_file_does_not_stop_the_batch(samples, tmp_path: Path):
    res = runner.invoke(app, ["process", str(tmp_path / "nope.txt"), str(samples[0]),
                              "--format", "text"])
    assert res.exit_code == 1
    assert "nope.txt" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert res.stdout.strip()  # the good file was still processed


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared/gold not beside the repo")
def test_eval_scorecard_json():
    res = runner.invoke(app, ["eval", str(SHARED / "gold"), str(SHARED / "seeds"), "--json"])
    assert res.exit_code == 0, res.output
    cards = json.loads(res.stdout)
    assert {c["document"] for c in cards} == {p.name for p in (SHARED / "seeds").glob("*.txt")}
    for c in cards:
        assert 0 <= c["body_cer"] <= c["raw_cer"] + 0.05
        assert c["corrections"]["total"] > 0


def test_eval_metrics_on_a_hand_made_case():
    from archivist.evaluate import evaluate_document

    gold = {"source": "x", "body_paragraphs": ["The cat sat."],
            "corrections": [{"raw": "cta", "expected": "cat", "also_acceptable": []}],
            "keep": ["sat"],
            "dates": [{"text": "8th or 9th of May", "value": "1938-05-08/1938-05-09"}]}
    doc = {"original": "The cta sat.", "text": "The cat sat.", "notes": [], "edits": [],
           "dates": [{"text": "8th or 9th of May", "value": "[1938-05-08,1938-05-09]"}]}
    r = evaluate_document(gold, doc, "The cta sat.", 0.0)
    assert r["body_cer"] == 0 and r["raw_cer"] > 0
    assert r["corrections"]["right"] == 1 and r["keep"]["kept"] == 1
    assert r["dates"]["right"] == 1
    doc["text"] = "The cta sat."
    r = evaluate_document(gold, doc, "The cta sat.", 0.0)
    assert r["corrections"]["right"] == 0


def test_correction_must_be_right_where_it_stood():
    """A right word elsewhere does not make a wrong reading right."""
    from archivist.evaluate import corrections_in_place, evaluate_document, word_edges
    from archivist.model import Document, Source

    doc = Document("the marning came. a warning", Source("t", "0" * 64, "text"))
    v = doc.body_view()
    doc.add_edits([v.edit("t", 4, 11, "morning")])
    gold = [{"raw": "marning", "expected": "warning", "also_acceptable": []}]
    assert corrections_in_place(gold, doc)["right"] == 0
    loose = evaluate_document({"corrections": gold}, doc.to_json(), doc.original, 0, doc)
    assert loose["corrections"]["right"] == 1  # the README's rule is satisfied
    assert loose["corrections_in_place"]["right"] == 0
    # a raw that begins after a line-end hyphen begins inside a word
    assert word_edges("tion.x", "Reconsidera-\ntion.x") == (False, True)
    assert word_edges("tudying", "of tudying it") == (True, True)


def test_an_internal_error_is_one_line_unless_debug(monkeypatch, capsys, tmp_path):
    import archivist.corpus_cli as corpus_cli
    from archivist import cli

    def broken(*args, **kwargs):
        raise RuntimeError("something we did not foresee")

    monkeypatch.setattr(corpus_cli, "_open", broken)
    monkeypatch.setattr("sys.argv", ["archivist", "entities", "--db", str(tmp_path / "c.db")])
    with pytest.raises(SystemExit) as ex:
        cli.main()
    err = capsys.readouterr().err
    assert ex.value.code == 1
    assert err.count("\n") == 1 and "internal error: RuntimeError" in err
    monkeypatch.setattr("sys.argv", ["archivist", "--debug", "entities", "--db",
                                     str(tmp_path / "c.db")])
    with pytest.raises(RuntimeError):
        cli.main()


def test_python_dash_m_runs_the_same_cli():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "archivist", "--help"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and "process" in out.stdout
