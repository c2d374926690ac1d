"""The review queue: uncertain corrections, and accepting or rejecting them.

A reviewer's decision changes an edit's status in the stored document; the clean
text is re-derived from `original` and the edits (the model does that), and the
annotations that point into the clean text (mentions, dates, events) are carried
over to the new text through the original offsets, so they keep pointing at the
same words (`archivist.store.revise`). The store rewrites the document in one
transaction under the same id (`Store.set_edit_status`), so links keep working.
Each decision is also appended to a JSON-lines audit log with the time and the
reviewer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..model import APPLIED, REJECTED, Document, EditConflict, View
from ..store import Store
from ..store.revise import EditNotFound, change_status

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
    doc_id: int  # the document's id (unchanged by a decision)
    edit_id: int
    old_status: str
    new_status: str
    text_changed: bool


def _note(action: str, who: str, when: datetime | None) -> str:
    """The mark a decision leaves in the edit's reason (it takes the edit off the queue)."""
    stamp = (when or datetime.now(UTC)).isoformat(timespec="seconds")
    who = " ".join(who.split()) or "reviewer"
    return f"{REVIEWED_MARK} {action}ed by {who} {stamp}]"


def _check(doc: Document, edit_id: int, action: str) -> None:
    if action not in ACTIONS:  # (not echoed whole: it may be megabytes)
        raise ReviewError(f"unknown action {action[:40]!r} (accept or reject)")
    if not 0 <= edit_id < len(doc.edits) or doc.edits[edit_id].id != edit_id:
        raise ReviewError(f"no edit {edit_id} in this document", 404)
    if doc.edits[edit_id].kind != "text":
        raise ReviewError("only text corrections are reviewed here (layout edits shape the "
                          "page structure)")


def apply_decision(doc: Document, edit_id: int, action: str, who: str,
                   when: datetime | None = None) -> tuple[str, str, bool]:
    """Change one text edit's status in `doc` (re-deriving the text and moving the
    annotations); returns (old status, new status, whether the text changed)."""
    _check(doc, edit_id, action)
    try:
        old, changed = change_status(doc, edit_id, ACTIONS[action], _note(action, who, when))
    except EditConflict as exc:
        raise ReviewError(f"cannot accept: it overlaps another applied edit ({exc})",
                          409) from exc
    return old, ACTIONS[action], changed


def decide(store: Store, doc_id: int, edit_id: int, action: str, who: str,
           log_path: Path | None, client: str = "") -> Decision:
    """Apply a reviewer's decision to a stored document and persist it (same id)."""
    try:
        doc = store.document(doc_id)
    except KeyError as exc:
        raise ReviewError(f"no document {doc_id}", 404) from exc
    _check(doc, edit_id, action)
    now = datetime.now(UTC)
    try:
        ch = store.set_edit_status(doc_id, edit_id, ACTIONS[action], _note(action, who, now))
    except KeyError as exc:
        raise ReviewError(f"no document {doc_id}", 404) from exc
    except EditNotFound as exc:
        raise ReviewError(str(exc), 404) from exc
    except EditConflict as exc:
        raise ReviewError(f"cannot accept: it overlaps another applied edit ({exc})",
                          409) from exc
    e = store.document(doc_id).edits[edit_id]
    entry = {"time": now.isoformat(timespec="seconds"), "who": who or "reviewer",
             "client": client, "action": action, "doc": doc.source.path,
             "sha256": doc.source.sha256, "doc_id": doc_id,
             "edit": edit_id, "stage": e.stage, "original": e.original,
             "replacement": e.replacement, "confidence": e.confidence,
             "old_status": ch.old_status, "new_status": ch.new_status,
             "text_changed": ch.text_changed}
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("a", encoding="utf-8") as fh:
            fh.write(log_line(entry))
    return Decision(doc_id, edit_id, ch.old_status, ch.new_status, ch.text_changed)


# Characters str.splitlines() (and many line-oriented tools) take for line ends that
# json.dumps(ensure_ascii=False) leaves raw: a reviewer named "Eve\u2028" or an
# edit of OCR text holding U+0085 split its entry in two, and both halves were
# dropped as bad JSON: the decision vanished from the log shown on /review.
_LINE_ENDS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def log_line(entry: dict[str, Any]) -> str:
    """One audit-log entry as one line of JSON (readable non-ASCII text, but every
    character any reader could take for a line end escaped).

    >>> log_line({"who": "Eve\u2028", "original": "a\x85b"})
    '{"who": "Eve\\\\u2028", "original": "a\\\\u0085b"}\\n'
    >>> json.loads(log_line({"who": "Eve\u2028"}))["who"] == "Eve\u2028"
    True
    """
    line = json.dumps(entry, ensure_ascii=False)
    for raw, escaped in _LINE_ENDS.items():
        line = line.replace(raw, escaped)  # inside JSON strings: a valid escape
    return line + "\n"


def recent_log(log_path: Path | None, n: int = 20) -> list[dict[str, Any]]:
    """The last `n` decisions in the audit log, newest first."""
    if log_path is None or not log_path.exists():
        return []
    # entries end with "\n" only (older logs may hold raw U+2028 inside an entry)
    lines = [ln for ln in log_path.read_text(encoding="utf-8").split("\n") if ln][-n:]
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
    out: list[dict[str, Any]] = []
    skipped = 0
    pos = 0
    while len(out) < limit and pos < QUEUE_CANDIDATES:
        rows = store.review_queue(threshold, doc_id=doc_id, limit=200, offset=pos)
        pos += len(rows)
        for it in rows:
            if not include_reviewed and REVIEWED_MARK in (it["reason"] or ""):
                continue
            doc = store.document(it["doc_id"])
            if not 0 <= it["edit"] < len(doc.edits):
                continue
            ctx = context_of(doc, it["edit"])
            if ctx is None:
                continue
            if skipped < offset:
                skipped += 1
                continue
            out.append({**it, "confidence": round(it["confidence"], 4), "context": ctx})
            if len(out) >= limit:
                break
        if len(rows) < 200:
            break
    return out
