"""SQLite backend: one file, WAL, FTS5 full text, a trigram table for fuzzy words.

The schema is `schema_sqlite.sql` (migration 1); later migrations are appended to
`MIGRATIONS` and applied in order on open, recorded in ``schema_version``. Migration 4
adds the word-pair index for phrases: ``fts_pairs`` (FTS5, contentless, rowid =
passages.id, columns text and original holding adjacent word pairs "a_b") and
``pair_vocab(pair, df)`` (passages holding each pair). Migration 5 only tunes the
full-text tables (their pending-terms buffer, ``hashsize``). Migration 6 adds the
``quantities`` table and fills it from the stored documents' JSON
(`base.backfill_quantities`). Migration 7 adds the corpus ``lexicon`` table and the
``documents.lexicon`` column, and counts the stored documents' forms
(`base.backfill_lexicon`). Migration 8 adds ``lexicon_pairs``, the corpus's own word
bigrams, counted from the stored JSON (`base.backfill_pairs_table`). Migration 9 adds
``users``, the workbench accounts (`archivist users`). Migration 10 tunes the full-text
tables' ``automerge``. Migration 11 adds ``passages.index_original`` (where missing):
a passage whose original reads as its clean text (every passage of an ingest with
``--no-repair``, and any passage without an edit) is indexed in the ``text`` columns
of ``fts`` and ``fts_pairs`` only, with ``''`` for ``original`` (0); 1 marks a
passage indexed in both columns (every passage written before migration 11). The
flag says what a delete must hand the contentless tables (`_unindex_document`); the
ranking needs no correction for it (`_match`). Migration 12 adds ``pair_recent``, the
word-pair counts of recent batches, folded into ``pair_vocab`` now and then
(`_fold_pairs`), and the view ``pair_counts`` (pair, df) summing the two.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
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
from .text import PASSAGE_TEXTS_SQL, index_string, passage_pairs, text_pairs, trigrams

FTS_HASHSIZE = 16 << 20  # bytes of pending terms per full-text table before a flush
FTS_AUTOMERGE = 8  # segments of one level FTS5 merges into the next (its default: 4)


def _migration_1() -> str:
    return resources.files("archivist.store").joinpath("schema_sqlite.sql").read_text("utf-8")



def _migration_4() -> str:
    # The word-pair index: phrase search without reading word positions. Its tokens
    # are the adjacent word pairs of the same index strings `fts` holds ("a_b"; see
    # text.pair_string), so a phrase "a b c" is the pair phrase "a_b b_c" in the same
    # column. pair_vocab counts the passages holding each pair (clean text or
    # original), so OCR-variant pairs that occur nowhere are dropped before FTS5 sees
    # them. Existing passages are indexed by `_backfill_pairs` in the same transaction.
    return ("CREATE VIRTUAL TABLE IF NOT EXISTS fts_pairs USING fts5(text, original, "
            "content='', tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\");\n"
            "CREATE TABLE IF NOT EXISTS pair_vocab (pair TEXT PRIMARY KEY, "
            "df INTEGER NOT NULL) WITHOUT ROWID;")


def _migration_5() -> str:
    # FTS5 writes the terms pending in a transaction out as a new index segment each
    # time they pass `hashsize` (1 MB by default): an ingest batch of 2,000 pages
    # made ~20 small segments per table, each merged up again later. 16 MB per table
    # (a bounded cost in memory while writing) makes far fewer: the writer is 15-25 %
    # faster (benchmarks/README.md, store round 5). Stored in the tables' config.
    return "\n".join(f"INSERT INTO {t} ({t}, rank) VALUES ('hashsize', {FTS_HASHSIZE});"
                     for t in ("fts", "fts_pairs"))


def _migration_10() -> str:
    # Each ingest transaction adds a segment to each full-text table, and FTS5 merges
    # segments of one level into the next (at COMMIT) once `automerge` of them exist.
    # At a million pages those merges were ~45% of the writer's time; merging at 8
    # instead of 4 rewrites each entry fewer times: 20,000 pages more onto a 1M-page
    # corpus took 44-47 s instead of 54.5 s (benchmarks/README.md, session 13), while
    # a query reads at most ~1.5x as many segments (search at 1M: same README).
    return "\n".join(f"INSERT INTO {t} ({t}, rank) VALUES ('automerge', {FTS_AUTOMERGE});"
                     for t in ("fts", "fts_pairs"))


def _migration_11() -> str:
    # The column itself is added by `_add_index_original` (SQLite has no ADD COLUMN IF
    # NOT EXISTS); the rows already stored keep the default 1: indexed both ways.
    return ""


def _migration_12() -> str:
    # The pair counts of recent ingest batches, folded into pair_vocab now and then
    # (`_fold_pairs`). A batch's pairs spread over the whole key range, so its upsert
    # rewrote nearly every page of pair_vocab: at a million pages 135 of the 225 MB a
    # 1,000-page batch wrote, and a third of the writer's time. Upserted into this
    # small table instead, they touch its few pages, and pair_vocab is rewritten once
    # per fold. `pair_counts` is the sum of the two, what a reader wants.
    return ("CREATE TABLE IF NOT EXISTS pair_recent (pair TEXT PRIMARY KEY, "
            "df INTEGER NOT NULL) WITHOUT ROWID;\n"
            "CREATE VIEW IF NOT EXISTS pair_counts (pair, df) AS SELECT pair, sum(df) "
            "FROM (SELECT pair, df FROM pair_vocab UNION ALL "
            "SELECT pair, df FROM pair_recent) GROUP BY pair;")


# version -> SQL applying it; append new versions, never edit old ones
MIGRATIONS = {1: _migration_1, **PORTABLE_MIGRATIONS, 4: _migration_4, 5: _migration_5,
              6: _migration_6, 7: _migration_7, 8: _migration_8, 9: _migration_9,
              10: _migration_10, 11: _migration_11, 12: _migration_12}
BACKFILL_NOTICE = 20_000  # passages from which an upgrade says it is working
PAIR_BATCH = 2000  # passages per statement batch while backfilling the pair index
PAIR_COUNTS_HELD = 2_000_000  # distinct pairs counted in memory before an upsert
PAIR_RECENT_FOLD = 400_000  # pair_recent rows past which a write folds it into pair_vocab


def _pair_rows(rows: list[tuple[int, str, str]]
               ) -> tuple[list[tuple[int, str, str]], list[tuple[str, int]]]:
    """Pair index rows for passages (id, index text, index original), and the
    passage count of each pair among them, sorted by pair (b-tree inserts in key
    order touch each page once)."""
    counts: Counter[str] = Counter()
    out = []
    for pid, it, io in rows:
        pt, po, held = passage_pairs(it, io)
        out.append((pid, pt, po))
        counts.update(held)
    return out, sorted(counts.items())


def _flagged_texts_sql(flag: str) -> str:
    """PASSAGE_TEXTS_SQL with the SQL expression `flag` as a first column."""
    return f"SELECT {flag}, " + PASSAGE_TEXTS_SQL.removeprefix("SELECT ")


def _backfill_pairs(con: sqlite3.Connection) -> int:
    """Index every stored passage in the pair tables (migration 4, inside its
    transaction); returns the passages indexed."""
    counts: Counter[str] = Counter()
    # a passage `_flush_index` indexed in the text column only (a corpus whose pair
    # tables a hand or a test dropped) gets its pairs the same way
    flag = "p.index_original" if _has_index_original(con) else "1"
    rows = con.execute(f"{_flagged_texts_sql(flag)} ORDER BY p.id")
    done = 0
    while batch := rows.fetchmany(PAIR_BATCH):
        out = []
        for both, pid, t, o in batch:
            pt, po, held = text_pairs(t, o)
            out.append((pid, pt, po if both else ""))
            counts.update(held)
        con.executemany("INSERT INTO fts_pairs (rowid, text, original) VALUES (?,?,?)", out)
        done += len(batch)
        if len(counts) > PAIR_COUNTS_HELD:  # memory stays bounded on a large corpus
            _upsert_pairs(con, counts)
            counts.clear()
    _upsert_pairs(con, counts)
    return done


# what `json.dumps(..., ensure_ascii=False)` escapes in a string: the quote, the
# backslash and the control characters
_JSON_ESCAPED = re.compile(r'["\\\x00-\x1f]')


def json_counts(counts: Mapping[str, int] | Mapping[str, tuple[int, int]]) -> str:
    """`json.dumps(counts, ensure_ascii=False)` of {word: int} or {word: (int, int)}
    (a pair as a list), the same text, made by formatting when no key needs an escape:
    the writer's batch objects hold ~25k keys per 100 pages, and the C encoder spent
    ~0.25 ms a page on them (~3x this).

    >>> json_counts({"a_b": 2, "ça": 10}), json_counts({'q"': 1}), json_counts({"x": (1, 2)})
    ('{"a_b": 2, "ça": 10}', '{"q\\\\"": 1}', '{"x": [1, 2]}')
    >>> json_counts({})
    '{}'
    """
    if not counts or _JSON_ESCAPED.search("".join(counts)) is not None:
        return json.dumps({k: list(v) if isinstance(v, tuple) else v
                           for k, v in counts.items()}, ensure_ascii=False)
    if isinstance(next(iter(counts.values())), tuple):
        body = ", ".join(['"%s": [%d, %d]' % (k, a, b)  # noqa: UP031 - fastest here
                          for k, (a, b) in counts.items()])  # type: ignore[misc]
    else:
        body = ", ".join(['"%s": %d' % kv for kv in counts.items()])  # noqa: UP031
    return "{" + body + "}"


def _upsert_pairs(con: sqlite3.Connection | sqlite3.Cursor, counts: dict[str, int],
                  table: str = "pair_vocab") -> None:
    # One statement over a JSON object {pair: count}: SQLite sorts the keys (b-tree
    # inserts in key order touch each page once) and binds no row from Python; that
    # was a Python sort and one bound row per pair, 40 % of this upsert's cost.
    if counts:
        con.execute(f"INSERT INTO {table} (pair, df) SELECT key, value FROM json_each(?) "
                    "WHERE true ORDER BY key ON CONFLICT(pair) DO UPDATE SET df = df + "
                    "excluded.df", (json_counts(counts),))


def _fold_pairs(con: sqlite3.Connection | sqlite3.Cursor, at: int | None = None) -> bool:
    """Add pair_recent's counts to pair_vocab and empty it, once it holds more than
    `at` pairs (default PAIR_RECENT_FOLD; 0: whatever it holds); True if it did."""
    at = PAIR_RECENT_FOLD if at is None else at
    if at and con.execute("SELECT count(*) FROM pair_recent").fetchone()[0] <= at:
        return False
    con.execute("INSERT INTO pair_vocab (pair, df) SELECT pair, df FROM pair_recent "
                "WHERE true ORDER BY pair ON CONFLICT(pair) DO UPDATE SET df = df + "
                "excluded.df")
    con.execute("DELETE FROM pair_recent")
    return True


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one by one (executescript would commit the
    transaction the migration runs in)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf
            buf = ""
    if buf.strip():
        yield buf  # a last statement without its semicolon (or comments: a no-op)


# text.trigrams of every word not yet in vocab_tri (a word of n characters has n + 1)
_NEW_TRIGRAMS_SQL = (
    "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n <= "
    "(SELECT max(len) FROM vocab WHERE tri_done = 0)) "
    "INSERT OR IGNORE INTO vocab_tri (tri, len, word_id) "
    "SELECT substr('  ' || v.word || ' ', k.n, 3), v.len, v.id "
    "FROM vocab v JOIN k ON k.n <= v.len + 1 WHERE v.tri_done = 0 ORDER BY 1, 2, 3")

def _backfill_lexicon(con: sqlite3.Connection) -> int:
    """Migration 7's column (SQLite has no ADD COLUMN IF NOT EXISTS: a corpus made
    from a schema file that has it already has it), then the lexicon's counts."""
    cols = {str(r[1]) for r in con.execute("PRAGMA table_info(documents)").fetchall()}
    if "lexicon" not in cols:
        con.execute("ALTER TABLE documents ADD COLUMN lexicon TEXT")
    return backfill_lexicon(con)


def _has_index_original(con: sqlite3.Connection) -> bool:
    return "index_original" in {
        str(r[1]) for r in con.execute("PRAGMA table_info(passages)").fetchall()}


def _add_index_original(con: sqlite3.Connection) -> None:
    """Migration 11's column where missing (a corpus made from a schema file that has
    it already has it). An O(1) ALTER: the rows keep the default 1, as they were
    indexed (both columns)."""
    if not _has_index_original(con):
        con.execute("ALTER TABLE passages ADD COLUMN index_original INTEGER NOT NULL "
                    "DEFAULT 1")


# migrations that also run Python after their SQL, in the same transaction
BACKFILLS = {4: _backfill_pairs, 6: backfill_quantities, 7: _backfill_lexicon,
             8: backfill_pairs_table}
# ... and those whose Python only adds a column where missing (quick: not announced)
ADD_COLUMNS = {11: _add_index_original}


def _lower(value: object) -> object:
    """SQL `archivist_lower`: a text lower-cased as Python does, anything else as is."""
    return value.lower() if isinstance(value, str) else value


class SQLiteStore(Store):
    backend = "sqlite"
    lower_sql = "archivist_lower({})"  # Python's lower(): SQLite's folds ASCII only

    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._fts_pending: list[tuple[int, str, str]] = []
        self.con.create_function("archivist_lower", 1, _lower, deterministic=True)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.execute("PRAGMA foreign_keys=OFF")  # rows are removed by _delete in order
        self.con.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
        self.con.execute("PRAGMA temp_store=MEMORY")
        self.migrate()

    def schema_version(self) -> int:
        """The highest migration applied to this file (0 for a new file)."""
        has = self.con.execute("SELECT name FROM sqlite_master WHERE type='table' AND "
                               "name='schema_version'").fetchone()
        if not has:
            return 0
        return int(self.con.execute("SELECT max(version) FROM schema_version"
                                    ).fetchone()[0] or 0)

    def migrate(self) -> int:
        """Apply pending migrations, each in one transaction (a failed migration leaves
        no trace); return the schema version."""
        current = self.schema_version()
        applied: set[int] = set()
        for v in sorted(MIGRATIONS):
            if v <= current:
                continue
            self.con.execute("BEGIN IMMEDIATE")  # the write lock first, then look again:
            try:
                # another process opening the same old file may have applied it while
                # this one waited (applying it twice would index every passage twice)
                current = self.schema_version()
                if v > current:
                    for statement in _statements(MIGRATIONS[v]()):
                        self.con.execute(statement)
                    self.con.execute("INSERT INTO schema_version (version) VALUES (?)", (v,))
                    if v in ADD_COLUMNS:
                        ADD_COLUMNS[v](self.con)
                    if v in BACKFILLS:
                        self._announce_backfill(v)
                        BACKFILLS[v](self.con)
                    if v == 8:
                        record_migrated_counting(self, self.con, applied)
                    applied.add(v)
                    current = v
                self.con.execute("COMMIT")
            except BaseException:
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
                raise
        return current

    def _announce_backfill(self, version: int) -> None:
        # a backfill reads every stored passage (about an hour at 1M pages): say so
        # rather than look hung; small stores upgrade silently
        n = self.con.execute("SELECT count(*) FROM passages").fetchone()[0]
        if n >= BACKFILL_NOTICE:
            print(f"archivist: upgrading {self.path} to schema {version} "
                  f"(indexing {n:,} passages once; this may take a while)", file=sys.stderr)

    # -- primitives ----------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.con.execute(sql, tuple(params)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        cur = self.con.cursor()
        cur.execute("BEGIN IMMEDIATE")
        self._fts_pending = []  # full-text rows held back inside this transaction
        try:
            yield cur
            if self._fts_pending:  # a writer that did not flush: never commit without
                self._flush_index(cur)
        except BaseException:
            self._fts_pending = []
            cur.execute("ROLLBACK")
            raise
        try:
            cur.execute("COMMIT")
        except BaseException:
            # a failed COMMIT (disk full, I/O error, a deferred constraint) leaves the
            # transaction open: end it, or every later writer's BEGIN fails too
            if self.con.in_transaction:
                cur.execute("ROLLBACK")
            raise

    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        # WAL: a deferred transaction reads one snapshot from its first read on (a
        # caller already inside a transaction has one)
        if self.con.in_transaction:
            yield
            return
        self.con.execute("BEGIN")
        try:
            yield
        finally:
            if self.con.in_transaction:
                self.con.execute("COMMIT")  # (nothing written: ends the read)

    def x(self, cur: sqlite3.Cursor, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return cur.execute(sql, tuple(params))

    def xmany(self, cur: sqlite3.Cursor, sql: str, seq: list[Sequence[Any]]) -> None:
        if seq:
            cur.executemany(sql, seq)

    def _insert_passages(self, cur: sqlite3.Cursor, doc_id: int, rows: list[tuple]
                         ) -> list[int]:
        # index_original 0: the original's index string is the clean text's, indexed
        # once (see `_flush_index`)
        cur.executemany("INSERT INTO passages (doc_id, kind, page_id, note_id, page_n, "
                        "note_n, index_original) VALUES (?,?,?,?,?,?,?)",
                        [(doc_id, *r[:5], int(r[6] != r[5])) for r in rows])
        ids = [int(r[0]) for r in cur.execute(
            "SELECT id FROM passages WHERE doc_id = ? ORDER BY id", (doc_id,)).fetchall()]
        # The full-text rows wait for `_flush_index` at the end of the transaction.
        # Any later statement that needs a statement journal (an insert into a table
        # with a UNIQUE index, an upsert) makes SQLite open a savepoint on the FTS5
        # table, and FTS5 writes its pending terms out as a new segment there: written
        # per document, that was a segment per document and 40 % of the write time.
        self._fts_pending += [(i, *r[5:]) for i, r in zip(ids, rows, strict=True)]
        return ids

    def _flush_index(self, cur: sqlite3.Cursor) -> None:
        rows, self._fts_pending = self._fts_pending, []
        if rows:
            counts: Counter[str] = Counter()
            for r in rows:
                counts.update(r[5])
            # the pair counts' upsert (and fold) first: a statement needing a
            # statement journal after the FTS5 inserts would write their pending
            # terms out as an extra segment (see `_insert_passages`)
            _upsert_pairs(cur, counts, "pair_recent")
            _fold_pairs(cur)
            # A passage whose original indexes as its clean text (no edit, or none
            # that changes a word) gets '' for its original: queries never name a
            # column, so the second copy of every word and pair only cost index
            # space and write time (`passages.index_original` = 0 records it).
            cur.executemany("INSERT INTO fts (rowid, text, original) VALUES (?,?,?)",
                            [(r[0], r[1], r[2] if r[2] != r[1] else "") for r in rows])
            cur.executemany("INSERT INTO fts_pairs (rowid, text, original) VALUES (?,?,?)",
                            [(r[0], r[3], r[4] if r[2] != r[1] else "") for r in rows])

    def _unindex_document(self, cur: sqlite3.Cursor, doc_id: int) -> None:
        # a contentless FTS5 table forgets a row when given the exact values it indexed:
        # '' for the original of a passage indexed in the text column only
        # (index_original = 0), its original's index string otherwise (1: every row
        # written before migration 11 too)
        rows = cur.execute(f"{_flagged_texts_sql('p.index_original')} WHERE p.doc_id = ?",
                           (doc_id,)).fetchall()
        idx = [(pid, index_string(t or ""), index_string(o or "")) for _, pid, t, o in rows]
        both = [bool(r[0]) for r in rows]
        cur.executemany("INSERT INTO fts (fts, rowid, text, original) VALUES ('delete',?,?,?)",
                        [(pid, it, io if b else "")
                         for (pid, it, io), b in zip(idx, both, strict=True)])
        pairs, counts = _pair_rows(idx)  # (the pair vocabulary counts both, as written)
        cur.executemany("INSERT INTO fts_pairs (fts_pairs, rowid, text, original) "
                        "VALUES ('delete',?,?,?)",
                        [(pid, pt, po if b else "")
                         for (pid, pt, po), b in zip(pairs, both, strict=True)])
        # (a pair's count may be in either table: the difference goes to the recent one)
        _upsert_pairs(cur, {p: -c for p, c in counts}, "pair_recent")

    def _pair_dfs(self, pairs: list[str]) -> dict[str, int]:
        """Passage counts of those word pairs ("a_b") that occur in the corpus."""
        out: dict[str, int] = {}
        for k in range(0, len(pairs), 900):  # well under SQLite's parameter limit
            part = pairs[k:k + 900]
            # numbered: both tables' lists name the same 900 parameters (bound twice,
            # 1,800 passed SQLite's 999 before 3.32)
            marks = ",".join(f"?{i}" for i in range(1, len(part) + 1))
            out.update((str(p), int(df)) for p, df in self.con.execute(
                f"SELECT pair, sum(df) FROM (SELECT pair, df FROM pair_vocab WHERE pair "
                f"IN ({marks}) UNION ALL SELECT pair, df FROM pair_recent WHERE pair IN "
                f"({marks})) GROUP BY pair HAVING sum(df) > 0", part))
        return out

    def _add_vocab(self, cur: sqlite3.Cursor, vocab: dict[str, int], sign: int) -> None:
        if not vocab:
            return
        # rows sorted by key: b-tree inserts in order touch each page once
        if sign > 0:
            # as `_upsert_pairs`: one statement, keys sorted by SQLite (length() counts
            # characters, as len() does)
            cur.execute("INSERT INTO vocab (word, len, df) SELECT key, length(key), value "
                        "FROM json_each(?) WHERE true ORDER BY key ON CONFLICT(word) "
                        "DO UPDATE SET df = df + excluded.df",
                        (json_counts(vocab),))
            # the new words' trigrams, made and sorted by SQLite (what text.trigrams
            # makes: the word padded "  word ", every 3 characters); was a Python
            # loop, sort and bound row per trigram
            cur.execute(_NEW_TRIGRAMS_SQL)
            cur.execute("UPDATE vocab SET tri_done = 1 WHERE tri_done = 0")
        else:
            cur.executemany("UPDATE vocab SET df = df - ? WHERE word = ?",
                            [(vocab[w], w) for w in sorted(vocab)])

    def _add_lexicon(self, cur: sqlite3.Cursor, delta: dict[str, tuple[int, int]],
                     pairs: bool = False) -> None:
        # a batch's additions as one statement over a JSON object {form: [n, docs]}
        # (as `_add_vocab`: SQLite sorts the keys and binds no row from Python; a
        # batch of 2,000 noisy pages holds ~10k forms); removals as the base does
        if delta and all(dn >= 0 and dd >= 0 for dn, dd in delta.values()):
            table, key = ("lexicon_pairs", "pair") if pairs else ("lexicon", "form")
            cur.execute(f"INSERT INTO {table} ({key}, n, docs) SELECT key, value ->> 0, "
                        "value ->> 1 FROM json_each(?) WHERE true ORDER BY key "
                        f"ON CONFLICT({key}) DO UPDATE SET n = n + excluded.n, "
                        "docs = docs + excluded.docs",
                        (json_counts(delta),))
            return
        super()._add_lexicon(cur, delta, pairs)

    def _fuzzy_candidates(self, word: str, fuzziness: float) -> list[tuple[str, int]]:
        from .text import confusion_variants

        tris = sorted(trigrams(word))
        # length window: OCR variants are mostly within a letter or two (a wider window
        # mostly adds words run together with a neighbour, and costs the most rows)
        slack = max(1, round(len(word) * fuzziness / 2))
        need = max(1, int(len(tris) * (1 - 2 * fuzziness)))  # shared trigrams required
        marks = ",".join("?" * len(tris))
        # The words sharing trigrams, counted here: SQLite reads the 20-60k rows fast
        # but its GROUP BY (a temporary b-tree) costs 3-4x the reading; the ids come
        # back as one string and numpy counts them.
        joined = self.con.execute(
            f"SELECT group_concat(word_id) FROM vocab_tri WHERE tri IN ({marks}) "
            "AND len BETWEEN ? AND ?", (*tris, len(word) - slack, len(word) + slack)
        ).fetchone()[0]
        rows: list[tuple[str, int]] = []
        best = _most_shared(joined or "", need, 150)
        if best:
            marks = ",".join("?" * len(best))
            rows += self.con.execute(f"SELECT word, df FROM vocab WHERE id IN ({marks})",
                                     best).fetchall()
        variants = sorted(confusion_variants(word))
        marks = ",".join("?" * len(variants))
        rows += self.con.execute(f"SELECT word, df FROM vocab WHERE word IN ({marks})",
                                 variants).fetchall()
        return [(str(w), int(df)) for w, df in rows]

    def _match_recent(self, node: Q.Node, where: str, params: list[Any], limit: int
                      ) -> list[tuple[int, int]]:
        # FTS5 walks its doclists backwards and stops after `limit` matches; no
        # ranking function, so nothing is read for the rest of the corpus
        table, expr = _fts_table(node)
        if expr is None:
            return []
        sql = (f"SELECT p.id, p.doc_id FROM {table} JOIN passages p ON p.id = {table}.rowid "
               f"WHERE {table} MATCH ? AND {where} ORDER BY {table}.rowid DESC LIMIT ?")
        try:
            rows = self.con.execute(sql, (expr, *params, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise Q.QueryError(f"cannot run the query: {exc}") from exc
        return [(int(a), int(b)) for a, b in rows]

    def _match(self, node: Q.Node, where: str, params: list[Any], limit: int,
               window: int | None = None) -> list[tuple[int, int, float]]:
        t, expr = _fts_table(node)
        if expr is None:
            return []
        # No correction for a passage indexed in its text column only (index_original
        # = 0): it loses the original's 0.6 share of each word's frequency, but bm25
        # divides by the row's length over all columns, which halves too. For one
        # occurrence in a page of average length the two effects cancel within a few
        # per cent; a 1.6x boost (the linear guess) ranked such rows 60-75 % above an
        # edited page with the same text (tests/store/test_dedup14_index_original.py,
        # benchmarks/README.md "dedup14").
        inner = (f"SELECT p.id AS id, p.doc_id AS doc_id, bm25({t}, 1.0, 0.6) AS score "
                 f"FROM {t} JOIN passages p ON p.id = {t}.rowid WHERE {t} MATCH ? AND {where}")
        if window:
            sql = (f"SELECT id, doc_id, score FROM ({inner} ORDER BY {t}.rowid DESC "
                   f"LIMIT {int(window)}) ORDER BY score LIMIT ?")
        else:
            sql = f"{inner} ORDER BY score LIMIT ?"
        try:
            rows = self.con.execute(sql, (expr, *params, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise Q.QueryError(f"cannot run the query: {exc}") from exc
        # bm25 is lower-is-better in FTS5; report higher-is-better like ts_rank
        return [(int(a), int(b), -float(s)) for a, b, s in rows]

    def size_bytes(self) -> int:
        """Database file size including the WAL."""
        total = 0
        for suffix in ("", "-wal"):
            p = Path(self.path + suffix)
            if p.exists():
                total += p.stat().st_size
        return total

    def close(self) -> None:
        try:
            self.con.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.con.close()


def _fts_table(node: Q.Node) -> tuple[str, str | None]:
    """The FTS5 table and MATCH expression for a query: the pair index for a query
    made of phrases only whose variant combinations are known (None: nothing can
    match), else the word index.

    >>> ph = Q.Phrase(["border", "guards"], combos=[["border", "guards"]])
    >>> _fts_table(ph)
    ('fts_pairs', '"border_guards"')
    >>> _fts_table(Q.Phrase(["border", "guards"]))
    ('fts', '"border guards"')
    """
    expr = Q.to_fts5_pairs(node)
    if expr is not False:
        return "fts_pairs", expr or None
    return "fts", Q.to_fts5(node)


def _most_shared(joined: str, need: int, limit: int) -> list[int]:
    """Ids (comma-separated, repeated once per shared trigram) seen at least `need`
    times, the most frequent `limit` of them (ties: smaller id first).

    >>> _most_shared("5,3,5,7,3,5", 2, 10)
    [5, 3]
    """
    import numpy as np

    if not joined:
        return []
    ids, counts = np.unique(np.fromstring(joined, dtype=np.int64, sep=","),
                            return_counts=True)
    keep = counts >= need
    ids, counts = ids[keep], counts[keep]
    order = np.lexsort((ids, -counts))[:limit]
    return [int(i) for i in ids[order]]
