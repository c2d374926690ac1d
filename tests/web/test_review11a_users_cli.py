"""review11a: `archivist users` finds an account by the name as `add` and the login
form take it (spaces collapsed), so an admin can disable, re-enable, re-role or
re-password it by the very string that made it: `add "Ada  Lovelace"` stored
"Ada Lovelace" and logins typed either way got in, but `disable "Ada  Lovelace"`
said "no such account"."""

from __future__ import annotations

from pathlib import Path

from test_users_cli import run

from archivist.store import open_store
from archivist.web.accounts import verify_password


def test_every_command_takes_the_name_as_add_took_it(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    typed = "  Ada   Lovelace "
    assert run(db, "add", typed, stdin="first-secret\n").exit_code == 0
    for args in (("disable", typed), ("enable", typed), ("role", typed, "reader")):
        r = run(db, *args)
        assert r.exit_code == 0, (args, r.output)
    r = run(db, "passwd", typed, stdin="second-secret\n")
    assert r.exit_code == 0, r.output
    with open_store(str(db)) as st:
        u = st.user("Ada Lovelace")
    assert u is not None and u["role"] == "reader" and not u["disabled"]
    assert verify_password("second-secret", u["pw_hash"])
