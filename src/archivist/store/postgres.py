"""PostgreSQL backend (psycopg 3): tsvector full text, pg_trgm fuzzy vocabulary.

Same tables as SQLite (`schema_postgres.sql`), same shared logic in `base.Store`;
only indexing, ranking (ts_rank) and fuzzy candidate look-up differ.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

from . import query as Q
from .base import (
    PORTABLE_MIGRATIONS,
    Store,
    _migration_6,
    _migration_7,
    _migration_8,
    _migration_9,
    backfill_lexicon,
    backfill_pairs_table,
    backfill_quantities,
    record_migrated_counting,
)
from .text import PASSAGE_TEXTS_SQL, confusion_variants, text_pairs, trigrams


def _migration_1() -> str:
    return resources.files("archivist.store").joinpath("schema_postgres.sql").read_text("utf-8")



def _migration_4() -> str:
    # The word-pair index (as SQLite's migration 4): passages.ptsv holds the adjacent
    # word pairs ("a_b", see text.pair_string) of the clean text and, after a gap, of
    # the original, so a phrase "a b c" is 'a_b' <-> 'b_c' and a two-word phrase one
    # lexeme, which GIN answers without reading any tsvector. pair_vocab counts the
    # passages holding each pair. Existing passages: `_backfill_pairs`.
    return ("ALTER TABLE passages ADD COLUMN IF NOT EXISTS ptsv TSVECTOR;\n"
            "CREATE TABLE IF NOT EXISTS pair_vocab (pair TEXT PRIMARY KEY, "
            "df INTEGER NOT NULL);")


def _migration_4_index() -> str:
    # built after the backfill: one index build instead of an update per row
    return "CREATE INDEX IF NOT EXISTS passages_ptsv ON passages USING gin (ptsv);"


# version -> SQL applying it; append new versions, never edit old ones
# 6 as in SQLite (the quantities table); there is no 5 (SQLite's tunes FTS5)
def _migration_7_pg() -> str:
    # as SQLite's 7: the corpus lexicon table and the documents.lexicon column
    return _migration_7() + "ALTER TABLE documents ADD COLUMN IF NOT EXISTS lexicon TEXT;"


MIGRATIONS = {1: _migration_1, **PORTABLE_MIGRATIONS, 4: _migration_4, 6: _migration_6,
              7: _migration_7_pg, 8: _migration_8, 9: _migration_9}


def pair_tsvector(pt: str, po: str) -> str:
    """A tsvector literal of a passage's pairs: the clean text's at positions 1..n,
    the original's after a gap (a phrase never joins the two). Index words are
    letters and digits only, so pairs need no quoting.

    >>> pair_tsvector("a_b b_c", "a_b b_d")
    'a_b:1 b_c:2 a_b:4 b_d:5'
    """
    pl = pt.split()
    out = [f"{p}:{i}" for i, p in enumerate(pl, 1)]
    out += [f"{p}:{i}" for i, p in enumerate(po.split(), len(pl) + 2)]
    return " ".join(out)


def _backfill_pairs(con: Any) -> None:
    """Give every stored passage its pair tsvector and count its pairs (migration
    4, inside its transaction)."""
    counts: Counter[str] = Counter()
    with con.cursor(name="pairs_backfill") as rd:  # server-side: not all in memory
        rd.execute(f"{PASSAGE_TEXTS_SQL} ORDER BY p.id")
        while batch := rd.fetchmany(2000):
            out = []
            for pid, t, o in batch:
                pt, po, held = text_pairs(t, o)
                out.append((pair_tsvector(pt, po), pid))
                counts.update(held)
            with con.cursor() as wr:
                wr.executemany("UPDATE passages SET ptsv = %s::tsvector WHERE id = %s", out)
    with con.cursor() as wr:
        wr.executemany("INSERT INTO pair_vocab (pair, df) VALUES (%s,%s) ON CONFLICT (pair) "
                       "DO UPDATE SET df = pair_vocab.df + EXCLUDED.df", sorted(counts.items()))
    con.execute(_migration_4_index())


def _backfill_quantities(con: Any) -> None:
    backfill_quantities(con, "%s")


def _backfill_lexicon(con: Any) -> None:
    backfill_lexicon(con, "%s")


# run after the migration's SQL, same transaction
def _backfill_pairs_table(con: Any) -> None:
    backfill_pairs_table(con, "%s")


BACKFILLS = {4: _backfill_pairs, 6: _backfill_quantities, 7: _backfill_lexicon,
             8: _backfill_pairs_table}


MIN_TRGM_SIMILARITY = 0.2  # the fuzzy look-up's floor (`_fuzzy_candidates`)
ICU_ROOT = "und-x-icu"  # the ICU root locale's collation initdb makes when built with ICU


def _pg(sql: str) -> str:
    """Shared SQL uses ``?`` placeholders; psycopg wants ``%s``."""
    return sql.replace("?", "%s")


class PostgresStore(Store):
    backend = "postgresql"
    placeholder = "%s"
    lock_row = " FOR UPDATE"  # a revision reads and rewrites the row in one transaction
    rank_window = 5000  # ts_rank reads each matching tsvector (often TOASTed): keep it short
    # ts_rank needs no corpus-wide count, and asking for the newest 200 phrase matches
    # (not 1,000) made the planner walk passages backwards de-TOASTing every one until
    # it had them: 0.3-1 s for a rarer phrase at 100k pages
    rank_common_phrases_here = False
    text_order = '{} COLLATE "C"'  # code point order, whatever the database's collation

    def __init__(self, conninfo: str) -> None:
        import psycopg

        super().__init__()
        self.conninfo = conninfo
        self.con = psycopg.connect(conninfo, autocommit=True)
        self.lower_sql = self._lower_sql()
        self._trgm_threshold: str | None = None
        self._pairs_pending: Counter[str] = Counter()  # pair counts until _flush_index
        self.migrate()
        self.trgm_ascii_only = self._trgm_ascii_only()  # (pg_trgm made by the migrations)

    def migrate(self) -> int:
        """Apply pending migrations (each in one transaction); return the version."""
        with self.con.transaction():
            # serialise concurrent first opens
            self.con.execute("SELECT pg_advisory_xact_lock(727011)")
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT "
                             "NULL, applied_at TEXT NOT NULL DEFAULT now()::text)")
            current = self.con.execute("SELECT max(version) FROM schema_version"
                                       ).fetchone()[0] or 0
            applied: set[int] = set()
            for v in sorted(MIGRATIONS):
                if v > current:
                    self.con.execute(MIGRATIONS[v]())
                    if v in BACKFILLS:
                        BACKFILLS[v](self.con)
                    if v == 8:
                        record_migrated_counting(self, self.con, applied)
                    applied.add(v)
                    self.con.execute("INSERT INTO schema_version (version) VALUES (%s)", (v,))
                    current = v
        return current

    def _lower_sql(self) -> str:
        """How this database lower-cases as Python's str.lower does: lower() follows
        the database's LC_CTYPE, which folds ASCII letters only when it is C ("ÉCOLE"
        -> "École", where SQLite's archivist_lower gives "école"), so under an ICU
        collation (ICU's full case mapping, as Python's: "İ" -> "i̇") when the server
        has ICU; else lower() as it is (under a UTF-8 LC_CTYPE it folds every letter,
        by the simple mapping), and so when the database's encoding is one ICU cannot
        collate (EUC_JIS_2004, MULE_INTERNAL, SQL_ASCII)."""
        import psycopg

        if self.con.execute("SELECT 1 FROM pg_collation WHERE collname = %s",
                            (ICU_ROOT,)).fetchone():
            icu = f'lower(({{}})::text COLLATE "{ICU_ROOT}")'
            try:  # (ICU refuses a few database encodings: then plain lower())
                self.con.execute("SELECT " + icu.format("'A'"))
            except psycopg.Error:
                return "lower({})"
            return icu
        return "lower({})"

    def _trgm_ascii_only(self) -> bool:
        """Whether pg_trgm here takes only ASCII letters and digits for word
        characters: it follows the database's LC_CTYPE, and under C (a cluster made
        without a locale, or a database made with LC_CTYPE 'C') every other letter
        separates words ("łucja" is the word "ucja" to it, "жук" no word at all).
        Fuzzy search then copes (`_fuzzy_candidates`) but finds fewer variants of
        words with such letters than SQLite does: said once, as a warning."""
        ascii_only = not self.con.execute(
            "SELECT cardinality(show_trgm('\u0436\u00f8'))").fetchone()[0]
        if ascii_only:
            ctype = self.con.execute("SELECT datctype FROM pg_database WHERE datname = "
                                     "current_database()").fetchone()[0]
            warnings.warn(
                f"archivist: this PostgreSQL database's LC_CTYPE is {ctype!r}: its "
                "trigram index reads letters outside ASCII (é folded, but ø, ł, ж ...) "
                "as word breaks, so fuzzy search misses variants of words holding "
                "them; a database created with a UTF-8 LC_CTYPE (e.g. 'C.UTF-8', "
                "TEMPLATE template0) does not", TrigramCtypeWarning, stacklevel=4)
        return bool(ascii_only)

    def _lock_recount(self, cur: Any) -> None:
        # READ COMMITTED: the next statement sees what the writer before committed
        cur.execute("SELECT pg_advisory_xact_lock(727012)")

    def _lock_users(self, cur: Any) -> None:
        # the primary key is the name as typed: only this lock stops "ada" beside "Ada"
        cur.execute("SELECT pg_advisory_xact_lock(727013)")

    # -- primitives ----------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(_pg(sql), tuple(params)).fetchall()

    def x(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        return cur.execute(_pg(sql), tuple(params))

    def xmany(self, cur: Any, sql: str, seq: list[Sequence[Any]]) -> None:
        if seq:
            cur.executemany(_pg(sql), seq)

    def _insert_passages(self, cur: Any, doc_id: int, rows: list[tuple]) -> list[int]:
        # the original's positions follow the text's, so phrases never straddle both
        vals = []
        for r in rows:
            self._pairs_pending.update(r[9])
            vals.append((doc_id, *r[:7], pair_tsvector(r[7], r[8])))
        cur.executemany(
            "INSERT INTO passages (doc_id, kind, page_id, note_id, page_n, note_n, tsv, ptsv) "
            "VALUES (%s,%s,%s,%s,%s,%s, to_tsvector('simple', %s) || "
            "to_tsvector('simple', %s), %s::tsvector)", vals)
        return [int(r[0]) for r in cur.execute(
            "SELECT id FROM passages WHERE doc_id = %s ORDER BY id", (doc_id,)).fetchall()]

    def _flush_index(self, cur: Any) -> None:
        counts, self._pairs_pending = self._pairs_pending, Counter()
        self._add_pairs(cur, counts, 1)

    @staticmethod
    def _add_pairs(cur: Any, counts: dict[str, int], sign: int) -> None:
        items = sorted(counts.items())  # a stable order avoids deadlocks between writers
        if not items:
            return
        if sign > 0:
            cur.executemany("INSERT INTO pair_vocab (pair, df) VALUES (%s,%s) ON CONFLICT "
                            "(pair) DO UPDATE SET df = pair_vocab.df + EXCLUDED.df", items)
        else:
            cur.executemany("UPDATE pair_vocab SET df = df - %s WHERE pair = %s",
                            [(n, p) for p, n in items])

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        self._pairs_pending = Counter()
        try:
            with self.con.transaction(), self.con.cursor() as cur:
                yield cur
                if self._pairs_pending:  # a writer that did not flush
                    self._flush_index(cur)
        finally:
            self._pairs_pending = Counter()

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        # READ COMMITTED takes a snapshot per statement: REPEATABLE READ keeps the
        # first one for the whole transaction (set before its first query)
        from psycopg.pq import TransactionStatus

        if self.con.info.transaction_status != TransactionStatus.IDLE:  # (inside one: its own)
            yield
            return
        with self.con.transaction():
            self.con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield

    def _unindex_document(self, cur: Any, doc_id: int) -> None:
        # the index lives in passages.tsv / ptsv, deleted with the passages; the pair
        # vocabulary forgets the document's pairs
        counts: Counter[str] = Counter()
        for _pid, t, o in cur.execute(f"{PASSAGE_TEXTS_SQL} WHERE p.doc_id = %s",
                                      (doc_id,)).fetchall():
            counts.update(text_pairs(t, o)[2])
        self._add_pairs(cur, counts, -1)

    def _pair_dfs(self, pairs: list[str]) -> dict[str, int]:
        return {str(p): int(df) for p, df in self.con.execute(
            "SELECT pair, df FROM pair_vocab WHERE pair = ANY(%s) AND df > 0", (pairs,))}

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
        # length window: OCR variants are mostly within a letter or two (a wider window
        # mostly adds words run together with a neighbour, and costs the most rows)
        slack = max(1, round(len(word) * fuzziness / 2))
        # SQLite's rule (`SQLiteStore._fuzzy_candidates`): a word sharing at least
        # `need` of the query's trigrams. The index is asked for the least similarity
        # such a word can have (`need` shared, the longest word of the window), a
        # hair under it (pg_trgm compares in float4); the shared count then decides.
        # (A similarity of 0.6 - fuzziness missed a five-letter word misread in its
        # middle letter: 3 of 6 trigrams shared, similarity 3/9.) Never under 0.2:
        # up to the default fuzziness that bound is above it for every length, but
        # from ~0.3 it falls to 0.05 and the index then returns nearly every word of
        # the window (10-30x slower at 540k words, benchmarks/README.md review12c).
        if self.trgm_ascii_only and not word.isascii():
            # pg_trgm sees only the ASCII runs of the word (`_trgm_ascii_only`): the
            # shared count and the similarity bound are of those runs' trigrams, or
            # a word misread in one letter beside an "ł" could never share enough
            n_tri = len(_ascii_trigrams(word))
            if not n_tri:  # no ASCII run at all ("жук"): the trigram index cannot help
                return self._confusions(word)
        else:
            n_tri = len(trigrams(word))
        need = max(1, int(n_tri * (1 - 2 * fuzziness)))
        least = need / (n_tri + len(word) + slack + 1 - need) - 1e-4
        threshold = f"{max(MIN_TRGM_SIMILARITY, least):.6f}"
        if threshold != self._trgm_threshold:
            # a session setting, changed only when it does (one round trip less per
            # word than setting it inside a transaction every time)
            self.con.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                             (threshold,))
            self._trgm_threshold = threshold
        # one statement (prepared by psycopg after a few runs): the GIN trigram index
        # finds similar words, the exact look-up adds single OCR confusions. The 150
        # kept are SQLite's (`_most_shared`): the most shared trigrams, then the
        # smaller id. (They were the most similar: in a dense vocabulary, 600
        # misreadings of one invented word, the backends kept different 150, and 32
        # of 400 expansions differed: tests/store/test_diff16_fixes.py.) (OFFSET 0:
        # the shared count is computed once a row, not again for the sort.)
        rows = self.con.execute(
            "(SELECT word, df FROM (SELECT id, word, df, cardinality(ARRAY("
            "SELECT unnest(show_trgm(word)) INTERSECT SELECT unnest(show_trgm(%s)))) "
            "AS shared FROM vocab WHERE word %% %s AND len BETWEEN %s AND %s OFFSET 0) c "
            "WHERE shared >= %s ORDER BY shared DESC, id LIMIT 150) UNION ALL "
            "(SELECT word, df FROM vocab WHERE word = ANY(%s))",
            (word, word, len(word) - slack, len(word) + slack, need,
             sorted(confusion_variants(word)))).fetchall()
        return [(str(w), int(df)) for w, df in rows]

    def _confusions(self, word: str) -> list[tuple[str, int]]:
        """The single OCR confusions of `word` that the vocabulary holds."""
        return [(str(w), int(df)) for w, df in self.con.execute(
            "SELECT word, df FROM vocab WHERE word = ANY(%s)",
            (sorted(confusion_variants(word)),)).fetchall()]

    def _match_recent(self, node: Q.Node, where: str, params: list[Any], limit: int
                      ) -> list[tuple[int, int]]:
        import psycopg

        col, q, expr = _tsquery(node)
        if expr is None:
            return []
        sql = (f"SELECT p.id, p.doc_id FROM passages p, {q} "
               f"WHERE p.{col} @@ q AND {where} ORDER BY p.id DESC LIMIT ?")
        try:
            rows = self._full_text(_pg(sql), (expr, *params, limit))
        except psycopg.Error as exc:
            raise Q.QueryError(f"cannot run the query: {exc}") from exc
        return [(int(a), int(b)) for a, b in rows]

    def _match(self, node: Q.Node, where: str, params: list[Any], limit: int,
               window: int | None = None) -> list[tuple[int, int, float]]:
        import psycopg

        col, q, expr = _tsquery(node)
        if expr is None:
            return []
        inner = (f"SELECT p.id, p.doc_id, ts_rank(p.{col}, q) AS score FROM passages p, "
                 f"{q} WHERE p.{col} @@ q AND {where}")
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


class TrigramCtypeWarning(UserWarning):
    """A PostgreSQL database whose trigram index cannot read letters outside ASCII."""


_ASCII_RUN = re.compile(r"[a-z0-9]+")


def _ascii_trigrams(word: str) -> set[str]:
    """The trigrams pg_trgm makes of a normalised word under an LC_CTYPE of C: those
    of each run of ASCII letters and digits, each run padded as a word of its own.

    >>> sorted(_ascii_trigrams("\u0142ucja")) == sorted(trigrams("ucja"))
    True
    >>> _ascii_trigrams("\u0436\u0443\u043a")
    set()
    """
    out: set[str] = set()
    for run in _ASCII_RUN.findall(word):
        out |= trigrams(run)
    return out


def _tsquery(node: Q.Node) -> tuple[str, str, str | None]:
    """(tsvector column, FROM item defining the tsquery q, its parameter) for a query: the pair column for
    phrases only with known combinations (parameter None: nothing can match), else
    the word column. Pair queries are tsquery literals: to_tsquery's parser would
    split "a_b" at the underscore.

    >>> _tsquery(Q.Phrase(["a", "b", "c"], combos=[["a", "b", "c"], ["a", "d", "c"]]))
    ('ptsv', '(SELECT ?::tsquery) AS t(q)', "('a_b' <-> 'b_c') | ('a_d' <-> 'd_c')")
    >>> _tsquery(Q.Phrase(["a", "b"]))
    ('tsv', "to_tsquery('simple', ?) q", "('a' <-> 'b')")
    """
    if Q.pairs_only(node):
        forms = ["(" + " <-> ".join(f"'{x}'" for x in pairs) + ")"
                 for pairs in Q.pair_phrases(node)]
        return "ptsv", "(SELECT ?::tsquery) AS t(q)", " | ".join(forms) or None
    return "tsv", "to_tsquery('simple', ?) q", Q.to_tsquery(node)
