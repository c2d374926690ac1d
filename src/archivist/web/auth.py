"""Who may use the workbench: accounts or one access token, signed session cookies,
CSRF tokens, and throttled guessing.

When the store has accounts (`archivist users`), ``/login`` asks for a name and
password (`accounts`); when it has none, for the access token (from ``--token``,
``$ARCHIVIST_TOKEN`` or generated at start). Either is exchanged for a session
cookie signed with a secret that never leaves the process (itsdangerous), HttpOnly
and SameSite=Strict (and Secure behind TLS). The CSRF token of a session is an HMAC
of its id, so forms need no server-side state. Failed logins are limited per client,
per account name and per device cookie, and all together only slow down (`pace`).

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
DEVICE_COOKIE = "archivist_device"  # "this browser logged in as NAME before" (see below)
SESSION_MAX_AGE = 12 * 3600  # seconds; a working day, then log in again
DEVICE_MAX_AGE = 90 * 24 * 3600  # seconds a device cookie vouches for its browser
# what a device cookie names while the store has no accounts: the shared token (no
# account name has a control character: `accounts.check_name`)
TOKEN_DEVICE = "\x00token"
FAILURE_WINDOW = 60.0  # seconds over which failed logins are counted
MAX_FAILURES = 10  # failed logins per client (or per device cookie) per window
MAX_ACCOUNT_FAILURES = 10  # failed logins per account name per window, from anywhere
MAX_CLIENTS = 10_000  # keys each failure table remembers (bounded: see _remember)
# Failed logins of all clients together per window past which credential checks are
# *paced* (one per PACE seconds, in turn), not refused. The old rule refused every
# login, right or wrong, once 100 failures a minute came from anywhere: anyone could
# lock every user out. Pacing caps the guessing rate of an attacker who poses as many
# clients or names (60 / PACE guesses a minute) while a right password still gets in,
# at worst after waiting its turn; only when the queue is longer than MAX_QUEUE_WAIT is
# the answer 429 with Retry-After ("try again in a few seconds", never "locked").
SLOW_AFTER = 100
PACE = 0.5  # seconds between credential checks while paced
MAX_QUEUE_WAIT = 10.0  # seconds a paced check may wait for its turn


def new_token() -> str:
    """A random access token, printed at start when none is given."""
    return secrets.token_urlsafe(18)


class Auth:
    """Checks the access token, issues/reads sessions, device cookies and CSRF tokens,
    and keeps the failed-login counts."""

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
        self.devices = URLSafeTimedSerializer(self.secret, salt="archivist.device")
        # recent failure times per client, per account name and per device cookie; each
        # dict is ordered by latest failure (see _remember)
        self.failures: dict[str, deque[float]] = {}
        self.account_failures: dict[str, deque[float]] = {}
        self.device_failures: dict[str, deque[float]] = {}
        # every failure in the window, for SLOW_AFTER (more are never needed, but for
        # the attempts in flight that `succeeded` may take back)
        self.all_failures: deque[float] = deque(maxlen=2 * SLOW_AFTER)
        # (instance values, so a test can shorten them; slow_after may only be lowered)
        self.slow_after, self.pace_seconds, self.max_queue_wait = SLOW_AFTER, PACE, \
            MAX_QUEUE_WAIT
        self.next_slot = 0.0  # monotonic time of the next paced check

    def check_token(self, given: str | None) -> bool:
        """Constant-time comparison, so timing does not reveal the token."""
        return bool(given) and hmac.compare_digest(str(given).encode("utf-8"),
                                                   self.token.encode("utf-8"))

    def new_session(self, who: str = "", user: str | None = None, role: str = "reviewer",
                    tag: str = "") -> str:
        """A signed cookie value for a new session of reviewer `who` (on one line, as
        it is written into the edits' reasons and read back for TEI). An account's
        session also holds its name (`user`, then also `who`), its role at login and
        `tag`, the fingerprint of its password hash (`accounts.hash_tag`); the app
        checks both against the store on every request.

        >>> a = Auth("t" * 32)
        >>> a.read_session(a.new_session(" Ann\\n  Lee\\x00 "))["who"]
        'Ann Lee'
        """
        who = " ".join("".join(c if c.isprintable() else " " for c in who).split())
        data: dict[str, Any] = {"sid": secrets.token_urlsafe(16), "who": who[:80]}
        if user is not None:
            data.update(who=user, user=user, role=role, tag=tag)
        return self.signer.dumps(data)

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

    # -- device cookies -----------------------------------------------------------------
    # A per-account limit alone would let anyone lock a user out by failing her name
    # ten times a minute. A browser that has logged in as NAME before carries a signed
    # device cookie saying so; while NAME is throttled, attempts with that cookie are
    # still checked, and their failures count against the cookie (MAX_FAILURES), not
    # the account (after OWASP's "device cookies" against online guessing).
    def new_device(self, account: str) -> str:
        """A signed device cookie for a browser that just logged in as `account`."""
        return self.devices.dumps({"n": account_key(account), "d": secrets.token_urlsafe(12)})

    def read_device(self, cookie: str | None, account: str) -> str | None:
        """The device id in `cookie` if it is genuine, fresh and for `account`."""
        if not cookie:
            return None
        try:
            data = self.devices.loads(cookie, max_age=DEVICE_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or data.get("n") != account_key(account):
            return None
        return str(data.get("d"))

    # -- throttling guesses -----------------------------------------------------------
    def wait(self, client: str, account: str | None = None, device: str | None = None,
             now: float | None = None) -> float:
        """Seconds before this client may try again (0: now): with a device cookie
        for the account, when that cookie failed MAX_FAILURES times in the window;
        without, when the client's address did, or the account name did
        (MAX_ACCOUNT_FAILURES). (The address is not held against a device cookie: an
        attacker sharing the owner's address, behind one NAT, locked her out.)"""
        now = time.monotonic() if now is None else now
        if device is not None:
            return _retry_after(self.device_failures.get(device), MAX_FAILURES, now)
        out = _retry_after(self.failures.get(client), MAX_FAILURES, now)
        if account is not None:
            out = max(out, _retry_after(self.account_failures.get(account_key(account)),
                                        MAX_ACCOUNT_FAILURES, now))
        return out

    def allowed(self, client: str, now: float | None = None) -> bool:
        """False when this client failed too often recently."""
        return self.wait(client, now=now) == 0

    def failed(self, client: str, account: str | None = None, device: str | None = None,
               now: float | None = None) -> None:
        """Count a failed login against the client, and against the device cookie it
        carried or else the account name it tried."""
        now = time.monotonic() if now is None else now
        _remember(self.failures, client, now)
        if device is not None:
            _remember(self.device_failures, device, now)
        elif account is not None:
            _remember(self.account_failures, account_key(account), now)
        self.all_failures.append(now)

    def attempt(self, client: str, account: str | None = None, device: str | None = None
                ) -> float:
        """Count a login attempt let through as failed at once (returns its stamp for
        `succeeded`): its password check runs in a thread, and guesses sent together
        all passed `wait` before the first was counted (hundreds a minute, not
        MAX_FAILURES). Call it with no await after `wait` and `pace`."""
        now = time.monotonic()
        self.failed(client, account, device, now=now)
        return now

    def succeeded(self, client: str, account: str | None, device: str | None,
                  stamp: float) -> None:
        """Take back the failure `attempt` counted: the credentials were right."""
        tables = [(self.failures, client)]
        if device is not None:
            tables.append((self.device_failures, device))
        elif account is not None:
            tables.append((self.account_failures, account_key(account)))
        for table, key in tables:
            q = table.get(key)
            if q is not None and stamp in q:
                q.remove(stamp)
                if not q:
                    del table[key]
        if stamp in self.all_failures:
            self.all_failures.remove(stamp)

    def pace(self, now: float | None = None) -> float | None:
        """Seconds this credential check must wait for its turn (0: at once, as long
        as fewer than `slow_after` logins failed in the window), or None when the
        queue is full (answer 429 with Retry-After)."""
        now = time.monotonic() if now is None else now
        q = self.all_failures
        while q and now - q[0] > FAILURE_WINDOW:
            q.popleft()
        if len(q) < self.slow_after:
            return 0.0
        start = max(now, self.next_slot)
        if start - now > self.max_queue_wait:
            return None
        self.next_slot = start + self.pace_seconds
        return start - now


def _retry_after(q: deque[float] | None, limit: int, now: float) -> float:
    """Seconds until fewer than `limit` of the failure times in `q` are within the
    window (0 when already so).

    >>> _retry_after(deque([0.0, 10.0, 20.0]), 2, 30.0), _retry_after(None, 2, 0.0)
    (40.0, 0.0)
    >>> _retry_after(deque([0.0, 10.0, 20.0]), 2, 71.0)
    0.0
    """
    if not q:
        return 0.0
    while q and now - q[0] > FAILURE_WINDOW:
        q.popleft()
    if len(q) < limit:
        return 0.0
    return max(q[-limit] + FAILURE_WINDOW - now, 0.0)


def _remember(table: dict[str, deque[float]], key: str, now: float) -> None:
    """Add a failure of `key`, keeping `table` ordered by latest failure and at most
    MAX_CLIENTS keys: stale keys go first; past that the longest-quiet ones (an attacker
    with ever new addresses can push out a throttled client this way, but every such
    guess counts towards SLOW_AFTER, and the pacing then caps them all)."""
    q = table.pop(key, None) or deque()
    q.append(now)
    while len(q) > max(MAX_FAILURES, MAX_ACCOUNT_FAILURES):
        q.popleft()  # more are never needed to decide
    table[key] = q  # re-inserted: the dict's order is by latest failure
    while len(table) > MAX_CLIENTS:
        del table[next(iter(table))]
    while table:
        first = next(iter(table))
        if table[first] and now - table[first][-1] <= FAILURE_WINDOW:
            break
        del table[first]


def account_key(name: str) -> str:
    """How an account name is compared: lower(), as the store tells accounts apart
    (`Store.user`): casefold() would make "Straße" and "STRASSE", two accounts there,
    one here (one's failures throttling the other, one's device cookie vouching for
    the other).

    >>> account_key("Ada"), account_key("Straße") == account_key("STRASSE")
    ('ada', False)
    """
    return name.lower()


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
