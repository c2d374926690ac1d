"""TEI P5 export of a processed `Document`, and validation against tei_all.rng.

The body is the clean reading text: ``<p>`` per paragraph, ``<pb n>`` and the
page's ``<fw type="pageNum|header|footer">`` at each page start, each footnote as
``<note place="foot" n>`` at its anchor, and each applied *text* edit as
``<choice><sic>original</sic><corr cert resp="#archivist">replacement</corr></choice>``.
Layout and move edits shape the text but are not marked up (the editorial
declaration says so). Entity mentions become ``persName``/``placeName``/
``orgName``/``rs`` with ``@ref`` to lists in ``<standOff>``; dates become
``<date when|from|to>``; quantities become ``<measure type quantity unit>``
(type "currency" for money); citations become ``<bibl>`` in a ``listBibl``.

Elements are nested by a small span builder: spans that would cross an
enclosing span are dropped (never mis-nested), and a ``choice`` is atomic.

`validate(xml)` checks a TEI string against the vendored TEI P5 4.3.0
``tei_all.rng``; the schema is compiled once per process (it takes seconds).
"""

from __future__ import annotations

import calendar
import math
import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import etree

from ..layout.paragraphs import FIGURE
from ..model import APPLIED, Document, View, visible_edits

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
RESP = "#archivist"
ENTITY_ELEMENT = {"PERSON": "persName", "PER": "persName", "PLACE": "placeName",
                  "LOC": "placeName", "GPE": "placeName", "ORG": "orgName"}
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EDTF_DAY = re.compile(r"^-?\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def t(tag: str) -> str:
    """Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def clean(s: str) -> str:
    """Text XML 1.0 can hold (form feeds and other controls become spaces).

    >>> clean("a\\x0cb")
    'a b'
    """
    return _BAD_XML.sub(" ", s)


def el(tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """A TEI element with optional text and attributes (``xml_id`` -> ``xml:id``)."""
    e = etree.Element(t(tag))
    for k, v in attrs.items():
        name = f"{{{XML_NS}}}id" if k == "xml_id" else k.rstrip("_")
        e.set(name, clean(str(v)))
    if text:
        e.text = clean(text)
    return e


def sub(parent: etree._Element, tag: str, text: str | None = None,
        **attrs: str) -> etree._Element:
    child = el(tag, text, **attrs)
    parent.append(child)
    return child


def add_text(parent: etree._Element, s: str) -> None:
    """Append text after the last child of `parent` (or as its text)."""
    if not s:
        return
    s = clean(s)
    try:  # (len() of an lxml element counts its children: quadratic on a long <body>)
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + s
    else:
        last.tail = (last.tail or "") + s


def xml_id(raw: str, used: dict[str, str]) -> str:
    """A unique, valid xml:id for an entity id.

    >>> xml_id("Q42 person", {})
    'Q42_person'
    >>> xml_id("7", {})
    'e_7'
    >>> xml_id("Ș", {})
    '_'
    """
    if raw in used:
        return used[raw]
    # ASCII only: libxml2 refuses some letters XML 1.0 (5th ed.) allows in names
    # ("Ș"), and then the whole document does not parse
    s = re.sub(r"[^A-Za-z0-9._-]", "_", raw) or "e"
    if not re.match(r"[A-Za-z_]", s):
        s = "e_" + s
    base, k = s, 2
    while s in used.values():
        s = f"{base}_{k}"
        k += 1
    used[raw] = s
    return s


def word(s: str) -> str:
    """A value for an attribute of TEI type teidata.word/enumerated (``@type``): no
    spaces, no control or format characters; "" when nothing is left.

    >>> word("Treaty party"), word("\x01"), word("ORG")
    ('Treaty-party', '', 'ORG')
    """
    kept = "".join(c if not c.isspace() else " " for c in clean(s)
                   if c.isspace() or unicodedata.category(c)[0] not in "CZ")
    return "-".join(kept.split())


def cert(confidence: float) -> str:
    """TEI certainty of a correction from its confidence."""
    return "high" if confidence >= 0.9 else "medium" if confidence >= 0.7 else "low"


def edtf_attrs(value: str) -> dict[str, str]:
    """@when / @from / @to for an EDTF value (what TEI's date attributes can hold).

    >>> edtf_attrs("1937-06-15")
    {'when': '1937-06-15'}
    >>> edtf_attrs("1937-06-20/1937-06-21")
    {'from': '1937-06-20', 'to': '1937-06-21'}
    >>> edtf_attrs("[1937-06-20,1937-06-21]")
    {'from': '1937-06-20', 'to': '1937-06-21'}
    >>> edtf_attrs("1938-01-02?"), edtf_attrs("[1938-01-08?,1938-01-09?]")
    ({'when': '1938-01-02', 'cert': 'medium'}, {'from': '1938-01-08', 'to': '1938-01-09', 'cert': 'medium'})
    """
    v = value.strip()
    if "?" in v:  # EDTF's "uncertain" (a year the dates stage queries): TEI's @cert
        out = edtf_attrs(v.replace("?", ""))
        return {**out, "cert": "medium"} if out else out
    if _is_day(v):
        return {"when": v}
    if "/" in v:
        a, b = (x.strip() for x in v.split("/", 1))
        out = {}
        if _is_day(a):
            out["from"] = a
        if _is_day(b):
            out["to"] = b
        return out
    if v.startswith(("[", "{")):
        items = sorted(x.strip() for x in re.split(r"[,.]{1,2}", v.strip("[]{}"))
                       if _is_day(x.strip()))
        if items:
            return {"from": items[0], "to": items[-1]} if len(items) > 1 else {"when": items[0]}
    return {}


def _is_day(v: str) -> bool:
    """A year, year-month or calendar date TEI's @when accepts (no month 13, no
    30 February: a date attribute that is not a date makes the file invalid).

    >>> _is_day("1938-02-28"), _is_day("1938-02-30"), _is_day("1938-13"), _is_day("1938")
    (True, False, False, True)
    """
    if not _EDTF_DAY.match(v):
        return False
    parts = v.lstrip("-").split("-")
    if len(parts) == 1:
        return True
    month = int(parts[1])
    if not 1 <= month <= 12:
        return False
    if len(parts) == 2:
        return True
    year = int(parts[0]) if not v.startswith("-") else 4  # any leap year for BCE
    return 1 <= int(parts[2]) <= calendar.monthrange(year or 4, month)[1]


# -- span builder --------------------------------------------------------------------

@dataclass
class Span:
    """An element over clean text [start, end); `make` builds it (atomic ones whole)."""

    start: int
    end: int
    rank: int  # 0 paragraph (outermost), 2 names/dates, 3 choice
    make: Callable[[], etree._Element]
    atomic: bool = False
    container: bool = False  # holds blocks, not text (div, table, row)


@dataclass
class Point:
    """Elements placed at a position; `left` ones stay inside the span ending there."""

    pos: int
    make: Callable[[], list[etree._Element]]
    left: bool = True
    order: int = 0
    inline: bool = False  # phrase-level (a choice): never straight in <body>


@dataclass
class _Open:
    elem: etree._Element
    end: int
    rank: int
    atomic: bool
    container: bool = False


def nest(spans: list[Span], contained: bool = False) -> list[Span]:
    """The spans that nest properly, outer ones first (crossing ones are dropped).

    Paragraphs (rank 0) open before other spans at the same place, so a name
    running past a paragraph's end is dropped rather than put around it; with
    `contained`, spans outside every paragraph are dropped too (a persName or a
    date straight in <body> is not TEI).

    >>> p, name = Span(0, 6, 0, list), Span(0, 7, 2, list)
    >>> [s.rank for s in nest([name, p])]
    [0]
    >>> [s.rank for s in nest([Span(7, 9, 2, list), p], contained=True)]
    [0]
    """
    out: list[Span] = []
    stack: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, s.rank != 0, -s.end, s.rank)):
        if s.end <= s.start:
            continue
        while stack and stack[-1].end <= s.start:
            stack.pop()
        if stack and (s.end > stack[-1].end or stack[-1].atomic):
            continue
        if contained and s.rank != 0 and (not stack or stack[-1].container):
            continue  # phrase-level markup straight in <body>, <div>, <table> or <row>
        out.append(s)
        stack.append(s)
    return out


def build(root: etree._Element, text: str, spans: list[Span], points: list[Point],
          text_outside: bool = True) -> None:
    """Fill `root` with `text` marked up by `spans` and `points`."""
    spans = nest(spans, contained=not text_outside)
    atomics = [s for s in spans if s.atomic]
    for p in points:  # nothing goes inside a choice: move to its end
        for a in atomics:
            if a.start < p.pos < a.end:
                p.pos = a.end
    opens: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        opens[s.start].append(s)
    pts: dict[int, list[Point]] = defaultdict(list)
    for p in sorted(points, key=lambda p: p.order):
        pts[min(max(p.pos, 0), len(text))].append(p)
    bounds = sorted({0, len(text), *opens, *(s.end for s in spans), *pts})
    stack = [_Open(root, len(text) + 1, -1, False, True)]
    # phrase-level points that fall between paragraphs (a deletion before the first
    # word) wait for the next paragraph: a <choice> straight in <body> is not TEI
    pending: list[etree._Element] = []

    def put(p: Point) -> None:
        for e in p.make():
            if p.inline and stack[-1].container and not text_outside:
                pending.append(e)
            else:
                stack[-1].elem.append(e)

    for k, b in enumerate(bounds):
        while len(stack) > 1 and stack[-1].end == b and stack[-1].rank != 0:
            stack.pop()
        for p in pts.get(b, []):
            if p.left:
                put(p)
        while len(stack) > 1 and stack[-1].end == b:
            stack.pop()
        for p in pts.get(b, []):
            if not p.left:
                put(p)
        for s in opens.get(b, []):
            e = s.make()
            stack[-1].elem.append(e)
            stack.append(_Open(e, s.end, s.rank, s.atomic, s.container))
            if s.rank == 0 and not s.container and pending:
                e.extend(pending)
                pending.clear()
        nxt = bounds[k + 1] if k + 1 < len(bounds) else len(text)
        chunk = text[b:nxt]
        if not chunk or stack[-1].atomic:
            continue
        if stack[-1].container and not text_outside:
            add_text(stack[-1].elem, "\n" if chunk.strip() == "" else " ")
        else:
            add_text(stack[-1].elem, chunk)
    if pending:  # after the last paragraph: into it
        paras = list(root.iter(t("p"), t("head"), t("cell")))
        (paras[-1] if paras else root).extend(pending)


# -- document pieces -----------------------------------------------------------------

@dataclass
class Ctx:
    doc: Document
    ids: dict[str, str] = field(default_factory=dict)
    entity_type: dict[str, str] = field(default_factory=dict)
    reviews: list[Review] = field(default_factory=list)
    reviewers: dict[str, str] = field(default_factory=dict)  # name -> xml:id
    accepted_by: dict[int, str] = field(default_factory=dict)  # edit id -> reviewer xml:id


# The mark `archivist.web.review` appends to an edit's reason for each decision
# ("[reviewed: accepted by Ada 2026-01-02T10:00:00+00:00]"); the TEI names who decided
# and when, so a reviewer's correction is not passed off as the machine's
_REVIEW_MARK = re.compile(r"\[reviewed: (accept|reject)ed by (.+?) "
                          r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-]\d\d:\d\d|Z)?)\]")


@dataclass
class Review:
    """One reviewer's decision on a text edit, as recorded in the edit's reason."""

    edit: int
    action: str  # accept | reject
    who: str
    when: str  # ISO 8601 date and time


def reviews_of(doc: Document) -> list[Review]:
    """Every recorded decision on the document's text edits, oldest first.

    >>> from archivist.model import Document, Edit, Source
    >>> d = Document("ab", Source("x", "0", "text"), edits=[Edit("s", 0, 1, "a", "A",
    ...     reason="x [reviewed: rejected by Ann Lee 2026-01-02T10:00:00+00:00] "
    ...            "[reviewed: accepted by Bo 2026-01-03T09:00:00+00:00]", id=0)])
    >>> [(r.action, r.who, r.when[:10]) for r in reviews_of(d)]
    [('reject', 'Ann Lee', '2026-01-02'), ('accept', 'Bo', '2026-01-03')]
    """
    out = [Review(e.id, m.group(1), m.group(2), m.group(3))
           for e in doc.edits if e.kind == "text" for m in _REVIEW_MARK.finditer(e.reason)]
    return sorted(out, key=lambda r: r.when)  # stable: one edit's marks keep their order


def add_reviewers(ctx: Ctx) -> None:
    """xml:ids for the reviewers (after the entities', so none clashes), and for each
    applied edit whose last decision was an acceptance, who accepted it."""
    ctx.reviews = reviews_of(ctx.doc)
    taken = set(ctx.ids.values())
    for r in ctx.reviews:
        if r.who not in ctx.reviewers:
            k = len(ctx.reviewers) + 1
            while f"reviewer_{k}" in taken:
                k += 1
            ctx.reviewers[r.who] = f"reviewer_{k}"
            taken.add(f"reviewer_{k}")
    last: dict[int, Review] = {}
    for r in ctx.reviews:
        last[r.edit] = r
    ctx.accepted_by = {i: ctx.reviewers[r.who] for i, r in last.items()
                       if r.action == "accept" and ctx.doc.edits[i].status == APPLIED}


def edit_spans(ctx: Ctx, view: View) -> tuple[list[Span], list[Point]]:
    """choice/sic/corr for each visible applied text edit of a view."""
    ws, we = view.window
    whole = view.where == "text"
    inside = [e for e in ctx.doc.edits if e.status == APPLIED and ws <= e.start and e.end <= we]
    spans: list[Span] = []
    points: list[Point] = []
    runs: dict[int, list[int]] = {}
    for i, eid in enumerate(view.edit_of):
        if eid != -1:
            runs.setdefault(eid, [i, i + 1])[1] = i + 1
    for e in visible_edits(inside):
        if e.kind != "text" or (not whole and e.start == ws and e.end == we):
            continue

        def make(e=e) -> etree._Element:
            c = el("choice")
            sub(c, "sic", e.original)
            who = ctx.accepted_by.get(e.id)
            sub(c, "corr", e.replacement, cert=cert(e.confidence),
                resp=f"{RESP} #{who}" if who else RESP)
            return c

        if e.id in runs:
            s, end = runs[e.id]
            spans.append(Span(s, end, 3, make, atomic=True))
        elif not e.replacement and e.end > e.start:
            points.append(Point(view.from_orig(e.start), lambda m=make: [m()], left=True,
                                inline=True))
    return spans, points


def name_spans(ctx: Ctx, where: str) -> list[Span]:
    """persName/placeName/orgName/rs for mentions, date for dates and measure for
    quantities in `where`."""
    spans: list[Span] = []
    for m in ctx.doc.mentions:
        if m.where != where or m.end <= m.start:
            continue
        etype = ctx.entity_type.get(m.entity, "")
        tag = ENTITY_ELEMENT.get(etype.upper(), "rs")

        def make(m=m, tag=tag, etype=etype) -> etree._Element:
            attrs: dict[str, str] = {}
            if m.entity in ctx.entity_type:
                attrs["ref"] = "#" + xml_id(m.entity, ctx.ids)
            if tag == "rs" and word(etype):
                attrs["type"] = word(etype.lower())
            return el(tag, **attrs)

        spans.append(Span(m.start, m.end, 2, make))
    for d in ctx.doc.dates:
        if d.where != where or d.end <= d.start:
            continue
        spans.append(Span(d.start, d.end, 2, lambda d=d: el("date", **edtf_attrs(d.value))))
    for q in ctx.doc.quantities:
        if q.where != where or q.end <= q.start:
            continue
        spans.append(Span(q.start, q.end, 2, lambda q=q: el("measure", **measure_attrs(q))))
    return spans


# what a unit of measure measures (TEI's @type of <measure>)
_DIMENSION = {
    **dict.fromkeys(("mile", "kilometre", "metre", "verst", "yard", "foot", "inch", "knot"),
                    "distance"),
    **dict.fromkeys(("acre", "hectare", "desyatina"), "area"),
    **dict.fromkeys(("ton", "tonne", "pound", "hundredweight", "kilogram", "gram", "pood"),
                    "weight"),
    **dict.fromkeys(("bushel", "barrel", "gallon", "litre"), "volume"),
    **dict.fromkeys(("hour", "minute", "day", "week", "fortnight", "month", "year"), "duration"),
}


def measure_attrs(q: Any) -> dict[str, str]:
    """@type, @quantity and @unit of a quantity's <measure> (money is "currency", a
    count names what it counts in @commodity too).

    >>> from archivist.model import Quantity
    >>> measure_attrs(Quantity("1,421 million rubles", "money", 1421000000, "rouble", "text",
    ...                        0, 20))
    {'type': 'currency', 'quantity': '1421000000', 'unit': 'rouble'}
    >>> measure_attrs(Quantity("2d.", "money", 2 / 240, "GBP", "text", 0, 3))["quantity"]
    '0.008333'
    >>> measure_attrs(Quantity("400 men", "count", 400, "man", "text", 0, 7))
    {'type': 'count', 'quantity': '400', 'unit': 'man', 'commodity': 'man'}
    >>> measure_attrs(Quantity("3 sq. miles", "measure", 3, "square mile", "text", 0, 11))
    {'type': 'area', 'quantity': '3', 'unit': 'square-mile'}
    """
    unit = word(q.unit)  # "square mile" -> "square-mile": an attribute word has no spaces
    if q.kind == "money":
        kind = "currency"
    elif q.kind == "measure":
        kind = _DIMENSION.get(unit.split("-")[-1], "measure")
        kind = "area" if unit.startswith("square-") else kind
        kind = "volume" if unit.startswith("cubic-") else kind
    else:
        kind = word(q.kind) or "quantity"
    out = {"type": kind}
    number = _numeric(q.value)
    if number:
        out["quantity"] = number
    if unit:
        out["unit"] = unit
    if q.kind == "count" and unit:
        out["commodity"] = unit
    return out


def _numeric(v: Any) -> str:
    """A number as teidata.numeric writes it: no exponent, at most six decimals; "" for
    what is no finite number (hand-built JSON can hold anything).

    >>> _numeric(1.5e9), _numeric(0.075), _numeric(3), _numeric(float("nan")), _numeric("x")
    ('1500000000', '0.075', '3', '', '')
    >>> _numeric(10 ** 400) == "1" + "0" * 400
    True
    """
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)  # exact, and float() of an int past 1e308 raises OverflowError
    try:
        f = float(v)
    except (TypeError, ValueError, OverflowError):
        return ""
    if not math.isfinite(f):
        return ""
    if f == int(f):
        return str(int(f))
    return f"{f:.6f}".rstrip("0").rstrip(".") or "0"


def note_element(ctx: Ctx, note: Any) -> etree._Element:
    """<note place="foot" n> with the note's clean text and its own markup."""
    v = ctx.doc.note_view(note)
    ne = el("note", place="foot", n=note.n)
    ne.set(f"{{{XML_NS}}}id", xml_id(f"note-{note.n}-{note.start}", ctx.ids))
    espans, epoints = edit_spans(ctx, v)
    build(ne, v.text, espans + name_spans(ctx, v.where), epoints)
    return ne


def page_points(ctx: Ctx) -> list[Point]:
    """<pb n> with the page's leading <fw> at every page start; furniture found further
    down the page (a footer, a document header glued into a paragraph) as <fw> where it
    stood."""
    doc = ctx.doc
    raw = doc.raw_pages
    pages = doc.pages()
    view = doc.body_view()
    at_top: dict[int, list[Any]] = defaultdict(list)
    out = []
    starts = [p.start for p in raw]

    def holds(i: int, o: int) -> bool:
        return 0 <= i < len(raw) and raw[i].start <= o < max(raw[i].end, raw[i].start + 1)

    for f in sorted(doc.furniture, key=lambda f: f.start):
        # the page holding it, by bisection (a scan per furniture was quadratic: 21 of
        # the 24 s of a 4,000-page export); the scan stays for pages out of order
        idx = bisect_right(starts, f.start) - 1
        if not holds(idx, f.start) or holds(idx - 1, f.start):
            idx = next((i for i in range(len(raw)) if holds(i, f.start)), 0)
        pos = view.from_orig(f.start)
        if idx >= len(pages) or pos <= pages[idx]["start"]:
            at_top[min(idx, len(pages) - 1)].append(f)
        else:
            out.append(Point(pos, lambda f=f: [el("fw", f.text, type=f.type)], left=False))
    for i, pg in enumerate(pages):

        def make(i=i, pg=pg) -> list[etree._Element]:
            return [el("pb", n=pg["n"])] + [el("fw", f.text, type=f.type) for f in at_top[i]]

        out.append(Point(pg["start"], make, left=False, order=-1))
    return out


def header(ctx: Ctx) -> etree._Element:
    doc = ctx.doc
    md = doc.metadata
    title = str(md.get("title") or doc.source.path.rsplit("/", 1)[-1])
    h = el("teiHeader")
    fd = sub(h, "fileDesc")
    ts = sub(fd, "titleStmt")
    sub(ts, "title", title)
    rs = sub(ts, "respStmt", xml_id="archivist")
    sub(rs, "resp", "automatic transcription repair, structuring and annotation")
    sub(rs, "name", "archivist")
    for who, rid in ctx.reviewers.items():
        rv = sub(ts, "respStmt", xml_id=rid)
        sub(rv, "resp", "review of corrections")
        sub(rv, "name", who)
    ps = sub(fd, "publicationStmt")
    sub(ps, "p", "Machine-made edition of a digitized source; not published. Every change "
                 "to the source text is recorded.")
    sd = sub(fd, "sourceDesc")
    bibl = sub(sd, "bibl")
    sub(bibl, "title", title)
    if md.get("author"):
        sub(bibl, "author", str(md["author"]))
    if md.get("recipient"):  # the addressee a memorandum or telegram names
        rs_to = sub(bibl, "respStmt")
        sub(rs_to, "resp", "addressee")
        sub(rs_to, "name", str(md["recipient"]))
    if md.get("date"):
        sub(bibl, "date", str(md["date"]), **edtf_attrs(str(md["date"])))
    if md.get("place"):  # where a treaty or deed was signed
        sub(bibl, "placeName", str(md["place"]))
    sub(bibl, "idno", doc.source.path, type="path")
    sub(bibl, "idno", doc.source.sha256, type="sha256")
    sub(bibl, "idno", doc.source.format, type="format")
    for ident in md.get("identifiers") or []:
        sub(bibl, "idno", str(ident), type="document")
    if md.get("classification"):  # the paper's security marking ("Confidential")
        sub(bibl, "note", str(md["classification"]), type="classification")
    ed = sub(sub(h, "encodingDesc"), "editorialDecl")
    sub(sub(ed, "correction"), "p",
        "Corrections of the digitized text (OCR and encoding errors) are recorded as "
        "choice/sic/corr: sic holds the text exactly as read, corr the reading adopted, with "
        "@cert (high >= 0.9, medium >= 0.7, low below) and @resp pointing to the automatic "
        "process (and to the reviewer who accepted it, if one did). Corrections below the "
        "confidence threshold are not applied unless a reviewer accepts them; reviewers' "
        "decisions are listed in revisionDesc.")
    sub(sub(ed, "normalization"), "p",
        "Line breaks are joined with a space and paragraphs follow the source; words "
        "hyphenated across lines are rejoined. Lines that OCR put out of order are moved back "
        "(recorded in the edit log, not marked up).")
    sub(sub(ed, "segmentation"), "p",
        "Page furniture (page numbers, running heads and feet, document headers) is kept as "
        "fw at the page beginning (pb); footnotes are note place=foot at their marker.")
    if ctx.reviews:
        rd = sub(h, "revisionDesc")
        for r in ctx.reviews:
            e = doc.edits[r.edit]
            sub(rd, "change", f"{r.action}ed correction {e.id} ({e.stage}): "
                              f"\u201c{e.original}\u201d \u2192 \u201c{e.replacement}\u201d",
                when=r.when, who=f"#{ctx.reviewers[r.who]}")
    return h


def stand_off(ctx: Ctx) -> etree._Element | None:
    """Entity lists and the bibliography of citations."""
    doc = ctx.doc
    so = el("standOff")
    groups: dict[str, list[Any]] = defaultdict(list)
    listed: set[str] = set()
    for e in doc.entities:
        if e.id in listed:
            continue  # one list item per id (a second would repeat its xml:id)
        listed.add(e.id)
        tag = ENTITY_ELEMENT.get(e.type.upper())
        groups[tag or ("EVENT" if e.type.upper() == "EVENT" else "other")].append(e)
    for name_tag, list_tag, item_tag in (("persName", "listPerson", "person"),
                                         ("placeName", "listPlace", "place"),
                                         ("orgName", "listOrg", "org")):
        if groups.get(name_tag):
            lst = sub(so, list_tag)
            for e in groups[name_tag]:
                _names(sub(lst, item_tag, xml_id=xml_id(e.id, ctx.ids)), name_tag, e)
    if groups.get("EVENT"):
        le = sub(so, "listEvent")
        for e in groups["EVENT"]:
            ev = sub(le, "event", xml_id=xml_id(e.id, ctx.ids))
            sub(ev, "label", e.name)
    if groups.get("other"):
        ln = sub(so, "listNym")
        for e in groups["other"]:
            nym = sub(ln, "nym", xml_id=xml_id(e.id, ctx.ids))
            if word(e.type):
                nym.set("type", word(e.type.lower()))
            for form in [e.name, *[v for v in e.variants if v != e.name]]:
                sub(nym, "form", form)
    if doc.citations:
        lb = sub(so, "listBibl")
        for c in doc.citations:
            lb.append(citation_bibl(c))
    return so if len(so) else None


def _names(parent: etree._Element, tag: str, e: Any) -> None:
    sub(parent, tag, e.name)
    for v in e.variants:
        if v != e.name:
            sub(parent, tag, v, type="variant")


def citation_bibl(c: dict[str, Any]) -> etree._Element:
    """A CSL-JSON-like citation record as <bibl>."""
    b = el("bibl")
    if word(str(c.get("type") or "")):
        b.set("type", word(str(c["type"])))
    if c.get("note") is not None:
        b.set("n", clean(str(c["note"])))
    for a in c.get("author") or []:
        if isinstance(a, dict):
            name = " ".join(str(a[k]) for k in ("given", "family", "literal") if a.get(k))
        else:
            name = str(a)
        if name:
            sub(b, "author", name)
    if c.get("title"):
        sub(b, "title", str(c["title"]), level="a" if c.get("container-title") else "m")
    if c.get("container-title"):
        sub(b, "title", str(c["container-title"]), level="j")
    if c.get("title-short"):
        sub(b, "title", str(c["title-short"]), type="short")
    if c.get("authority"):
        sub(b, "orgName", str(c["authority"]))  # the house of a parliamentary debate
    # the locator's unit is its CSL label where the citation gave one (folio, column)
    for key, unit in (("collection-number", "series"), ("part-number", "part"),
                      ("volume", "volume"),
                      ("issue", "issue"), ("number", "document"), ("page", "page"),
                      ("locator", word(str(c.get("label") or "")) or "page")):
        if c.get(key):
            sub(b, "biblScope", str(c[key]), unit=unit)
    if c.get("publisher-place"):
        sub(b, "pubPlace", str(c["publisher-place"]))
    if c.get("publisher"):
        sub(b, "publisher", str(c["publisher"]))
    issued = c.get("issued")
    if issued:
        text = str(issued.get("literal") or issued) if isinstance(issued, dict) else str(issued)
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        if parts and parts[0]:
            text = "-".join(f"{int(x):02d}" if i else f"{int(x):04d}"
                            for i, x in enumerate(parts[0]))
        sub(b, "date", text, **edtf_attrs(text))
    for key in ("archive", "fond", "opis", "papka", "delo", "list"):
        if c.get(key):
            sub(b, "idno", str(c[key]), type=key)
    # the archive's full name when it was cited by an abbreviation (its own language,
    # then English), and the department or record group its reference code names
    if c.get("archive-name"):
        sub(b, "orgName", str(c["archive-name"]), type="archive")
    if c.get("archive-name-en"):
        sub(b, "orgName", str(c["archive-name-en"]), type="archive").set(f"{{{XML_NS}}}lang",
                                                                          "en")
    if c.get("record-group"):
        sub(b, "orgName", str(c["record-group"]), type="records")
    if c.get("archive-place"):
        sub(b, "placeName", str(c["archive-place"]))
    elif c.get("archive-town"):  # the town of an archive the citation named without one
        sub(b, "placeName", str(c["archive-town"]), type="archive")
    if c.get("archive_collection"):
        sub(b, "idno", str(c["archive_collection"]), type="collection")
    if c.get("archive_location") and not c.get("fond"):
        # a reference code of any other archive ("FO 371/22189, f. 45") as it was cited
        sub(b, "idno", str(c["archive_location"]), type="location")
    return b


def row_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table row in `text[start:end]`: each figure a cell, each run of
    other words one cell (the row's label: "New South Wales 42 37" has three).

    >>> t = "New South Wales 42 37"
    >>> [t[a:b] for a, b in row_cells(t, 0, len(t))]
    ['New South Wales', '42', '37']
    """
    cells: list[tuple[int, int]] = []
    label: tuple[int, int] | None = None
    for m in re.finditer(r"\S+", text[start:end]):
        a, b = start + m.start(), start + m.end()
        if FIGURE.match(m.group()):
            if label:
                cells.append(label)
                label = None
            cells.append((a, b))
        else:
            label = (label[0], b) if label else (a, b)
    if label:
        cells.append(label)
    return cells


def block_spans(text: str, paragraphs: list[dict[str, Any]]) -> list[Span]:
    """The block-level spans of the body: <p> and <head> per block, <table><row><cell>
    for each run of table rows, and a <div> from each run of headings to the next (TEI
    puts a <head> only at the start of a division). A lone heading right above a table
    is the table's caption, its <head>. Outer spans come first, so that spans with the
    same start and end nest in that order."""
    out: list[Span] = []
    divs: list[Span] = []
    rows: list[Span] = []
    table: Span | None = None
    prev = ""
    kinds = [p.get("kind", "p") for p in paragraphs]
    for i, p in enumerate(paragraphs):
        s, e, kind = p["start"], p["end"], kinds[i]
        if kind == "head" and prev != "head" and kinds[i + 1:i + 2] == ["row"]:
            table = Span(s, e, 0, lambda: el("table"), container=True)
            out.append(table)
            out.append(Span(s, e, 0, lambda: el("head")))  # the caption
            prev = "caption"
            continue
        if kind == "head" and prev != "head":
            if divs:
                divs[-1].end = s
            divs.append(Span(s, len(text), 0, lambda: el("div"), container=True))
        if kind == "row":
            if table is None:
                table = Span(s, e, 0, lambda: el("table"), container=True)
                out.append(table)
            table.end = e
            rows.append(Span(s, e, 0, lambda: el("row"), container=True))
            rows.extend(Span(a, b, 0, lambda: el("cell")) for a, b in row_cells(text, s, e))
        else:
            table = None
            out.append(Span(s, e, 0, lambda k=kind: el("head" if k == "head" else "p")))
        prev = kind
    return divs + out + rows


def to_tei(doc: Document) -> str:
    """The document as a TEI P5 XML string (valid against tei_all.rng)."""
    ctx = Ctx(doc, ids={"\x00resp": "archivist"},
              entity_type={e.id: e.type for e in doc.entities})
    for e in doc.entities:
        xml_id(e.id, ctx.ids)
    add_reviewers(ctx)
    root = etree.Element(t("TEI"), nsmap={None: TEI_NS})
    root.append(header(ctx))
    body = sub(sub(root, "text"), "body")
    view = doc.body_view()
    spans = block_spans(view.text, doc.paragraphs())
    espans, epoints = edit_spans(ctx, view)
    points = page_points(ctx) + epoints
    loose = []
    for note in doc.notes:
        anchor = doc.note_anchor(note)
        if anchor is None:
            loose.append(note)
        else:
            points.append(Point(anchor, lambda n=note: [note_element(ctx, n)], left=True,
                                order=1))
    if not spans:
        spans = [Span(0, max(len(view.text), 1), 0, lambda: el("p"))]
    build(body, view.text, spans + espans + name_spans(ctx, "text"), points,
          text_outside=False)
    for note in loose:
        body.append(note_element(ctx, note))
    so = stand_off(ctx)
    if so is not None:
        root.append(so)
    return etree.tostring(root, encoding="unicode", xml_declaration=False)


# -- validation ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def schema() -> etree.RelaxNG:
    """The compiled tei_all.rng (TEI P5 4.3.0), compiled once per process."""
    path = resources.files("archivist.export") / "schema" / "tei_all.rng"
    with resources.as_file(path) as p:
        return etree.RelaxNG(etree.parse(str(p)))


def validate(xml: str) -> list[str]:
    """Errors of `xml` against tei_all.rng (empty when valid)."""
    try:
        tree = etree.fromstring(xml.encode("utf-8"))
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    rng = schema()
    if rng.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in rng.error_log]
