"""Dated events: each sentence that carries a date becomes a timeline entry.

Dates in citation notes never reach here (the dates stage skips them), so
publication years are not events.
"""

from __future__ import annotations

from ..model import Document, Event
from ..pipeline import stage
from .common import sentences


@stage("extract.events")
def extract_events(doc: Document) -> Document:
    """One Event per date mention: its sentence, span and the entities named in it."""
    doc.events = []
    by_view: dict[str, list[tuple[int, int]]] = {}
    mentions: dict[str, list] = {}
    for m in doc.mentions:
        mentions.setdefault(m.where, []).append(m)
    for d in doc.dates:
        if d.where not in by_view:
            by_view[d.where] = sentences(doc.view_for(d.where).text)
        sents = by_view[d.where]
        span = next(((s, e) for s, e in sents if s <= d.start < e), (d.start, d.end))
        s, e = span
        text = doc.view_for(d.where).text[s:e]
        ents: list[str] = []
        for m in mentions.get(d.where, []):
            if s <= m.start and m.end <= e and m.entity not in ents:
                ents.append(m.entity)
        doc.events.append(Event(d.value, text, d.where, s, e, ents))
    return doc
