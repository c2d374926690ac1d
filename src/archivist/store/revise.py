"""Changing an edit's status in a stored document and carrying annotations over.

When an edit is accepted or rejected, the clean text is re-derived from `original`
and the edits (the model does that). Mentions, dates and events point into the
clean texts, so they are moved to the new texts here: one edit changing status
changes one contiguous stretch of each view, so everything before the stretch keeps
its offset and everything after it shifts by the change in length. Both the store
(`Store.set_edit_status`) and the web review queue use this one routine.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import (
    APPLIED,
    REJECTED,
    SUGGESTED,
    Document,
    Edit,
    EditConflict,
    View,
    visible_edits,
)

STATUSES = (APPLIED, SUGGESTED, REJECTED)


class EditNotFound(LookupError):
    """The document has no edit with that id."""


@dataclass
class StatusChange:
    """What `Store.set_edit_status` / `change_status` did."""

    doc_id: int  # unchanged: the document keeps its id
    edit_id: int
    old_status: str
    new_status: str
    text_changed: bool


def shift(old: str, new: str, max_prefix: int | None = None, max_suffix: int | None = None
          ) -> tuple[int, int, int]:
    """(common prefix, end of the changed region in old, length change) of two texts;
    the prefix and suffix taken as unchanged are at most `max_prefix` / `max_suffix`.

    >>> shift("the cat sat", "the cart sat")
    (6, 6, 1)

    Where the change is ambiguous ("ab ab" -> "abab ab": a word grown, or "ab"
    inserted after it?) the bounds say where the edit really is:

    >>> shift("ab ab", "abab ab"), shift("ab ab", "abab ab", max_prefix=0, max_suffix=3)
    ((2, 2, 2), (0, 2, 2))
    """
    p = 0
    top = min(len(old), len(new))
    if max_prefix is not None:
        top_p = min(top, max(max_prefix, 0))
    else:
        top_p = top
    while p < top_p and old[p] == new[p]:
        p += 1
    s = 0
    top_s = top - p if max_suffix is None else min(top - p, max(max_suffix, 0))
    while s < top_s and old[-1 - s] == new[-1 - s]:
        s += 1
    return p, len(old) - s, len(new) - len(old)


def _stretch(view: View, edit: Edit) -> tuple[int, int]:
    """The clean span of `view` that `edit` governs: its own characters where it is
    shown, else where its span of original falls."""
    idx = [i for i, x in enumerate(view.edit_of) if x == edit.id]
    if idx:
        return idx[0], idx[-1] + 1
    a = view.from_orig(edit.start)
    if edit.end > edit.start:  # insertions at its start come before it: not its stretch
        eo, edits = view.edit_of, view.doc.edits
        while a < len(eo) and eo[a] != -1 and edits[eo[a]].start == edits[eo[a]].end \
                == edit.start:
            a += 1
    return a, max(a, view.from_orig(edit.end))


def remap(old: View, new: View, start: int, end: int, edit: Edit | None = None
          ) -> tuple[int, int]:
    """Carry a clean span of `old` over to `new`; a span touching the changed stretch
    grows to cover its new reading. With `edit` (the edit whose status changed) the
    changed stretch is looked for where that edit is, not just where the texts differ.

    >>> from archivist.model import Document, Source
    >>> a = Document("the cat sat", Source("x", "0", "text"))
    >>> old = a.body_view()
    >>> a.add_edits([old.edit("t", 4, 7, "cart")]) and None
    >>> remap(old, a.body_view(), 8, 11), remap(old, a.body_view(), 4, 7)
    ((9, 12), (4, 8))

    A space inserted where a span starts moves the start, not the end of the span
    before; inserted letters would join the word:

    >>> b = Document("ofIzv", Source("x", "0", "text"))
    >>> old = b.body_view()
    >>> b.add_edits([old.edit("t", 2, 2, " ")]) and None
    >>> remap(old, b.body_view(), 2, 5), remap(old, b.body_view(), 0, 2)
    ((3, 6), (0, 2))
    """
    return _carry(_region(old, new, edit), start, end)


# the changed stretch of one view: (common prefix, end of the change in the old text,
# length change, the text a pure insertion added), or None when the texts are equal;
# `Change` is the stretch where the decided edit is, and within it what really changed
Stretch = tuple[int, int, int, str]
Change = tuple[Stretch, Stretch]
Region = Change | None


def _stretch_of(old: str, new: str, max_prefix: int | None = None,
                max_suffix: int | None = None, base: int = 0) -> Stretch:
    p, oe, delta = shift(old, new, max_prefix, max_suffix)
    return base + p, base + oe, delta, new[p:p + delta] if p == oe and delta > 0 else ""


def _region(old: View, new: View, edit: Edit | None) -> Region:
    """Where `old` and `new` differ (found once per view: `_carry` maps each span)."""
    if old.text == new.text:
        return None
    if edit is None:
        outer = _stretch_of(old.text, new.text)
    else:
        (oa, ob), (na, nb) = _stretch(old, edit), _stretch(new, edit)
        outer = _stretch_of(old.text, new.text, min(oa, na),
                            min(len(old.text) - ob, len(new.text) - nb))
    # Inside the edit's stretch, what both readings share did not change: an edit that
    # refines another (a letter put before a space repair's " ", its output "a ")
    # changes only the letter when it is decided, not the space it took over.
    p, oe, delta, _ = outer
    return outer, _stretch_of(old.text[p:oe], new.text[p:oe + delta], base=p)


def _carry(region: Region, start: int, end: int) -> tuple[int, int]:
    """`remap` of one span, given the views' changed stretch."""
    if region is None:
        return start, end
    (p, oe, delta, added), (ip, ioe, _, iadded) = region

    def one(i: int, is_end: bool) -> int:
        if added and i == p:
            return _joined(i, delta, added, is_end)
        if i < p or (i == p and (is_end or i == oe)):
            # a span ending where the stretch begins: letters the decided edit puts
            # there (all it changes, the rest of its reading was there before) join it
            return _joined(i, delta, iadded, is_end) if is_end and iadded and ip == i else i
        if i >= oe:  # and a span starting where the stretch ends: the same
            if not is_end and i == oe and iadded and ioe == i:
                return _joined(i, delta, iadded, is_end)
            return i + delta
        if i == p:  # a span covering the stretch from its start covers its new reading
            return p
        # inside the stretch: carried over the part that really changed
        if iadded and i == ip:
            return _joined(i, delta, iadded, is_end)
        if i < ip or (i == ip and (is_end or i == ioe)):
            return i
        if i >= ioe:
            return i + delta
        return ioe + delta if is_end else ip

    s = one(start, False)
    return s, max(one(end, True), s)


def _joined(i: int, delta: int, added: str, is_end: bool) -> int:
    """A span's start or end at a pure insertion of `added`: letters join the word they
    touch ("ab" -> "aab"), a space or a stop does not (a space put back before a name
    is not part of the name)."""
    joins = (added[0] if is_end else added[-1]).isalnum()
    return i + delta if joins == is_end else i


def remap_annotations(doc: Document, old_views: dict[str, View], edit: Edit | None = None
                      ) -> None:
    """Move mentions, dates, quantities and events from the old clean texts to the
    current ones (after `edit` changed status, when given)."""
    new_views = {v.where: v for v in doc.views()}
    regions: dict[str, Region] = {}

    def move(where: str, start: int, end: int) -> tuple[int, int, str] | None:
        # (new start, new end, new text) of a span of view `where`; None if not carried
        o, n = old_views.get(where), new_views.get(where)
        if o is None or n is None or not 0 <= start <= end <= len(o.text):
            return None
        if where not in regions:  # the changed stretch, once per view (not per span)
            regions[where] = _region(o, n, edit)
        s, e = _carry(regions[where], start, end)
        return s, e, n.text[s:e]

    # (events keep their sentence's text as found: only their span moves)
    for items, with_text in ((doc.mentions, True), (doc.dates, True),
                             (doc.quantities, True), (doc.events, False)):
        for a in items:
            got = move(a.where, a.start, a.end)
            if got:
                a.start, a.end = got[0], got[1]
                if with_text:
                    a.text = got[2] or a.text


def change_status(doc: Document, edit_id: int, status: str, note: str = ""
                  ) -> tuple[str, bool]:
    """Set one edit's status in `doc`, re-deriving its texts and moving the annotations;
    `note` (if any) is appended to the edit's reason. Returns (old status, whether
    any text changed). Raises EditNotFound, ValueError for an unknown status, and
    EditConflict (leaving `doc` untouched) when applying it would overlap another edit.

    >>> from archivist.model import Document, Source
    >>> d = Document("the cat sat", Source("x", "0", "text"))
    >>> d.add_edits([d.body_view().edit("t", 4, 7, "cart", confidence=0.1)]) and None
    >>> change_status(d, 0, "applied", "[ok]"), d.text, d.edits[0].reason
    (('suggested', True), 'the cart sat', '[ok]')
    """
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    if not 0 <= edit_id < len(doc.edits) or doc.edits[edit_id].id != edit_id:
        raise EditNotFound(f"no edit {edit_id} in this document")
    e = doc.edits[edit_id]
    old_status = e.status
    before = {v.where: v for v in doc.views()}
    doc.set_status(edit_id, status)
    try:
        visible_edits(doc.edits)
    except EditConflict:
        doc.set_status(edit_id, old_status)
        raise
    remap_annotations(doc, before, e)
    if note:
        e.reason = f"{e.reason} {note}".strip()
    changed = any(v.text != getattr(before.get(v.where), "text", None) for v in doc.views())
    return old_status, changed
