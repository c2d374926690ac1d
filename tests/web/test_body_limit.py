"""Request bodies are bounded: the public login form parsed a body of any size into
memory before answering (anyone who can reach the port could fill it)."""

from __future__ import annotations

from web_helpers import TOKEN, csrf_of

MAX_BODY = 1 << 20  # archivist.web.app.MAX_BODY


def test_an_oversized_login_body_is_refused_unread(anon) -> None:
    r = anon.post("/login", data={"token": "x" * (MAX_BODY + 10)})
    assert r.status_code == 413
    assert r.headers["x-frame-options"] == "DENY"
    assert anon.post("/login", data={"token": TOKEN}).status_code == 303


def test_a_chunked_body_is_cut_off_at_the_limit(anon) -> None:
    def chunks():
        for _ in range(MAX_BODY // 50_000 + 5):
            yield b"token=" + b"x" * 50_000

    r = anon.post("/login", content=chunks(),
                  headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code in (400, 413)
    assert r.status_code != 401  # it was not parsed and checked as a wrong token


def test_an_oversized_review_post_is_refused(client, corpus) -> None:
    doc_id = corpus[1]["003_07f6514925dd1fad.txt"]
    token = csrf_of(client)
    r = client.post(f"/review/{doc_id}/1", data={"action": "accept", "csrf": token,
                                                 "pad": "x" * (MAX_BODY + 1)})
    assert r.status_code == 413
    # an ordinary decision still goes through
    r = client.post(f"/api/review/{doc_id}/1", json={"action": "reject"},
                    headers={"x-csrf-token": token})
    assert r.status_code in (200, 400, 409), r.text
