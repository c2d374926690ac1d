"""review11a: an attacker cannot lock the owner of an account out of the workbench
from her own browser: not by filling the global pacing queue with failed guesses
(every check 429 while it stays full), nor by failing logins from her address (an
office or campus behind one NAT). Her browser's device cookie vouches for her; its own
failures are still limited (MAX_FAILURES a window), so a stolen one buys few guesses."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from test_accounts import _login, acc_app  # noqa: F401 (the fixture)
from web_helpers import csrf_of

from archivist.web.auth import DEVICE_COOKIE, MAX_FAILURES

OWNER = ("10.9.0.1", 4000)


def _owner_device(app) -> str:  # noqa: ANN001
    with TestClient(app, follow_redirects=False, client=OWNER) as c:
        assert _login(c, "Ada").status_code == 303
        device = c.cookies.get(DEVICE_COOKIE)
        c.post("/logout", data={"csrf": csrf_of(c)})
    assert device
    return device


def _queue_full(app) -> None:  # noqa: ANN001
    """Failed logins from everywhere past the slow-down point, and the pacing queue
    as full as an attacker's stream of guesses keeps it."""
    auth = app.state.wb.auth
    auth.slow_after = 1
    auth.failed("10.99.0.1")
    auth.next_slot = time.monotonic() + 10 * auth.max_queue_wait


def test_a_full_pacing_queue_does_not_keep_the_owner_out(acc_app):  # noqa: F811
    device = _owner_device(acc_app)
    _queue_full(acc_app)
    with TestClient(acc_app, follow_redirects=False, client=OWNER) as c:
        c.cookies.set(DEVICE_COOKIE, device)
        assert _login(c, "Ada").status_code == 303
    # a browser without her device cookie waits its turn like everyone (429)
    with TestClient(acc_app, follow_redirects=False, client=("10.9.0.2", 4000)) as c:
        assert _login(c, "Ada").status_code == 429


def test_failures_from_her_address_do_not_keep_the_owner_out(acc_app):  # noqa: F811
    device = _owner_device(acc_app)
    with TestClient(acc_app, follow_redirects=False, client=OWNER) as c:
        for k in range(MAX_FAILURES):  # someone else on her network guessing
            assert c.post("/login", data={"name": "Rita", "password": f"g{k}"}
                          ).status_code == 401
        assert _login(c, "Rita").status_code == 429  # that address is throttled
        c.cookies.set(DEVICE_COOKIE, device)
        assert _login(c, "Ada").status_code == 303  # but her browser still gets in


def test_a_device_cookie_still_buys_only_a_few_guesses_when_paced(acc_app):  # noqa: F811
    device = _owner_device(acc_app)
    _queue_full(acc_app)
    got = []
    for k in range(MAX_FAILURES + 2):
        with TestClient(acc_app, follow_redirects=False, client=(f"10.9.{k}.9", 4000)) as c:
            c.cookies.set(DEVICE_COOKIE, device)
            got.append(c.post("/login", data={"name": "Ada", "password": f"g{k}"}
                              ).status_code)
    assert got == [401] * MAX_FAILURES + [429, 429]


def test_without_accounts_the_token_holders_browser_is_not_kept_out(app):
    # no accounts yet: the browser that logged in with the token carries a device
    # cookie for it; a full pacing queue or failures from its address do not stop it
    from web_helpers import TOKEN

    with TestClient(app, follow_redirects=False, client=OWNER) as c:
        assert c.post("/login", data={"token": TOKEN}).status_code == 303
        device = c.cookies.get(DEVICE_COOKIE)
    assert device
    with TestClient(app, follow_redirects=False, client=OWNER) as c:
        for k in range(MAX_FAILURES):  # someone else on her network guessing
            assert c.post("/login", data={"token": f"g{k}"}).status_code == 401
        assert c.post("/login", data={"token": TOKEN}).status_code == 429
        _queue_full(app)
        c.cookies.set(DEVICE_COOKIE, device)
        assert c.post("/login", data={"token": TOKEN}).status_code == 303
    with TestClient(app, follow_redirects=False, client=("10.9.0.3", 4000)) as c:
        assert c.post("/login", data={"token": TOKEN}).status_code == 429
    # the token's device cookie is no account's
    assert app.state.wb.auth.read_device(device, "token") is None
