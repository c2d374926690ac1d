"""The store interface and everything both backends share.

A backend provides a handful of primitives (run SQL, a transaction, index one
passage, look up fuzzy candidates, run a compiled full-text match); the writing,
search (query expansion, KWIC snippets, facets), entity merging and timeline logic
lives here once, so SQLite and PostgreSQL behave the same. Shared SQL is written
with ``?`` placeholders; the PostgreSQL backend turns them into ``%s``.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from abc import ABC, abstractmethod
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from ..lexicon import zipf
from ..model import Document
from . import query as Q
from .record import (
    Record,
    as_record,
    build_record,
    document_from_json,
    norm_name,
    place_base,
    place_forms,
    stored_json,
)
from .revise import StatusChange, change_status
from .text import (
    date_filter_range,
    fold_with_map,
    folds_in_place,
    index_string,
    norm_word,
    ocr_similarity,
    tokens,
    trigram_similarity,
)

# the end of a namesake town's id, its country's and US state's codes
# (`extract.entities._namesake`: "Paris, Texas" -> "place-paris-us-tx")
_REGION_END = re.compile(r"-(us(?:-[a-z]{2})?|ca|au|nz)$")


def _namesake_region(local_id: str, name: str) -> str:
    """The region a namesake town's document id names ("us-tx"), else "".

    >>> _namesake_region("place-paris-us-tx", "Paris"), _namesake_region("place-paris", "Paris")
    ('us-tx', '')
    """
    from ..extract.common import slug  # (not at import: the extract stages are heavy)

    m = _REGION_END.search(local_id)
    return m.group(1) if m and local_id[:m.start()] == f"place-{slug(name)}" else ""


DEFAULT_FUZZINESS = 0.25  # a variant must be >= 1 - fuzziness similar to the query word
MIN_FUZZY_LEN = 4  # shorter words are only matched exactly
MAX_VARIANTS = 24  # fuzzy variants kept per query word
COMMON_ZIPF = 3.0  # words at least this frequent in English need a closer match
FACET_CAP = 200  # facets are counted over at most this many best passages
RANK_WINDOW = 2000  # queries matching more passages are ranked over the newest ones
PHRASE_RANK_WINDOW = 1000  # the same for queries with a phrase (dearer to score)
RECENT_RANK = 200  # such phrase queries: the newest this many matches, ranked in Python
BM25_K1, BM25_B = 1.2, 0.75  # FTS5's bm25 constants (used by the Python ranking)
COLUMN_WEIGHTS = (1.0, 0.6)  # clean text, original (as the SQLite bm25 call weighs them)
MAX_PAIR_COMBOS = 64  # a phrase's occurring variant combinations sent to a pair index
ALT_SLICE = 1000  # names of place per statement in entity_group (far below any limit)
# phrases answered from a pair index and matching at most this many passages are ranked
# by the backend over their window (FTS5's bm25 counts a pair's passages to weigh it:
# ~3 ms over the newest 1,000 up to ~24k passages at 1M pages, 30-40 ms at 700-900k)
PAIR_RANK_MAX_DF = 100_000


@dataclass
class Hit:
    """One occurrence of the query in a passage, with its keyword-in-context snippet."""

    doc: str  # document name
    doc_id: int
    page: str | None
    where: str  # "text" or "note:N"
    start: int  # offsets in the clean text of `where`
    end: int
    snippet: str
    highlight: tuple[int, int]  # span of the hit inside `snippet`
    match: str  # the words as they read in the clean text
    original: str | None  # the words as read in the original, when different
    in_original_only: bool
    score: float

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["highlight"] = list(self.highlight)
        return d


@dataclass
class SearchResult:
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]] = field(default_factory=dict)
    passages: int = 0  # ranked passages the facets count (at most FACET_CAP)

    def to_json(self) -> dict[str, Any]:
        return {"hits": [h.to_json() for h in self.hits], "facets": self.facets,
                "expansions": self.expansions, "passages": self.passages}


# Migrations after the first are plain SQL both backends run alike (each backend
# prepends its own version 1, the schema file).
def _migration_2() -> str:
    # covering indexes for search facets (entities and years of the best passages)
    return ("CREATE INDEX IF NOT EXISTS mentions_passage_entity ON mentions(passage_id, "
            "entity_id);\nCREATE INDEX IF NOT EXISTS dates_passage_lo ON dates(passage_id, lo);")


def _migration_3() -> str:
    # entity look-ups read only indexes: a common name has an entity row in every
    # document that mentions it (hundreds at 1M pages), and fetching entity_id / norm /
    # passage_id from the table rows was most of an entity: query. The new indexes
    # start with the old ones' columns, which they replace.
    return ("CREATE INDEX IF NOT EXISTS variants_norm_entity ON variants(norm, entity_id);\n"
            "CREATE INDEX IF NOT EXISTS variants_entity_norm ON variants(entity_id, norm);\n"
            "CREATE INDEX IF NOT EXISTS mentions_entity_passage ON mentions(entity_id, "
            "passage_id);\nDROP INDEX IF EXISTS variants_norm;\n"
            "DROP INDEX IF EXISTS variants_entity;\nDROP INDEX IF EXISTS mentions_entity;")


PORTABLE_MIGRATIONS = {2: _migration_2, 3: _migration_3}


def schema_block(table: str) -> str:
    """`table`'s CREATE TABLE statement and the CREATE INDEX lines after it, as the
    SQLite schema file writes them: the migration that adds a table to an older
    corpus runs the very text a new corpus gets (the PostgreSQL file holds the same
    text for the tables both backends share; tests check it).

    >>> schema_block("lexicon").splitlines()[0]
    'CREATE TABLE IF NOT EXISTS lexicon ('
    """
    from importlib import resources

    text = resources.files("archivist.store").joinpath("schema_sqlite.sql").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    start = lines.index(f"CREATE TABLE IF NOT EXISTS {table} (\n")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith(");")) + 1
    while end < len(lines) and lines[end].startswith("CREATE INDEX IF NOT EXISTS ") \
            and f" ON {table}(" in lines[end]:
        end += 1
    return "".join(lines[start:end])

# The quantities table (schema 6 in both backends; PostgreSQL has no 5, SQLite's 5 only
# tunes FTS5). The schema files hold the same text, so a new corpus has it from
# migration 1 and migration 6 is then a no-op; an older one gets it here, with a row
# for every quantity of the documents already stored (`backfill_quantities`).
QUANTITIES_DDL = schema_block("quantities")
QUANTITY_INSERT = (
    'INSERT INTO quantities (doc_id, passage_id, page, "where", start, "end", orig_start, '
    "orig_end, text, kind, value, unit, lsd, approx, sentence, doc_date, date_lo, date_hi) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
QUANTITY_FIELDS = ("doc", "doc_id", "date", "page", "where", "start", "end", "orig_start",
                   "orig_end", "text", "kind", "value", "unit", "lsd", "approx", "sentence")


def _migration_6() -> str:
    return QUANTITIES_DDL


def _quantity_params(doc_id: int, pids: list[int], q: dict[str, Any]) -> tuple[Any, ...]:
    """One row of QUANTITY_INSERT from a `record.quantity_rows` row."""
    pid = pids[q["passage"]] if q["passage"] < len(pids) else None
    return (doc_id, pid, q["page"], q["where"], q["start"], q["end"], q["orig_start"],
            q["orig_end"], q["text"], q["kind"], q["value"], q["unit"], q["lsd"],
            q["approx"], q["sentence"], q["date"], q["date_lo"], q["date_hi"])


def _each_stored_json(con: Any, placeholder: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(id, JSON) of every stored document, in id order, one document's JSON in
    memory at a time (the backfills of migrations on a raw connection)."""
    ids = [int(r[0]) for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    for doc_id in ids:
        blob = con.execute(f"SELECT json FROM documents WHERE id = {placeholder}",
                           (doc_id,)).fetchone()[0]
        yield doc_id, stored_json(blob)


def backfill_quantities(con: Any, placeholder: str = "?") -> int:
    """Give every stored document its quantities rows from its JSON, and only those
    (migration 6, inside its transaction, on a raw connection of either backend:
    `placeholder` is its parameter mark); returns the rows written. Passages are matched as `_write`
    made them: pages in order, then notes."""
    from .record import quantity_rows

    def sql(s: str) -> str:
        return s.replace("?", placeholder)

    # the table is rebuilt, not added to: a corpus made since the schema files hold
    # it may already have rows (a test, or a hand, that winds schema_version back)
    con.execute("DELETE FROM quantities")
    done = 0
    for doc_id, d in _each_stored_json(con, placeholder):
        if not d.get("quantities"):
            continue
        prow = con.execute(sql("SELECT id, kind, page_n, note_n FROM passages "
                               "WHERE doc_id = ? ORDER BY id"), (doc_id,)).fetchall()
        pids = [int(r[0]) for r in prow]
        page_starts = [p.get("start", 0) for p in d.get("pages") or [{"start": 0}]]
        notes: dict[str, int] = {}
        for i, r in enumerate(prow):
            if r[1] == "note":
                notes.setdefault(f"note:{r[3]}", i)

        def passage_of(where: str, start: int, _starts: list[int] = page_starts,
                       _notes: dict[str, int] = notes) -> int:
            if where == "text":
                return max(bisect_left(_starts, start + 1) - 1, 0)
            return _notes.get(where, 0)

        rows = [_quantity_params(doc_id, pids, q)
                for q in quantity_rows(d, passage_of, [r[2] for r in prow])]
        if rows:
            con.cursor().executemany(sql(QUANTITY_INSERT), rows)
            done += len(rows)
    return done


# The corpus lexicon (schema 7 in both backends): for each capitalised word form
# the stored documents' clean texts print that no English word list knows (`repair.corpus.
# document_forms` of `record.lexicon_texts`), its occurrences and the documents
# printing it; `Store.lexicon` reads the terms among them for repair. As with the
# quantities, the schema files hold the same table, so migration 7 is then a no-op
# but for its backfill. `documents.lexicon` (added by migration 7 where missing) is
# the digest of the lexicon a document's repair read (NULL: none).
LEXICON_DDL = schema_block("lexicon")
LEXICON_UPSERT = ("INSERT INTO lexicon (form, n, docs) VALUES (?,?,?) ON CONFLICT (form) "
                  "DO UPDATE SET n = lexicon.n + excluded.n, docs = lexicon.docs + excluded.docs")
LEXICON_BATCH = 2000  # documents counted per read while backfilling the lexicon


def _migration_7() -> str:
    return LEXICON_DDL


# The corpus's word pairs (schema 8 in both backends: `repair.corpus.document_pairs`
# of the same texts), kept beside the lexicon the same way and read with it.
PAIRS_DDL = schema_block("lexicon_pairs")
MAX_DOC_ID = 2**63 - 1  # the largest id either backend can even look up (64-bit)
PAIRS_UPSERT = ("INSERT INTO lexicon_pairs (pair, n, docs) VALUES (?,?,?) ON CONFLICT (pair) "
                "DO UPDATE SET n = lexicon_pairs.n + excluded.n, "
                "docs = lexicon_pairs.docs + excluded.docs")


def _migration_8() -> str:
    return PAIRS_DDL


# Workbench accounts (schema 9 in both backends): the `users` table, as the schema
# files hold it (a new corpus has it from migration 1; migration 9 is then a no-op).
USERS_DDL = schema_block("users")
USER_FIELDS = ("name", "pw_hash", "role", "created", "disabled")


def _migration_9() -> str:
    return USERS_DDL


def backfill_pairs_table(con: Any, placeholder: str = "?") -> int:
    """Rebuild the lexicon_pairs table from every stored document's JSON (migration
    8, inside its transaction, on a raw connection of either backend); returns the
    pairs written. Rebuilt, not added to: re-running it never doubles a count."""
    from .record import lexicon_pairs

    return _rebuild_counts(con, "lexicon_pairs", "pair", lexicon_pairs, placeholder)


def backfill_lexicon(con: Any, placeholder: str = "?") -> int:
    """Rebuild the lexicon table from every stored document's JSON (migration 7,
    inside its transaction, on a raw connection of either backend); returns the
    forms written. Rebuilt, not added to: re-running it never doubles a count."""
    from .record import lexicon_forms

    return _rebuild_counts(con, "lexicon", "form", lexicon_forms, placeholder)


def _rebuild_counts(con: Any, table: str, key: str,
                    count: Callable[[dict[str, Any]], Counter[str]], placeholder: str) -> int:
    """Empty `table` (`key`, n, docs) and fill it with what `count` finds in each
    stored document's JSON: occurrences and documents per key; returns the rows."""
    con.execute(f"DELETE FROM {table}")
    n: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    for _doc_id, d in _each_stored_json(con, placeholder):
        found = count(d)
        n.update(found)
        docs.update(found.keys())
    rows = [(k, n[k], docs[k]) for k in sorted(n)]
    if rows:
        con.cursor().executemany(f"INSERT INTO {table} ({key}, n, docs) VALUES (?,?,?)"
                                 .replace("?", placeholder), rows)
    return len(rows)


# The counting rules the lexicon tables were counted by (`repair.corpus.counting_rules`)
# are one row of schema_version (no migration needed: both backends' `applied_at` is
# text): version 0, never a migration, so `max(version)` is untouched.
COUNTING_ROW = 0
COUNTING_PREFIX = "lexicon counting "


def recorded_counting(store: Store, cur: Any) -> str | None:
    """The counting rules recorded in `store` (read on `cur`), None if none."""
    got = store.x(cur, "SELECT applied_at FROM schema_version WHERE version = ? AND "
                       "applied_at LIKE ?", (COUNTING_ROW, COUNTING_PREFIX + "%")).fetchall()
    return str(got[-1][0])[len(COUNTING_PREFIX):] if got else None


def record_counting(store: Store, cur: Any, rules: str) -> None:
    """Record `rules` as the counting rules of `store`'s lexicon tables (on `cur`)."""
    store.x(cur, "DELETE FROM schema_version WHERE version = ? AND applied_at LIKE ?",
            (COUNTING_ROW, COUNTING_PREFIX + "%"))
    store.x(cur, "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
            (COUNTING_ROW, COUNTING_PREFIX + rules))


def record_migrated_counting(store: Store, con: Any, applied: set[int]) -> None:
    """After migration 8 (inside its transaction, on the raw connection `con`): when
    migration 7 ran in the same upgrade, both lexicon tables were just counted from
    every stored document by this code's rules, so record them (else the first writer
    counted it all once more). Migration 8 alone counted only the pairs: the forms
    keep whatever record (or none) they had, and are recounted if it is not current."""
    if 7 in applied:
        from ..repair.corpus import counting_rules

        record_counting(store, con, counting_rules())


class Store(ABC):
    """A corpus of processed documents. Open one with `archivist.store.open_store`."""

    placeholder = "?"  # the backend's SQL parameter mark (the shared SQL is written with ?)

    backend = "?"
    rank_window: int | None = None  # overrides RANK_WINDOW (ranking cost differs by backend)
    # rank common phrases here (`_rank_recent`) rather than by the backend: FTS5's bm25
    # counts the phrase through the whole corpus first; ts_rank has no such cost
    rank_common_phrases_here = True

    def __init__(self) -> None:
        self._doc_cache: OrderedDict[int, Document] = OrderedDict()
        self._expansions: dict[tuple[str, float, Any], tuple[str, ...]] = {}
        self._meta: dict[tuple[int, str], dict[str, Any]] = {}

    # -- primitives each backend implements ------------------------------------
    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run a read query (``?`` placeholders) and return all rows."""

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A cursor inside one transaction: committed on exit, rolled back on error."""

    @abstractmethod
    @contextmanager
    def read_snapshot(self) -> Iterator[None]:
        """Run the `rows` reads inside the block against one snapshot of the store
        (each read outside one sees what was committed when it started, so a writer
        between two of them could give a reader half of its change)."""

    @abstractmethod
    def x(self, cur: Any, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement on `cur` (``?`` placeholders); returns the cursor."""

    @abstractmethod
    def xmany(self, cur: Any, sql: str, seq: list[Sequence[Any]]) -> None:
        """Execute a statement for each parameter tuple."""

    @abstractmethod
    def _insert_passages(self, cur: Any, doc_id: int, rows: list[tuple]) -> list[int]:
        """Insert passages (kind, page_id, note_id, page_n, note_n, idx_text, idx_orig,
        pair_text, pair_orig, pairs) and index their word and pair strings; return
        their ids in the same order."""

    def _flush_index(self, cur: Any) -> None:  # noqa: B027 - a hook, empty by default
        """Write full-text rows `_insert_passages` held back (SQLite: see there); the
        writers call it last in their transaction."""

    @abstractmethod
    def _unindex_document(self, cur: Any, doc_id: int) -> None:
        """Remove a document's passages from the full-text index."""

    @abstractmethod
    def _add_vocab(self, cur: Any, vocab: dict[str, int], sign: int) -> None:
        """Add (sign=1) or remove (sign=-1) passage counts of words to the vocabulary."""

    @abstractmethod
    def _fuzzy_candidates(self, word: str, fuzziness: float) -> list[tuple[str, int]]:
        """(word, df) pairs of the vocabulary that may be within `fuzziness` of word."""

    @abstractmethod
    def _match(self, node: Q.Node, where: str, params: list[Any], limit: int,
               window: int | None = None) -> list[tuple[int, int, float]]:
        """(passage id, doc id, score) best first for a query node, restricted by the
        SQL condition `where` on passages alias ``p``. With `window`, only the
        `window` newest matching passages are ranked (for very common words)."""

    @abstractmethod
    def _match_recent(self, node: Q.Node, where: str, params: list[Any], limit: int
                      ) -> list[tuple[int, int]]:
        """(passage id, doc id) of the `limit` newest passages matching a query node
        (restricted like `_match`), newest first, without scoring them."""

    def _pair_dfs(self, pairs: list[str]) -> dict[str, int] | None:
        """Passage counts of those adjacent word pairs ("a_b") that occur in the
        corpus; None when the backend keeps no pair index (the default)."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def lookup(self, sha256: str) -> tuple[int, str] | None:
        """(doc id, pipeline version) of the document with these source bytes."""
        r = self.rows("SELECT id, pipeline_version FROM documents WHERE sha256 = ?", (sha256,))
        return (int(r[0][0]), str(r[0][1])) if r else None

    def add(self, doc: Document | dict[str, Any], pipeline_version: str) -> int:
        """Store one document (a Document or its JSON) in one transaction, replacing
        any document with the same sha256. Returns the new document id."""
        res = self.add_many([doc], pipeline_version)[0]
        if isinstance(res, BaseException):
            raise res
        return res

    def add_many(self, docs: list[Document | dict[str, Any] | Record], pipeline_version: str
                 ) -> list[int | Exception]:
        """Store several documents (Documents, their JSON, or Records already built
        from them) in one transaction; a document that fails to write leaves nothing
        behind and the others are kept. Returns the new id, or the exception, per
        document."""
        out: list[int | Exception] = []
        recs: list[tuple[int, Record]] = []
        for i, doc in enumerate(docs):
            try:
                recs.append((i, as_record(doc)))
                out.append(-1)
            except Exception as exc:  # noqa: BLE001 - reported per document
                out.append(exc)
        if not recs:
            return out
        # A source given twice in one batch is written once, as its last record (one by
        # one, the later would replace the earlier); the earlier gets the same id. Both
        # in one transaction, the earlier one's deletion took its words and forms out of
        # the vocabulary and lexicon tables before the batch had added them (rows that
        # reached zero were dropped, and the batch then added them back).
        last = {rec.sha256: i for i, rec in recs}
        same = {i: last[rec.sha256] for i, rec in recs if last[rec.sha256] != i}
        recs = [(i, rec) for i, rec in recs if i not in same]
        self._add_records(out, recs, pipeline_version)
        for i, j in same.items():
            out[i] = out[j]
        return out

    def _add_records(self, out: list[int | Exception], recs: list[tuple[int, Record]],
                     pipeline_version: str) -> list[int | Exception]:
        """`add_many`'s writing: `recs` (index in `out`, record) into `out`."""
        # The whole batch in one transaction without per-document savepoints: FTS5
        # flushes its pending index data at every savepoint release, which made that the
        # costliest statement of a write. A failure (rare) rolls the batch back and the
        # documents are retried one transaction each, so only the bad one is lost.
        try:
            with self.transaction() as cur:
                ids = self._write_records(cur, [r for _, r in recs], pipeline_version)
        except Exception as exc:  # noqa: BLE001 - retried one by one below
            if len(recs) == 1:
                out[recs[0][0]] = exc
                return out
            for i, rec in recs:
                try:
                    with self.transaction() as cur:
                        out[i] = self._write_records(cur, [rec], pipeline_version)[0]
                except Exception as exc:  # noqa: BLE001 - this document only
                    out[i] = exc
            return out
        for (i, _), new_id in zip(recs, ids, strict=True):
            out[i] = new_id
        return out

    def _write_records(self, cur: Any, recs: list[Record], pipeline_version: str
                       ) -> list[int]:
        """Write records (replacing documents with the same sha256) inside the caller's
        transaction, with one vocabulary update for them all."""
        vocab: Counter[str] = Counter()
        lex_n: Counter[str] = Counter()
        lex_docs: Counter[str] = Counter()
        pair_n: Counter[str] = Counter()
        pair_docs: Counter[str] = Counter()
        ids = []
        self._counts_checked(cur)  # (before a count is added to counts of other rules)
        for rec in recs:
            for (old_id,) in self.x(cur, "SELECT id FROM documents WHERE sha256 = ?",
                                    (rec.sha256,)).fetchall():
                self._delete(cur, int(old_id))
            ids.append(self._write(cur, rec, pipeline_version))
            vocab.update(rec.words)
            lex_n.update(rec.forms)
            lex_docs.update(rec.forms.keys())
            pair_n.update(rec.pairs)
            pair_docs.update(rec.pairs.keys())
        # one vocabulary update per batch: far fewer upserts than per document
        self._add_vocab(cur, dict(vocab), 1)
        # the corpus lexicon likewise (before `_flush_index`: an upsert needs a
        # statement journal, see sqlite's `_insert_passages`)
        self._add_lexicon(cur, {f: (lex_n[f], lex_docs[f]) for f in lex_n})
        self._add_lexicon(cur, {p: (pair_n[p], pair_docs[p]) for p in pair_n}, pairs=True)
        self._flush_index(cur)
        return ids

    def delete(self, doc_id: int) -> None:
        with self.transaction() as cur:
            self._counts_checked(cur)
            self._delete(cur, doc_id)

    def _add_lexicon(self, cur: Any, delta: dict[str, tuple[int, int]],
                     pairs: bool = False) -> None:
        """Add (occurrences, documents) per form to the lexicon table (per pair to
        lexicon_pairs), negative to take a document out; a form or pair left with no
        occurrence loses its row."""
        if not delta:
            return
        rows = [(f, dn, dd) for f, (dn, dd) in sorted(delta.items())]  # a stable lock order
        self.xmany(cur, PAIRS_UPSERT if pairs else LEXICON_UPSERT, rows)
        gone = [(f,) for f, dn, dd in rows if dn < 0 or dd < 0]
        self.xmany(cur, "DELETE FROM lexicon_pairs WHERE pair = ? AND n <= 0" if pairs
                   else "DELETE FROM lexicon WHERE form = ? AND n <= 0", gone)

    def _write(self, cur: Any, rec: Record, pipeline_version: str,
               doc_id: int | None = None) -> int:
        """Write a record's rows; with `doc_id`, rewrite that (emptied) document in place."""
        blob = rec.blob
        n_pages = rec.n_pages
        if doc_id is None:
            doc_id = int(self.x(cur, (
                "INSERT INTO documents (name, path, sha256, format, title, author, date, "
                "pipeline_version, ingested_at, n_pages, n_notes, json, lexicon) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id"),
                (rec.name, rec.path, rec.sha256, rec.format, rec.title, rec.author, rec.date,
                 pipeline_version, datetime.now(UTC).isoformat(timespec="seconds"), n_pages,
                 len(rec.passages) - n_pages, blob, rec.lexicon)).fetchone()[0])
        else:  # same id, same source: only what a revision can change
            self.x(cur, "UPDATE documents SET title = ?, author = ?, date = ?, n_pages = ?, "
                        "n_notes = ?, json = ? WHERE id = ?",
                   (rec.title, rec.author, rec.date, n_pages, len(rec.passages) - n_pages,
                    blob, doc_id))
        # bulk inserts, then the ids read back in insertion order
        pages = [p for p in rec.passages if p.kind == "page"]
        notes = [p for p in rec.passages if p.kind == "note"]
        self.xmany(cur, ('INSERT INTO pages (doc_id, seq, n, start, "end", orig_start, '
                         "orig_end, text, original) VALUES (?,?,?,?,?,?,?,?,?)"),
                   [(doc_id, p.seq, p.page_n, p.start, p.end, p.orig_start, p.orig_end,
                     p.text, p.original) for p in pages])
        page_ids = [int(r[0]) for r in self.x(
            cur, "SELECT id FROM pages WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()]
        self.xmany(cur, ("INSERT INTO notes (doc_id, seq, n, anchor, orig_start, orig_end, "
                         "text, original) VALUES (?,?,?,?,?,?,?,?)"),
                   [(doc_id, p.seq, p.note_n, p.anchor, p.orig_start, p.orig_end, p.text,
                     p.original) for p in notes])
        note_ids = [int(r[0]) for r in self.x(
            cur, "SELECT id FROM notes WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()]
        # (kind, page id, note id, page n, note n, index strings, pair strings, pairs)
        rows = [("page", pid, None, p.page_n, None, p.idx_text, p.idx_orig, p.pair_text,
                 p.pair_orig, p.pairs) for pid, p in zip(page_ids, pages, strict=True)]
        rows += [("note", self._page_for_anchor(rec, p.anchor, page_ids), nid, p.page_n,
                  p.note_n, p.idx_text, p.idx_orig, p.pair_text, p.pair_orig, p.pairs)
                 for nid, p in zip(note_ids, notes, strict=True)]
        pids = self._insert_passages(cur, doc_id, rows)  # same order as rec.passages
        self.xmany(cur, 'INSERT INTO paragraphs (doc_id, seq, start, "end") VALUES (?,?,?,?)',
                   [(doc_id, s, a, b) for s, a, b in rec.paragraphs])
        self.xmany(cur, (
            "INSERT INTO edits (doc_id, seq, stage, orig_start, orig_end, original, "
            "replacement, confidence, alternatives, reason, status, kind) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"), [(doc_id, *e) for e in rec.edits])
        self.xmany(cur, "INSERT INTO entities (doc_id, local_id, type, name, norm) "
                        "VALUES (?,?,?,?,?)",
                   [(doc_id, e["local_id"], e["type"], e["name"], e["norm"])
                    for e in rec.entities])
        ent_ids: dict[str, int] = {}
        if rec.entities:
            ent_ids = {str(lid): int(i) for i, lid in self.x(
                cur, "SELECT id, local_id FROM entities WHERE doc_id = ?", (doc_id,)
            ).fetchall()}
        self.xmany(cur, "INSERT INTO variants (entity_id, variant, norm) VALUES (?,?,?)",
                   [(ent_ids[e["local_id"]], v, n) for e in rec.entities
                    for v, n in e["variants"]])
        self.xmany(cur, (
            'INSERT INTO mentions (doc_id, entity_id, passage_id, "where", start, "end", '
            "orig_start, orig_end, text) VALUES (?,?,?,?,?,?,?,?,?)"),
            [(doc_id, ent_ids[m["entity"]], pids[m["passage"]], m["where"], m["start"],
              m["end"], m["orig_start"], m["orig_end"], m["text"])
             for m in rec.mentions if m["entity"] in ent_ids and pids])
        self.xmany(cur, (
            'INSERT INTO dates (doc_id, passage_id, "where", start, "end", text, value, lo, hi) '
            "VALUES (?,?,?,?,?,?,?,?,?)"),
            [(doc_id, pids[t["passage"]], t["where"], t["start"], t["end"], t["text"],
              t["value"], t["lo"], t["hi"]) for t in rec.dates if pids])
        self.xmany(cur, "INSERT INTO citations (doc_id, note, type, title, json) "
                        "VALUES (?,?,?,?,?)",
                   [(doc_id, c.get("note"), c.get("type"), _str(c.get("title")),
                     json.dumps(c, ensure_ascii=False)) for c in rec.citations])
        self.xmany(cur, (
            'INSERT INTO events (doc_id, passage_id, date, lo, hi, text, "where", start, "end", '
            "entities, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
            [(doc_id, pids[ev["passage"]] if pids else None, ev["date"], ev["lo"], ev["hi"],
              ev["text"], ev["where"], ev["start"], ev["end"],
              json.dumps(ev["entities"], ensure_ascii=False), ev["source"])
             for ev in rec.events])
        self.xmany(cur, QUANTITY_INSERT,
                   [_quantity_params(doc_id, pids, q) for q in rec.quantities])
        return doc_id

    @staticmethod
    def _page_for_anchor(rec: Record, anchor: int | None, page_ids: list[int]) -> int | None:
        if not page_ids:
            return None
        best = 0
        for i, p in enumerate(q for q in rec.passages if q.kind == "page"):
            if anchor is not None and p.start <= anchor:
                best = i
        return page_ids[best]

    def _delete(self, cur: Any, doc_id: int, keep_row: bool = False) -> None:
        """Remove a document and all its rows (inside the caller's transaction); with
        `keep_row`, its ``documents`` row stays (to be rewritten under the same id).
        The caller checks the counting rules first (`_counts_checked`): this
        subtracts what this code counts."""
        texts = self.x(cur, "SELECT text, original FROM pages WHERE doc_id = ? UNION ALL "
                            "SELECT text, original FROM notes WHERE doc_id = ?",
                       (doc_id, doc_id)).fetchall()
        vocab: Counter[str] = Counter()
        for t, o in texts:
            vocab.update(set(index_string(t).split()) | set(index_string(o).split()))
        self._unindex_document(cur, doc_id)
        self._add_vocab(cur, dict(vocab), -1)
        got = self.x(cur, "SELECT json FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if got is not None:  # its forms leave the corpus lexicon (as `_write_records` added)
            forms, pairs = _stored_counts(got[0])
            self._add_lexicon(cur, {f: (-k, -1) for f, k in forms.items()})
            self._add_lexicon(cur, {p: (-k, -1) for p, k in pairs.items()}, pairs=True)
        self.x(cur, "DELETE FROM variants WHERE entity_id IN "
                    "(SELECT id FROM entities WHERE doc_id = ?)", (doc_id,))
        for table in ("mentions", "dates", "quantities", "events", "citations", "entities",
                      "edits", "paragraphs", "passages", "notes", "pages"):
            self.x(cur, f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
        if not keep_row:
            self.x(cur, "DELETE FROM documents WHERE id = ?", (doc_id,))
        self._doc_cache.pop(doc_id, None)

    # -- revising ---------------------------------------------------------------
    lock_row = ""  # appended to the SELECT that reads a document for revision
    # lower-cases an SQL text expression as Python's str.lower does (SQLite's own
    # lower() folds ASCII letters only: SQLiteStore registers a function)
    lower_sql = "lower({})"

    def set_edit_status(self, doc_id: int, edit_id: int, status: str, note: str = ""
                        ) -> StatusChange:
        """Accept (``applied``), reject or demote (``suggested``) one edit of a stored
        document, keeping its id. The clean texts are re-derived, mentions, dates and
        events moved onto them, and the JSON, edit rows, passages, full-text and vocabulary
        rewritten in one transaction. `note` is appended to the edit's reason.

        Raises KeyError (no such document), EditNotFound, ValueError (unknown status)
        and model.EditConflict (applying it would overlap another applied edit)."""
        from .record import store_json

        with self.transaction() as cur:
            r = self.x(cur, "SELECT json, pipeline_version FROM documents WHERE id = ?"
                       + self.lock_row, (doc_id,)).fetchone()
            if r is None:
                raise KeyError(doc_id)
            doc = document_from_json(stored_json(r[0]))
            old, changed = change_status(doc, edit_id, status, note)
            d = store_json(doc)
            prior = stored_json(r[0]).get("_store", {})
            if prior.get("lexicon"):  # the lexicon its repair read is still the one
                d["_store"]["lexicon"] = prior["lexicon"]
            if prior.get("unrepaired"):  # still the OCR as printed: counted by nothing
                d["_store"]["unrepaired"] = True
            rec = build_record(d)
            self._counts_checked(cur)
            self._delete(cur, doc_id, keep_row=True)
            self._write(cur, rec, str(r[1]), doc_id=doc_id)
            self._add_vocab(cur, rec.vocab, 1)
            self._add_lexicon(cur, {f: (k, 1) for f, k in rec.forms.items()})
            self._add_lexicon(cur, {p: (k, 1) for p, k in rec.pairs.items()}, pairs=True)
            self._flush_index(cur)
        self._doc_cache.pop(doc_id, None)
        return StatusChange(doc_id, edit_id, old, status, changed)

    def _in(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """An ``IN`` condition over `values` and its parameters (PostgreSQL overrides it
        with ``= ANY(array)``: one parameter, so the statement text stays the same and
        the server can reuse its plan)."""
        return "IN (" + ",".join("?" * len(values)) + ")", list(values)

    # -- reading documents ------------------------------------------------------
    def documents(self, offset: int = 0, limit: int | None = None, details: bool = False
                  ) -> list[dict[str, Any]]:
        """Documents in id order (a slice with offset/limit). With `details`, each also
        has what a listing shows: title (falling back to the running title or name),
        author, date, type from the metadata, and its text edits by status
        (``edits`` applied, ``suggested``, ``rejected``)."""
        rows = self.rows("SELECT id, name, path, sha256, format, title, pipeline_version, "
                         "ingested_at, n_pages, n_notes, author, date FROM documents "
                         "ORDER BY id LIMIT ? OFFSET ?",
                         (2**62 if limit is None else max(0, int(limit)), max(0, int(offset))))
        keys = ("id", "name", "path", "sha256", "format", "title", "pipeline_version",
                "ingested_at", "pages", "notes", "author", "date")
        out = [dict(zip(keys, r, strict=True)) for r in rows]
        if details and out:
            self._add_details(out)
        return out

    def _add_details(self, docs: list[dict[str, Any]]) -> None:
        ids = [d["id"] for d in docs]
        marks = ",".join("?" * len(ids))
        counts: dict[int, dict[str, int]] = {}
        for did, status, n in self.rows(
                "SELECT doc_id, status, count(*) FROM edits WHERE kind = 'text' AND doc_id "
                f"IN ({marks}) GROUP BY doc_id, status", ids):
            counts.setdefault(int(did), {})[str(status)] = int(n)
        for d in docs:
            meta = self._metadata(int(d["id"]), str(d["sha256"]))
            c = counts.get(d["id"], {})
            d.update(type=_str(meta.get("type")) or "",
                     date=d.get("date") or _str(meta.get("date")) or "",
                     author=d.get("author") or _str(meta.get("author")) or "",
                     title=d.get("title") or _str(meta.get("title"))
                     or _str(meta.get("running_title")) or d["name"],
                     edits=c.get("applied", 0), suggested=c.get("suggested", 0),
                     rejected=c.get("rejected", 0))

    def _metadata(self, doc_id: int, sha256: str) -> dict[str, Any]:
        """A document's public metadata (cached by id and content hash: a listing page
        should not decompress every document's JSON each time)."""
        cache = self._meta
        meta = cache.get((doc_id, sha256))
        if meta is None:
            meta = {k: v for k, v in self.document_json(doc_id).get("metadata", {}).items()
                    if not k.startswith("_")}
            if len(cache) > 10000:
                cache.clear()
            cache[(doc_id, sha256)] = meta
        return meta

    def review_queue(self, threshold: float, doc_id: int | None = None, limit: int = 50,
                     offset: int = 0) -> list[dict[str, Any]]:
        """Text edits a reviewer should look at, least confident first: suggestions and
        applied edits below `threshold` (optionally of one document)."""
        only = " AND e.doc_id = ?" if doc_id is not None else ""
        rows = self.rows(
            "SELECT e.doc_id, d.name, d.title, e.seq, e.stage, e.original, e.replacement, "
            "e.confidence, e.alternatives, e.reason, e.status FROM edits e "
            "JOIN documents d ON d.id = e.doc_id WHERE e.kind = 'text' AND "
            f"(e.status = 'suggested' OR (e.status = 'applied' AND e.confidence < ?)){only} "
            "ORDER BY e.confidence, e.doc_id, e.seq LIMIT ? OFFSET ?",
            (threshold, *([doc_id] if doc_id is not None else []), int(limit), int(offset)))
        keys = ("doc_id", "doc", "title", "edit", "stage", "original", "replacement",
                "confidence", "alternatives", "reason", "status")
        out = []
        for r in rows:
            d = dict(zip(keys, r, strict=True))
            d.update(doc_id=int(d["doc_id"]), edit=int(d["edit"]),
                     confidence=float(d["confidence"]),
                     alternatives=json.loads(d["alternatives"] or "[]"))
            out.append(d)
        return out

    def resolve(self, ref: str | int) -> int | None:
        """A document id from an id, a name (file stem), a path, a sha256 prefix (6+
        characters) or the start of a name that only one document has ("003" for
        "003_07f6…"); an id wins over a name that starts with its digits."""
        s = str(ref)
        # (ASCII digits only, "²" is a digit int() refuses; an id past the database's
        # 64-bit integers names no document, and SQLite would raise OverflowError)
        if s.isascii() and s.isdigit() and int(s) <= MAX_DOC_ID:
            r = self.rows("SELECT id FROM documents WHERE id = ?", (int(s),))
            if r:
                return int(r[0][0])
        r = self.rows("SELECT id FROM documents WHERE name = ? OR path = ? OR sha256 = ? "
                      "ORDER BY id", (s, s, s))
        if r:
            return int(r[0][0])
        if len(s) >= 6:
            r = self.rows("SELECT id, sha256 FROM documents WHERE substr(sha256, 1, ?) = ?",
                          (len(s), s.lower()))
            if r:
                return int(r[0][0])
        if len(s) >= 2:
            r = self.rows("SELECT id FROM documents WHERE substr(name, 1, ?) = ? LIMIT 2",
                          (len(s), s))
            if len(r) == 1:  # several documents start so: ambiguous, not a guess
                return int(r[0][0])
        return None

    def document_json(self, doc_id: int) -> dict[str, Any]:
        if not -MAX_DOC_ID - 1 <= doc_id <= MAX_DOC_ID:
            raise KeyError(doc_id)  # no such document (not the driver's OverflowError)
        r = self.rows("SELECT json FROM documents WHERE id = ?", (doc_id,))
        if not r:
            raise KeyError(doc_id)
        return stored_json(r[0][0])

    def document(self, doc_id: int) -> Document:
        """The stored document rebuilt as a Document (cached, a few at a time)."""
        doc = self._doc_cache.get(doc_id)
        if doc is None:
            doc = document_from_json(self.document_json(doc_id))
            self._doc_cache[doc_id] = doc
            while len(self._doc_cache) > 8:
                self._doc_cache.popitem(last=False)
        return doc

    # -- the corpus lexicon -------------------------------------------------------
    def lexicon(self, min_docs: int | None = None, min_count: int | None = None,
                pairs: bool = True) -> Any:
        """The corpus lexicon repair reads (`repair.corpus.CorpusLexicon`): the forms
        printed in at least `min_docs` documents and `min_count` times in all
        (default: the module's MIN_DOCS, MIN_COUNT), and the corpus bigrams (pairs
        past MIN_PAIR_DOCS, MIN_PAIR_COUNT; `pairs` False: none). Empty for an empty
        corpus."""
        from ..repair.corpus import (
            MIN_COUNT,
            MIN_DOCS,
            MIN_PAIR_COUNT,
            MIN_PAIR_DOCS,
            CorpusLexicon,
        )

        md = MIN_DOCS if min_docs is None else int(min_docs)
        mc = MIN_COUNT if min_count is None else int(min_count)
        # the forms, the pairs' cut and the pairs as of one moment: a writer committing
        # between the reads must not give the run its forms before and its pairs after
        with self.read_snapshot():
            rows = self.rows("SELECT form, n, docs FROM lexicon WHERE n >= ? AND docs >= ?",
                             (mc, md))
            pd = self.snapshot_pair_docs() if pairs else MIN_PAIR_DOCS
            prows = self.rows("SELECT pair, n, docs FROM lexicon_pairs WHERE n >= ? AND "
                              "docs >= ?", (MIN_PAIR_COUNT, pd)) if pairs else []
        return CorpusLexicon.from_counts({str(f): (int(n), int(d)) for f, n, d in rows}, md, mc,
                                         {str(p): (int(n), int(d)) for p, n, d in prows},
                                         min_pair_docs=pd)

    def snapshot_pair_docs(self, cap: int | None = None) -> int:
        """The fewest documents a corpus pair must be printed in to enter the
        snapshot (`repair.corpus.snapshot_pair_docs`: MIN_PAIR_DOCS, raised until at
        most `cap`, default MAX_SNAPSHOT_PAIRS, pairs qualify). One grouped scan of the
        table: the pairs themselves are read only past the cut."""
        from ..repair.corpus import (
            MAX_SNAPSHOT_PAIRS,
            MIN_PAIR_COUNT,
            MIN_PAIR_DOCS,
            snapshot_pair_docs,
        )

        got = self.rows("SELECT docs, count(*) FROM lexicon_pairs WHERE n >= ? AND docs >= ? "
                        "GROUP BY docs", (MIN_PAIR_COUNT, MIN_PAIR_DOCS))
        return snapshot_pair_docs([(int(d), int(k)) for d, k in got],
                                  MAX_SNAPSHOT_PAIRS if cap is None else cap)

    def rebuild_lexicon(self) -> tuple[int, int]:
        """Recount the lexicon tables (forms and word pairs) from every stored
        document's JSON, in one transaction, as migrations 7 and 8 first filled them:
        after a change of the counting rules, so that deleting or replacing a document
        later takes off what this code counts. Records this code's counting rules.
        Returns the rows (forms, pairs)."""
        with self.transaction():
            return self._recount()

    def _recount(self) -> tuple[int, int]:
        """`rebuild_lexicon` inside the caller's transaction."""
        from ..repair.corpus import counting_rules

        con, ph = self.con, self.placeholder  # type: ignore[attr-defined] # (backends)
        got = backfill_lexicon(con, ph), backfill_pairs_table(con, ph)
        record_counting(self, con.cursor(), counting_rules())
        return got

    def counts_current(self) -> bool:
        """Make the lexicon tables counted by this code's rules, in one transaction
        (`_counts_checked`; `ingest` calls it before it reads its snapshot). Returns
        whether they had to be recounted."""
        from ..repair.corpus import counting_rules

        got = self.rows("SELECT applied_at FROM schema_version WHERE version = ? AND "
                        "applied_at LIKE ?", (COUNTING_ROW, COUNTING_PREFIX + "%"))
        if got and str(got[-1][0])[len(COUNTING_PREFIX):] == counting_rules():
            return False  # (no write transaction: a reader of a read-only store)
        with self.transaction() as cur:
            return self._counts_checked(cur)

    def _counts_checked(self, cur: Any) -> bool:
        """Inside a writer's transaction, before it adds or subtracts any count: if
        the store's counts were written under other counting rules (or by code that
        recorded none), recount them from the stored documents now, once, with a
        one-line message on stderr, and record this code's rules; an empty store just
        records them. Returns whether it recounted. (One small read per call, not
        cached on the object: a rolled-back recount must be seen as not done.)

        Recounted rather than refused: the counts are derived from the stored JSON,
        the recount is one transaction (interrupted, it leaves the old counts and the
        old record, and runs again next time), and a writer that refused would only
        ask the archivist to run `archivist lexicon --rebuild`, which does the same."""
        from ..repair.corpus import counting_rules

        rules = counting_rules()
        had = recorded_counting(self, cur)
        if had == rules:
            return False
        # writers that found the same stale record recount one after the other, each
        # looking again once it holds the lock (two at once on PostgreSQL: the second
        # one's DELETE missed the first's new rows and its INSERT clashed with them)
        self._lock_recount(cur)
        had = recorded_counting(self, cur)
        if had == rules:
            return False
        n = int(self.x(cur, "SELECT count(*) FROM documents").fetchone()[0])
        if not n:
            record_counting(self, cur, rules)
            return False
        import sys

        print(f"archivist: recounting the corpus lexicon of {n:,} documents once (counted "
              f"by rules {had or 'unrecorded'}, this code counts by {rules})", file=sys.stderr)
        self._recount()
        return True

    def _lock_recount(self, cur: Any) -> None:
        """Hold, to the end of the transaction, the lock recounting writers share
        (SQLite: the write lock BEGIN IMMEDIATE already took)."""
        return None

    def _lock_users(self, cur: Any) -> None:
        """Hold, to the end of the transaction, the lock that adding accounts shares: a
        name is checked free in any case, then inserted (SQLite: the write lock)."""
        return None

    def lexicon_terms(self, limit: int | None = None, min_docs: int | None = None,
                      min_count: int | None = None) -> list[dict[str, Any]]:
        """The lexicon's terms as rows {form, n, docs}, most frequent first (then
        most documents, then by form)."""
        from ..repair.corpus import MIN_COUNT, MIN_DOCS

        md = MIN_DOCS if min_docs is None else int(min_docs)
        mc = MIN_COUNT if min_count is None else int(min_count)
        rows = self.rows("SELECT form, n, docs FROM lexicon WHERE n >= ? AND docs >= ? "
                         "ORDER BY n DESC, docs DESC, form LIMIT ?",
                         (mc, md, 2**62 if limit is None else max(0, int(limit))))
        return [{"form": str(f), "n": int(n), "docs": int(d)} for f, n, d in rows]

    def stored_forms(self, doc_id: int) -> dict[str, int]:
        """A stored document's own counts in the lexicon tables (`record.lexicon_forms`
        of its stored JSON, and its `record.lexicon_pairs`, the keys ``"w1 w2"``):
        what `CorpusLexicon.without` takes out when it is repaired again, so it does
        not vouch for itself."""
        r = self.rows("SELECT json FROM documents WHERE id = ?", (doc_id,))
        if not r:
            raise KeyError(doc_id)
        forms, pairs = _stored_counts(r[0][0])
        return {**forms, **pairs}

    def pair_rows(self) -> dict[str, tuple[int, int]]:
        """Every row of the lexicon_pairs table, pair -> (occurrences, documents),
        whatever the thresholds (for tests and size measurements)."""
        return {str(p): (int(n), int(d))
                for p, n, d in self.rows("SELECT pair, n, docs FROM lexicon_pairs")}

    def lexicon_digest(self, doc_id: int) -> str | None:
        """The digest of the lexicon the document's repair read (None: none)."""
        r = self.rows("SELECT lexicon FROM documents WHERE id = ?", (doc_id,))
        if not r:
            raise KeyError(doc_id)
        return None if r[0][0] is None else str(r[0][0])

    def stats(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "pages", "notes", "entities", "mentions", "dates",
                      "quantities", "events", "vocab"):
            out[table] = int(self.rows(f"SELECT count(*) FROM {table}")[0][0])
        return out

    # -- workbench accounts (migration 9) ---------------------------------------------
    # The store keeps names, roles and password hashes only; hashing and checking
    # passwords is archivist.web.accounts' business.
    def add_user(self, name: str, pw_hash: str, role: str, created: str) -> None:
        """Add an account; KeyError when the name is taken (any case: "Ada" and "ada"
        would be one person to a reader of the audit log)."""
        with self.transaction() as cur:
            self._lock_users(cur)  # (two adds of "ada" and "Ada" at once: one fails)
            taken = self.x(cur, f"SELECT name FROM users WHERE {self._same_name()}",
                           (name,)).fetchone()
            if taken:
                raise KeyError(f"user {taken[0]!r} exists")
            self.x(cur, "INSERT INTO users (name, pw_hash, role, created, disabled) "
                   "VALUES (?,?,?,?,0)", (name, pw_hash, role, created))

    def user(self, name: str) -> dict[str, Any] | None:
        """The account `name` (exact name first, else the one differing in case only),
        or None."""
        rows = self.rows("SELECT name, pw_hash, role, created, disabled FROM users "
                         f"WHERE {self._same_name()} ORDER BY name = ? DESC LIMIT 1",
                         (name, name))
        if not rows:
            return None
        return {**dict(zip(USER_FIELDS, rows[0], strict=True)),
                "disabled": bool(rows[0][4])}

    def _same_name(self) -> str:
        # case-insensitive the same way in both backends (SQLite's lower() is ASCII only)
        return f"{self.lower_sql.format('name')} = {self.lower_sql.format('?')}"

    def users(self) -> list[dict[str, Any]]:
        """Every account (without its password hash), by name."""
        return [{"name": r[0], "role": r[1], "created": r[2], "disabled": bool(r[3])}
                for r in self.rows("SELECT name, role, created, disabled FROM users "
                                   "ORDER BY name")]

    def has_users(self) -> bool:
        """True once any account exists (disabled ones too: disabling the last account
        must not quietly reopen the shared-token login)."""
        return bool(self.rows("SELECT 1 FROM users LIMIT 1"))

    def update_user(self, name: str, *, pw_hash: str | None = None, role: str | None = None,
                    disabled: bool | None = None) -> bool:
        """Change an account's password hash, role or disabled flag; False when there
        is no such account."""
        sets, params = [], []
        for col, val in (("pw_hash", pw_hash), ("role", role),
                         ("disabled", None if disabled is None else int(disabled))):
            if val is not None:
                sets.append(f"{col} = ?")
                params.append(val)
        found = self.user(name)
        if found is None:
            return False
        if sets:
            with self.transaction() as cur:
                self.x(cur, f"UPDATE users SET {', '.join(sets)} WHERE name = ?",
                       (*params, found["name"]))
        return True

    # -- search -----------------------------------------------------------------
    def expand(self, word: str, fuzziness: float) -> list[str]:
        """The word and its OCR-tolerant variants found in the corpus vocabulary,
        most similar first (at most MAX_VARIANTS)."""
        if len(word) < MIN_FUZZY_LEN or word.isdigit() or fuzziness <= 0:
            return [word]
        # remembered until the vocabulary gains a word (ids only grow)
        version = self.rows("SELECT max(id) FROM vocab")[0][0]
        key = (word, fuzziness, version)
        hit = self._expansions.get(key)
        if hit is not None:
            return list(hit)
        if self._df([word]) > (self.rank_window or RANK_WINDOW):
            # the word alone already fills the ranking window: its OCR variants cannot
            # change much of what is shown, and looking them up is the costly part
            self._expansions[key] = (word,)
            return [word]
        floor = 1.0 - fuzziness
        scored: dict[str, float] = {}
        for cand, df in self._fuzzy_candidates(word, fuzziness):
            if cand == word or df <= 0:
                continue
            sim = max(ocr_similarity(word, cand), trigram_similarity(word, cand))
            # another common word ("order" for "border") is a different word, not an
            # OCR misreading, unless it is very close
            if sim >= 1.0 - fuzziness / 2 or (sim >= floor and _zipf(cand) < COMMON_ZIPF):
                scored[cand] = sim + min(df, 1000) * 1e-7  # ties: commoner first
        best = sorted(scored, key=lambda w: -scored[w])[:MAX_VARIANTS - 1]
        if len(self._expansions) > 4096:
            self._expansions.clear()
        self._expansions[key] = (word, *best)
        return [word, *best]

    def _expand_node(self, node: Q.Node | None, fuzziness: float,
                     seen: dict[str, list[str]]) -> None:
        for leaf, positive in Q.walk_terms(node):
            if not positive:
                continue  # NOT stays exact: subtracting fuzzy variants surprises
            if isinstance(leaf, Q.Term) and not leaf.prefix:
                if leaf.word not in seen:
                    seen[leaf.word] = self.expand(leaf.word, fuzziness)
                leaf.alts = seen[leaf.word]
            elif isinstance(leaf, Q.Phrase):
                alts = []
                for w in leaf.words:
                    if w not in seen:
                        seen[w] = self.expand(w, fuzziness)
                    alts.append(seen[w])
                leaf.alts = alts

    def _set_combos(self, node: Q.Node | None) -> None:
        """With a pair index: give each positive phrase the combinations of its
        words' forms (the word, or its OCR variants) whose adjacent pairs all occur,
        and an upper bound of its passages (`Phrase.combos`, `Phrase.df`). A phrase
        with more than MAX_PAIR_COMBOS such combinations keeps combos None (searched
        through the word index as before)."""
        phrases = [leaf for leaf, positive in Q.walk_terms(node)
                   if positive and isinstance(leaf, Q.Phrase)]
        if not phrases:
            return
        cands = sorted({f"{a}_{b}" for ph in phrases
                        for x, y in itertools.pairwise(ph.forms()) for a in x for b in y})
        dfs = self._pair_dfs(cands)
        if dfs is None:
            return
        for ph in phrases:
            forms = ph.forms()
            # chains of occurring pairs, position by position (depth first, bounded)
            chains: list[tuple[list[str], int]] = [([w], 1 << 62) for w in forms[0]]
            for nxt in forms[1:]:
                chains = [(c + [w], min(lo, df)) for c, lo in chains for w in nxt
                          if (df := dfs.get(f"{c[-1]}_{w}", 0)) > 0]
                if len(chains) > MAX_PAIR_COMBOS:
                    break
            if len(chains) > MAX_PAIR_COMBOS:
                continue
            ph.combos = [c for c, _ in chains]
            ph.df = sum(lo for _, lo in chains)

    def _filters_sql(self, filters: list[tuple[str, str]]) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        for name, value in filters:
            if name == "doc":
                doc_id = self.resolve(value)
                conds.append("p.doc_id = ?")
                params.append(doc_id if doc_id is not None else -1)
            elif name == "entity":
                ids = self._entity_group(value)
                if not ids:
                    conds.append("1 = 0")
                    continue
                marks = ",".join("?" * len(ids))
                conds.append(f"p.id IN (SELECT passage_id FROM mentions WHERE entity_id IN "
                             f"({marks}))")
                params.extend(ids)
            elif name == "type":
                conds.append("p.id IN (SELECT m.passage_id FROM mentions m JOIN entities e "
                             "ON e.id = m.entity_id WHERE e.type = ?)")
                params.append(value.upper())
            elif name == "date":
                rng = date_filter_range(value)
                if rng is None:
                    raise Q.QueryError(f"cannot read date:{value} (use 1938, 1938-07, "
                                       "1938-07-29 or a range like 1938-07..1938-08)")
                conds.append("p.id IN (SELECT passage_id FROM dates WHERE lo <= ? AND hi >= ?)")
                params.extend([rng[1], rng[0]])
        return (" AND ".join(conds) if conds else "1 = 1"), params

    def _entity_group(self, name: str) -> list[int]:
        """`entity_group`, remembered for the query being run (its filters and every
        passage's snippets ask the same question)."""
        groups = getattr(self, "_groups", None)
        if groups is None:
            return self.entity_group(name)
        if name not in groups:
            groups[name] = self.entity_group(name)
        return groups[name]

    def _sliced(self, sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
        """The rows of `sql` with its one `IN ({})` bound to `values`, ALT_SLICE values
        per statement (no statement nears a backend's limit of parameters)."""
        out: list[tuple[Any, ...]] = []
        for k in range(0, len(values), ALT_SLICE):
            part = values[k:k + ALT_SLICE]
            out.extend(self.rows(sql.format(",".join("?" * len(part))), part))
        return out

    def entity_group(self, name: str) -> list[int]:
        """Entity row ids that are the same entity as NAME: those with NAME among
        their normalised name/variants, closed over shared variants across documents."""
        norms = {norm_name(name)}
        fresh = set(norms)  # names not looked up yet
        ids: set[int] = set()
        for _ in range(4):  # a few rounds of closure are plenty in practice
            # only what the last round found is looked up (the rest was, and gave
            # nothing new): a common place has an entity row in every document
            # (every statement in slices: a place with thousands of variants, or one
            # with an entity row in thousands of documents, would pass PostgreSQL's
            # 65,535 parameters in one statement)
            new = {int(r[0]) for r in self._sliced(
                "SELECT entity_id FROM variants WHERE norm IN ({})", sorted(fresh))}
            # a place with a noun of place ("Orbury parish") is the place ("Orbury"), as
            # within a document (`extract.entities._head_free`); each name asks for 14
            alt = sorted({a for f in fresh for a in place_forms(f)} - norms)
            new |= {int(r[0]) for r in self._sliced(
                "SELECT v.entity_id FROM variants v JOIN entities e ON e.id = v.entity_id "
                "WHERE e.type = 'PLACE' AND v.norm IN ({})", alt)}
            new -= ids
            if not new:
                break
            ids |= new
            got = {r[0] for r in self._sliced(
                "SELECT DISTINCT norm FROM variants WHERE entity_id IN ({})", sorted(new))}
            fresh = got - norms
            norms |= got
            if not fresh:
                break
        return sorted(ids)

    def search(self, query: str, *, exact: bool = False, fuzziness: float = DEFAULT_FUZZINESS,
               limit: int = 20, context: int = 8, facets: bool = True) -> SearchResult:
        """Run a query (see `archivist.store.query`): ranked KWIC hits and facets.

        What is ranked, so that a query costs about the same at any corpus size:

        * a query matching at most RANK_WINDOW passages (PHRASE_RANK_WINDOW with a
          phrase; counts from the vocabulary) is ranked over all its matches by the
          backend (FTS5 bm25 / ts_rank);
        * a commoner word query is ranked by the backend over its newest RANK_WINDOW
          matching passages;
        * a commoner phrase query over its newest RECENT_RANK matches, by a BM25
          computed here (`_rank_recent`) where `rank_common_phrases_here` (SQLite);
          PostgreSQL ranks it with ts_rank over its newest PHRASE_RANK_WINDOW.

        Phrases with a pair index (schema 4, both backends): a query made only of
        phrases is answered from adjacent word pairs (`_set_combos`): the same
        passages as the word index, and its estimate above is the phrases' real
        pair counts, so a phrase matching at most PHRASE_RANK_WINDOW passages is
        ranked by the backend over all of them (before: often the Python ranking of
        its newest RECENT_RANK, when its rarest word was common). OCR-tolerant
        phrases search every combination of the words' variants that occurs (at most
        MAX_PAIR_COMBOS; before: the first 16 of all combinations). On SQLite bm25
        then counts a passage's length in word pairs, and a phrase matching more
        than PHRASE_RANK_WINDOW but at most PAIR_RANK_MAX_DF passages is ranked by
        bm25 over its newest PHRASE_RANK_WINDOW (not by `_rank_recent`).

        Facets count documents, entities and years over the best FACET_CAP ranked
        passages (a sample for common queries, not corpus totals); `passages` in the
        result says how many were seen. Snippets are made for the returned hits only.
        """
        q = Q.parse(query)
        expansions: dict[str, list[str]] = {}
        if q.node is not None and not exact:
            self._expand_node(q.node, fuzziness, expansions)
        self._set_combos(q.node)
        where, params = self._filters_sql(q.filters)
        cap = max(limit, FACET_CAP if facets else limit)
        rows: dict[int, tuple] = {}  # passage rows already read (by the Python ranking)
        self._groups: dict[str, list[int]] = {}  # entity_group answers for this query
        if q.node is not None:
            # very common words: rank the most recent RANK_WINDOW matches, not millions
            rank_window = self.rank_window or RANK_WINDOW
            phrase = any(isinstance(leaf, Q.Phrase) for leaf, _ in Q.walk_terms(q.node))
            if phrase:
                # a phrase match is dearer to score (both words' positions are read)
                rank_window = min(rank_window, PHRASE_RANK_WINDOW)
            estimate = self._estimate(q.node)
            window = rank_window if estimate > rank_window else None
            if window and phrase and self.rank_common_phrases_here and not (
                    estimate <= PAIR_RANK_MAX_DF and Q.pairs_only(q.node)):
                # the backend's ranking of a phrase first counts the phrase's matches
                # in the whole corpus (its idf), reading the positions of both words
                # everywhere: that grows with the corpus (100 ms for "and from" at 100k
                # pages). Rank the newest matches here instead; idf from the vocabulary.
                # (From a pair index that count only reads the pair's own list: cheap
                # up to PAIR_RANK_MAX_DF passages, so the backend ranks those.)
                ranked, rows = self._rank_recent(q.node, where, params, cap)
            else:
                ranked = self._match(q.node, where, params, cap, window)
        else:
            ranked = [(int(a), int(b), 0.0) for a, b in self.rows(
                f"SELECT p.id, p.doc_id FROM passages p WHERE {where} "
                "ORDER BY p.doc_id, p.id LIMIT ?", [*params, cap])]
        hits = self._hits(q, ranked, limit, context, rows)
        facet_counts = self._facets(ranked) if facets else {}
        return SearchResult(hits=hits, facets=facet_counts,
                            expansions={k: v for k, v in expansions.items() if len(v) > 1},
                            passages=len(ranked))

    def _df(self, words: list[str]) -> int:
        cond, params = self._in(words)
        r = self.rows(f"SELECT sum(df) FROM vocab WHERE word {cond}", params)
        return int(r[0][0] or 0)

    def _estimate(self, node: Q.Node) -> int:
        """An upper bound of the passages a query matches, from the vocabulary."""
        if isinstance(node, Q.Term):
            if node.prefix:
                hi = node.word[:-1] + chr(ord(node.word[-1]) + 1)
                r = self.rows("SELECT sum(df) FROM vocab WHERE word >= ? AND word < ?",
                              (node.word, hi))
                return int(r[0][0] or 0)
            return self._df(node.forms())
        if isinstance(node, Q.Phrase):
            if node.combos is not None:  # counted by the pair index
                return node.df
            return min(self._df(a) for a in node.forms())
        if isinstance(node, Q.Or):
            return sum(self._estimate(p) for p in node.parts)
        if isinstance(node, Q.And):
            pos = [self._estimate(p) for p in node.parts if not isinstance(p, Q.Not)]
            return min(pos) if pos else 0
        return 0

    def _passage_rows(self, ids: list[int]) -> dict[int, tuple]:
        if not ids:
            return {}
        cond, params = self._in(ids)
        rows = self.rows(
            "SELECT p.id, p.doc_id, d.name, p.kind, p.page_n, p.note_n, pg.text, pg.original, "
            "pg.start, pg.orig_start, n.text, n.original, n.orig_start "
            "FROM passages p JOIN documents d ON d.id = p.doc_id "
            "LEFT JOIN pages pg ON pg.id = p.page_id "
            f"LEFT JOIN notes n ON n.id = p.note_id WHERE p.id {cond}", params)
        return {int(r[0]): r for r in rows}

    def _rank_recent(self, node: Q.Node, where: str, params: list[Any], cap: int
                     ) -> tuple[list[tuple[int, int, float]], dict[int, tuple]]:
        """The newest RECENT_RANK passages matching `node`, ranked by BM25 computed
        here: term frequencies are the query's matches in each passage's clean text
        and original (weighted like the backend's column weights), lengths their word
        counts, and each positive word or phrase weighs its idf from the vocabulary's
        passage counts (a phrase: its rarest word's, an upper bound of its matches).
        Returns the ranking (at most `cap`) and the passage rows read for it."""
        found = self._match_recent(node, where, params, RECENT_RANK)
        rows = self._passage_rows([pid for pid, _ in found])
        n_docs = max(1, int(self.rows("SELECT max(id) FROM passages")[0][0] or 1))
        leaves = []
        for leaf, positive in Q.walk_terms(node):
            if positive:
                df = min(self._estimate(leaf), n_docs)
                idf = max(1e-6, math.log((n_docs - df + 0.5) / (df + 0.5) + 1))
                m = self._matcher(leaf)  # a one-phrase query: the matcher the hits reuse
                leaves.append((m, idf))
        scored = []
        stats = []
        for pid, doc_id in found:
            r = rows.get(pid)
            if r is None:
                continue
            text, orig = (r[6], r[7]) if r[3] == "page" else (r[10], r[11])
            text, orig = text or "", orig or ""
            same = text == orig
            tfs = []
            for m, _ in leaves:
                t = len(m.spans(text))
                tfs.append((t, t if same else len(m.spans(orig))))
            # lengths in characters: BM25 only uses a passage's length relative to the
            # average, and counting words would cost more than the matching
            stats.append((pid, doc_id, tfs, len(text), len(orig)))
        if not stats:
            return [], rows
        wt, wo = COLUMN_WEIGHTS
        avg = sum(wt * a + wo * b for *_, a, b in stats) / len(stats)
        for pid, doc_id, tfs, n_t, n_o in stats:
            norm = BM25_K1 * (1 - BM25_B + BM25_B * (wt * n_t + wo * n_o) / max(avg, 1e-9))
            score = 0.0
            for (t, o), (_, idf) in zip(tfs, leaves, strict=True):
                tf = wt * t + wo * o
                score += idf * tf * (BM25_K1 + 1) / (tf + norm)
            scored.append((pid, doc_id, score))
        scored.sort(key=lambda x: (-x[2], -x[0]))  # ties: newest first
        return scored[:cap], rows

    def _hits(self, q: Q.Query, ranked: list[tuple[int, int, float]], limit: int,
              context: int, known: dict[int, tuple] | None = None) -> list[Hit]:
        out: list[Hit] = []
        pos = 0
        while len(out) < limit and pos < len(ranked):
            batch = ranked[pos:pos + 20]
            pos += 20
            want = [pid for pid, _, _ in batch if not known or pid not in known]
            rows = self._passage_rows(want)
            if known:
                rows.update((pid, known[pid]) for pid, _, _ in batch if pid in known)
            for pid, _, score in batch:
                r = rows.get(pid)
                if r is None:
                    continue
                out.extend(self._passage_hits(q, r, score, context, limit - len(out)))
                if len(out) >= limit:
                    break
        return out

    def _passage_hits(self, q: Q.Query, r: tuple, score: float, context: int,
                      most: int | None = None) -> list[Hit]:
        """The hits of one passage (at most `most`: snippets are made only for those)."""
        (pid, doc_id, name, kind, page_n, note_n, pg_text, pg_orig, pg_start, pg_ostart,
         n_text, n_orig, n_ostart) = r
        if kind == "page":
            text, orig, base, obase, where = pg_text, pg_orig, pg_start, pg_ostart, "text"
        else:
            text, orig, base, obase, where = n_text, n_orig, 0, n_ostart, f"note:{note_n}"
        same = text == orig  # nothing was changed here: clean and original coincide
        view = None
        if not same:
            doc = self.document(int(doc_id))
            try:
                view = doc.view_for(where)
            except KeyError:
                view = None
        if q.node is not None:
            matcher = self._matcher(q.node)
            spans = matcher.spans(text)
            ospans = [] if same else matcher.spans(orig)
        else:
            spans, ospans = self._filter_spans(q, pid, base), []
        # (clean start, clean end, only in the original?, original words, span in orig)
        found: list[tuple[int, int, bool, str | None, tuple[int, int]]] = []
        covered: list[tuple[int, int]] = []
        for s, e in spans:
            o = None
            if view is not None and base + e <= len(view.text):
                # widened to whole edits: what the original holds in their place
                _, _, os_, oe = view.orig_span(base + s, base + e)
                covered.append((os_, oe))
                # ... but only the part that reads as the match: an edit that also
                # changed the quote or comma beside the word is not the word
                a, b = hit_orig_span(view, base + s, base + e)
                covered.append((a, b))  # moved text: where it was read
                o = doc.original[a:b]
            found.append((s, e, False, o, (0, 0)))
        # a footnote's words in a page's original are its note's own hits (note passage)
        in_notes = _note_ranges(doc) if ospans and view is not None and where == "text" else []
        for s, e in ospans:
            os_, oe = obase + s, obase + e
            if any(a < oe and os_ < b for a, b in covered) or view is None:
                continue
            if any(a <= os_ and oe <= b for a, b in in_notes):
                continue
            cs, ce = view.from_orig(os_) - base, view.from_orig(oe) - base
            found.append((max(cs, 0), max(ce, cs, 0), True, orig[s:e], (s, e)))
        # one of each spelling first (that is what a historian scans for), then the rest
        seen: set[str] = set()
        first, rest = [], []
        for f in sorted(found, key=lambda f: f[0]):
            form = (f[3] or text[f[0]:f[1]]).casefold()
            (rest if form in seen else first).append(f)
            seen.add(form)
        hits = []
        for s, e, orig_only, o, ospan in (first + rest)[:most]:
            if orig_only and e <= s:  # the words are not in the clean text at all
                snippet, hl = kwic(orig, ospan[0], ospan[1], context)
            else:
                snippet, hl = kwic(text, s, e, context)
            match = text[s:e]
            hits.append(Hit(doc=str(name), doc_id=int(doc_id), page=page_n, where=where,
                            start=base + s, end=base + e, snippet=snippet, highlight=hl,
                            match=match, original=o if o is not None and o != match else None,
                            in_original_only=orig_only, score=round(float(score), 4)))
        return hits

    def _matcher(self, node: Q.Node) -> Matcher:
        # one compiled matcher per query (the node is shared by all its passages)
        m = getattr(self, "_last_matcher", None)
        if m is None or m.node is not node:
            m = Matcher(node)
            self._last_matcher = m
        return m

    def _filter_spans(self, q: Q.Query, pid: int, base: int) -> list[tuple[int, int]]:
        """For a filters-only query: the mentions / dates that made the passage match."""
        spans: list[tuple[int, int]] = []
        for name, value in q.filters:
            if name == "entity":
                group = set(self._entity_group(value))
                if group:
                    # the passage's few mentions, filtered here (not a statement binding
                    # the group's hundreds of ids for every passage)
                    spans += [(int(a) - base, int(b) - base) for e, a, b in self.rows(
                        'SELECT entity_id, start, "end" FROM mentions WHERE passage_id = ?',
                        (pid,)) if int(e) in group]
            elif name == "type":
                spans += [(int(a) - base, int(b) - base) for a, b in self.rows(
                    'SELECT m.start, m."end" FROM mentions m JOIN entities e ON e.id = '
                    "m.entity_id WHERE m.passage_id = ? AND e.type = ?", (pid, value.upper()))]
            elif name == "date":
                rng = date_filter_range(value)
                if rng:
                    spans += [(int(a) - base, int(b) - base) for a, b in self.rows(
                        'SELECT start, "end" FROM dates WHERE passage_id = ? AND lo <= ? '
                        "AND hi >= ?", (pid, rng[1], rng[0]))]
        if not spans:
            spans = [(0, 0)]
        return sorted(set(spans))

    def _facets(self, ranked: list[tuple[int, int, float]]) -> dict[str, dict[str, int]]:
        if not ranked:
            return {"document": {}, "entity": {}, "year": {}}
        by_doc_id = Counter(d for _, d, _ in ranked)
        ids = [p for p, _, _ in ranked]
        cond, params = self._in(list(by_doc_id))
        names = dict(self.rows(f"SELECT id, name FROM documents WHERE id {cond}", params))
        docs = {str(names.get(d, d)): c for d, c in by_doc_id.most_common()}
        cond, params = self._in(ids)
        # grouped here rather than by the database: its two temporary b-trees (GROUP BY
        # and count DISTINCT) cost twice the reading of the rows
        by_norm: dict[str, tuple[str, set[int]]] = {}
        for pid, norm, nm in self.rows(
                "SELECT m.passage_id, e.norm, e.name FROM mentions m "
                f"JOIN entities e ON e.id = m.entity_id WHERE m.passage_id {cond}", params):
            got = by_norm.get(norm)
            if got is None:
                by_norm[norm] = (nm, {pid})
            else:
                got[1].add(pid)
                if nm < got[0]:
                    by_norm[norm] = (nm, got[1])
        ent: Counter[str] = Counter()
        for norm in sorted(by_norm):  # ties in most_common: in norm order, as before
            nm, pids = by_norm[norm]
            ent[str(nm)] += len(pids)
        years: Counter[str] = Counter()
        for y, c in self.rows(
                "SELECT substr(lo, 1, 4), count(DISTINCT passage_id) FROM dates "
                f"WHERE passage_id {cond} AND lo IS NOT NULL GROUP BY substr(lo, 1, 4)",
                params):
            years[str(y)] += int(c)
        return {"document": docs, "entity": dict(ent.most_common(20)),
                "year": dict(sorted(years.items()))}

    # -- entities and timeline ----------------------------------------------------
    def entities(self, type_: str | None = None) -> list[dict[str, Any]]:
        """Entities merged across documents (same type, sharing a normalised name or
        variant; a place's without a trailing noun of place, "Orbury parish" = "Orbury"):
        canonical name, variants, mention and document counts."""
        cond, params = ("WHERE type = ?", [type_.upper()]) if type_ else ("", [])
        ents = self.rows(f"SELECT id, doc_id, type, name, norm, local_id FROM entities {cond}",
                         params)
        if not ents:
            return []
        parent: dict[int, int] = {int(e[0]): int(e[0]) for e in ents}

        def find(a: int) -> int:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        info = {int(e[0]): e for e in ents}
        forms: dict[int, set[str]] = {i: set() for i in info}
        # (a namesake town, "Paris, Texas", is not the place abroad of its name: once per
        # entity, not per variant row)
        region = {i: _namesake_region(str(e[5]), str(e[3])) for i, e in info.items()}
        owner: dict[tuple[str, str, str], int] = {}  # (type, norm, region) -> first entity
        for eid, variant, norm in self.rows("SELECT entity_id, variant, norm FROM variants"):
            eid = int(eid)
            if eid not in info:
                continue
            forms[eid].add(variant)
            t = info[eid][2]
            key = (t, place_base(norm) if t == "PLACE" else norm, region[eid])
            if key in owner:
                parent[find(eid)] = find(owner[key])
            else:
                owner[key] = eid
        counts = {int(a): int(b) for a, b in self.rows(
            "SELECT entity_id, count(*) FROM mentions GROUP BY entity_id")}
        surface: dict[int, Counter[str]] = {}
        for eid, t in self.rows("SELECT entity_id, text FROM mentions"):
            if int(eid) in info and t:
                surface.setdefault(int(eid), Counter())[t] += 1
        groups: dict[int, list[int]] = {}
        for i in info:
            groups.setdefault(find(i), []).append(i)
        out = []
        for members in groups.values():
            names: Counter[str] = Counter()
            allforms: set[str] = set()
            for m in members:
                names[info[m][3]] += counts.get(m, 0) + 1
                allforms |= forms[m]
                allforms |= set(surface.get(m, {}))
                allforms.add(info[m][3])
            place = info[members[0]][2] == "PLACE"
            # (ties: a place's bare name, "Orbury" over "Orbury parish", as in a document)
            canonical = max(names, key=lambda n: (
                names[n], place and place_base(norm_name(n)) == norm_name(n),
                -len(n) if n.isupper() else 0))
            variants = sorted(f for f in allforms if f != canonical)
            where = region[members[0]]
            out.append({"id": "E:" + norm_name(canonical).replace(" ", "_")
                        + (f"@{where}" if where else ""),
                        "name": canonical, "type": info[members[0]][2], "variants": variants,
                        "mentions": sum(counts.get(m, 0) for m in members),
                        "documents": len({info[m][1] for m in members})})
        out.sort(key=lambda e: (-e["mentions"], e["name"]))
        return out

    def timeline(self, date_from: str | None = None, date_to: str | None = None,
                 entity: str | None = None) -> list[dict[str, Any]]:
        """Dated events across documents in date order (each with sentence and source)."""
        conds, params = [], []
        if date_from:
            rng = date_filter_range(date_from)
            if rng is None:
                raise ValueError(f"cannot read date {date_from!r}")
            conds.append("ev.hi >= ?")
            params.append(rng[0])
        if date_to:
            rng = date_filter_range(date_to)
            if rng is None:
                raise ValueError(f"cannot read date {date_to!r}")
            conds.append("ev.lo <= ?")
            params.append(rng[1])
        where = ("AND " + " AND ".join(conds)) if conds else ""
        rows = self.rows(
            'SELECT ev.date, ev.lo, ev.hi, ev.text, d.name, d.id, ev.entities, ev."where", '
            "ev.start, ev.source FROM events ev JOIN documents d ON d.id = ev.doc_id "
            f"WHERE ev.lo IS NOT NULL {where} ORDER BY ev.lo, ev.hi, d.name, ev.start", params)
        group_norms: set[str] | None = None
        if entity:
            ids = self.entity_group(entity)
            group_norms = {norm_name(entity)}
            if ids:
                marks = ",".join("?" * len(ids))
                group_norms |= {r[0] for r in self.rows(
                    f"SELECT norm FROM variants WHERE entity_id IN ({marks})", ids)}
        out = []
        for date, lo, hi, text, name, doc_id, ents, where_, start, source in rows:
            names = json.loads(ents)
            if group_norms is not None and not any(norm_name(n) in group_norms
                                                   for n in names):
                continue
            out.append({"date": date, "text": text, "doc": name, "doc_id": int(doc_id),
                        "entities": names, "where": where_, "start": int(start),
                        "from": lo, "to": hi, "source": source})
        return out

    def quantities(self, kind: str | None = None, unit: str | None = None,
                   min_value: float | None = None, max_value: float | None = None,
                   date_from: str | None = None, date_to: str | None = None,
                   doc: str | int | None = None, near: str | None = None,
                   limit: int | None = None) -> list[dict[str, Any]]:
        """Quantities across documents, by document date (undated documents last),
        then document and position (the body's pages, then the notes).

        `unit` is a stored unit ("GBP", "rouble", "mile", "man") or a word or sign
        naming one ("roubles", "£", "miles", "men"); `min_value`/`max_value` bound the
        value in that unit (old British money: in pounds); `date_from`/`date_to` (EDTF
        day, month or year) keep documents whose date can fall in the range; `near`
        keeps quantities whose sentence contains that text (case-insensitive). An
        unknown document gives nothing. Raises ValueError for a date it cannot read."""
        conds: list[str] = []
        params: list[Any] = []
        if kind:
            conds.append("q.kind = ?")
            params.append(kind.lower())
        if unit:
            forms = unit_forms(unit)
            cond, ps = self._in(forms)
            conds.append(f"q.unit {cond}")
            params.extend(ps)
        for bound in (min_value, max_value):
            if bound is not None and math.isnan(float(bound)):
                # NULL to SQLite (no row kept), above every number to PostgreSQL
                raise ValueError("a value bound must be a number, not NaN")
        if min_value is not None:
            conds.append("q.value >= ?")
            params.append(float(min_value))
        if max_value is not None:
            conds.append("q.value <= ?")
            params.append(float(max_value))
        for spec, cond, side in ((date_from, "q.date_hi >= ?", 0), (date_to, "q.date_lo <= ?", 1)):
            if spec:
                rng = date_filter_range(spec)
                if rng is None:
                    raise ValueError(f"cannot read date {spec!r}")
                conds.append(cond)
                params.append(rng[side])
        if doc is not None:
            doc_id = self.resolve(doc)
            conds.append("q.doc_id = ?")
            params.append(doc_id if doc_id is not None else -1)
        if near:
            # the text taken literally: LIKE's wildcards (and the escape) escaped
            conds.append(self.lower_sql.format("q.sentence") + " LIKE ? ESCAPE '\\'")
            lit = near.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append("%" + lit + "%")
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        rows = self.rows(
            'SELECT d.name, q.doc_id, q.doc_date, q.page, q."where", q.start, q."end", '
            "q.orig_start, q.orig_end, q.text, q.kind, q.value, q.unit, q.lsd, q.approx, "
            f"q.sentence FROM quantities q JOIN documents d ON d.id = q.doc_id {where} "
            "ORDER BY (q.date_lo IS NULL), q.date_lo, q.date_hi, q.doc_id, q.passage_id, "
            "q.start LIMIT ?", (*params, 2**62 if limit is None else max(0, int(limit))))
        out = []
        for r in rows:
            d = dict(zip(QUANTITY_FIELDS, r, strict=True))
            v = float(d["value"])
            d.update(doc_id=int(d["doc_id"]), value=int(v) if v.is_integer() else v,
                     lsd=json.loads(d["lsd"]) if d["lsd"] else None,
                     approx=bool(d["approx"]))
            out.append(d)
        return out


def unit_forms(unit: str) -> list[str]:
    """The stored units a unit filter names: itself, and what extraction makes of it
    as a currency word or sign, a measure or a counted noun.

    >>> unit_forms("roubles"), unit_forms("£"), unit_forms("Miles"), unit_forms("men")
    (['rouble', 'roubles'], ['GBP', '£'], ['Miles', 'mile', 'miles'], ['man', 'men'])
    """
    from ..extract import quantities as XQ

    u = unit.strip()
    low = u.lower()
    forms = {u, low, XQ.SYMBOL.get(u), XQ.CURRENCY.get(low), XQ.MEASURE.get(low.rstrip(".")),
             XQ._plural_to_noun(low), "percent" if low in ("%", "per cent", "pc") else None}
    return sorted(f for f in forms if f)


def _str(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _stored_counts(blob: Any) -> tuple[dict[str, int], dict[str, int]]:
    """`record.lexicon_forms` and `record.lexicon_pairs` of a stored (compressed)
    document JSON."""
    from .record import lexicon_forms, lexicon_pairs

    d = stored_json(blob)
    return lexicon_forms(d), lexicon_pairs(d)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    return zipf(word)


def find_spans(node: Q.Node, text: str, toks: list[tuple[str, int, int]] | None = None
               ) -> list[tuple[int, int]]:
    """Spans of `text` matching the positive words, prefixes and phrases of a query.

    >>> q = Q.parse('"border guards" Kara*')
    >>> find_spans(q.node, "Karakhan spoke of our border guards.")
    [(0, 8), (22, 35)]
    """
    toks = tokens(text) if toks is None else toks
    words: set[str] = set()
    prefixes: list[str] = []
    phrases: list[list[set[str]]] = []
    for leaf, positive in Q.walk_terms(node):
        if not positive:
            continue
        if isinstance(leaf, Q.Term):
            if leaf.prefix:
                prefixes.append(leaf.word)
            else:
                words.update(leaf.forms())
        else:
            phrases.append([set(a) for a in leaf.forms()])
    spans: list[tuple[int, int]] = []
    pre = tuple(prefixes)
    for i, (w, s, e) in enumerate(toks):
        if w in words or (pre and w.startswith(pre)):
            spans.append((s, e))
        for ph in phrases:
            if i + len(ph) <= len(toks) and all(toks[i + k][0] in ph[k] for k in range(len(ph))):
                spans.append((s, toks[i + len(ph) - 1][2]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


_APOS_OPT = "'?"  # texts are matched with their apostrophes folded to ASCII '
_NOT_BEFORE = r"(?<![^\W_])(?<![^\W_]['’ʼ])"  # a word start (not inside Ch'ongjin)
_APOS = "'’ʼ"  # the apostrophes of _NOT_BEFORE
_NOT_AFTER = r"(?![^\W_])(?!['’ʼ](?![sS](?![^\W_]))[^\W_])"  # a word end
_SEP = r"(?:['’ʼ][sS])?[\W_]+"  # between the words of a phrase (a possessive may sit there)


def _word_re(w: str) -> str:
    # a normalised word matches its surface form with or without inner apostrophes
    return _APOS_OPT.join(re.escape(c) for c in w)


def _trie_re(words: list[str]) -> str:
    """One regex for a set of normalised words, sharing common prefixes (variants of a
    word mostly differ in a letter or two, so the pattern is several times smaller
    than their alternation). Longer continuations are tried first.

    >>> _trie_re(["border", "borders", "bordor"])
    "b'?o'?r'?d(?:'?e'?r(?:'?s)?|'?o'?r)"
    """
    trie: dict[str, Any] = {}
    for w in words:
        n = trie
        for c in w:
            n = n.setdefault(c, {})
        n[""] = {}

    def emit(n: dict[str, Any], first: bool) -> str:
        kids = [k for k in n if k]
        parts = [("" if first else _APOS_OPT) + re.escape(k) + emit(n[k], False) for k in kids]
        if not parts:
            return ""
        if len(parts) == 1 and "" not in n:
            return parts[0]
        return "(?:" + "|".join(parts) + ")" + ("?" if "" in n else "")

    return emit(trie, True)


class Matcher:
    """Finds a query's positive words, prefixes and phrases in a text with one
    compiled regex: the fast equivalent of `find_spans` (which tokenises the whole
    text). Non-ASCII letters are folded first, length-preserving, so "Zürich"
    matches "zurich" at the same offsets.

    >>> m = Matcher(Q.parse('"border guards" Kara* Chongjin').node)
    >>> t = "Karakhan's border guards at Ch'ongjin; Kara."
    >>> [t[s:e] for s, e in m.spans(t)]
    ['Karakhan', 'border guards', "Ch'ongjin", 'Kara']
    """

    def __init__(self, node: Q.Node) -> None:
        self.node = node
        phrases: list[str] = []
        prefixes: list[str] = []
        words: set[str] = set()
        for leaf, positive in Q.walk_terms(node):
            if not positive:
                continue
            if isinstance(leaf, Q.Term):
                if leaf.prefix:
                    tail = r"[^\W_]*(?:['’ʼ](?![sS](?![^\W_]))[^\W_]+)*"
                    prefixes += [_word_re(w) + tail for w in leaf.forms()]
                else:
                    words.update(leaf.forms())
            else:
                # one group of variants per position (not every combination): a far
                # smaller pattern, so compiling it per query stays cheap
                phrases.append(_SEP.join(_trie_re(sorted(set(a))) for a in leaf.forms()))
        # phrases before their words, longest first: the first alternative that fits wins
        alts = sorted(phrases, key=len, reverse=True) + sorted(prefixes, key=len, reverse=True)
        if words:
            alts.append(_trie_re(sorted(words)))
        body = "|".join(alts) if alts else r"(?!x)x"
        self.pattern = f"{_NOT_BEFORE}(?:{body}){_NOT_AFTER}"
        # The word-start test is made in `spans`, not by the pattern's look-behinds:
        # a pattern that begins with letters lets the regex engine skip ahead to the
        # places where its first letters occur (5-10x faster on a page).
        self.regex = _compiled(f"(?:{body}){_NOT_AFTER}", 0)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if text.isascii():
            folded = text.lower()
        elif folds_in_place(text):
            folded = _fold_same_length(text).lower()
        else:
            # ß, ligatures, decomposed accents (PDF text is often NFD): the index folds
            # them to other lengths, so the words it found are matched in text folded
            # the same way and the spans mapped back (they were dropped before)
            return self._mapped_spans(text)
        if len(folded) != len(text):  # a rare letter whose lower case is longer
            return self._mapped_spans(text)
        return self._scan(folded)

    def _scan(self, folded: str) -> list[tuple[int, int]]:
        out = []
        search = self.regex.search
        pos = 0
        while (m := search(folded, pos)) is not None:
            i = m.start()
            if i and (folded[i - 1].isalnum()
                      or (folded[i - 1] in _APOS and i > 1 and folded[i - 2].isalnum())):
                pos = i + 1  # inside a word ([^\W_] is isalnum): try the next place
                continue
            out.append((i, m.end()))
            pos = m.end()
        return out

    def _mapped_spans(self, text: str) -> list[tuple[int, int]]:
        """`spans` through `fold_with_map`: matched in the folded text, mapped back
        (a span's end takes in the combining marks after its last letter)."""
        folded, where = fold_with_map(text)
        out = []
        for s, e in self._scan(folded):
            cs, ce = where[s], where[e - 1] + 1
            while ce < len(text) and unicodedata.combining(text[ce]):
                ce += 1
            out.append((cs, ce))
        return out


@lru_cache(maxsize=256)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    out = []
    for c in run:
        f = norm_word(c) if not c.isspace() else c
        if c in "’ʼ":
            out.append("'")
        else:
            out.append(f if len(f) == 1 else c)  # ligatures etc.: kept as they are
    return "".join(out)


def _fold_same_length(text: str) -> str:
    """Non-ASCII characters replaced by their one-letter fold (ü -> u), else kept."""
    return _NON_ASCII_RUN.sub(lambda m: _fold_run(m.group()), text)


def hit_orig_span(view: Any, cs: int, ce: int) -> tuple[int, int]:
    """The span of `original` that reads as clean span [cs, ce) of `view`.

    An end of the span inside an edit's output is mapped through an alignment of
    that edit's original and replacement, so a hit on "The" made by an edit
    ``“Tne,`` -> ``“The,`` quotes ``Tne``, not the quote and comma beside it.
    Characters moved by layout map to where they were read.

    >>> from archivist.model import Document, Source
    >>> d = Document('He said "Tne, border"', Source("x", "0", "text"))
    >>> v = d.body_view()
    >>> _ = d.add_edits([v.edit("repair.t", 8, 13, '"The,', confidence=0.9)])
    >>> a, b = hit_orig_span(d.body_view(), 9, 12)
    >>> d.original[a:b]
    'Tne'
    """
    _, _, os_, oe = view.orig_span(cs, ce)
    if ce <= cs:
        return os_, oe
    if oe <= os_:  # text moved by layout: its characters keep their own offsets
        return view.orig[cs], view.orig[ce - 1] + 1
    eo, edits = view.edit_of, view.doc.edits
    if eo[cs] != -1:
        os_ = _inside_edit(view, cs, edits[eo[cs]], end=False, fallback=os_)
    if eo[ce - 1] != -1:
        oe = _inside_edit(view, ce, edits[eo[ce - 1]], end=True, fallback=oe)
    return (os_, oe) if os_ < oe else view.orig_span(cs, ce)[2:]


def _inside_edit(view: Any, at: int, edit: Any, end: bool, fallback: int) -> int:
    """Original offset of clean offset `at`, a start (or an end) inside the output
    of `edit`: found by aligning the edit's replacement with its original."""
    eid = view.edit_of[at - 1 if end else at]
    first = at - 1 if end else at
    while first > 0 and view.edit_of[first - 1] == eid:
        first -= 1
    last = first
    while last < len(view.text) and view.edit_of[last] == eid:
        last += 1
    repl, orig = edit.replacement, edit.original
    if last - first != len(repl) or view.text[first:last] != repl:
        return fallback  # only part of the edit is in this view: keep it whole
    return edit.start + align_offset(repl, orig, at - first, end)


def align_offset(a: str, b: str, p: int, end: bool) -> int:
    """Offset in `b` of offset `p` of `a`, through the two strings' alignment: a
    start maps to the first aligned character at or after `p`, an end to just
    past the last one before `p`; inside a changed stretch, proportionally.

    >>> align_offset("“The,", "“Tne,", 1, False), align_offset("“The,", "“Tne,", 4, True)
    (1, 4)
    >>> align_offset("army", "arnry", 4, True), align_offset('"Soviet"', "Soviet", 1, False)
    (5, 0)
    >>> align_offset('"The“', '“Tne"', 1, False), align_offset('"The“', '“Tne"', 4, True)
    (1, 4)
    """
    from difflib import SequenceMatcher

    # punctuation never anchors the alignment: '"The“' against '“Tne"' must pair the
    # letters, not the one '"' the two happen to share at opposite ends
    matcher = SequenceMatcher(lambda c: not c.isalnum(), a, b, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "insert":  # only in b: belongs to neither neighbour
            continue
        if (a1 < p <= a2) if end else (a1 <= p < a2):
            if tag == "equal":
                return b1 + p - a1
            if tag == "delete":  # only in a: no counterpart
                return b1
            share = (p - a1) / (a2 - a1)  # "replace"
            return b1 + (math.ceil(share * (b2 - b1)) if end else int(share * (b2 - b1)))
    return len(b) if end or p >= len(a) else 0


def kwic(text: str, start: int, end: int, context: int,
         toks: list[tuple[str, int, int]] | None = None) -> tuple[str, tuple[int, int]]:
    """Keyword in context: ±`context` words around text[start:end], whitespace
    collapsed; returns the snippet and the hit's span inside it.

    >>> kwic("one two  three four five", 8, 14, 1)
    ('… two three four …', (6, 11))
    """
    if toks is None:  # only the neighbourhood matters: tokenise a window of the text
        # a narrow window first (most words are short); the wide one when it falls
        # short of `context` words on a side before reaching that end of the text
        for per_word in (16, 40):
            w0 = max(0, start - per_word * context - 80)
            w1 = min(len(text), end + per_word * context + 80)
            toks = [(w, s + w0, e + w0) for w, s, e in tokens(text[w0:w1])]
            if w0 > 0 and toks and toks[0][1] == w0:
                toks = toks[1:]  # may be a cut word
            if w1 < len(text) and toks and toks[-1][2] == w1:
                toks = toks[:-1]
            i = bisect_left([t[2] for t in toks], start + 1)
            j = bisect_left([t[1] for t in toks], end)
            if (i >= context or w0 == 0) and (len(toks) - j >= context or w1 == len(text)):
                break
    i = bisect_left([t[2] for t in toks], start + 1)  # first token ending after start
    j = bisect_left([t[1] for t in toks], end)  # first token starting at/after end
    before, after = toks[max(0, i - context):i], toks[j:j + context]
    # fewer words than asked for on a side: the snippet runs to that end of the text
    a = (before[0][1] if len(before) == context else 0) if context else start
    b = (after[-1][2] if len(after) == context else len(text)) if context else end
    pre = " ".join(text[a:start].split())
    if pre and text[start - 1:start].isspace():
        pre += " "
    post = " ".join(text[end:b].split())
    if post and text[end:end + 1].isspace():
        post = " " + post
    lead = "… " if a > 0 else ""
    tail = " …" if b < len(text) else ""
    hit = " ".join(text[start:end].split())
    snippet = lead + pre + hit + post + tail
    hs = len(lead) + len(pre)
    return snippet, (hs, hs + len(hit))


def _note_ranges(doc: Any) -> list[tuple[int, int]]:
    """The spans of the original that the notes' texts come from: each note's window and
    the lines moved into it (a continuation read at the foot of the next page), which
    layout also took out of the body."""
    out: list[tuple[int, int]] = []
    for note in doc.notes:
        out.append((note.start, note.end))
        v = doc.note_view(note)
        offs = sorted({o for o, e in zip(v.orig, v.edit_of, strict=False)
                       if e != -1 and doc.edits[e].moved_from is not None})
        run = None
        for o in offs:  # runs of consecutive offsets (a line break between lines counts)
            if run is not None and o - run[1] <= 2:
                run[1] = o + 1
            else:
                if run is not None:
                    out.append((run[0], run[1]))
                run = [o, o + 1]
        if run is not None:
            out.append((run[0], run[1]))
    return out
