"""The review queue: uncertain corrections, and accepting or rejecting them.

A reviewer's decision changes an edit's status in the stored document; the clean
text is re-derived from `original` and the edits (the model does that), and the
annotations that point into the clean text (mentions, dates, events) are carried
over to the new text through the original offsets, so they keep pointing at the
same words. The document is written back through `Store.add` (same sha256: the
old rows are replaced in one transaction). Each decision is also appended to a
JSON-lines audit log with the time and the reviewer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model import APPLIED, REJECTED, SUGGESTED, Document, EditConflict, View, visible_edits
from ..store import Store
from ..store.record import document_from_json

REVIEWED_MARK = "[reviewed:"  # written into an edit's reason; reviewed edits leave the queue
ACTIONS = {"accept": APPLIED, "reject": REJECTED}
QUEUE_CANDIDATES = 2000  # rows looked at per queue page (lowest confidence first)


class ReviewError(ValueError):
    """The decision cannot be applied (unknown edit, conflicting edit...)."""

    def __init__(self, msg: str, status: int = 400) -> None:
        super().__init__(msg)
        self.status = status


@dataclass
class Decision:
    doc_id: int  # the document's id after re-saving (the store gives it a new one)
    edit_id: int
    old_status: str
    new_status: str
    text_changed: bool


def _shift(old: str, new: str) -> tuple[int, int, int]:
    """(common prefix, end of the changed region in old, length change) of two texts.

    One edit changing status changes one contiguous stretch of a view's text (its
    rendering), so everything before it keeps its offset and everything after it
    moves by the difference in length.

    >>> _shift("the cat sat", "the cart sat")
    (6, 6, 1)
    """
    p = 0
    top = min(len(old), len(new))
    while p < top and old[p] == new[p]:
        p += 1
    s = 0
    while s < top - p and old[-1 - s] == new[-1 - s]:
        s += 1
    return p, len(old) - s, len(new) - len(old)


def _remap(old: View, new: View, start: int, end: int) -> tuple[int, int]:
    """Carry a clean span of `old` over to `new`; a span touching the changed stretch
    grows to cover its new reading.

    >>> from archivist.model import Document, Source
    >>> a = Document("the cat sat", Source("x", "0", "text"))
    >>> old = a.body_view()
    >>> a.add_edits([old.edit("t", 4, 7, "cart")]) and None
    >>> _remap(old, a.body_view(), 8, 11), _remap(old, a.body_view(), 4, 7)
    ((9, 12), (4, 8))
    """
    p, oe, delta = _shift(old.text, new.text)

    def one(i: int, is_end: bool) -> int:
        if i < p or (i == p and (is_end or i == oe)):
            return i
        if i >= oe:
            return i + delta
        return oe + delta if is_end else p  # inside the changed stretch

    s = one(start, False)
    return s, max(one(end, True), s)


def remap_annotations(doc: Document, old_views: dict[str, View]) -> None:
    """Move mentions, dates and events from the old clean texts to the current ones."""
    new_views = {v.where: v for v in doc.views()}

    def pair(where: str) -> tuple[View, View] | None:
        o, n = old_views.get(where), new_views.get(where)
        return (o, n) if o is not None and n is not None else None

    for m in doc.mentions:
        p = pair(m.where)
        if p and 0 <= m.start <= m.end <= len(p[0].text):
            m.start, m.end = _remap(*p, m.start, m.end)
            m.text = p[1].text[m.start:m.end] or m.text
    for d in doc.dates:
        p = pair(d.where)
        if p and 0 <= d.start <= d.end <= len(p[0].text):
            d.start, d.end = _remap(*p, d.start, d.end)
            d.text = p[1].text[d.start:d.end] or d.text
    for ev in doc.events:
        p = pair(ev.where)
        if p and 0 <= ev.start <= ev.end <= len(p[0].text):
            ev.start, ev.end = _remap(*p, ev.start, ev.end)


def apply_decision(doc: Document, edit_id: int, action: str, who: str,
                   when: datetime | None = None) -> tuple[str, str, bool]:
    """Change one text edit's status in `doc` (re-deriving the text and moving the
    annotations); returns (old status, new status, whether the text changed)."""
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r} (accept or reject)")
    if not 0 <= edit_id < len(doc.edits) or doc.edits[edit_id].id != edit_id:
        raise ReviewError(f"no edit {edit_id} in this document", 404)
    e = doc.edits[edit_id]
    if e.kind != "text":
        raise ReviewError("only text corrections are reviewed here (layout edits shape the "
                          "page structure)")
    old_status, new_status = e.status, ACTIONS[action]
    before = {v.where: v for v in doc.views()}
    old_texts = {w: v.text for w, v in before.items()}
    doc.set_status(edit_id, new_status)
    try:
        visible_edits(doc.edits)
    except EditConflict as exc:
        doc.set_status(edit_id, old_status)
        raise ReviewError(f"cannot accept: it overlaps another applied edit ({exc})",
                          409) from exc
    remap_annotations(doc, before)
    stamp = (when or datetime.now(UTC)).isoformat(timespec="seconds")
    who = " ".join(who.split()) or "reviewer"
    e.reason = f"{e.reason} {REVIEWED_MARK} {action}ed by {who} {stamp}]".strip()
    changed = any(v.text != old_texts.get(v.where) for v in doc.views())
    return old_status, new_status, changed


def decide(store: Store, doc_id: int, edit_id: int, action: str, who: str,
           log_path: Path | None, client: str = "") -> Decision:
    """Apply a reviewer's decision to a stored document and persist it."""
    try:
        d = store.document_json(doc_id)
    except KeyError as exc:
        raise ReviewError(f"no document {doc_id}", 404) from exc
    doc = document_from_json(d)  # a private copy: the store's cached one stays untouched
    known = store.lookup(doc.source.sha256)
    version = known[1] if known else "1"
    now = datetime.now(UTC)
    old, new, changed = apply_decision(doc, edit_id, action, who, now)
    new_id = store.add(doc, version)
    e = doc.edits[edit_id]
    entry = {"time": now.isoformat(timespec="seconds"), "who": who or "reviewer",
             "client": client, "action": action, "doc": d.get("source", {}).get("path"),
             "sha256": doc.source.sha256, "doc_id": new_id, "old_doc_id": doc_id,
             "edit": edit_id, "stage": e.stage, "original": e.original,
             "replacement": e.replacement, "confidence": e.confidence,
             "old_status": old, "new_status": new, "text_changed": changed}
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return Decision(new_id, edit_id, old, new, changed)


def recent_log(log_path: Path | None, n: int = 20) -> list[dict[str, Any]]:
    """The last `n` decisions in the audit log, newest first."""
    if log_path is None or not log_path.exists():
        return []
    lines = log_path.read_text(encoding="utf-8").splitlines()[-n:]
    out = []
    for line in reversed(lines):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def _where_of(doc: Document, start: int, end: int) -> View:
    for note in doc.notes:
        if note.start <= start and end <= note.end:
            return doc.note_view(note)
    return doc.body_view()


def context_of(doc: Document, edit_id: int, words: int = 8) -> dict[str, Any] | None:
    """The clean text around an edit (None when the edit is not visible anywhere:
    superseded by a later edit or inside removed text)."""
    e = doc.edits[edit_id]
    view = _where_of(doc, e.start, e.end)
    if e.status == APPLIED:
        idx = [i for i, x in enumerate(view.edit_of) if x == edit_id]
        if idx:
            cs, ce = idx[0], idx[-1] + 1
        elif not e.replacement and e.end > e.start:
            cs = ce = view.from_orig(e.end)
            if cs < len(view.text) and view.edit_of[cs] != -1 and cs > 0 \
                    and view.edit_of[cs - 1] != -1:
                return None
        else:
            return None
    else:
        cs, ce = view.from_orig(e.start), view.from_orig(e.end)
        if any(x != -1 and view.doc.edits[x].kind != "text" and view.doc.edits[x].end
               - view.doc.edits[x].start > max(1, e.end - e.start) for x in view.edit_of[cs:ce]):
            return None
    text = view.text
    before = text[:cs].split()
    after = text[ce:].split()
    lead = text[:cs][len(text[:cs].rstrip()):]  # keep the space just before the edit
    tail = text[ce:][:len(text[ce:]) - len(text[ce:].lstrip())]
    return {"where": view.where, "start": cs, "end": ce,
            "before": (" ".join(before[-words:]) + lead) if before else lead,
            "current": text[cs:ce],
            "after": (tail + " ".join(after[:words])) if after else tail}


def queue(store: Store, threshold: float, limit: int = 50, offset: int = 0,
          include_reviewed: bool = False, doc_id: int | None = None
          ) -> list[dict[str, Any]]:
    """Edits to review: suggested ones and applied ones below `threshold`, least
    confident first, each with its context in the clean text (optionally of one
    document only)."""
    only = " AND e.doc_id = ?" if doc_id is not None else ""
    rows = store.rows(
        "SELECT e.doc_id, d.name, d.title, e.seq, e.stage, e.original, e.replacement, "
        "e.confidence, e.alternatives, e.reason, e.status FROM edits e "
        "JOIN documents d ON d.id = e.doc_id WHERE e.kind = 'text' AND "
        f"(e.status = ? OR (e.status = ? AND e.confidence < ?)){only} "
        "ORDER BY e.confidence, e.doc_id, e.seq LIMIT ?",
        (SUGGESTED, APPLIED, threshold, *([doc_id] if doc_id is not None else []),
         QUEUE_CANDIDATES))
    out: list[dict[str, Any]] = []
    skipped = 0
    for (did, name, title, seq, stage, original, repl, conf, alts, reason,
         status) in rows:
        if not include_reviewed and REVIEWED_MARK in (reason or ""):
            continue
        doc = store.document(int(did))
        if not 0 <= int(seq) < len(doc.edits):
            continue
        ctx = context_of(doc, int(seq))
        if ctx is None:
            continue
        if skipped < offset:
            skipped += 1
            continue
        out.append({"doc_id": int(did), "doc": name, "title": title, "edit": int(seq),
                    "stage": stage, "original": original, "replacement": repl,
                    "confidence": round(float(conf), 4), "alternatives": json.loads(alts or "[]"),
                    "reason": reason, "status": status, "context": ctx})
        if len(out) >= limit:
            break
    return out
