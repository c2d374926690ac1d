"""The query parser refuses what it cannot handle (nesting it cannot walk, NUL
characters PostgreSQL refuses) with a QueryError, not a crash."""

from __future__ import annotations

import pytest

from archivist.store import QueryError
from archivist.store.query import MAX_DEPTH, parse


@pytest.mark.parametrize("q", ["(" * 5000 + "a", "a " + "NOT " * 3000 + "b",
                               "(" * (MAX_DEPTH + 1) + "a", "a " + "NOT (" * 20 + "b"])
def test_nesting_too_deep_is_a_query_error(q: str) -> None:
    # each bracket or NOT was one recursion: a RecursionError (a 500 in the workbench)
    with pytest.raises(QueryError, match="nested"):
        parse(q)


def test_nesting_up_to_the_limit_parses() -> None:
    q = parse("(" * MAX_DEPTH + "border" + ")" * MAX_DEPTH)
    assert q.node is not None and q.node.word == "border"  # type: ignore[union-attr]
    q = parse("a NOT (b OR (c AND NOT d))")
    assert type(q.node).__name__ == "And"


@pytest.mark.parametrize("q", ["type:\x00", "TYPE:\x00", "entity:a\x00b", "border\x00"])
def test_a_nul_character_is_a_query_error(q: str) -> None:
    # "type:\x00" reached PostgreSQL as a parameter: psycopg.DataError (hypothesis)
    with pytest.raises(QueryError, match="NUL"):
        parse(q)


def test_a_nul_in_a_filter_is_a_query_error_on_every_backend(store) -> None:
    with pytest.raises(QueryError):
        store.search("TYPE:\x00")
