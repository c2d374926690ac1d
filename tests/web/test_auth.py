"""Who gets in: login, sessions, CSRF, headers, traversal (the real app, real store)."""

from __future__ import annotations

import pytest
from web_helpers import TOKEN, csrf_of

from archivist.web.auth import COOKIE, MAX_FAILURES

PAGES = ["/", "/documents/1", "/search?q=border", "/timeline", "/entities", "/review"]
APIS = ["/api/documents", "/api/documents/1", "/api/search?q=border", "/api/entities",
        "/api/timeline", "/api/review"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_redirect_to_login_without_a_session(anon, path):
    r = anon.get(path)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=")


@pytest.mark.parametrize("path", APIS)
def test_api_answers_401_without_a_session(anon, path):
    r = anon.get(path)
    assert r.status_code == 401
    assert r.json() == {"error": "login required"}


def test_unknown_paths_do_not_leak_without_a_session(anon):
    assert anon.get("/no/such/page").status_code == 303
    assert anon.get("/api/no/such").status_code == 401


def test_post_without_session_is_refused(anon, corpus):
    store, ids = corpus
    doc_id = next(iter(ids.values()))
    r = anon.post(f"/review/{doc_id}/0", data={"action": "reject", "csrf": "x"})
    assert r.status_code == 401
    assert store.document_json(doc_id)["edits"][0]["status"] != "rejected"


def test_login_page_is_public_and_has_a_form(anon):
    r = anon.get("/login")
    assert r.status_code == 200
    assert 'type="password"' in r.text and 'name="token"' in r.text


def test_wrong_token_is_rejected_and_sets_no_cookie(anon):
    r = anon.post("/login", data={"token": TOKEN + "x"})
    assert r.status_code == 401
    assert COOKIE not in r.headers.get("set-cookie", "")
    assert "not the access token" in r.text
    assert anon.get("/").status_code == 303
    assert anon.post("/login", data={"token": ""}).status_code == 401


def test_right_token_gives_a_strict_httponly_session(anon):
    r = anon.post("/login", data={"token": TOKEN, "next": "/entities"})
    assert r.status_code == 303 and r.headers["location"] == "/entities"
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(COOKIE + "=")
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert TOKEN not in cookie  # the token itself never travels after login
    assert anon.get("/").status_code == 200


def test_login_does_not_redirect_off_site(anon):
    r = anon.post("/login", data={"token": TOKEN, "next": "//evil.example/x"})
    assert r.headers["location"] == "/"


def test_forged_or_tampered_cookie_is_refused(anon, client):
    anon.cookies.set(COOKIE, "eyJzaWQiOiJ4Iiwid2hvIjoiIn0.AAAAAA.forgedsignature")
    assert anon.get("/").status_code == 303
    good = client.cookies.get(COOKIE)
    anon.cookies.set(COOKIE, good[:-2] + ("AA" if not good.endswith("AA") else "BB"))
    assert anon.get("/api/entities").status_code == 401


def test_session_of_another_server_is_refused(client, corpus, tmp_path):
    from fastapi.testclient import TestClient

    from archivist.web.app import create_app

    other = create_app(corpus[0], TOKEN)  # same token, different signing secret
    with TestClient(other, follow_redirects=False) as c:
        c.cookies.set(COOKIE, client.cookies.get(COOKIE))
        assert c.get("/").status_code == 303


def test_guessing_the_token_is_throttled(anon):
    for _ in range(MAX_FAILURES):
        assert anon.post("/login", data={"token": "guess"}).status_code == 401
    r = anon.post("/login", data={"token": TOKEN})
    assert r.status_code == 429
    assert COOKIE not in r.headers.get("set-cookie", "")


def test_logout_ends_the_session_even_if_the_cookie_is_replayed(client):
    cookie = client.cookies.get(COOKIE)
    r = client.post("/logout", data={"csrf": csrf_of(client)})
    assert r.status_code == 303
    client.cookies.set(COOKIE, cookie)
    assert client.get("/").status_code == 303


def test_logout_needs_csrf(client):
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/").status_code == 200


def test_state_change_without_csrf_is_forbidden_and_changes_nothing(client, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    d = store.document_json(doc_id)
    eid = next(e["id"] for e in d["edits"] if e["kind"] == "text" and e["status"] == "applied")
    for data, headers in [({"action": "reject"}, {}),
                          ({"action": "reject", "csrf": "0" * 64}, {}),
                          ({"action": "reject"}, {"X-CSRF-Token": "nope"})]:
        r = client.post(f"/review/{doc_id}/{eid}", data=data, headers=headers)
        assert r.status_code == 403
    r = client.post(f"/api/review/{doc_id}/{eid}", json={"action": "reject"})
    assert r.status_code == 403
    assert store.document_json(doc_id)["text"] == d["text"]
    assert store.resolve(str(doc_id)) == doc_id  # not re-saved


def test_csrf_token_of_another_session_is_refused(client, app, corpus):
    from fastapi.testclient import TestClient

    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    theirs = csrf_of(client)
    with TestClient(app, follow_redirects=False) as other:
        other.post("/login", data={"token": TOKEN})
        r = other.post(f"/review/{doc_id}/20", data={"action": "reject", "csrf": theirs})
        assert r.status_code == 403


def test_security_headers(client, anon):
    for r in (client.get("/"), anon.get("/login"), client.get("/api/entities")):
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    assert client.get("/").headers["cache-control"] == "no-store"


def test_no_third_party_assets(client, corpus):
    doc_id = corpus[1]["000_fa0db9ec999598d9.txt"]
    for path in ("/", f"/documents/{doc_id}", "/search?q=Stalin", "/review"):
        html = client.get(path).text
        assert "http://" not in html.replace("http://testserver", "")
        assert "https://" not in html
        assert "<script>" not in html  # no inline script: only /static/app.js


@pytest.mark.parametrize("path", [
    "/documents/..%2F..%2F..%2Fetc%2Fpasswd", "/documents/../../etc/passwd",
    "/documents/1%2F..%2F..", "/static/..%2Fapp.py", "/static/../app.py",
    "/static/%2e%2e/auth.py", "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/documents/abc", "/documents/-1"])
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code in (303, 404)
    assert "import" not in r.text and "root:" not in r.text


def test_static_assets_are_public(anon):
    assert anon.get("/static/app.css").status_code == 200
    assert anon.get("/static/app.js").status_code == 200


def test_trusted_hosts(corpus):
    from fastapi.testclient import TestClient

    from archivist.web.app import create_app

    app = create_app(corpus[0], TOKEN, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as c:
        assert c.get("/login").status_code == 200
        assert c.get("/login", headers={"host": "rebound.evil.example"}).status_code == 400


def test_logged_out_sessions_are_forgotten_once_their_cookies_expire():
    from archivist.web.auth import Auth

    auth = Auth("tok", max_age=100)
    a, b = auth.new_session("a"), auth.new_session("b")
    auth.revoke(auth.read_session(a), now=1000.0)
    assert auth.read_session(a) is None and auth.read_session(b) is not None
    auth.revoke(auth.read_session(b), now=1050.0)
    assert len(auth.revoked) == 2  # a's cookie could still be presented
    auth.revoke({"sid": "c"}, now=1102.0)  # past max_age + 1 s (whole-second stamps)
    assert set(auth.revoked) == {auth.signer.loads(b)["sid"], "c"}


def test_a_logged_out_cookie_stays_refused_until_it_has_really_expired(monkeypatch):
    # review7: the signer stamps whole seconds and accepts age == max_age, so a cookie
    # issued at 1000.2 (stamp 1000) and logged out at 1000.3 is good until 1100.99...;
    # it was forgotten from 1100.31 on and read as a live session again
    import time

    from archivist.web.auth import Auth

    clock = [1000.2]
    monkeypatch.setattr(time, "time", lambda: clock[0])
    auth = Auth("tok", max_age=100)
    cookie = auth.new_session("a")
    clock[0] = 1000.3
    auth.revoke(auth.read_session(cookie))
    clock[0] = 1100.8
    auth.revoke({"sid": "other"})  # forgetting happens on a later logout
    assert auth.read_session(cookie) is None
    clock[0] = 1101.5
    auth.revoke({"sid": "third"})
    assert auth.read_session(cookie) is None  # expired by now in any case
