"""review11a: guesses sent all at once are throttled like guesses sent one by one.

A failed login used to be counted only once its password check had run (in a thread,
tens of milliseconds of scrypt): guesses sent together all passed the per-client and
per-account limits before the first was counted, so one client could try hundreds a
minute instead of MAX_FAILURES. An attempt now counts as a failure from the moment it
is let through, and only a right password takes it back."""

from __future__ import annotations

import asyncio

import httpx
from test_accounts import _login, acc_app  # noqa: F401 (the fixture)
from web_helpers import TOKEN

from archivist.web.auth import MAX_ACCOUNT_FAILURES, MAX_FAILURES


async def _burst(app, n: int, data: dict[str, str], client: str | None = None  # noqa: ANN001
                 ) -> list[int]:
    async def one(k: int) -> int:
        addr = (client or f"10.12.{k}.1", 4000)
        transport = httpx.ASGITransport(app=app, client=addr)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return (await c.post("/login", data={**data, "password": f"g{k}"})).status_code
    return list(await asyncio.gather(*(one(k) for k in range(n))))


def test_a_burst_from_one_client_gets_no_more_guesses(acc_app):  # noqa: F811
    got = asyncio.run(_burst(acc_app, 3 * MAX_FAILURES, {"name": "Ada"}, "10.11.0.1"))
    assert got.count(401) == MAX_FAILURES and got.count(429) == 2 * MAX_FAILURES


def test_a_burst_at_one_account_gets_no_more_guesses(acc_app):  # noqa: F811
    got = asyncio.run(_burst(acc_app, 3 * MAX_ACCOUNT_FAILURES, {"name": "Ada"}))
    assert got.count(401) == MAX_ACCOUNT_FAILURES


def test_a_burst_of_token_guesses_gets_no_more(app):
    got = asyncio.run(_burst(app, 3 * MAX_FAILURES, {"token": "nope"}, "10.11.0.2"))
    assert got.count(401) == MAX_FAILURES


def test_a_right_password_is_not_counted_as_a_failure(acc_app):  # noqa: F811
    from fastapi.testclient import TestClient

    with TestClient(acc_app, follow_redirects=False, client=("10.11.0.3", 4000)) as c:
        for _ in range(2 * MAX_FAILURES):
            assert _login(c, "Ada").status_code == 303
    auth = acc_app.state.wb.auth
    assert not auth.failures and not auth.account_failures and not auth.all_failures


def test_a_right_token_is_not_counted_as_a_failure(app):
    from fastapi.testclient import TestClient

    with TestClient(app, follow_redirects=False, client=("10.11.0.4", 4000)) as c:
        for _ in range(2 * MAX_FAILURES):
            assert c.post("/login", data={"token": TOKEN}).status_code == 303
    assert not app.state.wb.auth.failures and not app.state.wb.auth.all_failures
