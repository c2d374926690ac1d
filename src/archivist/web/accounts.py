"""Workbench accounts: roles, names and scrypt password hashes.

An account has a name, a role and a password stored as ``scrypt$n$r$p$salt$hash``
(hex; `hashlib.scrypt`, a random 16-byte salt per password), never the password
itself. The store keeps the rows (`Store.add_user` ...); this module makes and
checks the hashes and says what each role may do.

>>> h = hash_password("correct horse", n=2**10)
>>> verify_password("correct horse", h), verify_password("Correct horse", h)
(True, False)
>>> h.split("$")[:4], verify_password("x", "not a hash")
(['scrypt', '1024', '8', '1'], False)
>>> hash_password("correct horse", n=2**10) != h  # a fresh salt each time
True
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache

ROLES = ("reader", "reviewer", "admin")
# what each role may do beyond reading and searching (everyone logged in may read)
REVIEW_ROLES = frozenset({"reviewer", "admin"})
# scrypt cost: n=2**14, r=8 is ~16 MB and a few tens of ms per check (the
# parameters travel in the hash, so raising them later keeps old hashes valid)
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
MAX_SCRYPT_N = 2**20  # a stored hash asking for more is refused, not computed
MIN_PASSWORD = 8  # characters
MAX_PASSWORD = 1024  # characters: scrypt reads all of it; nobody types more
MAX_NAME = 80


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + (1 << 20), dklen=32)


def hash_password(password: str, *, n: int = SCRYPT_N) -> str:
    """The stored form of `password`: scrypt with a new random salt."""
    salt = secrets.token_bytes(16)
    key = _scrypt(password, salt, n, SCRYPT_R, SCRYPT_P)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether `password` is the one `stored` was made from (constant-time compare;
    a malformed or absurdly costly hash is simply no match)."""
    try:
        algo, n_s, r_s, p_s, salt_hex, key_hex = stored.split("$")
        n, r, p = int(n_s), int(r_s), int(p_s)
        salt, key = bytes.fromhex(salt_hex), bytes.fromhex(key_hex)
    except ValueError:
        return False
    if algo != "scrypt" or not (1 < n <= MAX_SCRYPT_N and 0 < r <= 32 and 0 < p <= 16):
        return False
    if len(password) > MAX_PASSWORD:
        return False
    try:
        got = _scrypt(password, salt, n, r, p)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(got, key)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash no password matches, checked when the name is unknown: the answer then
    takes as long as for a known name, so timing does not tell which names exist."""
    return hash_password(secrets.token_urlsafe(16))


def normal_name(name: str) -> str:
    """A login name as stored and looked up: runs of spaces collapsed, ends trimmed
    (what `check_name` stores, the login form and the `users` commands look up).

    >>> normal_name("  Ada   Lovelace ")
    'Ada Lovelace'
    """
    return " ".join(name.split())


def check_name(name: str) -> str:
    """A login name as stored: 1-80 printable characters, spaces collapsed (the
    login form collapses what is typed the same way); ValueError otherwise.

    >>> check_name("  Ada   Lovelace "), check_name("zoë")
    ('Ada Lovelace', 'zoë')
    >>> check_name("a\\nb")
    Traceback (most recent call last):
    ValueError: a name is 1-80 printable characters
    """
    printable = name.strip().isprintable()
    name = normal_name(name)
    if not name or len(name) > MAX_NAME or not printable:
        raise ValueError(f"a name is 1-{MAX_NAME} printable characters")
    return name


def check_password(password: str) -> str:
    """A new password: at least MIN_PASSWORD characters, at most MAX_PASSWORD.

    >>> check_password("short")
    Traceback (most recent call last):
    ValueError: a password has at least 8 characters
    """
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise ValueError(f"a password has at most {MAX_PASSWORD} characters")
    return password


def check_role(role: str) -> str:
    """
    >>> check_role("reviewer")
    'reviewer'
    >>> check_role("root")
    Traceback (most recent call last):
    ValueError: role 'root': one of reader, reviewer, admin
    """
    if role not in ROLES:
        raise ValueError(f"role {role[:40]!r}: one of {', '.join(ROLES)}")
    return role


def hash_tag(secret: bytes, pw_hash: str) -> str:
    """A short keyed fingerprint of an account's password hash, kept in its sessions:
    a new password (`archivist users passwd`) ends every session made with the old."""
    return hmac.new(secret, b"pw:" + pw_hash.encode(), hashlib.sha256).hexdigest()[:16]
