"""Workbench accounts (web11): login by name and password once the store has accounts,
decisions attributed to the account, readers who cannot decide, disabled accounts and
new passwords ending sessions, and throttling per account with device cookies."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, csrf_of

from archivist.store import Store
from archivist.web.accounts import hash_password
from archivist.web.app import create_app
from archivist.web.auth import COOKIE, DEVICE_COOKIE, MAX_ACCOUNT_FAILURES

PASSWORDS = {"Ada": "ada-secret-1", "Rita": "rita-secret-2", "Adm": "adm-secret-3"}
ROLES = {"Ada": "reviewer", "Rita": "reader", "Adm": "admin"}


def _add_users(store: Store) -> None:
    for name, pw in PASSWORDS.items():
        store.add_user(name, hash_password(pw), ROLES[name], "2026-01-01T00:00:00+00:00")


@pytest.fixture
def acc_app(corpus: tuple[Store, dict[str, int]], tmp_path: Path):
    _add_users(corpus[0])
    return create_app(corpus[0], TOKEN, review_log=tmp_path / "review.jsonl")


def _login(c: TestClient, name: str, password: str | None = None, **extra: str):
    return c.post("/login", data={"name": name, "password": password or PASSWORDS[name],
                                  **extra})


@pytest.fixture
def as_ada(acc_app) -> Iterator[TestClient]:
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Ada").status_code == 303
        yield c


@pytest.fixture
def as_rita(acc_app) -> Iterator[TestClient]:
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Rita").status_code == 303
        yield c


def _applied_edit(store: Store, doc_id: int) -> int:
    d = store.document_json(doc_id)
    return next(e["id"] for e in d["edits"] if e["kind"] == "text" and e["status"] == "applied")


# -- which login ------------------------------------------------------------------------

def test_without_accounts_the_login_page_asks_for_the_token_and_says_so(anon):
    html = anon.get("/login").text
    assert 'name="token"' in html and 'name="password"' not in html
    assert "no user accounts" in html and "archivist users add" in html


def test_with_accounts_the_login_page_asks_for_name_and_password(acc_app):
    with TestClient(acc_app, follow_redirects=False) as c:
        html = c.get("/login").text
    assert 'name="name"' in html and 'name="password"' in html and 'name="token"' not in html


def test_with_accounts_the_shared_token_no_longer_lets_anyone_in(acc_app):
    with TestClient(acc_app, follow_redirects=False) as c:
        r = c.post("/login", data={"token": TOKEN, "who": "Mallory"})
        assert r.status_code == 401 and COOKIE not in r.headers.get("set-cookie", "")
        assert c.get("/").status_code == 303


def test_a_token_session_ends_when_the_first_account_is_made(client, corpus):
    assert client.get("/").status_code == 200
    _add_users(corpus[0])
    assert client.get("/").status_code == 303
    assert client.get("/api/documents").status_code == 401


def test_name_and_password_log_in_and_wrong_ones_do_not(acc_app):
    with TestClient(acc_app, follow_redirects=False) as c:
        for name, pw in [("Ada", "ada-secret-2"), ("Nobody", "whatever-1"), ("Ada", ""),
                         ("", PASSWORDS["Ada"]), ("Rita", PASSWORDS["Ada"])]:
            r = c.post("/login", data={"name": name, "password": pw})
            assert r.status_code == 401, (name, pw)
            assert "Wrong name or password" in r.text  # the same for unknown names
            assert COOKIE not in r.headers.get("set-cookie", "")
        r = _login(c, "Ada", next="/entities")
        assert r.status_code == 303 and r.headers["location"] == "/entities"
        assert "HttpOnly" in r.headers["set-cookie"]
        assert c.get("/").status_code == 200
        assert "Ada" in c.get("/").text


def test_the_name_matches_in_any_case_but_the_session_keeps_the_stored_one(acc_app):
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "ada", PASSWORDS["Ada"]).status_code == 303
        assert '<span class="who">Ada</span>' in c.get("/").text


# -- who decided ------------------------------------------------------------------------

def test_a_decision_is_recorded_under_the_account_not_a_typed_name(as_ada, corpus, tmp_path):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    eid = _applied_edit(store, doc_id)
    as_ada.post("/login", data={"name": "Ada", "password": PASSWORDS["Ada"],
                                "who": "Mallory", "token": TOKEN})
    r = as_ada.post(f"/review/{doc_id}/{eid}", data={"action": "reject",
                                                     "csrf": csrf_of(as_ada)})
    assert r.status_code == 303
    e = store.document_json(doc_id)["edits"][eid]
    assert e["status"] == "rejected" and "rejected by Ada " in e["reason"]
    log = [json.loads(x) for x in (tmp_path / "review.jsonl").read_text().splitlines()]
    assert log[-1]["who"] == "Ada"


def test_an_admin_may_decide(acc_app, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    eid = _applied_edit(store, doc_id)
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Adm").status_code == 303
        r = c.post(f"/api/review/{doc_id}/{eid}", json={"action": "reject"},
                   headers={"X-CSRF-Token": csrf_of(c)})
        assert r.status_code == 200 and r.json()["status"] == "rejected"


# -- readers -------------------------------------------------------------------------------

def test_a_reader_reads_and_searches(as_rita, corpus):
    doc_id = corpus[1]["003_07f6514925dd1fad.txt"]
    for path in ("/", f"/documents/{doc_id}", "/search?q=border", "/timeline", "/entities",
                 "/quantities", "/review", "/api/documents", "/api/search?q=border",
                 "/api/review"):
        assert as_rita.get(path).status_code == 200, path


def test_a_reader_cannot_decide_even_with_a_good_csrf_token(as_rita, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    eid = _applied_edit(store, doc_id)
    before = store.document_json(doc_id)
    token = csrf_of(as_rita)
    r = as_rita.post(f"/review/{doc_id}/{eid}", data={"action": "reject", "csrf": token})
    assert r.status_code == 403
    r = as_rita.post(f"/api/review/{doc_id}/{eid}", json={"action": "reject"},
                     headers={"X-CSRF-Token": token})
    assert r.status_code == 403 and "review" in r.json()["error"]
    after = store.document_json(doc_id)
    assert after["text"] == before["text"] and after["edits"] == before["edits"]


def test_the_pages_hide_the_decision_buttons_from_readers_only(as_rita, as_ada, corpus):
    doc_id = corpus[1]["003_07f6514925dd1fad.txt"]
    for path in ("/review?threshold=1", f"/documents/{doc_id}"):
        assert 'name="action"' not in as_rita.get(path).text, path
        assert 'name="action"' in as_ada.get(path).text, path
    assert "(reader)" in as_rita.get("/").text


def test_a_role_change_counts_at_once(as_ada, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    token = csrf_of(as_ada)
    store.update_user("Ada", role="reader")
    r = as_ada.post(f"/review/{doc_id}/{_applied_edit(store, doc_id)}",
                    data={"action": "reject", "csrf": token})
    assert r.status_code == 403


# -- disabled accounts, new passwords -------------------------------------------------------

def test_a_disabled_account_cannot_log_in_and_its_sessions_end(as_ada, acc_app, corpus):
    corpus[0].update_user("Ada", disabled=True)
    assert as_ada.get("/").status_code == 303
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Ada").status_code == 401
    corpus[0].update_user("Ada", disabled=False)
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Ada").status_code == 303


def test_a_new_password_ends_the_old_sessions(as_ada, acc_app, corpus):
    corpus[0].update_user("Ada", pw_hash=hash_password("ada-new-secret"))
    assert as_ada.get("/").status_code == 303
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Ada").status_code == 401
        assert _login(c, "Ada", "ada-new-secret").status_code == 303


def test_a_session_cookie_does_not_outlive_a_deleted_and_remade_name(as_ada, corpus):
    # the session names the account and its password hash: an account of the same
    # name made again (new hash) does not inherit the old sessions
    store = corpus[0]
    with store.transaction() as cur:
        store.x(cur, "DELETE FROM users WHERE name = ?", ("Ada",))
    assert as_ada.get("/").status_code == 303
    store.add_user("Ada", hash_password(PASSWORDS["Ada"]), "reviewer", "2026")
    assert as_ada.get("/").status_code == 303


# -- guessing a password ------------------------------------------------------------------

def _fail_account(app, name: str, n: int) -> None:
    for k in range(n):
        with TestClient(app, follow_redirects=False, client=(f"10.3.{k}.7", 4000)) as c:
            assert c.post("/login", data={"name": name, "password": f"guess{k}"}
                          ).status_code == 401


def test_guesses_at_one_account_from_many_addresses_are_throttled(acc_app):
    _fail_account(acc_app, "ada", MAX_ACCOUNT_FAILURES)  # any case: the same account
    with TestClient(acc_app, follow_redirects=False, client=("10.4.0.1", 4000)) as c:
        r = _login(c, "Ada")
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert COOKIE not in r.headers.get("set-cookie", "")
        assert _login(c, "Rita").status_code == 303  # other accounts are not affected


def test_the_owner_of_a_throttled_account_still_gets_in_from_her_browser(acc_app):
    with TestClient(acc_app, follow_redirects=False, client=("10.5.0.1", 4000)) as ada:
        r = _login(ada, "Ada")
        assert r.status_code == 303 and DEVICE_COOKIE in r.headers["set-cookie"]
        ada.post("/logout", data={"csrf": csrf_of(ada)})
        _fail_account(acc_app, "Ada", MAX_ACCOUNT_FAILURES)
        assert _login(ada, "Ada").status_code == 303  # her device cookie vouches for her
    with TestClient(acc_app, follow_redirects=False, client=("10.5.0.2", 4000)) as c:
        assert _login(c, "Ada").status_code == 429  # a browser without one waits


def test_a_stolen_device_cookie_buys_only_a_few_guesses(acc_app):
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Ada").status_code == 303
        device = c.cookies.get(DEVICE_COOKIE)
    _fail_account(acc_app, "Ada", MAX_ACCOUNT_FAILURES)
    for k in range(MAX_ACCOUNT_FAILURES + 2):
        with TestClient(acc_app, follow_redirects=False, client=(f"10.6.{k}.1", 4000)) as c:
            c.cookies.set(DEVICE_COOKIE, device)
            r = c.post("/login", data={"name": "Ada", "password": "guess"})
            assert r.status_code == (401 if k < 10 else 429), k


def test_a_device_cookie_for_another_name_or_forged_does_not_help(acc_app):
    with TestClient(acc_app, follow_redirects=False) as c:
        assert _login(c, "Rita").status_code == 303
        rita_device = c.cookies.get(DEVICE_COOKIE)
    _fail_account(acc_app, "Ada", MAX_ACCOUNT_FAILURES)
    for cookie in (rita_device, "eyJuIjoiYWRhIiwiZCI6IngifQ.AAAA.forged"):
        with TestClient(acc_app, follow_redirects=False, client=("10.7.0.1", 4000)) as c:
            c.cookies.set(DEVICE_COOKIE, cookie)
            assert _login(c, "Ada").status_code == 429


def test_the_account_throttle_lifts_after_the_window(acc_app):
    auth = acc_app.state.wb.auth
    _fail_account(acc_app, "Ada", MAX_ACCOUNT_FAILURES)
    assert auth.wait("10.8.0.1", "Ada") > 0
    assert auth.wait("10.8.0.1", "Ada", now=time.monotonic() + 61) == 0


def test_a_throttled_client_is_told_when_to_come_back(anon):
    for _ in range(10):
        anon.post("/login", data={"token": "guess"})
    r = anon.post("/login", data={"token": TOKEN})
    assert r.status_code == 429 and re.fullmatch(r"\d+", r.headers["retry-after"])
    assert 1 <= int(r.headers["retry-after"]) <= 60
