"""`archivist serve`: the web workbench over a corpus.

Binds 127.0.0.1 unless told otherwise; the access token comes from ``--token``,
``$ARCHIVIST_TOKEN`` or is generated and printed at start.
"""

from __future__ import annotations

import ipaddress
import os
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
                     allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"archivist workbench on http://{shown}:{port}/  (corpus: "
               f"{url or 'archivist.db'})", err=True)
    if generated:
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


def register(app: typer.Typer) -> None:
    """Add `serve` to the main app."""
    app.command("serve")(serve_cmd)
