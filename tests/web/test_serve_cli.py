"""`archivist serve` for real: a server process on a loopback port, driven over HTTP."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_token(log: Path, port: int, deadline: float) -> str:
    """Poll the server's stderr (a file, so it can never block) for the token line,
    then wait for the port to accept connections."""
    token = ""
    while time.monotonic() < deadline:
        m = re.search(r"^access token: (\S+)$", log.read_text(encoding="utf-8"), flags=re.M)
        if m:
            token = m.group(1)
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return token
            except OSError:
                pass
        time.sleep(0.1)
    raise AssertionError("the server did not start: " + log.read_text(encoding="utf-8"))


def test_serve_binds_loopback_prints_a_token_and_guards_everything(
        corpus_template: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    db.write_bytes(corpus_template[0].read_bytes())
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVIST_TOKEN"}
    log = tmp_path / "serve.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from archivist.cli import main; main()", "serve", "--db",
             str(db), "--port", str(port)], stderr=err, stdout=subprocess.DEVNULL, env=env)
    try:
        token = _wait_for_token(log, port, time.monotonic() + 60)
        assert len(token) >= 20  # generated: no token was given
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as c:
            assert c.get("/").status_code == 303
            assert c.get("/api/entities").status_code == 401
            assert c.post("/login", data={"token": "wrong"}).status_code == 401
            assert c.get("/login", headers={"Host": "rebound.example"}).status_code == 400
            r = c.post("/login", data={"token": token})
            assert r.status_code == 303 and "HttpOnly" in r.headers["set-cookie"]
            assert c.get("/").status_code == 200
            assert c.get("/api/entities").json()
        other = _non_loopback_ip()
        if other:  # not listening on the machine's other interfaces
            with socket.socket() as s, pytest.raises(OSError):
                s.settimeout(1)
                s.connect((other, port))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _non_loopback_ip() -> str | None:
    """This machine's address on its default route, if it has one."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for UDP connect
            ip = s.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") else ip


def test_serve_refuses_a_bad_port(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from archivist.cli import app

    r = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--port", "0"])
    assert r.exit_code == 2
