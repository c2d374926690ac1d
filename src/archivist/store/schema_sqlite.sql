-- archivist corpus, SQLite schema version 1.
-- Plain tables you can read with any SQLite tool. Offsets are Python string indices
-- (code points). "text" offsets are in the document's clean reading text, "orig"
-- offsets in the original text exactly as read. Full text lives in the FTS5 table
-- `fts` (contentless: it indexes the normalised word strings of each passage's
-- clean and original text, the original only where it reads differently: see
-- passages.index_original); fuzzy matching uses `vocab` + `vocab_tri`.

CREATE TABLE IF NOT EXISTS schema_version (
  version    INTEGER NOT NULL,             -- the highest migration applied
  applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- One row per ingested source file (idempotent by sha256 of its bytes).
CREATE TABLE IF NOT EXISTS documents (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,          -- file stem, used by doc:NAME
  path             TEXT NOT NULL,          -- path as given at ingest time
  sha256           TEXT NOT NULL UNIQUE,   -- content hash of the source bytes
  format           TEXT NOT NULL,          -- text|pdf|hocr|alto|image|tei
  title            TEXT,
  author           TEXT,
  date             TEXT,                   -- EDTF, from metadata
  pipeline_version TEXT NOT NULL,          -- archivist.PIPELINE_VERSION that made it
  ingested_at      TEXT NOT NULL,
  n_pages          INTEGER NOT NULL,
  n_notes          INTEGER NOT NULL,
  json             BLOB NOT NULL,          -- zlib-compressed document JSON (lossless)
  lexicon          TEXT                    -- digest of the corpus lexicon its repair
                                           -- read (NULL: none; added by migration 7)
);
CREATE INDEX IF NOT EXISTS documents_name ON documents(name);

-- Physical pages: span [start, end) of the clean text and [orig_start, orig_end) of
-- the original, with both texts.
CREATE TABLE IF NOT EXISTS pages (
  id         INTEGER PRIMARY KEY,
  doc_id     INTEGER NOT NULL REFERENCES documents(id),
  seq        INTEGER NOT NULL,             -- 0-based order in the document
  n          TEXT,                         -- printed page number
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  orig_start INTEGER NOT NULL,
  orig_end   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  original   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_doc ON pages(doc_id, seq);

-- Paragraph spans of the clean text.
CREATE TABLE IF NOT EXISTS paragraphs (
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  seq    INTEGER NOT NULL,
  start  INTEGER NOT NULL,
  "end"  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS paragraphs_doc ON paragraphs(doc_id);

-- Footnotes: clean text, original text, anchor (offset of the marker in the text).
CREATE TABLE IF NOT EXISTS notes (
  id         INTEGER PRIMARY KEY,
  doc_id     INTEGER NOT NULL REFERENCES documents(id),
  seq        INTEGER NOT NULL,
  n          TEXT NOT NULL,
  anchor     INTEGER,
  orig_start INTEGER NOT NULL,
  orig_end   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  original   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_doc ON notes(doc_id);

-- Searchable units (a page of the body or a footnote); fts.rowid = passages.id.
CREATE TABLE IF NOT EXISTS passages (
  id      INTEGER PRIMARY KEY,
  doc_id  INTEGER NOT NULL REFERENCES documents(id),
  kind    TEXT NOT NULL,                   -- page | note
  page_id INTEGER,                         -- the page (for a note: the page it is on)
  note_id INTEGER,                         -- the note, for kind = note
  page_n  TEXT,
  note_n  TEXT,
  index_original INTEGER NOT NULL DEFAULT 1 -- 1: fts and fts_pairs index its clean text
                                           -- and its original; 0: the clean text only
                                           -- (its original reads the same; the original
                                           -- columns hold ''); added by migration 11
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id);

-- Every change made to the reading text (stand-off over the original).
CREATE TABLE IF NOT EXISTS edits (
  doc_id       INTEGER NOT NULL REFERENCES documents(id),
  seq          INTEGER NOT NULL,           -- the edit id inside its document
  stage        TEXT NOT NULL,
  orig_start   INTEGER NOT NULL,
  orig_end     INTEGER NOT NULL,
  original     TEXT NOT NULL,
  replacement  TEXT NOT NULL,
  confidence   REAL NOT NULL,
  alternatives TEXT NOT NULL,              -- JSON list
  reason       TEXT NOT NULL,
  status       TEXT NOT NULL,              -- applied | suggested | rejected
  kind         TEXT NOT NULL               -- text | layout | move
);
CREATE INDEX IF NOT EXISTS edits_doc ON edits(doc_id);

-- Named entities per document; merged across documents by normalised name/variant.
CREATE TABLE IF NOT EXISTS entities (
  id       INTEGER PRIMARY KEY,
  doc_id   INTEGER NOT NULL REFERENCES documents(id),
  local_id TEXT NOT NULL,                  -- the id inside the document JSON
  type     TEXT NOT NULL,                  -- PERSON | PLACE | ORG | ...
  name     TEXT NOT NULL,
  norm     TEXT NOT NULL                   -- normalised name
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc_id);
CREATE INDEX IF NOT EXISTS entities_norm ON entities(norm);

-- Surface forms of an entity (its name included), normalised for look-up.
CREATE TABLE IF NOT EXISTS variants (
  entity_id INTEGER NOT NULL REFERENCES entities(id),
  variant   TEXT NOT NULL,
  norm      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS variants_norm ON variants(norm);
CREATE INDEX IF NOT EXISTS variants_entity ON variants(entity_id);

-- Where entities are mentioned ("where" is text or note:N; offsets in that text).
CREATE TABLE IF NOT EXISTS mentions (
  doc_id     INTEGER NOT NULL REFERENCES documents(id),
  entity_id  INTEGER NOT NULL REFERENCES entities(id),
  passage_id INTEGER NOT NULL REFERENCES passages(id),
  "where"    TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  orig_start INTEGER NOT NULL,
  orig_end   INTEGER NOT NULL,
  text       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_passage ON mentions(passage_id);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);

-- Date expressions with their EDTF value and the days it can denote [lo, hi].
CREATE TABLE IF NOT EXISTS dates (
  doc_id     INTEGER NOT NULL REFERENCES documents(id),
  passage_id INTEGER NOT NULL REFERENCES passages(id),
  "where"    TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT NOT NULL,                -- EDTF
  lo         TEXT,                         -- first day, ISO
  hi         TEXT                          -- last day, ISO
);
CREATE INDEX IF NOT EXISTS dates_range ON dates(lo, hi);
CREATE INDEX IF NOT EXISTS dates_passage ON dates(passage_id);
CREATE INDEX IF NOT EXISTS dates_doc ON dates(doc_id);

-- The corpus lexicon: each capitalised word form (names, mostly) of the stored
-- documents' clean texts (body and notes) that no English word list knows,
-- lower-cased, 4+ letters (`repair.corpus.document_forms`), with its
-- occurrences and the documents printing it; kept with the documents (written,
-- replaced and deleted with them) and read by `archivist ingest` for repair
-- (added by migration 7, which runs this very text: store/base.py schema_block).
CREATE TABLE IF NOT EXISTS lexicon (
  form TEXT PRIMARY KEY,                   -- lower-cased word form, 4+ letters
  n    INTEGER NOT NULL,                   -- occurrences in the stored clean texts
  docs INTEGER NOT NULL                    -- documents printing it
);

-- The corpus's own word bigrams: adjacent lower-case word pairs "w1 w2" of the same
-- clean texts that the shipped bigram list lacks, both words common English
-- (`repair.corpus.document_pairs`), with their occurrences and the documents printing
-- them; kept with the documents like the lexicon and read with it for repair
-- (added by migration 8, which runs this very text: store/base.py schema_block).
CREATE TABLE IF NOT EXISTS lexicon_pairs (
  pair TEXT PRIMARY KEY,                   -- "w1 w2", lower case, one space
  n    INTEGER NOT NULL,                   -- occurrences in the stored clean texts
  docs INTEGER NOT NULL                    -- documents printing it
);

-- Quantities (money, measures, counts, percentages) as extract.quantities read them,
-- one row each, with the document's date for filtering (added by migration 6, which
-- runs this very text: store/base.py schema_block). Old British money has its value in
-- pounds and [pounds, shillings, pence] in lsd.
CREATE TABLE IF NOT EXISTS quantities (
  doc_id     INTEGER NOT NULL REFERENCES documents(id),
  passage_id INTEGER REFERENCES passages(id),
  page       TEXT,                         -- printed page number of the passage
  "where"    TEXT NOT NULL,                -- text | note:N
  start      INTEGER NOT NULL,             -- offsets in the clean text of "where"
  "end"      INTEGER NOT NULL,
  orig_start INTEGER NOT NULL,             -- offsets in the original (-1: unknown)
  orig_end   INTEGER NOT NULL,
  text       TEXT NOT NULL,                -- as it reads, "some 400 men"
  kind       TEXT NOT NULL,                -- money | measure | count | percent
  value      DOUBLE PRECISION NOT NULL,    -- amount in unit (old British money: pounds)
  unit       TEXT NOT NULL,                -- GBP, rouble, mile, man, percent ('': none)
  lsd        TEXT,                         -- JSON [pounds, shillings, pence] or NULL
  approx     INTEGER NOT NULL,             -- 1 after "some", "about", "nearly", ...
  sentence   TEXT NOT NULL,                -- the sentence around it, spaces collapsed
  doc_date   TEXT,                         -- the document's date, EDTF
  date_lo    TEXT,                         -- the first and last day it can denote
  date_hi    TEXT
);
CREATE INDEX IF NOT EXISTS quantities_doc ON quantities(doc_id);
CREATE INDEX IF NOT EXISTS quantities_kind_value ON quantities(kind, value);
CREATE INDEX IF NOT EXISTS quantities_date ON quantities(date_lo, date_hi);

-- Citations found in notes (CSL-JSON-like record as JSON).
CREATE TABLE IF NOT EXISTS citations (
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  note   TEXT,
  type   TEXT,
  title  TEXT,
  json   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS citations_doc ON citations(doc_id);

-- Dated events (from extraction, or one per dated sentence when it made none).
CREATE TABLE IF NOT EXISTS events (
  doc_id     INTEGER NOT NULL REFERENCES documents(id),
  passage_id INTEGER,
  date       TEXT NOT NULL,                -- EDTF
  lo         TEXT,
  hi         TEXT,
  text       TEXT NOT NULL,
  "where"    TEXT NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  entities   TEXT NOT NULL,                -- JSON list of entity names
  source     TEXT NOT NULL                 -- event | date
);
CREATE INDEX IF NOT EXISTS events_range ON events(lo, hi);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);

-- Vocabulary of the corpus (normalised words of clean + original text) with the
-- number of passages containing each word; vocab_tri holds each word's trigrams.
CREATE TABLE IF NOT EXISTS vocab (
  id       INTEGER PRIMARY KEY,
  word     TEXT NOT NULL UNIQUE,
  len      INTEGER NOT NULL,
  df       INTEGER NOT NULL,
  tri_done INTEGER NOT NULL DEFAULT 0      -- 1 once its trigrams are in vocab_tri
);
CREATE INDEX IF NOT EXISTS vocab_pending ON vocab(id) WHERE tri_done = 0;

CREATE TABLE IF NOT EXISTS vocab_tri (
  tri     TEXT NOT NULL,
  len     INTEGER NOT NULL,                -- length of the word (for a length window)
  word_id INTEGER NOT NULL,
  PRIMARY KEY (tri, len, word_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
  text, original, content='', tokenize="unicode61 remove_diacritics 2", prefix='2 3'
);

-- Workbench accounts (`archivist users`; added by migration 9, which runs this very
-- text: store/base.py schema_block). Not corpus data: no document refers to them. The
-- hash is "scrypt$n$r$p$salt$hash" (hex; archivist.web.accounts), never the password.
CREATE TABLE IF NOT EXISTS users (
  name     TEXT PRIMARY KEY,               -- login name, as typed (case kept)
  pw_hash  TEXT NOT NULL,                  -- scrypt with a per-user random salt
  role     TEXT NOT NULL,                  -- reader | reviewer | admin
  created  TEXT NOT NULL,                  -- ISO-8601 UTC
  disabled INTEGER NOT NULL DEFAULT 0      -- 1: may not log in; sessions end
);
