"""The shared data model: one `Document` that every pipeline stage enriches.

The source text is sacred. `Document.original` is the text exactly as read and is
never modified. Everything else is stand-off: annotations carry character offsets
into `original`, and every change to the reading text is an `Edit` of a span of
`original`. The clean reading text is *derived*: `render()` applies the applied
edits to `original` and keeps an offset map both ways.

Edit rules (checked by `check_edits`, property-tested):

* an edit replaces `original[start:end]` (``start == end`` is an insertion);
* two applied edits never partially overlap; an edit may *contain* earlier ones
  (a later stage refining an earlier stage's output), and then it shadows them;
* insertions at the same position are rendered in log order.

Stages never compute original offsets by hand: they read a `View` (clean text of
the body or of one note, with its map) and call `View.edit(...)`, which turns a
span of the clean text into a span of `original`, widening it to cover any
earlier edit it touches so that overlaps cannot arise.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "archivist/1"

APPLIED = "applied"
SUGGESTED = "suggested"
REJECTED = "rejected"


@dataclass
class Source:
    path: str
    sha256: str
    format: str  # text|pdf|hocr|alto|image|tei
    encoding: str | None = None

    @staticmethod
    def of_bytes(path: str, data: bytes, fmt: str, encoding: str | None = None) -> Source:
        return Source(path=path, sha256=hashlib.sha256(data).hexdigest(), format=fmt,
                      encoding=encoding)


@dataclass
class Edit:
    """One change to the reading text, as a replacement of a span of `original`."""

    stage: str
    start: int
    end: int
    original: str
    replacement: str
    confidence: float = 1.0
    alternatives: list[str] = field(default_factory=list)
    reason: str = ""
    status: str = APPLIED  # applied | suggested | rejected
    kind: str = "text"  # text | layout | move
    moved_from: int | None = None  # insertion half of a move: where its words start in original
    supersedes: list[int] = field(default_factory=list)  # ids of edits this one refines
    id: int = -1
    rank: int = -1  # place among insertions at one point: that of the first edit it refines

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "stage": self.stage,
            "original": self.original,
            "replacement": self.replacement,
            "orig_start": self.start,
            "orig_end": self.end,
            "confidence": round(self.confidence, 4),
            "alternatives": list(self.alternatives),
            "reason": self.reason,
            "status": self.status,
            "kind": self.kind,
        }
        if self.moved_from is not None:
            out["moved_from"] = self.moved_from
        if self.supersedes:
            out["supersedes"] = list(self.supersedes)
        return out


@dataclass
class RawPage:
    """A physical page as the reader saw it (PDF page, hOCR/ALTO page, form feed)."""

    n: str | None
    start: int  # span of `original`
    end: int


@dataclass
class Token:
    """A word as an OCR engine reported it, with its confidence (0..1)."""

    start: int
    end: int
    confidence: float


@dataclass
class Furniture:
    type: str  # pageNum|header|footer
    text: str
    page: str | None
    start: int  # span of `original`
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "text": self.text, "page": self.page,
                "orig_start": self.start, "orig_end": self.end}


@dataclass
class Note:
    """A footnote: its text is the span [start, end) of `original`; `marker` is
    the span of the marker in the body (None when no marker was found)."""

    n: str
    start: int
    end: int
    marker_start: int | None = None
    marker_end: int | None = None
    page: str | None = None


@dataclass
class Mention:
    entity: str
    text: str
    where: str  # "text" or "note:N"
    start: int  # offsets in the clean text of `where`
    end: int
    orig_start: int = -1
    orig_end: int = -1
    label: str = ""


@dataclass
class Entity:
    id: str
    type: str
    name: str
    variants: list[str] = field(default_factory=list)


@dataclass
class DateMention:
    text: str
    value: str  # EDTF
    where: str
    start: int
    end: int
    orig_start: int = -1
    orig_end: int = -1


QUANTITY_KINDS = ("money", "measure", "count", "percent")


@dataclass
class Quantity:
    """A quantity in the text of `where` (money, measure, count or percent).

    `value` is the amount in `unit` ("1,421 million rubles" -> 1421000000 "rouble");
    `lsd` holds [pounds, shillings, pence] of old British money (value in pounds);
    `approx` is set after "some", "about", "nearly", ... Offsets as on DateMention.
    """

    text: str
    kind: str  # one of QUANTITY_KINDS
    value: float
    unit: str
    where: str
    start: int
    end: int
    orig_start: int = -1
    orig_end: int = -1
    lsd: list[float] | None = None
    approx: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "value": self.value, "unit": self.unit,
                "lsd": list(self.lsd) if self.lsd is not None else None,
                "approx": self.approx, "where": self.where, "start": self.start,
                "end": self.end, "orig_start": self.orig_start, "orig_end": self.orig_end}


@dataclass
class Event:
    date: str
    text: str
    where: str
    start: int
    end: int
    entities: list[str] = field(default_factory=list)


class EditConflict(ValueError):
    """Two edits partially overlap."""


def visible_edits(edits: list[Edit]) -> list[Edit]:
    """The applied edits that shape the text, in rendering order.

    An applied edit is hidden when a later applied edit `supersedes` it, or when
    it lies inside a visible edit that is wider (a footnote block removed from the
    body hides the repairs made inside that note). Raises EditConflict when two
    visible edits partially overlap.
    """
    applied = [e for e in edits if e.status == APPLIED]
    hidden: set[int] = set()
    for e in applied:
        hidden.update(e.supersedes)
    cand = [e for e in applied if e.id not in hidden]
    spans = sorted((e for e in cand if e.end > e.start), key=lambda e: (e.start, -e.end, e.id))
    visible: list[Edit] = []
    cover: Edit | None = None
    for e in spans:
        if cover is not None and e.start < cover.end:
            if e.end <= cover.end:
                continue  # contained: the wider edit shadows it
            raise EditConflict(
                f"edit {e.id} ({e.stage}) [{e.start},{e.end}) overlaps edit "
                f"{cover.id} ({cover.stage}) [{cover.start},{cover.end})")
        visible.append(e)
        cover = e
    starts = [e.start for e in visible]
    for e in cand:
        if e.end == e.start:
            i = bisect_right(starts, e.start) - 1
            if i >= 0 and visible[i].start < e.start < visible[i].end:
                continue  # insertion inside a replaced span
            visible.append(e)
    # an edit that refines earlier ones takes their place among insertions at one point
    visible.sort(key=lambda e: (e.start, e.end != e.start, e.rank if e.rank >= 0 else e.id))
    return visible


@dataclass
class View:
    """Clean text of a window of `original`, with offset maps.

    `orig[i]` is the original offset of clean character i (len(text)+1 entries, the
    last one is the window end); `edit_of[i]` is the id of the edit whose
    replacement produced character i, or -1 when it is copied from `original`.
    """

    doc: Document
    where: str
    text: str
    orig: list[int]
    edit_of: list[int]
    window: tuple[int, int]
    # edit id -> clean offset of the first character it produced (`edit_starts`), as
    # `render` found them; None: worked out from `edit_of` when first asked
    starts: dict[int, int] | None = field(default=None, repr=False, compare=False)

    def edit_starts(self) -> dict[int, int]:
        """Edit id -> the clean offset where the characters that edit produced begin,
        for every edit with characters in this view (an edit's output is one run), in
        clean-text order.

        >>> doc = Document("ab\\ncd", Source("x", "", "text"))
        >>> _ = doc.add_edits([Edit("t", 2, 3, "\\n", " ")])
        >>> doc.body_view().edit_starts()
        {0: 2}
        """
        if self.starts is None:
            starts: dict[int, int] = {}
            for i, eid in enumerate(self.edit_of):
                if eid != -1 and eid not in starts:
                    starts[eid] = i
            self.starts = starts
        return self.starts

    def from_orig(self, o: int) -> int:
        """Clean offset of the first clean character at or after original offset o.

        Text moved by a reading-order repair maps back to where it came from, so
        the map is not in order there; the search skips moved characters, whose
        positions in the clean text say nothing about the original order.
        """
        stay = self._in_place()
        if stay is None:
            return bisect_right_first(self.orig, o, len(self.text))
        k = bisect_right_first([self.orig[i] for i in stay], o, len(stay))
        return stay[k] if k < len(stay) else len(self.text)

    def _in_place(self) -> list[int] | None:
        """Clean indices not produced by a move insertion (None when nothing moved)."""
        cached = getattr(self, "_stay", False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        edits = self.doc.edits
        # (the edits with characters here: `edit_starts`, not a set of the whole map)
        moved = {i for i in self.edit_starts() if edits[i].moved_from is not None}
        stay = None if not moved else [i for i, e in enumerate(self.edit_of)
                                       if e not in moved]
        object.__setattr__(self, "_stay", stay)
        return stay

    def orig_span(self, cs: int, ce: int) -> tuple[int, int, int, int]:
        """Widen clean span [cs, ce) so it starts and ends on whole edits; return
        (cs, ce, orig_start, orig_end)."""
        eo = self.edit_of
        n = len(self.text)
        edits = self.doc.edits  # an edit's id is its index in the log
        if cs == ce < n and eo[cs] != -1 and edits[eo[cs]].start == edits[eo[cs]].end:
            ce += 1  # a point at the start of an insertion's output: refine that insertion
        if cs < n and eo[cs] != -1:
            while cs > 0 and eo[cs - 1] == eo[cs]:
                cs -= 1
        if 0 < ce <= n and eo[ce - 1] != -1:
            while ce < n and eo[ce] == eo[ce - 1]:
                ce += 1
        if cs < n and eo[cs] != -1:
            os_ = edits[eo[cs]].start
        else:
            os_ = self.orig[cs] if cs < n else self.window[1]
        if ce > cs and eo[ce - 1] != -1:
            oe = edits[eo[ce - 1]].end
        elif ce > cs:
            oe = self.orig[ce - 1] + 1
        else:
            oe = os_
        # an insertion or a zero-width span before a deletion: keep it at os_
        return cs, ce, os_, max(oe, os_)

    def edit(self, stage: str, cs: int, ce: int, replacement: str, *, confidence: float = 1.0,
             alternatives: list[str] | None = None, reason: str = "", kind: str = "text",
             threshold: float | None = None) -> Edit:
        """Make (not add) an edit replacing clean span [cs, ce) with `replacement`.

        The span is widened to whole earlier edits, which the new edit then
        supersedes, so edits never partially overlap.
        """
        wcs, wce, os_, oe = self.orig_span(cs, ce)
        repl = self.text[wcs:cs] + replacement + self.text[ce:wce]
        if threshold is None:
            threshold = self.doc.threshold
        status = APPLIED if confidence >= threshold or kind != "text" else SUGGESTED
        covered = {i for i in self.edit_of[wcs:wce] if i != -1}
        if oe > os_:
            covered.update(e.id for e in self.doc.edits_starting_in(os_, oe)
                           if e.status == APPLIED and os_ <= e.start and e.end <= oe
                           and self.window[0] <= e.start and e.end <= self.window[1]
                           and not (e.start == e.end and e.start in (os_, oe)
                                    and e.id not in covered))
        return Edit(stage=stage, start=os_, end=oe, original=self.doc.original[os_:oe],
                    replacement=repl, confidence=confidence,
                    alternatives=list(alternatives or []), reason=reason, status=status,
                    kind=kind, supersedes=sorted(covered))

    def confidence_at(self, cs: int, ce: int) -> float | None:
        """Lowest OCR word confidence over clean span [cs, ce), if the reader gave any."""
        return self.doc.ocr_confidence(self.orig[cs] if cs < len(self.text) else self.window[1],
                                       self.orig[ce - 1] + 1 if ce > cs else self.orig[cs])


def bisect_right_first(orig: list[int], o: int, n: int) -> int:
    """First index i < n with orig[i] >= o (orig is non-decreasing except for moves).

    `bisect.bisect_left` over [0, n): the same halving steps (so the same index
    even where moves break the order), in C; a focused repair round asks this for
    every span it looks at."""
    return bisect_left(orig, o, 0, n)


# The maps of unedited runs are slices of these shared lists: a slice copies references,
# where `range` made a new int object per character (~60 % of `render` on a 20 KB text,
# rendered after each stage). Grown on demand up to _SHARED_RUN characters; beyond
# that (a very long document) the runs are made as before, so the lists stay bounded
# (~36 MB at most, only in a process that rendered such a document).
_SHARED_RUN = 1 << 20
# (positions, unedited): positions[i] == i, unedited all -1, of one length. One tuple
# replaced whole, so a thread (free-threaded Python) never pairs one list with the
# other's shorter predecessor.
_RUNS: tuple[list[int], list[int]] = ([], [])


def _run_maps(start: int, end: int) -> tuple[list[int] | range, list[int]]:
    """The orig map (start..end-1) and edit map (-1s) of original[start:end] copied
    unedited: equal to ``range(start, end)`` and ``[-1] * (end - start)``.

    >>> _run_maps(3, 6)
    ([3, 4, 5], [-1, -1, -1])
    >>> _run_maps(_SHARED_RUN - 1, _SHARED_RUN + 1)
    (range(1048575, 1048577), [-1, -1])
    """
    global _RUNS
    positions, unedited = _RUNS
    if end > len(positions) and end <= _SHARED_RUN:
        size = min(_SHARED_RUN, max(end, 2 * len(positions), 1 << 16))
        positions, unedited = _RUNS = (list(range(size)), [-1] * size)
    if end <= len(positions):
        return positions[start:end], unedited[:end - start]
    return range(start, end), [-1] * (end - start)


def render(original: str, edits: list[Edit], window: tuple[int, int] | None = None
           ) -> tuple[str, list[int], list[int]]:
    """Apply the visible applied edits inside `window` to `original`.

    Returns (text, orig_map, edit_map) as described on `View`. Edits that do not
    lie wholly inside the window are ignored (e.g. the deletion that removes a
    footnote from the body does not apply when rendering the note itself).
    """
    return _render(original, edits, window)[:3]


def _render(original: str, edits: list[Edit], window: tuple[int, int] | None = None
            ) -> tuple[str, list[int], list[int], dict[int, int]]:
    """`render`, and where each edit's characters start in the text (`View.starts`)."""
    ws, we = window if window is not None else (0, len(original))
    inside = [e for e in edits
              if e.status == APPLIED and ws <= e.start and e.end <= we
              and not (window is not None and e.start == ws and e.end == we and e.end > e.start)]
    parts: list[str] = []
    omap: list[int] = []
    emap: list[int] = []
    starts: dict[int, int] = {}
    pos = ws
    for e in visible_edits(inside):
        if e.start > pos:
            parts.append(original[pos:e.start])
            om, em = _run_maps(pos, e.start)
            omap += om
            emap += em
            pos = e.start
        r = e.replacement
        if r:
            starts[e.id] = len(emap)
            parts.append(r)
            if e.moved_from is not None:
                # moved_from is where the moved words start; glue whitespace before
                # them (" " + block) maps to that same point
                base, lead = e.moved_from, len(r) - len(r.lstrip())
                omap.extend(base + max(k - lead, 0) for k in range(len(r)))
            else:
                last = max(e.end - 1, e.start)
                omap.extend(min(e.start + k, last) for k in range(len(r)))
            emap.extend([e.id] * len(r))
        pos = max(pos, e.end)
    if pos < we:
        parts.append(original[pos:we])
        om, em = _run_maps(pos, we)
        omap += om
        emap += em
    omap.append(we)
    return "".join(parts), omap, emap, starts


@dataclass
class Document:
    """Everything archivist knows about one source document."""

    original: str
    source: Source
    raw_pages: list[RawPage] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # OCR words with confidence
    # read by OCR, with word confidences or without (a scanned PDF's OCR text layer)
    ocr: bool = False
    edits: list[Edit] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    page_numbers: dict[int, str] = field(default_factory=dict)  # raw page index -> printed n
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    # blocks of the body that are no plain paragraph, by the original offset of their
    # first character: "head" (a heading line) or "row" (a table's row); layout finds
    # them, `paragraphs()` and the TEI export carry them
    blocks: dict[int, str] = field(default_factory=dict)
    threshold: float = 0.5  # edits below this confidence are suggestions
    # the corpus lexicon repair reads (`repair.corpus.CorpusLexicon`); not part of the
    # document's JSON: a run-wide snapshot, like the threshold
    lexicon: Any = field(default=None, repr=False, compare=False)
    _cache: dict[str, View] = field(default_factory=dict, repr=False)
    _token_index: list[int] = field(default_factory=list, repr=False)
    # edits by original start: (the log it indexes, its length, its last edit), starts, edits
    _by_start: tuple[Any, list[int], list[Edit]] | None = field(default=None, repr=False,
                                                                 compare=False)

    # -- edits -----------------------------------------------------------------
    def edits_starting_in(self, start: int, end: int) -> list[Edit]:
        """The edits whose original start lies in [start, end], any status.

        `View.edit` asks this for every new edit; scanning the whole log each time
        made long documents (thousands of edits) quadratic. The index is rebuilt
        when the log has changed.

        >>> doc = Document(original="abcdef", source=Source("t", "0", "text"))
        >>> _ = doc.add_edits([doc.body_view().edit("s", 1, 2, "B")])
        >>> _ = doc.add_edits([doc.body_view().edit("s", 4, 5, "E")])
        >>> [e.replacement for e in doc.edits_starting_in(0, 3)]
        ['B']
        """
        from bisect import bisect_left, bisect_right

        key = (id(self.edits), len(self.edits), id(self.edits[-1]) if self.edits else 0)
        if self._by_start is None or self._by_start[0] != key:
            ordered = sorted(self.edits, key=lambda e: e.start)
            self._by_start = (key, [e.start for e in ordered], ordered)
        _key, starts, ordered = self._by_start
        return ordered[bisect_left(starts, start):bisect_right(starts, end)]

    @property
    def edit_by_id(self) -> dict[int, Edit]:
        return {e.id: e for e in self.edits}

    def add_edits(self, edits: list[Edit]) -> list[Edit]:
        """Append edits to the log (giving them ids) and re-derive the text.

        An applied edit that would partially overlap another is refused: it stays
        in the log with status "rejected" and the reason says why, so the
        derivation is never corrupted.
        """
        if not edits:  # nothing changes: the cached views (and their maps) stay valid
            return []
        ranks = {x.id: (x.rank if x.rank >= 0 else x.id) for x in self.edits}
        first = len(self.edits)
        for e in edits:
            e.id = len(self.edits)
            e.rank = min([e.id, *(ranks.get(i, i) for i in e.supersedes)])
            ranks[e.id] = e.rank
            self.edits.append(e)
        self._cache.clear()
        try:  # one check for the whole batch: the common case
            visible_edits(self.edits)
            return list(edits)
        except EditConflict:
            pass
        # Some edit conflicts: admit the batch one edit at a time to find which.
        batch = self.edits[first:]
        del self.edits[first:]
        for e in batch:
            self.edits.append(e)
            if e.status == APPLIED:
                try:
                    visible_edits(self.edits)
                except EditConflict as exc:
                    e.status = REJECTED
                    e.reason = (e.reason + f" [refused: {exc}]").strip()
        return list(edits)

    def set_status(self, edit_id: int, status: str) -> None:
        """Accept, reject or demote an edit; the text is re-derived."""
        self.edits[edit_id].status = status
        self._cache.clear()

    # -- views -----------------------------------------------------------------
    def body_view(self) -> View:
        v = self._cache.get("text")
        if v is None:
            text, omap, emap, starts = _render(self.original, self.edits)
            v = View(self, "text", text, omap, emap, (0, len(self.original)), starts)
            self._cache["text"] = v
        return v

    def note_view(self, note: Note) -> View:
        key = f"note:{note.n}:{note.start}"
        v = self._cache.get(key)
        if v is None:
            text, omap, emap, starts = _render(self.original, self.edits,
                                               (note.start, note.end))
            v = View(self, f"note:{note.n}", text, omap, emap, (note.start, note.end),
                     starts)
            self._cache[key] = v
        return v

    def views(self) -> list[View]:
        """The body and every note: what repair and extraction work on."""
        return [self.body_view()] + [self.note_view(n) for n in self.notes]

    def view_for(self, where: str) -> View:
        if where == "text":
            return self.body_view()
        for n in self.notes:
            if f"note:{n.n}" == where:
                return self.note_view(n)
        raise KeyError(where)

    @property
    def text(self) -> str:
        return self.body_view().text

    # -- OCR confidences -------------------------------------------------------
    def ocr_confidence(self, os_: int, oe: int) -> float | None:
        if not self.tokens:
            return None
        starts = self._token_starts()
        i = max(bisect_right(starts, os_) - 1, 0)
        best: float | None = None
        while i < len(self.tokens) and self.tokens[i].start < max(oe, os_ + 1):
            t = self.tokens[i]
            if t.end > os_:
                best = t.confidence if best is None else min(best, t.confidence)
            i += 1
        return best

    def _token_starts(self) -> list[int]:
        if len(self._token_index) != len(self.tokens):
            self.tokens.sort(key=lambda t: t.start)
            self._token_index[:] = [t.start for t in self.tokens]
        return self._token_index

    # -- derived structure -----------------------------------------------------
    def pages(self) -> list[dict[str, Any]]:
        """Spans of `text` per physical page, with the printed page number."""
        v = self.body_view()
        raw = self.raw_pages or [RawPage(None, 0, len(self.original))]
        out = []
        for idx, p in enumerate(raw):
            s = v.from_orig(p.start)
            e = v.from_orig(p.end) if idx + 1 < len(raw) else len(v.text)
            n = self.page_numbers.get(idx) or p.n or str(idx + 1)
            out.append({"n": n, "start": s, "end": max(s, e)})
        return out

    def paragraphs(self) -> list[dict[str, Any]]:
        """Spans of `text` split by blank lines, each with its block `kind`: "p" (a
        paragraph), "head" (a heading) or "row" (a table's row), from `blocks`.

        >>> doc = Document(original="Title\\n\\nSome words.", source=Source("t", "0", "text"))
        >>> doc.blocks[0] = "head"
        >>> [(doc.text[p["start"]:p["end"]], p["kind"]) for p in doc.paragraphs()]
        [('Title', 'head'), ('Some words.', 'p')]
        """
        view = self.body_view()
        text = view.text
        out: list[dict[str, Any]] = []
        pos = 0
        for chunk in text.split("\n\n"):
            s = pos
            e = pos + len(chunk)
            # trim whitespace so spans point at words
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                kind = self.blocks.get(view.orig[s], "p") if self.blocks else "p"
                if kind != "p" and "\n" in text[s:e]:
                    kind = "p"  # a heading or row joined to what follows (a reviewer's no)
                out.append({"start": s, "end": e, "kind": kind})
            pos += len(chunk) + 2
        return out

    def restore_blocks(self, paragraphs: list[dict[str, Any]]) -> None:
        """Set `blocks` from the "paragraphs" of this document's JSON (their "kind"),
        for a Document rebuilt from stored JSON; call it once the edits are in place.

        >>> doc = Document(original="Title\\n\\nSome words.", source=Source("t", "0", "text"))
        >>> doc.restore_blocks([{"start": 0, "end": 5, "kind": "head"},
        ...                     {"start": 7, "end": 18}])
        >>> doc.blocks
        {0: 'head'}
        """
        view = self.body_view()
        for p in paragraphs:
            kind, start = p.get("kind", "p"), p.get("start")
            if kind != "p" and isinstance(start, int) and 0 <= start < len(view.text):
                self.blocks[view.orig[start]] = str(kind)

    def note_anchor(self, note: Note) -> int | None:
        if note.marker_start is None:
            return None
        return self.body_view().from_orig(note.marker_start)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": {"path": self.source.path, "sha256": self.source.sha256,
                       "format": self.source.format},
            "original": self.original,
            "text": self.text,
            "pages": self.pages(),
            "paragraphs": self.paragraphs(),
            "furniture": [f.to_json() for f in self.furniture],
            "notes": [
                {"n": n.n, "text": self.note_view(n).text, "anchor": self.note_anchor(n),
                 "orig_start": n.start, "orig_end": n.end}
                for n in self.notes
            ],
            "edits": [e.to_json() for e in self.edits],
            "entities": [asdict(e) for e in self.entities],
            "mentions": [
                {"entity": m.entity, "text": m.text, "where": m.where, "start": m.start,
                 "end": m.end, "orig_start": m.orig_start, "orig_end": m.orig_end}
                for m in self.mentions
            ],
            "dates": [
                {"text": d.text, "value": d.value, "where": d.where, "start": d.start,
                 "end": d.end, "orig_start": d.orig_start, "orig_end": d.orig_end}
                for d in self.dates
            ],
            "quantities": [q.to_json() for q in self.quantities],
            "citations": list(self.citations),
            "events": [asdict(ev) for ev in self.events],
            "metadata": {k: v for k, v in self.metadata.items() if not k.startswith("_")},
            "warnings": list(self.warnings),
        }


def check_edits(original: str, edits: list[Edit]) -> None:
    """Raise if an edit points outside `original`, misquotes it, or two applied
    edits partially overlap."""
    for e in edits:
        if not (0 <= e.start <= e.end <= len(original)):
            raise EditConflict(f"edit {e.id} [{e.start},{e.end}) outside original")
        if original[e.start:e.end] != e.original:
            raise EditConflict(f"edit {e.id} does not quote original")
    visible_edits(edits)
