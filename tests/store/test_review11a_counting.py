"""review11a: the lexicon recount (`Store._counts_checked`) runs once, and two writers
of a store counted under other rules do not both recount at once on PostgreSQL (the
second one's rows clashed with the first's: a failed write).

Every sentence here is invented."""

from __future__ import annotations

import threading

import pytest
from store_helpers import doc_json, make_doc
from test_lexicon_counting_version import PAGE_C, _with_old_rules, recount, tables

from archivist.store import Store, base, open_store

PAGE_D = "The tinker Maelgren mended a kettle at the mill and sang of rivers."


def test_a_recount_runs_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # the recount is a scan of every stored document: at 1M pages, twice was an hour
    _with_old_rules(store, monkeypatch)
    calls: list[int] = []
    real = base.backfill_lexicon

    def spy(*a: object, **k: object) -> int:
        calls.append(1)
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(base, "backfill_lexicon", spy)
    assert store.counts_current()
    assert len(calls) == 1
    assert tables(store) == recount(store)


@pytest.mark.postgres
def test_two_writers_recount_one_after_the_other(pg_url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(pg_url) as st:
        _with_old_rules(st, monkeypatch)
    a, b = open_store(pg_url), open_store(pg_url)
    errors: list[BaseException] = []
    try:
        with a.transaction() as cur:
            assert a._counts_checked(cur)  # recounted, not yet committed

            def other() -> None:
                try:
                    b.add(doc_json(make_doc("d", [PAGE_D])), "t")
                except BaseException as exc:  # noqa: BLE001 (reported below)
                    errors.append(exc)

            t = threading.Thread(target=other)
            t.start()
            t.join(1.5)  # b waits for a's transaction
            assert t.is_alive()
        t.join(30)
        assert not t.is_alive()
        assert errors == []
        assert tables(a) == recount(a)
        a.add(doc_json(make_doc("c", [PAGE_C])), "t")
        assert tables(a) == recount(a)
    finally:
        a.close()
        b.close()


def test_a_lexicon_read_from_a_stale_store_is_the_one_ingest_would_use(
        db_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `process --lexicon DB` and `lexicon -o` read the counts as stored: on a store
    # counted by other rules they gave a lexicon `ingest` (which recounts first) never
    # uses, so `lexicon -o` + `process --lexicon` no longer reproduced `ingest`
    import json

    from typer.testing import CliRunner

    from archivist.cli import app
    from archivist.repair.corpus import CorpusLexicon, load_lexicon

    with open_store(db_url) as st:
        _with_old_rules(st, monkeypatch)
        stale = st.lexicon()
    got = load_lexicon(db_url)
    with open_store(db_url) as st:
        st.counts_current()  # (what ingest does before it reads its snapshot)
        want = st.lexicon()
    assert got == want and got != stale
    with open_store(db_url) as st:
        _with_old_rules(st, monkeypatch)
    out = tmp_path / "lex.json"
    url = db_url if "://" in db_url else f"sqlite:///{db_url}"
    res = CliRunner().invoke(app, ["lexicon", "--db", url, "-o", str(out)])
    assert res.exit_code == 0, res.output
    with open_store(db_url) as st:
        assert not st.counts_current()
        assert CorpusLexicon.from_json(json.loads(out.read_text())) == st.lexicon()
