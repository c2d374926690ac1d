"""Fixtures: a store per backend. PostgreSQL runs in a throwaway cluster started here
(initdb in a temp dir, loopback port, socket in the temp dir), skipped with a reason
only when no server can be started."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from archivist.store import Store, open_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _as_pg(cmd: list[str]) -> list[str]:
    """Run as the postgres OS user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """Base URL (without database) of a throwaway PostgreSQL cluster."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL not installed (no initdb under /usr/lib/postgresql/*/bin)")
    tmp = tempfile.mkdtemp(prefix="archivist-pg-")
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    data = os.path.join(tmp, "data")
    port = _free_port()
    try:
        subprocess.run(_as_pg([str(bindir / "initdb"), "-D", data, "-A", "trust", "-U",
                               "postgres", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        subprocess.run(_as_pg([str(bindir / "pg_ctl"), "-D", data, "-w", "-l",
                               os.path.join(tmp, "log"), "-o",
                               f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 "
                               "-c fsync=off -c synchronous_commit=off", "start"]),
                       check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.skip(f"cannot start a PostgreSQL server: {exc}")
    base = f"postgresql://postgres@127.0.0.1:{port}"
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
        con.execute("CREATE DATABASE tmpl")
    with psycopg.connect(f"{base}/tmpl", autocommit=True) as con:
        con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    try:
        yield base
    finally:
        subprocess.run(_as_pg([str(bindir / "pg_ctl"), "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


_counter = itertools.count()


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh database (with pg_trgm) in the throwaway cluster."""
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name} TEMPLATE tmpl")
    return f"{pg_server}/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
