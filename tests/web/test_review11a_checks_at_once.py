"""review11a: password checks run a few at a time. Each scrypt check holds ~16 MB and
tens of milliseconds of CPU; logins sent together from many addresses each took a
worker thread (up to the pool's 40: ~640 MB, and every page waiting for a thread)."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
from test_accounts import acc_app  # noqa: F401 (the fixture)

from archivist.web import app as web_app


def test_password_checks_run_a_few_at_a_time(acc_app, monkeypatch):  # noqa: F811
    real = web_app.verify_password
    lock = threading.Lock()
    now = [0]
    peak = [0]

    def slow(password: str, stored: str) -> bool:
        with lock:
            now[0] += 1
            peak[0] = max(peak[0], now[0])
        try:
            time.sleep(0.05)
            return real(password, stored)
        finally:
            with lock:
                now[0] -= 1

    monkeypatch.setattr(web_app, "verify_password", slow)

    async def burst() -> list[int]:
        async def one(k: int) -> int:
            transport = httpx.ASGITransport(app=acc_app, client=(f"10.13.{k}.1", 4000))
            async with httpx.AsyncClient(transport=transport,
                                         base_url="http://testserver") as c:
                r = await c.post("/login", data={"name": f"user{k}", "password": "guess-x"})
                return r.status_code
        return list(await asyncio.gather(*(one(k) for k in range(24))))

    got = asyncio.run(burst())
    assert got == [401] * 24
    assert 1 <= peak[0] <= web_app.CHECKS_AT_ONCE
    # (a second loop, as a second TestClient runs one: the limit is not bound to the first)
    assert asyncio.run(burst()) == [401] * 24
