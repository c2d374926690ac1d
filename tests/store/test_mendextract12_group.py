"""mendextract12: `entity_group` bound every name and every entity row it had found in
one statement (PostgreSQL takes at most 65,535 parameters); every statement now binds at
most ALT_SLICE values, as the noun-of-place one did."""

from __future__ import annotations

from typing import Any

import pytest
from store_helpers import doc_json, make_doc

from archivist.store import Store, base


def test_every_statement_of_entity_group_is_sliced(store: Store,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    forms = [f"Orbury {c}" for c in "abcdefg"]
    for k in range(5):  # the place's entity row in five documents
        store.add(doc_json(make_doc(f"d{k}", [f"The tithe of Orbury was paid in kind in year {k}."],
                                    entities=[("PLACE", "Orbury", forms)])), "1")
    whole = store.entity_group("Orbury")
    assert len(whole) == 5
    monkeypatch.setattr(base, "ALT_SLICE", 3)
    bound: list[int] = []
    rows = store.rows

    def spy(sql: str, params: Any = ()) -> list[tuple]:
        bound.append(len(params))
        return rows(sql, params)

    monkeypatch.setattr(store, "rows", spy)
    assert store.entity_group("Orbury") == whole
    assert bound and max(bound) <= 3


def test_entities_reads_a_namesake_region_once_per_entity(store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    forms = [f"Orbury {c}" for c in "abcdefg"]
    store.add(doc_json(make_doc("one", ["The tithe of Orbury was paid in kind."],
                                entities=[("PLACE", "Orbury", forms)])), "1")
    calls: list[str] = []
    region = base._namesake_region

    def counted(local_id: str, name: str) -> str:
        calls.append(local_id)
        return region(local_id, name)

    monkeypatch.setattr(base, "_namesake_region", counted)
    assert [e["name"] for e in store.entities("PLACE")] == ["Orbury"]
    assert len(calls) == 1  # one entity row, eight variant rows
