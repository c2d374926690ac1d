"""`archivist ingest` repairs against the corpus lexicon, on both backends: one
snapshot per run, whatever the workers; a reprocessed document does not vouch for
itself; `archivist lexicon -o` gives `process --lexicon` the same repair.

Every name and sentence here is invented ("Drobyshev" is printed clean by three
reports; a fourth has one copy with "c" read for "e")."""

from __future__ import annotations

import json
from pathlib import Path

from store_helpers import (
    doc_json,
    make_doc,
    process_agrees_with_ingest,
    saved_lexicon,
    stored_text,
    write,
)
from typer.testing import CliRunner

from archivist import PIPELINE_VERSION
from archivist.cli import app
from archivist.store import Store, open_store
from archivist.store.ingest import ingest

runner = CliRunner()

CLEAN = ("Report number {i} from the northern district.\n\n"
         "The envoy Drobyshev arrived at the station in the morning. Drobyshev spoke with "
         "the\ngovernor about the harvest and the roads. Later Drobyshev wrote to the "
         "ministry that\nthe bridges were in poor repair and the villages needed grain.\n")
GARBLED = ("Report number four from the southern district.\n\n"
           "The committee met again on Tuesday and heard the letter of Drobyshcv about the\n"
           "shortage of grain in the villages, the state of the bridges and the roads.\n")
OTHER = ("Report number five from the eastern district.\n\n"
         "The ferry at the river crossing was closed by ice, and Drobyshcv ordered the\n"
         "carts to wait at the inn until the thaw.\n")


def seed_corpus(store: Store, n: int = 3) -> None:
    """Three stored reports printing the surname clean (hand-built: no pipeline)."""
    for i in range(n):
        store.add(doc_json(make_doc(f"clean{i}", [CLEAN.format(i=i + 1)])), "t")


def test_a_garbled_copy_is_repaired_to_the_corpus_surname(db_url: str, tmp_path: Path
                                                          ) -> None:
    clean = [write(tmp_path / "a", f"r{i}.txt", CLEAN.format(i=i)) for i in (1, 2, 3)]
    garbled = write(tmp_path / "b", "r4.txt", GARBLED)
    r = runner.invoke(app, ["ingest", *map(str, clean), "--db", db_url, "--no-nlp",
                            "--workers", "1", "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["lexicon", "--db", db_url, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"form": "drobyshev", "n": 9, "docs": 3}]
    with open_store(db_url) as st:
        before = st.lexicon()
        assert before.count("drobyshev") == 9
    r = runner.invoke(app, ["ingest", str(garbled), "--db", db_url, "--no-nlp", "--workers",
                            "1", "-q"])
    assert r.exit_code == 0, r.output
    with open_store(db_url) as st:
        text = stored_text(st, garbled)
        assert "letter of Drobyshev about" in text and "Drobyshcv" not in text
        (doc_id,) = st.rows("SELECT id FROM documents WHERE path = ?", (str(garbled),))[0]
        assert st.lexicon_digest(int(doc_id)) == before.digest  # the snapshot it read
        assert st.lexicon().count("drobyshev") == 10  # and it now counts itself


def test_no_lexicon_and_a_run_s_own_documents_leave_it(db_url: str, tmp_path: Path) -> None:
    garbled = write(tmp_path, "r4.txt", GARBLED)
    with open_store(db_url) as st:
        seed_corpus(st)
        outs = ingest(st, [garbled], lexicon=False, no_nlp=True)
        assert [o.status for o in outs] == ["done"]
        assert "letter of Drobyshcv about" in stored_text(st, garbled)
        assert st.lexicon_digest(outs[0].doc_id) is None
    # a snapshot is read before the run: reports stored in the same run do not count
    with open_store(str(tmp_path / "fresh.db")) as st:
        clean = [write(tmp_path / "a", f"r{i}.txt", CLEAN.format(i=i)) for i in (1, 2, 3)]
        ingest(st, [*clean, garbled], no_nlp=True)
        assert "letter of Drobyshcv about" in stored_text(st, garbled)


def test_an_empty_corpus_gives_exactly_the_output_without_a_lexicon(tmp_path: Path) -> None:
    garbled = write(tmp_path, "r4.txt", GARBLED)
    got = []
    for name, use in (("on.db", True), ("off.db", False)):
        with open_store(str(tmp_path / name)) as st:
            (out,) = ingest(st, [garbled], lexicon=use, no_nlp=True)
            got.append(st.document_json(out.doc_id))
            assert st.lexicon_digest(out.doc_id) is None
    assert got[0] == got[1]


def test_the_same_bytes_give_the_same_text_with_one_or_two_workers(db_url: str,
                                                                   tmp_path: Path) -> None:
    files = [write(tmp_path, "r4.txt", GARBLED), write(tmp_path, "r5.txt", OTHER)]
    runs = []
    with open_store(db_url) as st:
        seed_corpus(st)
        table = st.rows("SELECT form, n, docs FROM lexicon ORDER BY form")
        for workers in (1, 2):
            outs = ingest(st, files, workers=workers, no_nlp=True)
            assert [o.status for o in outs] == ["done", "done"], outs
            runs.append([(stored_text(st, f), st.lexicon_digest(o.doc_id))
                         for f, o in zip(files, outs, strict=True)])
            for o in outs:  # out again: the corpus (and its lexicon) as it was
                st.delete(o.doc_id)
            assert st.rows("SELECT form, n, docs FROM lexicon ORDER BY form") == table
    assert runs[0] == runs[1]
    assert "letter of Drobyshev about" in runs[0][0][0]
    assert "and Drobyshev ordered" in runs[0][1][0]
    assert runs[0][0][1] == runs[0][1][1] is not None  # one snapshot for the run


def test_dask_repairs_against_the_same_snapshot(tmp_path: Path) -> None:
    from dask.distributed import Client

    garbled = write(tmp_path, "r4.txt", GARBLED)
    with open_store(str(tmp_path / "c.db")) as st, \
            Client(processes=False, dashboard_address=None) as client:
        seed_corpus(st)
        snapshot = st.lexicon()
        (out,) = ingest(st, [garbled], dask=client, no_nlp=True)
        assert out.status == "done", out
        assert "letter of Drobyshev about" in stored_text(st, garbled)
        assert st.lexicon_digest(out.doc_id) == snapshot.digest


def test_a_reprocessed_document_does_not_vouch_for_itself(db_url: str, tmp_path: Path
                                                          ) -> None:
    garbled = write(tmp_path, "r4.txt", GARBLED)
    assert PIPELINE_VERSION != "old"  # (the stored version's number)
    with open_store(db_url) as st:
        # one report prints the surname three times; the garbled report's own earlier
        # reading, stored by an older pipeline, printed it repaired: two documents
        st.add(doc_json(make_doc("clean", [CLEAN.format(i=1)])), "t")
        mine = doc_json(make_doc("r4", [GARBLED], fixes={"Drobyshcv": "Drobyshev"}))
        mine["source"]["path"] = str(garbled)
        st.add(mine, "old-no-nlp")  # (as deep as the runs below: they may redo it)
        assert st.lexicon().count("drobyshev") == 4  # a term only thanks to itself
        (out,) = ingest(st, [garbled], reprocess=True, no_nlp=True)
        assert out.status == "reprocessed", out
        assert "letter of Drobyshcv about" in stored_text(st, garbled)
        assert st.lexicon_digest(out.doc_id) is None  # nothing was left to read
        # with a second clean report the rest of the corpus attests it
        st.add(doc_json(make_doc("clean2", [CLEAN.format(i=2)])), "t")
        with st.transaction() as cur:
            st.x(cur, "UPDATE documents SET pipeline_version = 'old-no-nlp' WHERE id = ?",
                 (out.doc_id,))
        (out,) = ingest(st, [garbled], reprocess=True, no_nlp=True)
        assert out.status == "reprocessed", out
        assert "letter of Drobyshev about" in stored_text(st, garbled)


def test_lexicon_file_gives_process_the_same_repair_as_ingest(db_url: str, tmp_path: Path
                                                              ) -> None:
    garbled = write(tmp_path, "r4.txt", GARBLED)
    lex_file = tmp_path / "lex.json"
    with open_store(db_url) as st:
        seed_corpus(st)
    saved = saved_lexicon(db_url, lex_file)
    assert dict(saved.forms) == {"drobyshev": (9, 3)}
    assert "Drobyshev about" in process_agrees_with_ingest(db_url, lex_file, garbled)


def test_lexicon_listing(db_url: str) -> None:
    with open_store(db_url) as st:
        seed_corpus(st, 2)
        st.add(doc_json(make_doc("once", ["Only Tervanets came, and Tervanets left."])), "t")
    r = runner.invoke(app, ["lexicon", "--db", db_url])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["form", "occurrences", "documents"]
    assert [ln.split() for ln in lines[1:]] == [["drobyshev", "6", "2"]]  # one document: no
    r = runner.invoke(app, ["lexicon", "--db", db_url, "--limit", "0", "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []
