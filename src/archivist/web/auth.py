"""Who may use the workbench: one access token, signed session cookies, CSRF tokens.

The token (from ``--token``, ``$ARCHIVIST_TOKEN`` or generated at start) is typed
once at ``/login`` and exchanged for a session cookie signed with a secret that
never leaves the process (itsdangerous), HttpOnly and SameSite=Strict. The CSRF
token of a session is an HMAC of its id, so forms need no server-side state.

>>> a = Auth("s3cret")
>>> a.check_token("s3cret"), a.check_token("S3cret"), a.check_token("")
(True, False, False)
>>> s = a.read_session(a.new_session("Ada"))
>>> s["who"], a.check_csrf(s, a.csrf_token(s)), a.check_csrf(s, "x"), a.check_csrf(s, None)
('Ada', True, False, False)
>>> a.read_session("forged.cookie") is None
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "archivist_session"
SESSION_MAX_AGE = 12 * 3600  # seconds; a working day, then log in again
MAX_FAILURES = 10  # failed logins per client per window before refusing
FAILURE_WINDOW = 60.0  # seconds
MAX_CLIENTS = 10_000  # clients with recent failures remembered before stale ones go
# failed logins from all clients together per window: a guesser who looks like many
# clients (a rotating X-Forwarded-For, many addresses) still gets this many guesses
MAX_ALL_FAILURES = 100


def new_token() -> str:
    """A random access token, printed at start when none is given."""
    return secrets.token_urlsafe(18)


class Auth:
    """Checks the access token and issues/reads sessions and CSRF tokens."""

    def __init__(self, token: str, secret: bytes | None = None,
                 max_age: int = SESSION_MAX_AGE) -> None:
        if not token:
            raise ValueError("the access token must not be empty")
        self.token = token
        # a fresh secret per process: restarting the server logs everyone out
        self.secret = secret or secrets.token_bytes(32)
        self.max_age = max_age
        self.signer = URLSafeTimedSerializer(self.secret, salt="archivist.session")
        # logged-out session ids, with when: kept only while their cookie could still be
        # valid (max_age after it was issued, which was before the logout)
        self.revoked: dict[str, float] = {}
        self.failures: dict[str, deque[float]] = {}
        self.all_failures: deque[float] = deque()  # every client's, for MAX_ALL_FAILURES

    def check_token(self, given: str | None) -> bool:
        """Constant-time comparison, so timing does not reveal the token."""
        return bool(given) and hmac.compare_digest(str(given).encode("utf-8"),
                                                   self.token.encode("utf-8"))

    def new_session(self, who: str = "") -> str:
        """A signed cookie value for a new session of reviewer `who` (on one line, as
        it is written into the edits' reasons and read back for TEI).

        >>> a = Auth("t" * 32)
        >>> a.read_session(a.new_session(" Ann\\n  Lee\\x00 "))["who"]
        'Ann Lee'
        """
        who = " ".join("".join(c if c.isprintable() else " " for c in who).split())
        return self.signer.dumps({"sid": secrets.token_urlsafe(16), "who": who[:80]})

    def read_session(self, cookie: str | None) -> dict[str, Any] | None:
        """The session in a cookie, or None if missing, forged, expired or logged out."""
        if not cookie:
            return None
        try:
            data = self.signer.loads(cookie, max_age=self.max_age)
        except BadSignature:  # includes SignatureExpired
            return None
        if not isinstance(data, dict) or data.get("sid") in self.revoked:
            return None
        return data

    def revoke(self, session: dict[str, Any], now: float | None = None) -> None:
        now = time.time() if now is None else now
        # a cookie's stamp is whole seconds (issued at 1000.2, stamped 1000) and it is good
        # while int(now) - stamp <= max_age: up to a second past issue + max_age
        for sid in [k for k, t in self.revoked.items() if now - t > self.max_age + 1]:
            del self.revoked[sid]  # its cookie has expired anyway
        self.revoked[str(session.get("sid"))] = now

    def csrf_token(self, session: dict[str, Any]) -> str:
        return hmac.new(self.secret, b"csrf:" + str(session["sid"]).encode(),
                        hashlib.sha256).hexdigest()

    def check_csrf(self, session: dict[str, Any] | None, given: str | None) -> bool:
        if session is None or not given:
            return False
        return hmac.compare_digest(self.csrf_token(session).encode(), str(given).encode())

    # -- throttling guesses -----------------------------------------------------------
    def allowed(self, client: str, now: float | None = None) -> bool:
        """False when this client, or all clients together, failed too often
        recently (guessing the token)."""
        now = time.monotonic() if now is None else now
        for q in (self.failures.get(client), self.all_failures):
            while q and now - q[0] > FAILURE_WINDOW:
                q.popleft()
        if len(self.all_failures) >= MAX_ALL_FAILURES:
            return False
        q = self.failures.get(client)
        return not q or len(q) < MAX_FAILURES

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self.failures.setdefault(client, deque()).append(now)
        self.all_failures.append(now)
        if len(self.failures) > MAX_CLIENTS:
            # clients forget their old failures only when they come back: without
            # this, guesses from ever new addresses grew the table without bound
            self.failures = {c: q for c, q in self.failures.items()
                             if q and now - q[-1] <= FAILURE_WINDOW}


def safe_next(target: str | None) -> str:
    """Where to go after login: only a local path (no open redirect).

    >>> safe_next("/search?q=x"), safe_next("//evil.example/"), safe_next("https://x")
    ('/search?q=x', '/', '/')
    >>> safe_next("/\\\\evil.example"), safe_next(None)
    ('/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") \
            or "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    return target
