"""The lexicon tables' counting rules recorded in the store, on both backends: counts
written under other rules (`repair.corpus.counting_rules`) are recounted once before a
writer adds to or subtracts from them, so a later delete leaves no negative or stale
count.

Every sentence here is invented."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from store_helpers import doc_json, make_doc

from archivist.repair import corpus as C
from archivist.store import Store, open_store
from archivist.store.base import recorded_counting
from archivist.store.ingest import ingest
from archivist.store.record import lexicon_forms, lexicon_pairs

PAGE_A = "Vaskarin wrote from Ortelby. The copper kettle sang beside the hearth all night."
PAGE_B = "Vaskarin came to Ortelby; her kettle sang beside the window till the dawn."
PAGE_C = "At Ortelby the kettle sang beside the door, and Vaskarin listened."


def _old_forms(texts: object) -> Counter[str]:
    """Counting rules of an imagined older version: every form counted twice, and
    lower-case words of 7+ letters too."""
    texts = list(texts)  # type: ignore[call-overload]
    out = Counter({f: 2 * k for f, k in REAL_FORMS(texts).items()})
    for t in texts:
        out.update(w.lower() for w in t.split() if w.isalpha() and len(w) >= 7)
    return out


def _old_pairs(texts: object) -> Counter[str]:
    """The older version's pairs: this version's, and one more per text."""
    texts = list(texts)  # type: ignore[call-overload]
    out = REAL_PAIRS(texts)
    out.update("older rules" for _ in texts)
    return out


REAL_FORMS, REAL_PAIRS = C.document_forms, C.document_pairs


def tables(store: Store) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    forms = {str(f): (int(n), int(d)) for f, n, d in store.rows("SELECT form, n, docs FROM "
                                                                 "lexicon")}
    return forms, store.pair_rows()


def recount(store: Store) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """What the tables must hold under this code's rules."""
    out = []
    for count in (lexicon_forms, lexicon_pairs):
        n: Counter[str] = Counter()
        d: Counter[str] = Counter()
        for (doc_id,) in store.rows("SELECT id FROM documents"):
            got = count(store.document_json(int(doc_id)))
            n.update(got)
            d.update(got.keys())
        out.append({k: (n[k], d[k]) for k in n})
    return out[0], out[1]


def _with_old_rules(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Store two documents as an older version would have counted them."""
    with monkeypatch.context() as m:
        m.setattr(C, "document_forms", _old_forms)
        m.setattr(C, "document_pairs", _old_pairs)
        m.setattr(C, "counting_rules", lambda: "0 older")
        store.add(doc_json(make_doc("a", [PAGE_A])), "t")
        store.add(doc_json(make_doc("b", [PAGE_B])), "t")
        with store.transaction() as cur:
            assert recorded_counting(store, cur) == "0 older"


def test_an_empty_store_records_the_rules_without_recounting(
        store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    store.add(doc_json(make_doc("a", [PAGE_A])), "t")
    with store.transaction() as cur:
        assert recorded_counting(store, cur) == C.counting_rules()
    store.add(doc_json(make_doc("b", [PAGE_B])), "t")
    assert "recounting" not in capsys.readouterr().err
    assert not store.counts_current()  # same rules: nothing to do
    # (the record is no migration: the schema version is untouched)
    assert store.rows("SELECT min(version) FROM schema_version WHERE version > 0")[0][0] == 1


def test_counts_of_other_rules_are_recounted_before_a_write(
        store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_old_rules(store, monkeypatch)
    stale = tables(store)
    assert stale != recount(store)  # (else this test would test nothing)
    assert stale[1]["older rules"] == (2, 2)
    capsys.readouterr()
    store.add(doc_json(make_doc("c", [PAGE_C])), "t")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "recounting the corpus lexicon of 2 documents" in err
    assert tables(store) == recount(store)
    assert "older rules" not in tables(store)[1]
    with store.transaction() as cur:
        assert recorded_counting(store, cur) == C.counting_rules()
    store.add(doc_json(make_doc("d", [PAGE_C + " Again."])), "t")
    assert capsys.readouterr().err == ""  # once only
    # deleting every document leaves nothing behind: no negative, no stale count
    for (doc_id,) in store.rows("SELECT id FROM documents"):
        store.delete(int(doc_id))
    assert tables(store) == ({}, {})


def test_a_delete_first_recounts_too(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # the first writer after the upgrade deletes: it must not subtract this code's
    # counts from the older ones (that left 'vaskarin' at 2 and a negative nowhere)
    _with_old_rules(store, monkeypatch)
    first = int(store.rows("SELECT min(id) FROM documents")[0][0])
    store.delete(first)
    assert tables(store) == recount(store)
    forms, pairs = tables(store)
    assert all(n > 0 and d > 0 for n, d in [*forms.values(), *pairs.values()])
    store.delete(int(store.rows("SELECT min(id) FROM documents")[0][0]))
    assert tables(store) == ({}, {})


def test_a_store_that_recorded_no_rules_is_recounted(store: Store) -> None:
    # a store written before the rules were recorded: its counts are of unknown rules
    store.add(doc_json(make_doc("a", [PAGE_A])), "t")
    with store.transaction() as cur:
        store.x(cur, "DELETE FROM schema_version WHERE version = 0")
        store.x(cur, "UPDATE lexicon SET n = n + 5")
        assert recorded_counting(store, cur) is None
    assert store.counts_current()
    assert tables(store) == recount(store)
    assert not store.counts_current()


def test_rebuild_records_the_rules(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_old_rules(store, monkeypatch)
    store.rebuild_lexicon()
    assert tables(store) == recount(store)
    assert not store.counts_current()


def test_ingest_recounts_before_it_reads_its_snapshot(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db_url) as st:
        _with_old_rules(st, monkeypatch)
    f = tmp_path / "c.txt"
    f.write_text(PAGE_C + "\n", encoding="utf-8")
    seen: list[object] = []
    real = Store.lexicon

    def spy(self: Store, *a: object, **k: object) -> object:
        seen.append(tables(self))  # the counts the snapshot is read from
        return real(self, *a, **k)

    monkeypatch.setattr(Store, "lexicon", spy)
    capsys.readouterr()
    with open_store(db_url) as st:
        (out,) = ingest(st, [f], no_nlp=True)
        assert out.status == "done", out
        assert tables(st) == recount(st)
    err = capsys.readouterr().err
    assert "recounting the corpus lexicon of 2 documents" in err
    assert seen and "older rules" not in seen[0][1]  # type: ignore[index]
