"""HTML for one document: the clean text with its structure and its provenance.

Everything here builds markup from stored text, so every piece of text goes
through `markupsafe.escape`; only the tags written in this module are trusted.
The text is cut at every boundary of every annotation layer (entities, hit,
corrections) and the tags are closed and re-opened around each cut, so layers
nest properly even when their spans cross.

>>> layered_html("a <b> c", 0, 7, [[Span(2, 5, Markup('<i>'), Markup('</i>'))]], [])
Markup('a <i>&lt;b&gt;</i> c')
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from ..model import APPLIED, SUGGESTED, Document, Edit, View

ENTITY_CLASSES = ("PERSON", "PLACE", "ORG", "EVENT", "WORK", "AGREEMENT")


@dataclass
class Span:
    """A tagged span [start, end) of the text; spans of one layer do not overlap."""

    start: int
    end: int
    open: Markup
    close: Markup


@dataclass(order=True)
class Point:
    """Markup inserted at one offset (a page break, a note anchor, a deletion mark)."""

    at: int
    order: int
    html: Markup = field(compare=False)


def layered_html(text: str, lo: int, hi: int, layers: list[list[Span]],
                 points: list[Point]) -> Markup:
    """Escape text[lo:hi] wrapping each layer's spans (first layer outermost) and
    inserting points; a point at a span's start goes before that span."""
    layers = [sorted((s for s in layer if s.end > s.start and s.end > lo and s.start < hi),
                     key=lambda s: s.start) for layer in layers]
    starts = [[s.start for s in layer] for layer in layers]
    pts = sorted(p for p in points if lo <= p.at <= hi)
    bounds = {lo, hi}
    for layer in layers:
        for s in layer:
            bounds.update(b for b in (s.start, s.end) if lo < b < hi)
    bounds.update(p.at for p in pts)
    order = sorted(bounds)
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # (layer, span index) currently open
    pi = 0
    for k, b in enumerate(order):
        want: list[tuple[int, int]] = []
        if b < hi:
            for li, layer in enumerate(layers):
                i = bisect_right(starts[li], b) - 1
                if i >= 0 and layer[i].start <= b < layer[i].end:
                    want.append((li, i))
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep] == want[keep]:
            keep += 1
        for li, i in reversed(stack[keep:]):
            out.append(layers[li][i].close)
        while pi < len(pts) and pts[pi].at == b:
            out.append(pts[pi].html)
            pi += 1
        for li, i in want[keep:]:
            out.append(layers[li][i].open)
        stack = want
        if k + 1 < len(order):
            out.append(escape(text[b:order[k + 1]]))
    return Markup("".join(out))


def _pct(c: float) -> str:
    return f"{round(c * 100)}%"


def edit_title(e: Edit, doc: Document) -> str:
    """Plain-text description of an edit (tooltip fallback and accessible name)."""
    if e.kind == "move":
        return (f"moved by {e.stage} (from original offset {e.moved_from})"
                if e.moved_from is not None else f"moved away by {e.stage}")
    was = e.original if e.original else "(nothing)"
    parts = [f"was: {was}", e.stage, f"confidence {_pct(e.confidence)}"]
    alts = [a for a in e.alternatives if a]
    if alts:
        parts.append("alternatives: " + ", ".join(alts))
    if e.status != APPLIED:
        parts.append(e.status)
    refined = [doc.edits[i].stage for i in e.supersedes if 0 <= i < len(doc.edits)]
    if refined:
        parts.append("refines " + ", ".join(dict.fromkeys(refined)))
    return " · ".join(parts)


def _edit_attrs(e: Edit, doc: Document) -> Markup:
    alts = " | ".join(a for a in e.alternatives)
    return Markup(' tabindex="0" data-edit="{}" data-orig="{}" data-stage="{}" data-conf="{}" '
                  'data-alts="{}" data-reason="{}" data-status="{}" title="{}"').format(
        e.id, e.original, e.stage, _pct(e.confidence), alts, e.reason, e.status,
        edit_title(e, doc))


def edit_spans(view: View) -> tuple[list[Span], list[Point]]:
    """Highlights for the corrections visible in a view (runs of characters made by
    one text or move edit), and marks where a text edit deleted something."""
    doc = view.doc
    spans: list[Span] = []
    eo = view.edit_of
    i, n = 0, len(view.text)
    while i < n:
        eid = eo[i]
        j = i + 1
        while j < n and eo[j] == eid:
            j += 1
        if eid != -1 and doc.edits[eid].kind in ("text", "move"):
            e = doc.edits[eid]
            cls = "corr" if e.kind == "text" else "moved"
            spans.append(Span(i, j, Markup('<span class="{}"').format(cls) + _edit_attrs(e, doc)
                              + Markup(">"), Markup("</span>")))
        i = j
    points: list[Point] = []
    shown = set(eo)
    hidden = _Hidden(doc)
    for e in _window_edits(view):
        if e.id in shown or e.status != APPLIED or e.kind != "text" or e.replacement:
            continue
        if e.end > e.start and not hidden(e):
            at = view.from_orig(e.end)
            points.append(Point(at, 2, Markup('<span class="corr del"') + _edit_attrs(e, doc)
                                + Markup(">&#8203;</span>")))
    return spans, points


def _window_edits(view: View) -> list[Edit]:
    ws, we = view.window
    return [e for e in view.doc.edits if ws <= e.start and e.end <= we
            and not (view.where != "text" and e.start == ws and e.end == we)]


class _Hidden:
    """Whether an edit is superseded by, or lies inside a wider, applied edit (then a
    deletion is not worth marking). Built once per view: asking every deletion
    against every edit was quadratic (1.1 CPU-s for a page of 3,000 deletions)."""

    def __init__(self, doc: Document) -> None:
        applied = [o for o in doc.edits if o.status == APPLIED]
        self.superseded = {i for o in applied for i in o.supersedes}
        spans = sorted((o.start, o.end) for o in applied if o.end > o.start)
        self.starts = [a for a, _ in spans]
        self.max_end: list[int] = []  # greatest end among spans[:k + 1]
        for _, b in spans:
            self.max_end.append(max(b, self.max_end[-1] if self.max_end else b))
        self.end_at: dict[int, int] = {}  # greatest end of the spans starting at a point
        for a, b in spans:
            self.end_at[a] = max(b, self.end_at.get(a, b))

    def __call__(self, e: Edit) -> bool:
        if e.id in self.superseded:
            return True
        # a wider span around e starts before it and reaches its end, or starts with it
        # and goes further
        k = bisect_left(self.starts, e.start) - 1
        return (k >= 0 and self.max_end[k] >= e.end) or self.end_at.get(e.start, -1) > e.end


def suggestion_spans(view: View, taken: list[Span]) -> tuple[list[Span], list[Point]]:
    """Where suggested (not applied) edits would change the text."""
    doc = view.doc
    spans: list[Span] = []
    points: list[Point] = []
    busy = [(s.start, s.end) for s in taken]
    for e in _window_edits(view):
        if e.status != SUGGESTED:
            continue
        cs, ce = view.from_orig(e.start), view.from_orig(e.end)
        attrs = _edit_attrs(e, doc)
        label = Markup(' data-repl="{}"').format(e.replacement)
        if ce > cs and not any(a < ce and cs < b for a, b in busy):
            spans.append(Span(cs, ce, Markup('<span class="sugg"') + attrs + label
                              + Markup(">"), Markup("</span>")))
            busy.append((cs, ce))
        elif e.start == e.end:
            points.append(Point(cs, 3, Markup('<span class="sugg ins"') + attrs + label
                                + Markup(">&#8203;</span>")))
    return spans, points


def entity_spans(doc: Document, where: str, length: int) -> list[Span]:
    """Entity mentions of one view, as non-overlapping spans (first, longest wins)."""
    names = {e.id: e for e in doc.entities}
    out: list[Span] = []
    last = -1
    for m in sorted((m for m in doc.mentions if m.where == where),
                    key=lambda m: (m.start, -m.end)):
        s, e = max(0, m.start), min(length, m.end)
        if e <= s or s < last:
            continue
        ent = names.get(m.entity)
        typ = ent.type if ent else "OTHER"
        cls = typ.lower() if typ in ENTITY_CLASSES else "other"
        title = f"{typ.title()}: {ent.name}" if ent else typ
        out.append(Span(s, e, Markup('<span class="ent ent-{}" data-entity="{}" title="{}">')
                        .format(cls, m.entity, title), Markup("</span>")))
        last = e
    return out


def hit_span(hl: tuple[int, int] | None, length: int) -> list[Span]:
    if hl is None:
        return []
    s, e = max(0, hl[0]), min(length, hl[1])
    if e <= s:
        return []
    return [Span(s, e, Markup('<mark class="hit">'), Markup("</mark>"))]


def view_layers(view: View, hl: tuple[int, int] | None) -> tuple[list[list[Span]], list[Point]]:
    """Layers (outermost first: search hit, entities, corrections) and points of a
    view; the hit, outermost, stays one element, and one anchor marks its start."""
    corr, del_points = edit_spans(view)
    sugg, sugg_points = suggestion_spans(view, corr)
    hit = hit_span(hl, len(view.text))
    anchor = [Point(hit[0].start, -1, Markup('<span id="hit"></span>'))] if hit else []
    layers = [hit, entity_spans(view.doc, view.where, len(view.text)), corr + sugg]
    return layers, anchor + del_points + sugg_points


# a heading (layout's block kind "head") reads as one; a table row keeps its columns
# spacing readable (the TEI export splits the cells)
BLOCK_HTML = {"p": Markup('<p data-start="{}">{}</p>'),
              "head": Markup('<h3 class="block-head" data-start="{}">{}</h3>'),
              "row": Markup('<p class="block-row" data-start="{}">{}</p>')}


def body_html(doc: Document, hl: tuple[int, int] | None = None) -> Markup:
    """The clean body as paragraphs, with page-break markers and note anchors."""
    view = doc.body_view()
    text = view.text
    layers, points = view_layers(view, hl)
    page_pts = [Point(p["start"], 0, Markup('<span class="pb" id="page-{}" data-page="{}">'
                                            'p.&nbsp;{}</span>').format(i, p["n"], p["n"]))
                for i, p in enumerate(doc.pages())]
    anchors = []
    for k, note in enumerate(doc.notes):
        a = doc.note_anchor(note)
        if a is not None:
            anchors.append(Point(a, 1, Markup(
                '<sup class="fn"><a href="#note-{k}" id="ref-{k}" title="note {n}">{n}</a></sup>'
            ).format(k=k, n=note.n)))
    paras = doc.paragraphs() or ([{"start": 0, "end": len(text)}] if text else [])
    out: list[str] = []
    pending = sorted(page_pts + anchors)
    pi = 0
    for p in paras:
        s, e = p["start"], p["end"]
        mine: list[Point] = []
        # points before this paragraph go between paragraphs (a page break at a gap)
        while pi < len(pending) and (pending[pi].at < s or (pending[pi].at == s
                                                             and pending[pi].order == 0)):
            out.append(Markup('<div class="gap">{}</div>').format(pending[pi].html))
            pi += 1
        while pi < len(pending) and (pending[pi].at < e or (pending[pi].at == e
                                                             and pending[pi].order == 1)):
            mine.append(pending[pi])
            pi += 1
        inner = layered_html(text, s, e, layers, mine + [q for q in points if s <= q.at <= e])
        out.append(BLOCK_HTML.get(p.get("kind", "p"), BLOCK_HTML["p"]).format(s, inner))
    for q in pending[pi:]:
        out.append(Markup('<div class="gap">{}</div>').format(q.html))
    return Markup("\n".join(out))


def notes_html(doc: Document, hl: tuple[int, int] | None = None,
               hl_where: str | None = None) -> list[dict[str, Any]]:
    """Each note's clean text as HTML, with its number, page and anchor."""
    out = []
    for k, note in enumerate(doc.notes):
        view = doc.note_view(note)
        layers, points = view_layers(view, hl if hl_where == view.where else None)
        out.append({"k": k, "n": note.n, "page": note.page,
                    "anchored": doc.note_anchor(note) is not None,
                    "html": layered_html(view.text, 0, len(view.text), layers, points)})
    return out


def original_html(doc: Document) -> Markup:
    """The original exactly as read, showing what was treated as page furniture and
    notes, and the spans that text edits changed (applied, suggested, rejected)."""
    n = len(doc.original)
    furn = [Span(f.start, f.end, Markup('<span class="furn" title="page furniture: {}">')
                 .format(f.type), Markup("</span>")) for f in doc.furniture]
    notes = [Span(x.start, x.end, Markup('<span class="noteblock" title="note {}">')
                  .format(x.n), Markup("</span>")) for x in doc.notes]
    superseded = {i for e in doc.edits if e.status == APPLIED for i in e.supersedes}
    edits: list[Span] = []
    points: list[Point] = []
    last = -1
    for e in sorted((e for e in doc.edits if e.kind == "text" and e.id not in superseded),
                    key=lambda e: (e.start, -e.end)):
        attrs = _edit_attrs(e, doc) + Markup(' data-repl="{}"').format(e.replacement)
        cls = {"applied": "corr", "suggested": "sugg"}.get(e.status, "rej")
        if e.end == e.start:
            points.append(Point(e.start, 2, Markup('<span class="{} ins"').format(cls) + attrs
                                + Markup(">&#8203;</span>")))
        elif e.start >= last:
            edits.append(Span(e.start, e.end, Markup('<span class="{}"').format(cls) + attrs
                              + Markup(">"), Markup("</span>")))
            last = e.end
    return layered_html(doc.original, 0, n, [furn, notes, edits], points)
