"""`archivist ingest` repairs real-word errors against the corpus's own word pairs,
on both backends: one snapshot per run whatever the workers, `--no-lexicon` leaves
the text as read, and `archivist lexicon -o` gives `process --lexicon` the same repair.

Every sentence here is invented: two reports print "kettle sang" clean (a pair the
shipped bigram list lacks); a third reads "sag" for "sang" (a short word: a content
word of 4+ letters read as a rarer one, "song" for "sang", is only suggested)."""

from __future__ import annotations

from pathlib import Path

from store_helpers import process_agrees_with_ingest, saved_lexicon, stored_text, write
from typer.testing import CliRunner

from archivist.cli import app
from archivist.store import Store, open_store
from archivist.store.ingest import ingest

runner = CliRunner()

CLEAN = ("Household notes, number {i}.\n\n"
         "At dusk the copper kettle sang beside the hearth while the family waited for "
         "supper.\nLater the kettle sang beside the window again.\n")
GARBLED = ("Household notes, number nine.\n\n"
           "At dawn the old kettle sag beside the stove and nobody came.\n")
OTHER = ("Household notes, number ten.\n\n"
         "The small kettle sag beside the door until noon.\n")


def seed(store: Store, tmp_path: Path) -> None:
    clean = [write(tmp_path / "clean", f"c{i}.txt", CLEAN.format(i=i)) for i in (1, 2)]
    outs = ingest(store, clean, no_nlp=True)
    assert [o.status for o in outs] == ["done", "done"]
    assert store.lexicon().pair_count("kettle", "sang") == 4


def test_a_real_word_error_is_read_as_the_corpus_prints_it(db_url: str, tmp_path: Path
                                                           ) -> None:
    garbled = write(tmp_path, "g.txt", GARBLED)
    with open_store(db_url) as st:
        seed(st, tmp_path)
        (out,) = ingest(st, [garbled], no_nlp=True)
        assert "old kettle sang beside" in stored_text(st, garbled)
        assert st.lexicon_digest(out.doc_id) is not None


def test_no_lexicon_leaves_it(db_url: str, tmp_path: Path) -> None:
    garbled = write(tmp_path, "g.txt", GARBLED)
    with open_store(db_url) as st:
        seed(st, tmp_path)
    r = runner.invoke(app, ["ingest", str(garbled), "--db", db_url, "--no-nlp",
                            "--no-lexicon", "-q"])
    assert r.exit_code == 0, r.output
    with open_store(db_url) as st:
        assert "old kettle sag beside" in stored_text(st, garbled)


def test_one_or_two_workers_give_the_same_text(db_url: str, tmp_path: Path) -> None:
    files = [write(tmp_path, "g.txt", GARBLED), write(tmp_path, "o.txt", OTHER)]
    runs = []
    with open_store(db_url) as st:
        seed(st, tmp_path)
        before = st.pair_rows()
        for workers in (1, 2):
            outs = ingest(st, files, workers=workers, no_nlp=True)
            assert [o.status for o in outs] == ["done", "done"], outs
            runs.append([(stored_text(st, f), st.lexicon_digest(o.doc_id))
                         for f, o in zip(files, outs, strict=True)])
            for o in outs:  # out again: the pair table as it was
                st.delete(o.doc_id)
            assert st.pair_rows() == before
    assert runs[0] == runs[1]
    assert "kettle sang beside the stove" in runs[0][0][0]
    assert "kettle sang beside the door" in runs[0][1][0]


def test_lexicon_file_gives_process_the_same_repair_as_ingest(db_url: str, tmp_path: Path
                                                              ) -> None:
    garbled = write(tmp_path, "g.txt", GARBLED)
    lex_file = tmp_path / "lex.json"
    with open_store(db_url) as st:
        seed(st, tmp_path)
        snapshot = st.lexicon()
    saved = saved_lexicon(db_url, lex_file)
    assert saved == snapshot and saved.pair_count("kettle", "sang") == 4
    assert "kettle sang beside" in process_agrees_with_ingest(db_url, lex_file, garbled)
