"""Corpus store loose ends of session 11 (issue 6), on both backends: the lexicon
snapshot read in one read transaction, and the counting rules recorded by the
migrations that count.

Every sentence and name here is invented."""

from __future__ import annotations

import pytest
from store_helpers import doc_json, make_doc

from archivist.repair import corpus as C
from archivist.store import Store, open_store
from archivist.store.base import recorded_counting

PAGE_A = "Vaskarin wrote from Ortelby. The copper kettle sang beside the hearth all night."
PAGE_B = "Vaskarin came to Ortelby; her kettle sang beside the window till the dawn."
PAGE_C = "At Ortelby the kettle sang beside the door, and Vaskarin listened."


def test_the_lexicon_is_read_in_one_snapshot(store: Store, db_url: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # a writer commits between the read of the forms and the read of the pairs: the
    # snapshot must be the corpus before it (forms and pairs alike), not half of each
    store.add(doc_json(make_doc("a", [PAGE_A, PAGE_C])), "t")
    store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    before = store.lexicon()
    assert before.forms["vaskarin"] == (3, 2) and before.pairs["kettle sang"] == (3, 2)
    real = type(store).snapshot_pair_docs

    def writer_between(self: Store, cap: int | None = None) -> int:
        got = real(self, cap)
        with open_store(db_url) as other:
            other.add(doc_json(make_doc("c", [PAGE_C])), "t")
        return got

    monkeypatch.setattr(type(store), "snapshot_pair_docs", writer_between)
    got = store.lexicon()
    monkeypatch.undo()
    assert dict(got.forms) == dict(before.forms)
    assert dict(got.pairs) == dict(before.pairs)
    assert got == before
    after = store.lexicon()  # (the writer did write)
    assert after.forms["vaskarin"] == (4, 3) and after.pairs["kettle sang"] == (4, 3)


def _wind_back_to_6(store: Store) -> None:
    """Make `store` look as a store of schema 6 did: no lexicon tables, no
    documents.lexicon column, no record of counting rules."""
    with store.transaction() as cur:
        for sql in ("DROP TABLE lexicon", "DROP TABLE lexicon_pairs",
                    "ALTER TABLE documents DROP COLUMN lexicon",
                    "DELETE FROM schema_version WHERE version >= 7 OR version = 0"):
            store.x(cur, sql)


def test_an_upgrade_through_migrations_7_and_8_records_the_counting_rules(
        store: Store, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    store.add(doc_json(make_doc("a", [PAGE_A])), "t")
    store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    counted = store.lexicon()
    _wind_back_to_6(store)
    store.close()
    capsys.readouterr()
    with open_store(db_url) as st:  # 6 -> latest: 7 and 8 count by this code's rules
        with st.transaction() as cur:
            assert recorded_counting(st, cur) == C.counting_rules()
        assert st.lexicon() == counted
        st.add(doc_json(make_doc("c", [PAGE_C])), "t")
    # no second count of what the migrations have just counted
    assert "recounting" not in capsys.readouterr().err


def test_migration_8_alone_leaves_forms_of_other_rules_flagged(
        store: Store, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    # a store at schema 7 whose forms were counted by other (unrecorded) rules:
    # migration 8 counts only the pairs, so it must not record the forms as current
    store.add(doc_json(make_doc("a", [PAGE_A])), "t")
    store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    counted = store.lexicon()
    with store.transaction() as cur:
        store.x(cur, "UPDATE lexicon SET n = n * 2")  # (what the other rules counted)
        store.x(cur, "DROP TABLE lexicon_pairs")
        store.x(cur, "DELETE FROM schema_version WHERE version >= 8 OR version = 0")
    store.close()
    capsys.readouterr()
    with open_store(db_url) as st:
        with st.transaction() as cur:
            assert recorded_counting(st, cur) is None
        st.counts_current()  # (as ingest does first): recounted once, now
        assert "recounting the corpus lexicon of 2 documents" in capsys.readouterr().err
        assert st.lexicon() == counted
