"""Cookies behind TLS and a proxy, and cross-site POSTs (web11): `Secure` when
`--secure-cookies` says so or a trusted proxy says https; forwarded headers believed
only with `--behind-proxy`; a browser's cross-site POST refused, login included."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, csrf_of

from archivist.store import Store, open_store
from archivist.web.app import create_app
from archivist.web.auth import COOKIE, MAX_FAILURES


def _cookie_attrs(set_cookie: str) -> set[str]:
    return {p.strip().split("=")[0].lower() for p in set_cookie.split(";")[1:]}


def _login(app, base_url: str = "http://testserver", **headers: str):
    with TestClient(app, base_url=base_url, follow_redirects=False) as c:
        return c.post("/login", data={"token": TOKEN}, headers=headers)


@pytest.fixture
def store(corpus: tuple[Store, dict[str, int]]) -> Store:
    return corpus[0]


def test_plain_http_gets_no_secure_flag(store):
    r = _login(create_app(store, TOKEN))
    assert r.status_code == 303
    attrs = _cookie_attrs(r.headers["set-cookie"])
    assert "secure" not in attrs and {"httponly", "samesite"} <= attrs


def test_secure_cookies_marks_the_session_cookie_secure(store):
    r = _login(create_app(store, TOKEN, secure_cookies=True))
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(COOKIE + "=")
    assert {"secure", "httponly", "samesite"} <= _cookie_attrs(cookie)
    assert "samesite=strict" in cookie.lower()


def test_behind_proxy_a_forwarded_https_gives_secure(store):
    r = _login(create_app(store, TOKEN, behind_proxy=True), **{"X-Forwarded-Proto": "https"})
    assert "secure" in _cookie_attrs(r.headers["set-cookie"])
    r = _login(create_app(store, TOKEN, behind_proxy=True), **{"X-Forwarded-Proto": "http"})
    assert "secure" not in _cookie_attrs(r.headers["set-cookie"])


def test_without_behind_proxy_a_forwarded_proto_is_not_believed(store):
    r = _login(create_app(store, TOKEN), **{"X-Forwarded-Proto": "https"})
    assert "secure" not in _cookie_attrs(r.headers["set-cookie"])


def test_a_secure_session_works_over_https_and_logout_clears_it_secure(store):
    app = create_app(store, TOKEN, secure_cookies=True)
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as c:
        assert c.post("/login", data={"token": TOKEN}).status_code == 303
        assert c.get("/").status_code == 200
        r = c.post("/logout", data={"csrf": csrf_of(c)})
        assert r.status_code == 303 and "secure" in _cookie_attrs(r.headers["set-cookie"])


def test_behind_proxy_the_throttle_keys_on_the_address_the_proxy_appended(store):
    app = create_app(store, TOKEN, behind_proxy=True)
    with TestClient(app, follow_redirects=False) as c:
        for k in range(MAX_FAILURES):  # the client's own entries rotate; the proxy's not
            r = c.post("/login", data={"token": "guess"},
                       headers={"X-Forwarded-For": f"198.51.100.{k}, 203.0.113.5"})
            assert r.status_code == 401
        r = c.post("/login", data={"token": TOKEN},
                   headers={"X-Forwarded-For": "198.51.100.99, 203.0.113.5"})
        assert r.status_code == 429
        # another client behind the same proxy is not locked out with it
        r = c.post("/login", data={"token": TOKEN}, headers={"X-Forwarded-For": "203.0.113.6"})
        assert r.status_code == 303


def test_serve_passes_the_cookie_and_proxy_options(monkeypatch, tmp_path: Path):
    import uvicorn

    from archivist.web.cli import serve_cmd

    db = tmp_path / "c.db"
    open_store(str(db)).close()
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    serve_cmd(db=str(db), host="127.0.0.1", port=8765, token="t" * 20, review_log=None,
              secure_cookies=True, behind_proxy=True)
    wb = seen["app"].state.wb
    assert wb.secure_cookies is True and wb.behind_proxy is True
    assert seen["proxy_headers"] is False  # uvicorn itself still believes nothing
    serve_cmd(db=str(db), host="127.0.0.1", port=8765, token="t" * 20, review_log=None)
    wb = seen["app"].state.wb
    assert wb.secure_cookies is False and wb.behind_proxy is False


def test_serve_cli_has_the_options(tmp_path: Path, monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from archivist.cli import app

    db = tmp_path / "c.db"
    open_store(str(db)).close()
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app))
    r = CliRunner().invoke(app, ["serve", "--db", str(db), "--secure-cookies",
                                 "--behind-proxy", "--token", "t" * 20])
    assert r.exit_code == 0, r.output
    assert seen["app"].state.wb.secure_cookies and seen["app"].state.wb.behind_proxy


# -- cross-site requests ----------------------------------------------------------------

@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"},
                                     {"Origin": "null"},
                                     {"Sec-Fetch-Site": "cross-site"}])
def test_a_cross_site_login_post_is_refused(anon, headers):
    # login CSRF: a page elsewhere posting the attacker's credentials logged the
    # victim's browser into the attacker's session
    r = anon.post("/login", data={"token": TOKEN}, headers=headers)
    assert r.status_code == 403 and COOKIE not in r.headers.get("set-cookie", "")
    assert anon.get("/").status_code == 303


def test_a_same_origin_login_post_is_let_through(anon):
    r = anon.post("/login", data={"token": TOKEN},
                  headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 303


def test_a_cross_site_decision_is_refused_even_with_the_csrf_token(client, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    d = store.document_json(doc_id)
    eid = next(e["id"] for e in d["edits"] if e["kind"] == "text" and e["status"] == "applied")
    r = client.post(f"/review/{doc_id}/{eid}", data={"action": "reject",
                                                     "csrf": csrf_of(client)},
                    headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert store.document_json(doc_id)["text"] == d["text"]


def test_behind_proxy_the_forwarded_host_is_the_origin_to_match(store):
    app = create_app(store, TOKEN, behind_proxy=True)
    with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as c:
        h = {"Origin": "https://archive.example", "X-Forwarded-Host": "archive.example",
             "X-Forwarded-Proto": "https"}
        assert c.post("/login", data={"token": TOKEN}, headers=h).status_code == 303
    app = create_app(store, TOKEN)  # not told to trust the proxy: a foreign origin
    with TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False) as c:
        assert c.post("/login", data={"token": TOKEN}, headers=h).status_code == 403


def test_the_review_notice_prints_only_what_the_server_wrote(client):
    # /review?done=... printed any text from the link as the server's own notice
    fake = "Your session expired. Log in again at evil.example"
    assert fake not in client.get("/review", params={"done": fake}).text
    assert "Done: rejected edit 3." in client.get("/review?done=rejected+edit+3").text
