"""Every GET route, fuzzed: whatever the query string, the answer is a page or an
error the user can read, never a server error (500)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_helpers import TOKEN

from archivist.web.app import create_app

ROUTES = {
    "/": ["page_no"],
    "/api/documents": ["offset", "limit"],
    "/documents/{id}": ["view", "hl", "where"],
    "/api/documents/{id}": [],
    "/search": ["q", "exact", "fuzziness", "limit"],
    "/api/search": ["q", "exact", "fuzziness", "limit"],
    "/entities": ["type", "q"],
    "/api/entities": ["type"],
    "/timeline": ["from", "to", "entity"],
    "/api/timeline": ["from", "to", "entity"],
    "/quantities": ["kind", "unit", "min", "max", "from", "to", "near"],
    "/api/quantities": ["kind", "unit", "min", "max", "from", "to", "near"],
    "/review": ["threshold", "offset", "reviewed", "doc"],
    "/api/review": ["threshold", "offset", "limit", "reviewed", "doc"],
}

ODD = st.sampled_from([
    "", "0", "-1", "1e309", "-1e309", "nan", "inf", "9" * 25, "²", "٣", "\x00", "a*", "*",
    '"', "(", ")", "NOT", "entity:", "doc:", "date:", "date:1938..", "type:PERSON",
    "1938-13-45", "1938/1939", "12-20", "5-2", "note:1", "note:999", "original", "..",
    "%", "_", "'", "\\", "<script>", "\u202e", "\ud7ff", "1938-07..1938-08",
])
VALUE = st.one_of(ODD, st.text(max_size=20), st.integers().map(str),
                  st.floats().map(str))


@pytest.fixture(scope="module")
def fuzz_client(corpus_template, tmp_path_factory):
    """One logged-in client over a copy of the corpus for the whole module (GETs
    change nothing)."""
    import shutil

    from archivist.store import open_store

    path = tmp_path_factory.mktemp("fuzz") / "c.db"
    shutil.copyfile(corpus_template[0], path)
    store = open_store(str(path))
    app = create_app(store, TOKEN)
    with TestClient(app, follow_redirects=False) as c:
        assert c.post("/login", data={"token": TOKEN}).status_code == 303
        yield c, max(corpus_template[1].values())
    store.close()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(route=st.sampled_from(sorted(ROUTES)), data=st.data())
def test_no_query_string_makes_a_server_error(fuzz_client, route, data) -> None:
    client, doc_id = fuzz_client
    names = ROUTES[route]
    params = {n: data.draw(VALUE, label=n) for n in names
              if data.draw(st.booleans(), label=f"use {n}")}
    r = client.get(route.replace("{id}", str(doc_id)), params=params)
    assert r.status_code < 500, (route, params, r.status_code)
