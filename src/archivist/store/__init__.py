"""The corpus: processed documents in SQLite (default) or PostgreSQL, searchable.

>>> from archivist.store import parse_url
>>> parse_url("corpus.db"), parse_url("sqlite:///c.db"), parse_url("sqlite:////tmp/c.db")
(('sqlite', 'corpus.db'), ('sqlite', 'c.db'), ('sqlite', '/tmp/c.db'))
>>> parse_url("postgresql://localhost/archive")[0]
'postgresql'
"""

from __future__ import annotations

from .base import DEFAULT_FUZZINESS, Hit, SearchResult, Store
from .query import QueryError

DEFAULT_DB = "archivist.db"

__all__ = ["DEFAULT_DB", "DEFAULT_FUZZINESS", "Hit", "QueryError", "SearchResult", "Store",
           "open_store", "parse_url"]


def parse_url(url: str) -> tuple[str, str]:
    """("sqlite", path) or ("postgresql", conninfo) for a --db value.

    As in SQLAlchemy, ``sqlite:///rel.db`` is relative and ``sqlite:////abs.db`` absolute.
    """
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql", url
    if url.startswith("sqlite:///"):
        return "sqlite", url[len("sqlite:///"):]
    if url.startswith("sqlite://"):
        return "sqlite", url[len("sqlite://"):] or DEFAULT_DB
    return "sqlite", url


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating if needed) the corpus at `url`."""
    kind, where = parse_url(url or DEFAULT_DB)
    if kind == "postgresql":
        from .postgres import PostgresStore

        return PostgresStore(where)
    from .sqlite import SQLiteStore

    return SQLiteStore(where)
