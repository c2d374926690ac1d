"""review10b: small faults other helpers reported in the store and ingest.

* `Store.resolve` of a 20+-digit id raised OverflowError (SQLite's integers are 64
  bit): it is no such document, on both backends; so is `document_json` of one.
* ingesting a folder left out the files no reader takes (".docx", ".rtf") without a
  word: they are now outcomes of their own, and the summary line counts them."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import doc_json, make_doc
from typer.testing import CliRunner

from archivist.store import Store
from archivist.store.ingest import discover


@pytest.mark.parametrize("ref", ["9" * 20, "1" + "0" * 19, str(2**63), "²", "00001"])
def test_resolve_of_an_impossible_id_is_no_document(store: Store, ref: str) -> None:
    store.add(doc_json(make_doc("a", ["One page of text."])), "t")
    assert store.resolve(ref) in (None, 1)  # "00001" is id 1; the others none
    if ref != "00001":
        assert store.resolve(ref) is None


def test_resolve_still_finds_an_id(store: Store) -> None:
    i = store.add(doc_json(make_doc("a", ["One page of text."])), "t")
    assert store.resolve(str(i)) == i
    assert store.resolve(str(2**63 - 1)) is None


def test_document_json_of_a_huge_id_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.document_json(10**20)
    with pytest.raises(KeyError):
        store.document(-(10**20))


def _folder(tmp_path: Path) -> Path:
    top = tmp_path / "in"
    (top / "sub").mkdir(parents=True)
    (top / "a.txt").write_text("A short letter about the harvest.\n", encoding="utf-8")
    (top / "b.docx").write_bytes(b"PK\x03\x04 not really")
    (top / "sub" / "c.rtf").write_text("{\\rtf1 hello}", encoding="utf-8")
    (top / "sub" / "d.docx").write_bytes(b"PK\x03\x04")
    (top / ".DS_Store").write_bytes(b"\0\0")
    (top / ".git").mkdir()
    (top / ".git" / "HEAD").write_text("ref: x\n", encoding="utf-8")
    return top


def test_discover_names_the_unsupported_files_of_a_folder(tmp_path: Path) -> None:
    files, outcomes = discover([_folder(tmp_path)])
    assert [f.name for f in files] == ["a.txt"]
    got = sorted((Path(o.path).name, o.status) for o in outcomes)
    assert got == [("b.docx", "unsupported"), ("c.rtf", "unsupported"),
                   ("d.docx", "unsupported")]  # hidden files are not reported
    assert all(".docx" in o.reason or ".rtf" in o.reason for o in outcomes)


def test_ingest_summary_counts_the_files_left_out(tmp_path: Path) -> None:
    from archivist.cli import app

    db = tmp_path / "c.db"
    res = CliRunner().invoke(app, ["ingest", str(_folder(tmp_path)), "--db", str(db),
                                   "--no-nlp", "-q", "--workers", "1"])
    assert res.exit_code == 0, res.output
    last = [ln for ln in res.output.splitlines() if ln.startswith("ingested")]
    assert len(last) == 1
    assert last[0].startswith("ingested 1,")
    assert "not ingested 3 (unsupported file type: .docx 2, .rtf 1)" in last[0]
