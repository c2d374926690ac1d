"""The corpus commands end to end, on the seeds through the real pipeline, on both
backends; plus ingest with a process pool and with dask."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archivist.cli import app

# the repository's samples/ are copies of the seed documents
SEEDS = Path(__file__).resolve().parents[2] / "samples"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="sample documents not present")
runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
    else CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, getattr(r, "stderr", "") if r.stderr_bytes is not None else ""


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Seeds processed once (real pipeline), then copied into each backend below."""
    from archivist.store.ingest import prepare

    return {p.name: json.dumps(prepare(str(p))) for p in sorted(SEEDS.glob("*.txt"))}


def test_seed_corpus_targets(db_url: str, seeded: dict[str, str]) -> None:
    from archivist import PIPELINE_VERSION
    from archivist.store import open_store

    with open_store(db_url) as st:
        for js in seeded.values():
            st.add(json.loads(js), PIPELINE_VERSION)
    code, out, _ = run("search", "Shigemitsu", "--db", db_url, "--json", "--limit", "60")
    assert code == 0
    res = json.loads(out)
    hits = res["hits"]
    assert {h["doc"] for h in hits} == {"003_07f6514925dd1fad"}
    forms = {h["original"] or h["match"] for h in hits}
    assert {"SHIGHMITSU", "Shigemit'su"} <= forms
    assert all({"doc", "page", "start", "end", "snippet"} <= set(h) for h in hits)
    code, out, _ = run("search", "Khunchun", "--db", db_url, "--json")
    assert "Hunch'un" in {h["match"] for h in json.loads(out)["hits"]}
    code, out, _ = run("timeline", "--db", db_url, "--json")
    dates = [e["date"] for e in json.loads(out)]
    wanted = [d for d in dates if d in ("1938-07-29", "1938-08-04", "1938-08-07")]
    assert sorted(set(wanted)) == ["1938-07-29", "1938-08-04", "1938-08-07"]
    assert wanted == sorted(wanted)
    code, out, _ = run("entities", "--db", db_url, "--json", "--type", "PERSON")
    shig = [e for e in json.loads(out)
            if any("shigemit" in f.lower().replace("'", "") for f in [e["name"], *e["variants"]])]
    assert len(shig) == 1 and len(shig[0]["variants"]) + 1 >= 3


def test_ingest_is_idempotent_and_reports_failures(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    src = tmp_path / "docs"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("The Soviet side protested about Grodekovo.\n")
    (src / "sub" / "b.txt").write_text("Litvinov wrote to Moscow on 4 August 1938.\n")
    (src / "ignored.bin").write_bytes(b"\x00\x01")
    (src / "empty.txt").write_text("")
    code, _, err = run("ingest", str(src), "--db", db, "--no-nlp")
    assert code == 1  # empty.txt failed, the others are stored
    assert "empty.txt" in err and "ingested 2" in err
    code, _, err = run("ingest", str(src / "a.txt"), str(src / "sub"), "--db", db)
    assert code == 0 and "ingested 0" in err and "skipped 2" in err
    code, out, _ = run("search", "Grodekovo", "--db", db, "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["doc"] for r in rows] == ["a"] and rows[0]["match"] == "Grodekovo"
    code, out, _ = run("show", "b", "--db", db)
    assert code == 0 and out.startswith("[page 1]") and "Litvinov" in out
    code, out, _ = run("show", "a", "--db", db, "--original")
    assert out == "The Soviet side protested about Grodekovo.\n"
    code, _, err = run("show", "nope", "--db", db)
    assert code == 2 and "nope" in err


def test_reprocess_only_older_pipeline_versions(tmp_path: Path, monkeypatch) -> None:
    import archivist.store.ingest as ing
    from archivist.store import open_store

    db = str(tmp_path / "c.db")
    f = tmp_path / "a.txt"
    f.write_text("Shigemitsu stated that the frontier was clear.\n")
    monkeypatch.setattr(ing, "PIPELINE_VERSION", "0")
    with open_store(db) as st:
        assert [o.status for o in ing.ingest(st, [f], no_nlp=True)] == ["done"]
    monkeypatch.setattr(ing, "PIPELINE_VERSION", "1")
    with open_store(db) as st:
        assert [o.status for o in ing.ingest(st, [f], no_nlp=True)] == ["skipped"]
        assert [o.status for o in ing.ingest(st, [f], no_nlp=True, reprocess=True)] == \
            ["reprocessed"]
        assert [o.status for o in ing.ingest(st, [f], no_nlp=True, reprocess=True)] == \
            ["skipped"]
        assert st.stats()["documents"] == 1
        assert st.documents()[0]["pipeline_version"] == "1-no-nlp"


def test_no_repair_indexes_as_printed_and_reprocess_repairs(tmp_path: Path) -> None:
    """`ingest --no-repair` stores the OCR as printed, counts nothing in the corpus
    lexicon and says so when met again; `--reprocess` then repairs and extracts it,
    and a shallower `--reprocess` never undoes a deeper document."""
    from archivist import PIPELINE_VERSION
    from archivist.store import open_store
    from archivist.store.ingest import ingest

    db = str(tmp_path / "c.db")
    f = tmp_path / "a.txt"
    f.write_text("Mr. Vaskarin went to tbe market on 4 August 1938, and Vaskarin "
                 "sold the horse.\n")
    code, _, err = run("ingest", str(f), "--db", db, "--no-repair", "-q")
    assert code == 0 and "ingested 1" in err
    with open_store(db) as st:
        doc = st.documents()[0]
        assert doc["pipeline_version"] == PIPELINE_VERSION + "-layout"
        assert st.stored_forms(doc["id"]) == {}
        assert not st.lexicon()
        assert "tbe market" in st.document_json(doc["id"])["text"]
        assert st.search("Vaskarin").hits  # indexed all the same
    code, _, err = run("ingest", str(f), "--db", db, "-q")
    assert "skipped 1" in err
    with open_store(db) as st:
        outs = ingest(st, [f])
        assert "--reprocess" in outs[0].reason
    code, _, err = run("ingest", str(f), "--db", db, "--reprocess", "-q")
    assert code == 0 and "reprocessed 1" in err
    with open_store(db) as st:
        doc = st.documents()[0]
        assert doc["pipeline_version"] == PIPELINE_VERSION
        assert "the market" in st.document_json(doc["id"])["text"]
        assert st.stored_forms(doc["id"]) == {"vaskarin": 2}
        assert st.timeline()  # extraction ran: the date is an event
    for shallower in (["--no-repair"], ["--no-nlp"]):
        code, _, err = run("ingest", str(f), "--db", db, "--reprocess", "-q", *shallower)
        assert code == 0 and "skipped 1" in err


def test_a_shallower_reprocess_never_strips_an_older_versions_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document repaired by an older pipeline version stays as it is under
    `--no-repair --reprocess` or `--no-nlp --reprocess` (they would strip its repairs
    or its entities); a full `--reprocess` redoes it."""
    import archivist.store.ingest as ing
    from archivist.store import open_store

    db = str(tmp_path / "c.db")
    f = tmp_path / "a.txt"
    f.write_text("Mr. Vaskarin went to tbe market, and Vaskarin sold the horse.\n")
    monkeypatch.setattr(ing, "PIPELINE_VERSION", "0")
    with open_store(db) as st:
        assert [o.status for o in ing.ingest(st, [f])] == ["done"]
    monkeypatch.setattr(ing, "PIPELINE_VERSION", "1")
    with open_store(db) as st:
        for kw in ({"no_repair": True}, {"no_nlp": True}):
            assert [o.status for o in ing.ingest(st, [f], reprocess=True, **kw)] == ["skipped"]
        assert st.documents()[0]["pipeline_version"] == "0"
        assert st.stored_forms(st.documents()[0]["id"]) == {"vaskarin": 2}
        assert [o.status for o in ing.ingest(st, [f], reprocess=True)] == ["reprocessed"]
        assert st.documents()[0]["pipeline_version"] == "1"


def _small_docs(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    out = []
    for i in range(n):
        p = folder / f"d{i}.txt"
        p.write_text(f"Document {i}: the border guards of Grodekovo reported quietly.\n")
        out.append(p)
    return out


def test_ingest_with_process_pool(tmp_path: Path) -> None:
    from archivist.store import open_store
    from archivist.store.ingest import ingest

    files = _small_docs(tmp_path / "docs", 4)
    with open_store(str(tmp_path / "c.db")) as st:
        outs = ingest(st, files, workers=2, no_nlp=True)
        assert sorted(o.status for o in outs) == ["done"] * 4
        assert len(st.search("Grodekovo", limit=10).hits) == 4


def test_ingest_with_dask(tmp_path: Path) -> None:
    from dask.distributed import Client

    from archivist.store import open_store
    from archivist.store.ingest import ingest

    files = _small_docs(tmp_path / "docs", 3)
    files.append(tmp_path / "missing.txt")
    with Client(processes=False, dashboard_address=None) as client, \
            open_store(str(tmp_path / "c.db")) as st:
        outs = ingest(st, files, dask=client, no_nlp=True)
        assert sorted(o.status for o in outs) == ["done", "done", "done", "failed"]
        assert st.stats()["documents"] == 3


def test_export_json_csv_and_query(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    files = _small_docs(tmp_path / "docs", 2)
    run("ingest", *map(str, files), "--db", db, "--no-nlp")
    code, out, _ = run("export", "--format", "json", "--db", db)
    docs = json.loads(out)
    assert code == 0 and len(docs) == 2 and all("_store" not in d for d in docs)
    code, _, _ = run("export", "--format", "json", "-o", str(tmp_path / "out"), "--db", db,
                     "--query", "doc:d1")
    # ids follow the files' order, whatever the number of workers
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["2_d1.json"]
    code, out, _ = run("export", "--format", "csv", "--query", "Grodekovo", "--db", db)
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2


def test_reading_commands_need_an_existing_corpus(tmp_path: Path) -> None:
    db = str(tmp_path / "none.db")
    for cmd in (["search", "x"], ["entities"], ["timeline"], ["show", "1"], ["export"]):
        code, _, err = run(*cmd, "--db", db)
        assert code == 2 and "no corpus" in err
    assert not Path(db).exists()


def test_bad_query_is_a_usage_error(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    files = _small_docs(tmp_path / "docs", 1)
    run("ingest", str(files[0]), "--db", db, "--no-nlp")
    code, _, err = run("search", "NOT border", "--db", db)
    assert code == 2 and "bad query" in err


def test_tei_export_rebuilds_documents(tmp_path: Path, seeded: dict[str, str]) -> None:
    from archivist import PIPELINE_VERSION
    from archivist.store import open_store

    db = str(tmp_path / "c.db")
    with open_store(db) as st:
        for js in seeded.values():
            st.add(json.loads(js), PIPELINE_VERSION)
    out = tmp_path / "tei"
    code, _, err = run("export", "--format", "tei", "-o", str(out), "--query", "Khunchun",
                       "--db", db)
    assert code == 0, err
    (f,) = out.iterdir()
    assert f.name.endswith("003_07f6514925dd1fad.xml")
    assert f.read_text(encoding="utf-8").startswith("<TEI")


def test_ingest_writes_in_page_batches_and_counts_pages(tmp_path: Path, monkeypatch) -> None:
    """Several transactions (batch_pages=2 pages), each document's pages reported, and
    a batch that fails to write loses only its own documents."""
    import archivist.store.ingest as ing
    from archivist.store import open_store

    files = _small_docs(tmp_path / "docs", 5)
    two = tmp_path / "two.txt"
    two.write_text("First page of the report.\fSecond page, on the border guards.\n")
    with open_store(str(tmp_path / "c.db")) as st:
        calls: list[int] = []
        real = st.add_many

        def counting(recs, version):  # type: ignore[no-untyped-def]
            calls.append(len(recs))
            if any(r.name == "d3" for r in recs):
                raise RuntimeError("disk full")
            return real(recs, version)

        monkeypatch.setattr(st, "add_many", counting)
        outs = {Path(o.path).name: o for o in ing.ingest(st, [*files, two], no_nlp=True,
                                                            batch_pages=2)}
        assert sum(calls) == 6 and len(calls) >= 3  # page-bounded batches, not one
        assert outs["two.txt"].status == "done" and outs["two.txt"].pages == 2
        assert outs["d3.txt"].status == "failed" and "disk full" in outs["d3.txt"].reason
        stored = {d["name"] for d in st.documents()}
        failed = {Path(o.path).stem for o in outs.values() if o.status == "failed"}
        assert stored == {Path(p).stem for p in [*files, two]} - failed
        assert "d0" in stored and "two" in stored


def test_ingest_batches_are_bounded_in_bytes_too(tmp_path: Path, monkeypatch) -> None:
    """Pages much longer than usual fill a batch by bytes before its page count: with
    a cap below one document's weight, each document is a batch of its own."""
    import archivist.store.ingest as ing
    from archivist.store import open_store

    files = _small_docs(tmp_path / "docs", 4)
    with open_store(str(tmp_path / "c.db")) as st:
        calls: list[int] = []
        real = st.add_many

        def counting(recs, version):  # type: ignore[no-untyped-def]
            calls.append(len(recs))
            return real(recs, version)

        monkeypatch.setattr(st, "add_many", counting)
        monkeypatch.setattr(ing, "BATCH_SECONDS", 3600.0)  # no flush by time
        outs = ing.ingest(st, files, no_repair=True, batch_bytes=1)
        assert calls == [1, 1, 1, 1] and all(o.status == "done" for o in outs)
        calls.clear()
        more = []
        for i in range(3):
            more.append(tmp_path / f"more{i}.txt")
            more[-1].write_text(f"Report {i} of the border post, read again.\n")
        outs = ing.ingest(st, more, no_repair=True)
        assert calls == [3]  # the default caps hold small documents in one batch


def test_records_built_elsewhere_are_stored_like_documents(tmp_path: Path) -> None:
    """A Record built in a worker (pickled across) writes the same rows as its JSON."""
    import pickle

    from archivist.store import open_store
    from archivist.store.ingest import prepare
    from archivist.store.record import build_record

    f = tmp_path / "a.txt"
    f.write_text("The border guards of Grodekovo reported; the bordor guards slept.\n")
    d = prepare(str(f), "no-nlp")
    rec = pickle.loads(pickle.dumps(build_record(d)))
    tables = ("pages", "passages", "edits", "vocab", "pair_counts")
    dumps = []
    for i, doc in enumerate((d, rec)):
        with open_store(str(tmp_path / f"c{i}.db")) as st:
            st.add_many([doc], "v")
            dumps.append({t: st.rows(f"SELECT * FROM {t} ORDER BY 1") for t in tables}
                         | {"hits": [(h.page, h.start) for h in
                                     st.search('"border guards"', limit=5).hits]})
    assert dumps[0] == dumps[1] and dumps[0]["hits"]


def test_dask_keeps_a_bounded_window_of_files_in_flight(tmp_path: Path) -> None:
    from dask.distributed import Client

    import archivist.store.ingest as ing

    files = [str(p) for p in _small_docs(tmp_path / "docs", 5)] + [str(tmp_path / "no.txt")]
    with Client(processes=False, dashboard_address=None) as client:
        submitted, done, most = [0], [0], [0]
        real = client.submit

        def counting(*a, **k):  # type: ignore[no-untyped-def]
            submitted[0] += 1
            most[0] = max(most[0], submitted[0] - done[0])
            return real(*a, **k)

        client.submit = counting  # type: ignore[method-assign]
        got = {}
        for path, res in ing._dask(files, client, "no-nlp", 0.5, window=2):
            got[path] = res
            done[0] += 1
        assert set(got) == set(files)  # every file once, the window refilled as they end
        assert submitted[0] == len(files) and most[0] == 2
        assert isinstance(got[files[-1]], BaseException)
        assert all(got[f].n_pages == 1 for f in files[:-1])


def test_default_workers_follow_the_cores_and_the_files(tmp_path: Path, monkeypatch) -> None:
    from archivist.store import ingest as ingest_mod
    from archivist.store import open_store

    monkeypatch.setattr(ingest_mod.os, "sched_getaffinity", lambda _pid: set(range(64)),
                        raising=False)
    assert ingest_mod.auto_workers(3) == 3  # never more processes than files
    assert ingest_mod.auto_workers(1000) == ingest_mod.AUTO_WORKERS_MAX
    monkeypatch.setattr(ingest_mod.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert ingest_mod.auto_workers(1000) == 2
    used: list[int] = []
    real_pool = ingest_mod._pool

    def spy(paths, workers, *args):  # noqa: ANN001, ANN202
        used.append(workers)
        return real_pool(paths, workers, *args)

    monkeypatch.setattr(ingest_mod, "_pool", spy)
    files = _small_docs(tmp_path / "docs", 3)
    with open_store(str(tmp_path / "c.db")) as st:
        outs = ingest_mod.ingest(st, files, workers=0, no_nlp=True)
    assert used == [2] and sorted(o.status for o in outs) == ["done"] * 3


def test_results_come_in_file_order_whatever_finishes_first() -> None:
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import archivist.store.ingest as ing

    first_may_end = threading.Event()

    def work(p: str) -> str:
        if p == "a":
            first_may_end.wait(5)  # the first file ends only after the others
        else:
            first_may_end.set() if p == "d" else None
        return p.upper()

    with ThreadPoolExecutor(4) as ex:
        got = list(ing._in_order(["a", "b", "c", "d", "e"], lambda p: ex.submit(work, p), 4))
    assert got == [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"), ("e", "E")]


def test_pool_ingest_gives_the_ids_of_a_one_process_ingest(tmp_path: Path) -> None:
    from archivist.store import open_store
    from archivist.store.ingest import ingest

    files = _small_docs(tmp_path / "docs", 6)
    ids = []
    for workers, name in ((1, "one.db"), (2, "two.db")):
        with open_store(str(tmp_path / name)) as st:
            ingest(st, files, workers=workers, no_nlp=True)
            ids.append(st.rows("SELECT id, path FROM documents ORDER BY id"))
    assert ids[0] == ids[1]


def test_search_refuses_negative_context(tmp_path: Path) -> None:
    # --context -3 used to return the whole text as the snippet
    code, _, err = run("search", "anything", "--context", "-3", "--db", str(tmp_path / "c.db"))
    assert code == 2
