"""From a processed Document to the rows a store writes, and back.

`store_json(doc)` is `doc.to_json()` plus a private ``_store`` block with what the
public JSON leaves out (edit supersession, raw page spans, note markers), so a
stored document can be rebuilt losslessly by `document_from_json` (for `show`,
TEI export). `build_record(d)` works on any JSON following the contract, with or
without ``_store``: hand-built JSON is fine.
"""

from __future__ import annotations

import json
import re
import zlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import (
    DateMention,
    Document,
    Edit,
    Entity,
    Event,
    Furniture,
    Mention,
    Note,
    Quantity,
    RawPage,
    Source,
)
from .text import edtf_range, index_string, norm_word, passage_index_words


def store_json(doc: Document) -> dict[str, Any]:
    """The document JSON plus the private fields needed to rebuild the Document."""
    d = doc.to_json()
    d["_store"] = {
        "edits": [{"id": e.id, "supersedes": list(e.supersedes), "moved_from": e.moved_from}
                  for e in doc.edits],
        "raw_pages": [[p.n, p.start, p.end] for p in doc.raw_pages],
        "page_numbers": {str(k): v for k, v in doc.page_numbers.items()},
        "notes": [{"n": n.n, "start": n.start, "end": n.end, "marker_start": n.marker_start,
                   "marker_end": n.marker_end, "page": n.page} for n in doc.notes],
        "mention_labels": [m.label for m in doc.mentions],
        "threshold": doc.threshold,
        "encoding": doc.source.encoding,
    }
    if doc.lexicon:  # which corpus lexicon repaired it (`repair.corpus`; none: no key)
        d["_store"]["lexicon"] = doc.lexicon.digest
    return d


def lexicon_texts(d: dict[str, Any]) -> list[str]:
    """The clean texts of a document JSON that the corpus lexicon counts: the body
    text and every note's text (what `Document.body_view()` and `note_view` read);
    none for a document stored without repair (`_store.unrepaired`, set by
    `store.ingest.prepare`): unrepaired OCR would count its garbles as the corpus's
    words. Writing, deleting and the migration
    backfill all count through here, so they count exactly the same thing.

    >>> lexicon_texts({"text": "Body.", "notes": [{"n": "1", "text": "A note."}]})
    ['Body.', 'A note.']
    >>> lexicon_texts({"text": "Tbe Body.", "_store": {"unrepaired": True}})
    []
    """
    if (d.get("_store") or {}).get("unrepaired"):
        return []
    return [d.get("text") or "", *((n.get("text") or "") for n in d.get("notes") or [])]


def lexicon_pairs(d: dict[str, Any]) -> dict[str, int]:
    """A document JSON's counted word pairs for the corpus bigrams ("w1 w2" ->
    occurrences, `repair.corpus.document_pairs`), sorted.

    >>> lexicon_pairs({"text": "The kettle sang.", "notes": [{"text": "A kettle sang"}]})
    {'kettle sang': 2}
    """
    from ..repair.corpus import document_pairs

    texts = lexicon_texts(d)
    # (none: an unrepaired document; the counting tables are then not even loaded)
    return dict(sorted(document_pairs(texts).items())) if texts else {}


def lexicon_forms(d: dict[str, Any]) -> dict[str, int]:
    """A document JSON's counted forms for the corpus lexicon (form -> occurrences),
    sorted by form.

    >>> lexicon_forms({"text": "Mr. Vaskarin met Vaskarin.", "notes": []})
    {'vaskarin': 2}
    """
    from ..repair.corpus import document_forms

    texts = lexicon_texts(d)
    # (none: an unrepaired document; the counting tables are then not even loaded)
    return dict(sorted(document_forms(texts).items())) if texts else {}


def _quantity(q: Any) -> Quantity | None:
    """A stored quantity, or None when it cannot be one: hand-built JSON may hold a
    string in the list, or a null offset (the page, the API and TEI export all failed
    on them); text fields are made strings and only ``true`` is approximate.

    >>> _quantity("junk") is None, _quantity({"start": None, "end": 3}) is None
    (True, True)
    >>> q = _quantity({"start": 0, "end": 3, "unit": None, "approx": "no", "value": 2})
    >>> (q.unit, q.approx, q.value, q.where)
    ('', False, 2, 'text')
    """
    if not isinstance(q, dict):
        return None
    start, end = q.get("start"), q.get("end")
    if not (type(start) is int and type(end) is int):
        return None

    def text(key: str, default: str = "") -> str:
        v = q.get(key)
        return v if isinstance(v, str) else default

    return Quantity(text=text("text"), kind=text("kind"), value=q.get("value", 0),
                    unit=text("unit"), where=text("where", "text"), start=start, end=end,
                    orig_start=q.get("orig_start", -1), orig_end=q.get("orig_end", -1),
                    lsd=q.get("lsd"), approx=q.get("approx") is True)


def document_from_json(d: dict[str, Any]) -> Document:
    """Rebuild a Document from `store_json` output (or plain contract JSON)."""
    x = d.get("_store", {})
    src = d.get("source", {})
    doc = Document(original=d.get("original", ""),
                   source=Source(path=src.get("path", ""), sha256=src.get("sha256", ""),
                                 format=src.get("format", "text"),
                                 encoding=x.get("encoding")))
    doc.threshold = x.get("threshold", 0.5)
    extra = {e["id"]: e for e in x.get("edits", [])}
    for i, e in enumerate(d.get("edits", [])):
        eid = e.get("id", i)
        more = extra.get(eid, {})
        doc.edits.append(Edit(
            stage=e.get("stage", ""), start=e["orig_start"], end=e["orig_end"],
            original=e.get("original", ""), replacement=e.get("replacement", ""),
            confidence=e.get("confidence", 1.0), alternatives=list(e.get("alternatives", [])),
            reason=e.get("reason", ""), status=e.get("status", "applied"),
            kind=e.get("kind", "text"), moved_from=more.get("moved_from", e.get("moved_from")),
            supersedes=list(more.get("supersedes", [])), id=eid))
    # headings and table rows: their kinds ride on the paragraphs (clean offsets),
    # which map back to the original once the edits are in place
    doc.restore_blocks(d.get("paragraphs", []))
    doc.raw_pages = [RawPage(n, s, e) for n, s, e in x.get("raw_pages", [])]
    doc.page_numbers = {int(k): v for k, v in x.get("page_numbers", {}).items()}
    if "notes" in x:
        doc.notes = [Note(**n) for n in x["notes"]]
    else:
        doc.notes = [Note(n=n["n"], start=n["orig_start"], end=n["orig_end"])
                     for n in d.get("notes", [])]
    doc.furniture = [Furniture(type=f["type"], text=f["text"], page=f.get("page"),
                               start=f["orig_start"], end=f["orig_end"])
                     for f in d.get("furniture", [])]
    doc.entities = [Entity(id=e["id"], type=e.get("type", ""), name=e.get("name", ""),
                           variants=list(e.get("variants", []))) for e in d.get("entities", [])]
    labels = x.get("mention_labels", [])
    doc.mentions = [Mention(entity=m["entity"], text=m.get("text", ""), where=m.get("where",
                                                                               "text"),
                            start=m["start"], end=m["end"], orig_start=m.get("orig_start", -1),
                            orig_end=m.get("orig_end", -1),
                            label=labels[i] if i < len(labels) else "")
                    for i, m in enumerate(d.get("mentions", []))]
    doc.dates = [DateMention(text=t.get("text", ""), value=t["value"],
                             where=t.get("where", "text"), start=t["start"], end=t["end"],
                             orig_start=t.get("orig_start", -1), orig_end=t.get("orig_end", -1))
                 for t in d.get("dates", [])]
    doc.quantities = [q for q in map(_quantity, d.get("quantities") or []) if q is not None]
    doc.citations = list(d.get("citations", []))
    doc.events = [Event(date=ev["date"], text=ev.get("text", ""), where=ev.get("where", "text"),
                        start=ev.get("start", 0), end=ev.get("end", 0),
                        entities=list(ev.get("entities", []))) for ev in d.get("events", [])]
    doc.metadata = dict(d.get("metadata", {}))
    doc.warnings = list(d.get("warnings", []))
    return doc


@dataclass
class Passage:
    """A searchable unit: one page of the body or one footnote."""

    kind: str  # page | note
    seq: int
    page_n: str | None
    note_n: str | None
    start: int  # span in `text` (page) or in the note's text (note)
    end: int
    text: str
    original: str
    orig_start: int
    orig_end: int
    anchor: int | None = None
    idx_text: str = ""  # the word strings the full-text index gets
    idx_orig: str = ""
    pair_text: str = ""  # ... and the pair index (text.passage_pairs)
    pair_orig: str = ""
    pairs: set[str] = field(default_factory=set)  # distinct pairs of both


@dataclass
class Record:
    """Everything a backend writes for one document (backend-neutral rows).

    Built wherever the document was processed (`ingest` builds it in the worker
    processes), so that the single writer only runs SQL."""

    name: str
    path: str
    sha256: str
    format: str
    title: str | None
    author: str | None
    date: str | None
    blob: bytes  # the document JSON, compressed (documents.json)
    passages: list[Passage]
    paragraphs: list[tuple[int, int, int]]  # (seq, start, end)
    # (seq, stage, orig_start, orig_end, original, replacement, confidence,
    # alternatives as JSON, reason, status, kind): the edits table's row without doc_id
    edits: list[tuple[Any, ...]]
    entities: list[dict[str, Any]]  # local_id, type, name, norm, variants [(v, norm)]
    mentions: list[dict[str, Any]]  # entity (local id), passage (index), where, ...
    dates: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    events: list[dict[str, Any]]
    # the quantities table's rows without doc_id / passage id (`quantity_rows`)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    # each passage's distinct words, concatenated: a batch counts them in one C-level
    # Counter.update (merging per-document dicts was a Python loop per word)
    words: list[str] = field(default_factory=list)
    # the document's forms for the corpus lexicon (`lexicon_forms`), and the digest of
    # the lexicon its repair read (None: none)
    forms: dict[str, int] = field(default_factory=dict)
    lexicon: str | None = None
    # its word pairs for the corpus bigrams (`lexicon_pairs`)
    pairs: dict[str, int] = field(default_factory=dict)

    @property
    def vocab(self) -> dict[str, int]:
        """Word -> passages of this document containing it."""
        return dict(Counter(self.words))

    @property
    def n_pages(self) -> int:
        return sum(1 for p in self.passages if p.kind == "page")

    @property
    def weight(self) -> int:
        """Roughly the bytes this record holds in memory: its passages' six strings
        (characters, counted once), ~100 bytes per pair and word string, and the
        compressed JSON. A measure for bounding a batch, not an exact size.

        >>> Record("n", "p", "h", "txt", None, None, None, b"xyz", [], [], [], [], [], [], [],
        ...        [], words=["a", "b"]).weight
        203
        """
        chars = sum(len(p.text) + len(p.original) + len(p.idx_text) + len(p.idx_orig)
                    + len(p.pair_text) + len(p.pair_orig) + 100 * len(p.pairs)
                    for p in self.passages)
        return chars + 100 * len(self.words) + len(self.blob)


@lru_cache(maxsize=65536)  # names repeat across documents and in every variant
def norm_name(name: str) -> str:
    """Normalised name for merging entities: words only, apostrophes/case/dots ignored.

    >>> norm_name("U.S.S.R."), norm_name("U S S R"), norm_name("Ch'ongjin  Agreement")
    ('ussr', 'ussr', 'chongjin agreement')
    """
    words = index_string(name).split()  # the words of `tokens`, made in bulk
    out: list[str] = []
    buf = ""
    for w in words:  # glue runs of single letters: U S S R -> ussr
        if len(w) == 1:
            buf += w
            continue
        if buf:
            out.append(buf)
            buf = ""
        out.append(w)
    if buf:
        out.append(buf)
    return " ".join(out)


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    from ..extract.entities import PLACE_NOUNS  # (lazily: the store runs without NER)

    return frozenset(PLACE_NOUNS)


def place_base(norm: str) -> str:
    """A place's normalised name without a trailing noun of place: "orbury parish" and
    "orbury" are one place across documents as within one (`extract.entities`).

    >>> place_base("orbury parish"), place_base("orbury"), place_base("parish")
    ('orbury', 'orbury', 'parish')
    """
    head, _, last = norm.rpartition(" ")
    return head if head and last in _place_nouns() else norm


def place_forms(norm: str) -> list[str]:
    """The other normalised names a place `norm` is stored under: its base and the base
    with each noun of place ("orbury" -> "orbury parish", "orbury township", ...;
    "orbury parish" -> "orbury", "orbury township", ...: entities() merges them all)."""
    base = place_base(norm)
    return [f for f in [base, *(f"{base} {n}" for n in sorted(_place_nouns()))] if f != norm]


def _page_spans(d: dict[str, Any]) -> list[tuple[int, int]]:
    """Original spans of each page: from the raw pages when known, else the whole
    original for the first page (hand-built JSON has no page-to-original map)."""
    pages = d.get("pages") or [{"n": "1", "start": 0, "end": len(d.get("text", ""))}]
    raw = d.get("_store", {}).get("raw_pages", [])
    n_orig = len(d.get("original", ""))
    if len(raw) == len(pages):
        return [(s, e) for _, s, e in raw]
    return [(0, n_orig) if i == 0 else (n_orig, n_orig) for i in range(len(pages))]


_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“(])|\n\s*\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Span of the sentence containing [start, end) (for events made from dates)."""
    s = max(0, start - 800)  # a window, not the whole text: O(1) per date
    for m in _SENT_END.finditer(text, s, start):
        s = m.end()
    m = _SENT_END.search(text, end)
    e = m.start() if m else len(text)
    return s, e


def as_record(doc: Document | dict[str, Any] | Record) -> Record:
    """The Record of a Document, of its JSON, or a Record as it is."""
    if isinstance(doc, Record):
        return doc
    return build_record(store_json(doc) if isinstance(doc, Document) else doc)


def build_record(d: dict[str, Any]) -> Record:
    """Turn document JSON into backend-neutral rows."""
    text = d.get("text", "")
    original = d.get("original", "")
    pages = d.get("pages") or [{"n": "1", "start": 0, "end": len(text)}]
    passages: list[Passage] = []
    for i, (p, (os_, oe)) in enumerate(zip(pages, _page_spans(d), strict=True)):
        passages.append(Passage("page", i, str(p.get("n") or i + 1), None, p["start"], p["end"],
                                text[p["start"]:p["end"]], original[os_:oe], os_, oe))
    page_starts = [p["start"] for p in pages]

    def page_of(offset: int | None) -> int:
        if offset is None:
            return 0
        return max(bisect_right(page_starts, offset) - 1, 0)

    note_index: dict[str, int] = {}
    for i, n in enumerate(d.get("notes", [])):
        os_, oe = n.get("orig_start", 0), n.get("orig_end", 0)
        ntext = n.get("text", "")
        pidx = page_of(n.get("anchor"))
        note_index.setdefault(f"note:{n['n']}", len(passages))
        passages.append(Passage("note", i, passages[pidx].page_n if passages else None,
                                str(n["n"]), 0, len(ntext), ntext, original[os_:oe], os_, oe,
                                anchor=n.get("anchor")))

    def passage_of(where: str, start: int) -> int:
        if where == "text":
            return page_of(start)
        return note_index.get(where, 0)

    entities = []
    for e in d.get("entities", []):
        forms = [e.get("name", "")] + list(e.get("variants", []))
        seen: dict[str, str] = {}
        for f in forms:
            if f and norm_name(f) and norm_name(f) not in seen.values():
                seen[f] = norm_name(f)
        entities.append({"local_id": e["id"], "type": e.get("type", ""),
                         "name": e.get("name", ""), "norm": norm_name(e.get("name", "")),
                         "variants": list(seen.items())})
    mentions = [{"entity": m["entity"], "passage": passage_of(m.get("where", "text"),
                                                              m["start"]),
                 "where": m.get("where", "text"), "start": m["start"], "end": m["end"],
                 "orig_start": m.get("orig_start", -1), "orig_end": m.get("orig_end", -1),
                 "text": m.get("text", "")} for m in d.get("mentions", [])]
    dates = []
    for t in d.get("dates", []):
        rng = edtf_range(t.get("value", ""))
        dates.append({"passage": passage_of(t.get("where", "text"), t["start"]),
                      "where": t.get("where", "text"), "start": t["start"], "end": t["end"],
                      "text": t.get("text", ""), "value": t.get("value", ""),
                      "lo": rng[0] if rng else None, "hi": rng[1] if rng else None})
    events = _events(d, dates, mentions, passages, note_index)
    quantities = quantity_rows(d, passage_of, [p.page_n for p in passages])
    words: list[str] = []
    for p in passages:
        p.idx_text = index_string(p.text)
        p.idx_orig = p.idx_text if p.original == p.text else index_string(p.original)
        p.pair_text, p.pair_orig, p.pairs, held = passage_index_words(p.idx_text, p.idx_orig)
        words.extend(held)
    meta = d.get("metadata", {})
    src = d.get("source", {})
    path = src.get("path", "")
    return Record(
        name=Path(path).stem if path else src.get("sha256", "")[:12],
        path=path, sha256=src.get("sha256", ""), format=src.get("format", "text"),
        title=_str(meta.get("title")), author=_str(meta.get("author")),
        date=_str(meta.get("date")),
        blob=zlib.compress(json.dumps(d, ensure_ascii=False).encode("utf-8"), 1),
        passages=passages,
        paragraphs=[(i, p["start"], p["end"]) for i, p in enumerate(d.get("paragraphs", []))],
        edits=[(e.get("id", i), e.get("stage", ""), e["orig_start"], e["orig_end"],
                e.get("original", ""), e.get("replacement", ""),
                float(e.get("confidence", 1)),
                json.dumps(e.get("alternatives", []), ensure_ascii=False), e.get("reason", ""),
                e.get("status", "applied"), e.get("kind", "text"))
               for i, e in enumerate(d.get("edits", []))],
        entities=entities, mentions=mentions, dates=dates,
        citations=list(d.get("citations", [])), events=events, quantities=quantities,
        words=words, forms=lexicon_forms(d), lexicon=_lexicon_digest(d),
        pairs=lexicon_pairs(d))


def _lexicon_digest(d: dict[str, Any]) -> str | None:
    got = (d.get("_store") or {}).get("lexicon")
    return got if isinstance(got, str) else None


def _str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        return "; ".join(str(x) for x in v)
    return str(v)


def _events(d: dict[str, Any], dates: list[dict[str, Any]], mentions: list[dict[str, Any]],
            passages: list[Passage], note_index: dict[str, int]) -> list[dict[str, Any]]:
    """The document's events; when extraction made none, one per dated sentence
    (the date's sentence is the event text), so the timeline still works."""
    names = {e["id"]: e.get("name", "") for e in d.get("entities", [])}
    out = []
    for ev in d.get("events", []):
        rng = edtf_range(ev.get("date", ""))
        where = ev.get("where", "text")
        pidx = (note_index.get(where, 0) if where != "text"
                else _page_index(passages, ev.get("start", 0)))
        out.append({"date": ev.get("date", ""), "lo": rng[0] if rng else None,
                    "hi": rng[1] if rng else None, "text": " ".join(ev.get("text", "").split()), "where": where,
                    "start": ev.get("start", 0), "end": ev.get("end", 0), "passage": pidx,
                    "entities": [names.get(x, x) for x in ev.get("entities", [])],
                    "source": "event"})
    if out:
        return out
    seen: set[tuple[str, str, int]] = set()
    for t in dates:
        if t["lo"] is None:
            continue
        where = t["where"]
        if where == "text":
            full = d.get("text", "")
        else:
            full = next((n.get("text", "") for n in d.get("notes", [])
                         if f"note:{n['n']}" == where), "")
        s, e = sentence_around(full, t["start"], t["end"])
        key = (t["value"], where, s)
        if key in seen:
            continue
        seen.add(key)
        ents = sorted({names.get(m["entity"], m["entity"]) for m in mentions
                       if m["where"] == where and s <= m["start"] and m["end"] <= e})
        out.append({"date": t["value"], "lo": t["lo"], "hi": t["hi"],
                    "text": " ".join(full[s:e].split()), "where": where, "start": s, "end": e,
                    "passage": t["passage"], "entities": ents, "source": "date"})
    return out


def quantity_rows(d: dict[str, Any], passage_of: Any, page_ns: list[str | None]
                  ) -> list[dict[str, Any]]:
    """The rows of the ``quantities`` table for a document JSON (without doc id): each
    quantity with its passage (index into `page_ns`, the passages' printed page
    numbers, as `passage_of(where, start)` finds it), printed page, sentence, and the document's
    date as EDTF and as days (for filtering a corpus by when it was written).

    Quantities whose offsets do not fit their text (hand-built JSON) are left out,
    as `document_from_json` leaves them out of the Document.

    >>> d = {"text": "He paid £5 for it. Then 30 men came.", "metadata": {"date": "1921-03"},
    ...      "quantities": [{"text": "30 men", "kind": "count", "value": 30, "unit": "man",
    ...                      "where": "text", "start": 24, "end": 30}, "junk"]}
    >>> r = quantity_rows(d, lambda where, start: 0, ["7"])
    >>> [(x["text"], x["page"], x["sentence"], x["date_lo"], x["date_hi"]) for x in r]
    [('30 men', '7', 'Then 30 men came.', '1921-03-01', '1921-03-31')]
    """
    date = _str(d.get("metadata", {}).get("date"))
    rng = edtf_range(date) if date else None
    texts: dict[str, str] = {"text": d.get("text", "")}
    for n in d.get("notes", []):
        texts.setdefault(f"note:{n['n']}", n.get("text", ""))
    out = []
    for raw in d.get("quantities") or []:
        q = _quantity(raw)
        if q is None or q.where not in texts:
            continue
        full = texts[q.where]
        if not 0 <= q.start <= q.end <= len(full):
            continue
        s, e = sentence_around(full, q.start, q.end)
        pidx = passage_of(q.where, q.start)
        value = q.value if isinstance(q.value, int | float) else 0
        out.append({"passage": pidx, "page": page_ns[pidx] if pidx < len(page_ns) else None,
                    "where": q.where, "start": q.start, "end": q.end,
                    "orig_start": q.orig_start if isinstance(q.orig_start, int) else -1,
                    "orig_end": q.orig_end if isinstance(q.orig_end, int) else -1,
                    "text": q.text or full[q.start:q.end], "kind": q.kind,
                    # a float: an int past 2**63 ("a thousand billion billion") does
                    # not bind as an SQLite integer
                    "value": float(value), "unit": q.unit,
                    "lsd": json.dumps(q.lsd) if isinstance(q.lsd, list) else None,
                    "approx": 1 if q.approx else 0,
                    "sentence": " ".join(full[s:e].split()), "date": date,
                    "date_lo": rng[0] if rng else None, "date_hi": rng[1] if rng else None})
    return out


def _page_index(passages: list[Passage], start: int) -> int:
    best = 0
    for i, p in enumerate(passages):
        if p.kind == "page" and p.start <= start:
            best = i
    return best


def normalise_query_name(name: str) -> str:
    """The normalised form used to look a NAME up in the entity index."""
    return norm_name(name) or norm_word(name)


def stored_json(blob: Any) -> dict[str, Any]:
    """A document's JSON as `Record.blob` stores it (compressed), read back.

    >>> stored_json(zlib.compress(b'{"text": "x"}'))
    {'text': 'x'}
    """
    return json.loads(zlib.decompress(bytes(blob)).decode("utf-8"))
