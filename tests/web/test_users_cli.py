"""`archivist users` (web11): accounts made and managed from the command line, and
`archivist serve` switching from the token to accounts once one exists."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from archivist.cli import app
from archivist.store import open_store
from archivist.web.accounts import verify_password


def run(db: Path, *args: str, stdin: str = ""):
    return CliRunner().invoke(app, ["users", *args, "--db", str(db)], input=stdin)


def test_add_list_disable_enable_role_passwd(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    r = run(db, "add", "Ada", "--role", "admin", stdin="first-secret\n")
    assert r.exit_code == 0, r.output
    assert run(db, "add", "Rita", "--role", "reader", stdin="second-secret\n").exit_code == 0
    with open_store(str(db)) as st:
        ada = st.user("Ada")
    assert ada["role"] == "admin" and "first-secret" not in ada["pw_hash"]
    assert verify_password("first-secret", ada["pw_hash"])
    r = run(db, "list", "--json")
    rows = json.loads(r.stdout)
    assert [(x["name"], x["role"], x["disabled"]) for x in rows] == [
        ("Ada", "admin", False), ("Rita", "reader", False)]
    assert "pw_hash" not in r.stdout and "secret" not in r.stdout
    assert run(db, "disable", "Rita").exit_code == 0
    assert "disabled" in run(db, "list").stdout.splitlines()[1]
    assert run(db, "enable", "Rita").exit_code == 0
    assert run(db, "role", "Rita", "reviewer").exit_code == 0
    assert run(db, "passwd", "rita", stdin="third-secret\n").exit_code == 0
    with open_store(str(db)) as st:
        rita = st.user("Rita")
    assert rita["role"] == "reviewer" and not rita["disabled"]
    assert verify_password("third-secret", rita["pw_hash"])
    assert not verify_password("second-secret", rita["pw_hash"])


def test_refusals(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert run(db, "add", "Ada", stdin="first-secret\n").exit_code == 0
    r = run(db, "add", "ADA", stdin="other-secret\n")
    assert r.exit_code == 1 and "exists" in r.output
    assert run(db, "add", "Bob", stdin="short\n").exit_code == 2  # too short
    assert run(db, "add", "Bob", "--role", "root", stdin="long-enough\n").exit_code == 2
    assert run(db, "add", "  ", stdin="long-enough\n").exit_code == 2
    for args in (("disable", "Zed"), ("passwd", "Zed"), ("role", "Zed", "admin")):
        r = run(db, *args, stdin="long-enough\n")
        assert r.exit_code == 1 and "no such account" in r.output, args
    with open_store(str(db)) as st:
        assert [u["name"] for u in st.users()] == ["Ada"]
    r = CliRunner().invoke(app, ["users", "list", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and not (tmp_path / "none.db").exists()


def test_serve_says_which_login_it_uses(tmp_path: Path, monkeypatch) -> None:
    import uvicorn

    db = tmp_path / "c.db"
    open_store(str(db)).close()
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda a, **kw: seen.update(app=a))
    monkeypatch.delenv("ARCHIVIST_TOKEN", raising=False)
    r = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert "access token: " in r.output
    assert run(db, "add", "Ada", stdin="first-secret\n").exit_code == 0
    r = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert "access token: " not in r.output and "by name and password" in r.output
    assert seen["app"].state.wb.auth.token  # (still made, but /login no longer takes it)
