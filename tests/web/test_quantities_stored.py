"""Stored documents whose quantities are missing (an older pipeline) or odd (hand-built
JSON): the store rebuilds them, the page, the API and TEI export still answer."""

from __future__ import annotations

import copy

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN

from archivist.export.tei import to_tei, validate
from archivist.extract.quantities import extract_quantities
from archivist.model import Document, Source
from archivist.store import open_store
from archivist.store.record import store_json
from archivist.web.app import create_app


@pytest.fixture
def base() -> dict:
    doc = Document(original="The bank lent some 4,500 million marks to 400 men.",
                   source=Source("q.txt", "q", "text"))
    d = store_json(extract_quantities(doc))
    assert [q["text"] for q in d["quantities"]] == ["some 4,500 million marks", "400 men"]
    return d


_ODD = {
    "missing": None,
    "not objects": ["junk", 5],  # the page, the API and TEI failed: 'str' has no .get
    "null start": [{"start": None}],  # TEI failed comparing None with an int
    "null unit": [{"unit": None}],  # TEI failed on re.sub(None)
    "string approx": [{"approx": "no"}],
}


@pytest.mark.parametrize("name", list(_ODD))
def test_odd_or_missing_stored_quantities(tmp_path, base, name):
    d = copy.deepcopy(base)
    d["source"]["sha256"] = name
    patch = _ODD[name]
    if patch is None:
        del d["quantities"]
    else:
        d["quantities"] = [dict(base["quantities"][0], **p) if isinstance(p, dict) else p
                           for p in patch]
    store = open_store(str(tmp_path / "c.db"))
    try:
        doc_id = store.add(d, "2")
        doc = store.document(doc_id)
        for q in doc.quantities:
            assert isinstance(q.start, int) and isinstance(q.unit, str)
            assert q.approx is (name != "string approx")
        validate(to_tei(doc))
        with TestClient(create_app(store, TOKEN, review_log=tmp_path / "r.jsonl"),
                        follow_redirects=False) as c:
            assert c.post("/login", data={"token": TOKEN, "who": "Ada"}).status_code == 303
            page = c.get(f"/documents/{doc_id}")
            assert page.status_code == 200
            if name in ("string approx", "not objects"):  # "no" is not approximate
                assert "≈" not in page.text.split("<h2>Quantities</h2>")[-1]
            assert c.get(f"/api/documents/{doc_id}").status_code == 200
    finally:
        store.close()
