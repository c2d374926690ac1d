"""PostgreSQL backend (psycopg 3): tsvector full text, pg_trgm fuzzy vocabulary.

Same tables as SQLite (`schema_postgres.sql`), same shared logic in `base.Store`;
only indexing, ranking (ts_rank) and fuzzy candidate look-up differ.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

from . import query as Q
from .base import PORTABLE_MIGRATIONS, Store


def _migration_1() -> str:
    return resources.files("archivist.store").joinpath("schema_postgres.sql").read_text("utf-8")



# version -> SQL applying it; append new versions, never edit old ones
MIGRATIONS = {1: _migration_1, **PORTABLE_MIGRATIONS}


def _pg(sql: str) -> str:
    """Shared SQL uses ``?`` placeholders; psycopg wants ``%s``."""
    return sql.replace("?", "%s")


class PostgresStore(Store):
    backend = "postgresql"
    lock_row = " FOR UPDATE"  # a revision reads and rewrites the row in one transaction
    rank_window = 5000  # ts_rank reads each matching tsvector (often TOASTed): keep it short
    # ts_rank needs no corpus-wide count, and asking for the newest 200 phrase matches
    # (not 1,000) made the planner walk passages backwards de-TOASTing every one until
    # it had them: 0.3-1 s for a rarer phrase at 100k pages
    rank_common_phrases_here = False

    def __init__(self, conninfo: str) -> None:
        import psycopg

        super().__init__()
        self.conninfo = conninfo
        self.con = psycopg.connect(conninfo, autocommit=True)
        self._trgm_threshold: str | None = None
        self.migrate()

    def migrate(self) -> int:
        """Apply pending migrations (each in one transaction); return the version."""
        with self.con.transaction():
            # serialise concurrent first opens
            self.con.execute("SELECT pg_advisory_xact_lock(727011)")
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT "
                             "NULL, applied_at TEXT NOT NULL DEFAULT now()::text)")
            current = self.con.execute("SELECT max(version) FROM schema_version"
                                       ).fetchone()[0] or 0
            for v in sorted(MIGRATIONS):
                if v > current:
                    self.con.execute(MIGRATIONS[v]())
                    self.con.execute("INSERT INTO schema_version (version) VALUES (%s)", (v,))
                    current = v
        return current

    # -- primitives ----------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(_pg(sql), tuple(params)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.con.transaction(), self.con.cursor() as cur:
            yield cur

    def x(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        return cur.execute(_pg(sql), tuple(params))

    def xmany(self, cur: Any, sql: str, seq: list[Sequence[Any]]) -> None:
        if seq:
            cur.executemany(_pg(sql), seq)

    def _insert_passages(self, cur: Any, doc_id: int, rows: list[tuple]) -> list[int]:
        # the original's positions follow the text's, so phrases never straddle both
        cur.executemany(
            "INSERT INTO passages (doc_id, kind, page_id, note_id, page_n, note_n, tsv) "
            "VALUES (%s,%s,%s,%s,%s,%s, to_tsvector('simple', %s) || "
            "to_tsvector('simple', %s))", [(doc_id, *r) for r in rows])
        return [int(r[0]) for r in cur.execute(
            "SELECT id FROM passages WHERE doc_id = %s ORDER BY id", (doc_id,)).fetchall()]

    def _unindex_document(self, cur: Any, doc_id: int) -> None:
        pass  # the index lives in passages.tsv, deleted with the passages

    def _add_vocab(self, cur: Any, vocab: dict[str, int], sign: int) -> None:
        if not vocab:
            return
        items = sorted(vocab.items())  # a stable order avoids deadlocks between writers
        if sign > 0:
            cur.executemany("INSERT INTO vocab (word, len, df) VALUES (%s,%s,%s) "
                            "ON CONFLICT (word) DO UPDATE SET df = vocab.df + EXCLUDED.df",
                            [(w, len(w), n) for w, n in items])
        else:
            cur.executemany("UPDATE vocab SET df = df - %s WHERE word = %s",
                            [(n, w) for w, n in items])

    def _fuzzy_candidates(self, word: str, fuzziness: float) -> list[tuple[str, int]]:
        from .text import confusion_variants

        # length window: OCR variants are mostly within a letter or two (a wider window
        # mostly adds words run together with a neighbour, and costs the most rows)
        slack = max(1, round(len(word) * fuzziness / 2))
        threshold = str(max(0.2, 0.6 - fuzziness))
        if threshold != self._trgm_threshold:
            # a session setting, changed only when the fuzziness does (one round trip
            # less per word than setting it inside a transaction every time)
            self.con.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                             (threshold,))
            self._trgm_threshold = threshold
        # one statement (prepared by psycopg after a few runs): the GIN trigram index
        # finds similar words, the exact look-up adds single OCR confusions
        rows = self.con.execute(
            "(SELECT word, df FROM vocab WHERE word %% %s AND len BETWEEN %s AND %s "
            "ORDER BY similarity(word, %s) DESC LIMIT 150) UNION ALL "
            "(SELECT word, df FROM vocab WHERE word = ANY(%s))",
            (word, len(word) - slack, len(word) + slack, word,
             sorted(confusion_variants(word)))).fetchall()
        return [(str(w), int(df)) for w, df in rows]

    def _match_recent(self, node: Q.Node, where: str, params: list[Any], limit: int
                      ) -> list[tuple[int, int]]:
        import psycopg

        sql = ("SELECT p.id, p.doc_id FROM passages p, to_tsquery('simple', ?) q "
               f"WHERE p.tsv @@ q AND {where} ORDER BY p.id DESC LIMIT ?")
        try:
            rows = self._full_text(_pg(sql), (Q.to_tsquery(node), *params, limit))
        except psycopg.Error as exc:
            raise Q.QueryError(f"cannot run the query: {exc}") from exc
        return [(int(a), int(b)) for a, b in rows]

    def _match(self, node: Q.Node, where: str, params: list[Any], limit: int,
               window: int | None = None) -> list[tuple[int, int, float]]:
        import psycopg

        expr = Q.to_tsquery(node)
        inner = ("SELECT p.id, p.doc_id, ts_rank(p.tsv, q) AS score FROM passages p, "
                 f"to_tsquery('simple', ?) q WHERE p.tsv @@ q AND {where}")
        if window:
            sql = (f"SELECT id, doc_id, score FROM ({inner} ORDER BY p.id DESC "
                   f"LIMIT {int(window)}) t ORDER BY score DESC, id LIMIT ?")
        else:
            sql = f"{inner} ORDER BY score DESC, p.id LIMIT ?"
        try:
            rows = self._full_text(_pg(sql), (expr, *params, limit))
        except psycopg.Error as exc:
            raise Q.QueryError(f"cannot run the query: {exc}") from exc
        return [(int(a), int(b), float(s)) for a, b, s in rows]

    def _full_text(self, sql: str, params: Sequence[Any]) -> list[tuple]:
        """Run a full-text match without sequential scans of passages. The planner
        prices filtering a row by its tsvector like any operator and ignores reading
        the (TOASTed, compressed) tsvector itself, so for a word with its OCR variants
        it chose to filter all passages (34k pages: 390 ms) over the GIN index (39 ms)."""
        with self.con.transaction():
            self.con.execute("SET LOCAL enable_seqscan = off")
            return self.con.execute(sql, tuple(params)).fetchall()

    def _in(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return "= ANY(?)", [list(values)]

    def size_bytes(self) -> int:
        return int(self.con.execute("SELECT pg_database_size(current_database())"
                                    ).fetchone()[0])

    def close(self) -> None:
        self.con.close()
