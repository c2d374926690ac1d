"""review11a: a device cookie vouches for the one account it was issued for. It named
its account by casefold() while the store tells accounts apart by lower(): "STRASSE"
and "Straße" are two accounts (lower: "strasse", "straße") with one casefold, so the
holder of one could guess at the other with her own device cookies (each a fresh
allowance of guesses, unpaced)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from archivist.store import Store
from archivist.web.accounts import hash_password
from archivist.web.app import create_app
from archivist.web.auth import DEVICE_COOKIE, MAX_FAILURES


def test_a_device_cookie_does_not_vouch_for_a_casefold_twin(corpus, tmp_path):
    store: Store = corpus[0]
    store.add_user("Straße", hash_password("victim-secret"), "reviewer", "2026")
    store.add_user("STRASSE", hash_password("mine-secret1"), "reader", "2026")
    app = create_app(store, "tok-unused-1", review_log=tmp_path / "r.jsonl")
    auth = app.state.wb.auth
    with TestClient(app, follow_redirects=False, client=("10.14.0.1", 4000)) as c:
        r = c.post("/login", data={"name": "STRASSE", "password": "mine-secret1"})
        assert r.status_code == 303
        mine = c.cookies.get(DEVICE_COOKIE)
    assert auth.read_device(mine, "strasse") is not None  # her own, in any case
    assert auth.read_device(mine, "Straße") is None
    with TestClient(app, follow_redirects=False, client=("10.14.0.2", 4000)) as c:
        c.cookies.set(DEVICE_COOKIE, mine)
        got = [c.post("/login", data={"name": "Straße", "password": f"g{k}"}).status_code
               for k in range(MAX_FAILURES + 1)]
    assert got[-1] == 429


def test_failures_at_one_account_do_not_throttle_its_casefold_twin():
    # the store keeps "Straße" and "STRASSE" apart (lower()); the account throttle
    # folded them together (casefold()), so guesses at one locked out the other
    from archivist.web.auth import MAX_ACCOUNT_FAILURES, Auth

    auth = Auth("token")
    for i in range(MAX_ACCOUNT_FAILURES):
        auth.failed(f"10.0.0.{i}", "Straße", now=100.0)
    assert auth.wait("10.0.1.1", "Straße", now=100.0) > 0
    assert auth.wait("10.0.1.1", "STRASSE", now=100.0) == 0
