"""Bad files among good ones: each bad file fails alone, with its one-line reason,
and the good ones are stored, in this process and in a process pool."""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest

from archivist.errors import InputError
from archivist.ingest.xmlsafe import UnsafeXML
from archivist.store import open_store
from archivist.store.ingest import WorkerError, _portable, _reason, ingest


def _folder(root: Path) -> Path:
    root.mkdir()
    (root / "good1.txt").write_text("The border guards of Varnakovo met at the river.\n")
    (root / "good2.txt").write_text("Varnakovo again, a second document.\n")
    (root / "empty.txt").write_bytes(b"")
    (root / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    (root / "cut.alto").write_bytes(b"<alto><Layout><Page><TextBlock><String CONTENT='ab")
    return root


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_files_fail_alone(tmp_path: Path, workers: int) -> None:
    # with workers=2 an InputError raised in a worker once could not be unpickled
    # in the parent: BrokenProcessPool, and every file of the batch failed
    folder = _folder(tmp_path / "docs")
    with open_store(str(tmp_path / "c.db")) as st:
        outs = {Path(o.path).name: o for o in ingest(st, [folder], workers=workers,
                                                     no_nlp=True)}
        assert outs["good1.txt"].status == outs["good2.txt"].status == "done"
        for bad in ("empty.txt", "junk.txt", "broken.pdf", "cut.alto"):
            o = outs[bad]
            assert o.status == "failed", o
            assert "\n" not in o.reason and "BrokenProcessPool" not in o.reason, o
        assert outs["empty.txt"].reason == "is empty"
        assert len(st.search("Varnakovo", limit=10).hits) == 2


@pytest.mark.parametrize("exc", [InputError("a.txt", "is empty"),
                                 UnsafeXML("b.xml", "declares XML entities")])
def test_input_errors_pickle(exc: InputError) -> None:
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc)
    assert (back.path, back.problem, str(back)) == (exc.path, exc.problem, str(exc))


class _TwoArgs(Exception):
    """Cannot travel either way: plain pickle calls __init__ with the one joined
    message; tblib's (installed once dask.distributed is imported) pickles the lock."""

    def __init__(self, a: str, b: str) -> None:
        super().__init__(f"{a} and {b}")
        self.lock = threading.Lock()


def test_unpicklable_worker_exception_travels_as_its_message() -> None:
    out = _portable(_TwoArgs("x", "y"))
    assert isinstance(out, WorkerError)
    assert _reason("f.txt", out) == "_TwoArgs: x and y"
    kept = ValueError("plain")
    assert _portable(kept) is kept


def test_reader_error_travels_without_its_cause_even_with_tblib(tmp_path: Path) -> None:
    # dask.distributed installs tblib's exception pickling, which pickles __cause__
    # too: an InputError raised from lxml's XMLSyntaxError (its error log does not
    # pickle) then broke the pool as well
    import tblib.pickling_support

    from archivist.store.ingest import prepare_in_worker

    tblib.pickling_support.install()
    bad = tmp_path / "cut.alto"
    bad.write_bytes(b"<alto><Layout><Page><TextBlock><String CONTENT='ab")
    with pytest.raises(InputError) as info:
        prepare_in_worker(str(bad), "no-nlp")
    back = pickle.loads(pickle.dumps(info.value))
    assert isinstance(back, InputError) and back.problem.startswith("is not well-formed XML")


def _dies_on_kill(path: str, depth: str = "full", threshold: float = 0.5,  # noqa: ANN202
                  lexicon: object = None, max_ocr_pages: int | None = None):
    import os

    from store_helpers import doc_json, make_doc

    from archivist.store.record import build_record

    if "kill" in Path(path).name:
        os._exit(3)  # what a crash in a C library or the OOM killer looks like
    # a hand-made document, not the pipeline: each restarted worker would load it
    return build_record(doc_json(make_doc(Path(path).stem, [Path(path).read_text()])))


from archivist.store import ingest as _ingest_mod  # noqa: E402


def test_a_worker_that_dies_fails_only_its_own_file(tmp_path: Path, monkeypatch) -> None:
    # a dead worker broke the pool: every file in flight and every later one failed
    # with BrokenProcessPool. The pool is restarted and the files that were in
    # flight are retried alone.
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched function reaches the workers only when they are forked")
    monkeypatch.setattr(_ingest_mod, "prepare_record", _dies_on_kill)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.txt").write_text(f"Document {i} about Varnakovo.\n")
    (folder / "d2_kill.txt").write_text("This one kills its worker.\n")
    with open_store(str(tmp_path / "c.db")) as st:
        outs = {Path(o.path).name: o for o in ingest(st, [folder], workers=2, no_nlp=True)}
        assert outs["d2_kill.txt"].status == "failed", outs
        assert "died" in outs["d2_kill.txt"].reason
        assert sorted(n for n, o in outs.items() if o.status == "done") == [
            f"d{i}.txt" for i in range(6)], outs
        assert st.stats()["documents"] == 6
        # ...and the others are stored in the files' order, as one process would
        stored = [Path(r[0]).name for r in st.rows("SELECT path FROM documents ORDER BY id")]
        assert stored == [f"d{i}.txt" for i in range(6)]
