"""`archivist serve`: the web workbench over a corpus; `archivist users`: its accounts.

Binds 127.0.0.1 unless told otherwise. While the corpus has no accounts, the access
token comes from ``--token``, ``$ARCHIVIST_TOKEN`` or is generated and printed at
start; once it has some (``archivist users add``), login is by name and password.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from ..corpus_cli import DbOpt, _err, _open


def _is_loopback(host: str) -> bool:
    """
    >>> _is_loopback("127.0.0.1"), _is_loopback("localhost"), _is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def review_log_for(db: str | None) -> Path:
    """The audit log sits next to a SQLite corpus, else in the working directory.

    >>> str(review_log_for("/tmp/c.db")), str(review_log_for("postgresql://h/x"))
    ('/tmp/c.db.review.jsonl', 'archivist-review.jsonl')
    """
    from ..store import DEFAULT_DB, parse_url

    kind, where = parse_url(db or DEFAULT_DB)
    if kind == "sqlite" and where != ":memory:":
        return Path(where + ".review.jsonl")
    return Path("archivist-review.jsonl")


def serve_cmd(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="address to listen on (keep 127.0.0.1 unless "
                                      "behind a TLS reverse proxy)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    token: Annotated[str | None, typer.Option(help="access token (default $ARCHIVIST_TOKEN, "
                                              "else a random one printed at start; an "
                                              "option is visible in the process list, "
                                              "the variable is not)")] = None,
    review_log: Annotated[Path | None, typer.Option("--review-log", help="JSON-lines audit "
                                                    "log of review decisions")] = None,
    secure_cookies: Annotated[bool, typer.Option("--secure-cookies", help="mark the cookies "
                                                 "Secure: browsers reach the workbench over "
                                                 "TLS (a reverse proxy)")] = False,
    behind_proxy: Annotated[bool, typer.Option("--behind-proxy", help="trust the "
                                               "X-Forwarded-Proto/-For/-Host headers (only "
                                               "when a proxy in front sets them): Secure "
                                               "cookies on https, the client's address "
                                               "for throttling and the audit log")] = False,
) -> None:
    """The web workbench: documents, search, timeline, entities, review queue."""
    import uvicorn

    from .app import create_app
    from .auth import new_token

    if not 0 < port < 65536:
        _err(f"--port {port}: not a TCP port")
        raise typer.Exit(2)
    url = db or os.environ.get("ARCHIVIST_DB")
    tok = token or os.environ.get("ARCHIVIST_TOKEN") or ""
    generated = not tok
    if generated:
        tok = new_token()
    store = _open(db)
    loopback = _is_loopback(host)
    # behind a loopback bind only local names are valid Host headers (DNS rebinding)
    hosts = [host, "localhost", "127.0.0.1", "[::1]"] if loopback else None
    app = create_app(store, tok, review_log=review_log or review_log_for(url),
                     allowed_hosts=hosts, secure_cookies=secure_cookies,
                     behind_proxy=behind_proxy)
    accounts = len(store.users())
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"archivist workbench on http://{shown}:{port}/  (corpus: "
               f"{url or 'archivist.db'})", err=True)
    if accounts:
        typer.echo(f"login: by name and password ({accounts} account(s); the access "
                   "token is not accepted)", err=True)
    elif generated:
        typer.echo(f"access token: {tok}", err=True)
    if not loopback:
        _err(f"warning: listening on {host}: anyone who can reach this address can try "
             "to log in, and traffic is not encrypted; prefer 127.0.0.1 or a TLS proxy")
    try:
        # proxy_headers off: uvicorn otherwise believes X-Forwarded-For from 127.0.0.1,
        # so anyone on the machine could pose as any client: a new one per login guess
        # (the throttle never engaged) and any address in the audit log
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False,
                    proxy_headers=False)
    finally:
        store.close()


# -- archivist users ------------------------------------------------------------------
users_app = typer.Typer(help="Workbench accounts: once one exists, `archivist serve` asks "
                        "for a name and password instead of the shared token.",
                        no_args_is_help=True)
NameArg = Annotated[str, typer.Argument(help="login name")]


def _read_password(confirm: bool = True) -> str:
    """The new password: prompted for (twice, hidden) on a terminal, else the first
    line of standard input (scripts: ``printf '%s\\n' "$PW" | archivist users add ...``)."""
    from .accounts import check_password

    if sys.stdin.isatty():
        pw = typer.prompt("password", hide_input=True, confirmation_prompt=confirm)
    else:
        pw = sys.stdin.readline().rstrip("\r\n")
    try:
        return check_password(pw)
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from exc


@users_app.command("add")
def users_add(name: NameArg,
              role: Annotated[str, typer.Option(help="reader (read and search), reviewer "
                                                "(also accept/reject corrections) or admin")
                              ] = "reviewer",
              db: DbOpt = None) -> None:
    """Add an account (the password is prompted for, or read from stdin)."""
    from .accounts import check_name, check_role, hash_password

    try:
        name, role = check_name(name), check_role(role)
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from exc
    pw = _read_password()
    store = _open(db, must_exist=False)
    try:
        store.add_user(name, hash_password(pw), role,
                       datetime.now(UTC).isoformat(timespec="seconds"))
    except KeyError as exc:
        _err(f"{name}: an account of that name exists (`archivist users passwd` changes "
             "its password)")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    typer.echo(f"added {role} {name}", err=True)


@users_app.command("list")
def users_list(db: DbOpt = None,
               as_json: Annotated[bool, typer.Option("--json", help="machine-readable "
                                                     "output")] = False) -> None:
    """The accounts: name, role, created, disabled (never a password hash)."""
    store = _open(db)
    try:
        rows = store.users()
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        typer.echo(f"{r['name']}\t{r['role']}\t{r['created']}"
                   + ("\tdisabled" if r["disabled"] else ""))


def _name(name: str) -> str:
    """A name as `add` stored it and the login form looks it up (`normal_name`)."""
    from .accounts import normal_name

    return normal_name(name)


def _update(db: str | None, name: str, **change: object) -> None:
    name = _name(name)
    store = _open(db)
    try:
        found = store.update_user(name, **change)  # type: ignore[arg-type]
    finally:
        store.close()
    if not found:
        _err(f"{name}: no such account (`archivist users list`)")
        raise typer.Exit(1)


@users_app.command("disable")
def users_disable(name: NameArg, db: DbOpt = None) -> None:
    """Refuse the account's logins from now on; its open sessions end too."""
    _update(db, name, disabled=True)
    typer.echo(f"disabled {_name(name)}", err=True)


@users_app.command("enable")
def users_enable(name: NameArg, db: DbOpt = None) -> None:
    """Let a disabled account log in again."""
    _update(db, name, disabled=False)
    typer.echo(f"enabled {_name(name)}", err=True)


@users_app.command("passwd")
def users_passwd(name: NameArg, db: DbOpt = None) -> None:
    """Set a new password (prompted for, or read from stdin); the account's open
    sessions end."""
    from .accounts import hash_password

    name = _name(name)
    store = _open(db)
    try:
        known = store.user(name) is not None
    finally:
        store.close()
    if not known:
        _err(f"{name}: no such account (`archivist users list`)")
        raise typer.Exit(1)
    _update(db, name, pw_hash=hash_password(_read_password()))
    typer.echo(f"new password for {name}", err=True)


@users_app.command("role")
def users_role(name: NameArg, role: Annotated[str, typer.Argument(
        help="reader, reviewer or admin")], db: DbOpt = None) -> None:
    """Change an account's role (its open sessions get the new role at once)."""
    from .accounts import check_role

    try:
        role = check_role(role)
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from exc
    _update(db, name, role=role)
    typer.echo(f"{_name(name)} is now {role}", err=True)


def register(app: typer.Typer) -> None:
    """Add `serve` and `users` to the main app."""
    app.command("serve")(serve_cmd)
    app.add_typer(users_app, name="users")
