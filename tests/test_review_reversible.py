"""Reversibility of review decisions: accepting or rejecting an edit and then
undoing it gives back exactly the texts and annotation spans there were before."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.model import Document, Mention, Source
from archivist.store.revise import change_status
from archivist.web.review import apply_decision


def _snapshot(doc: Document) -> tuple:
    """Everything a decision may change and its undo must give back."""
    return (doc.text, [doc.note_view(n).text for n in doc.notes],
            [(m.where, m.start, m.end, m.text) for m in doc.mentions],
            [(d.where, d.start, d.end, d.text) for d in doc.dates],
            [(q.where, q.start, q.end, q.text) for q in doc.quantities],
            [(e.where, e.start, e.end) for e in doc.events],
            [e.status for e in doc.edits])


def _quoting(doc: Document) -> list[tuple]:
    """Mentions and dates whose text is not the text at their span."""
    texts = {v.where: v.text for v in doc.views()}
    return [(a.where, a.start, a.end, a.text) for a in [*doc.mentions, *doc.dates]
            if a.where in texts and texts[a.where][a.start:a.end] != a.text]


def test_a_space_put_back_before_a_name_stays_outside_the_name_after_undo() -> None:
    # a spacing repair inserted the space before the name; rejecting and then
    # accepting it again left the mention starting on the space (" Barnaby")
    doc = Document("the clerk wroteto Barnaby", Source("x", "0", "text"))
    v = doc.body_view()
    doc.add_edits([v.edit("repair.spacing", 15, 15, " ", confidence=0.9)])
    text = doc.text
    assert text == "the clerk wrote to Barnaby"
    doc.mentions.append(Mention("p1", "wrote", "text", 10, 15, 10, 15))
    doc.mentions.append(Mention("p2", "to", "text", 16, 18, 15, 17))
    before = _snapshot(doc)
    change_status(doc, 0, "rejected")
    assert [m.text for m in doc.mentions] == ["wrote", "to"]
    change_status(doc, 0, "applied")
    assert _snapshot(doc) == before


@pytest.fixture(scope="module")
def processed(processed_samples: dict[str, Document]) -> list[Document]:
    return [d for d in processed_samples.values() if any(e.kind == "text" for e in d.edits)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_decisions_then_their_undo_give_back_the_document(processed, data) -> None:
    doc = copy.deepcopy(data.draw(st.sampled_from(processed)))
    before = _snapshot(doc)
    ids = [e.id for e in doc.edits if e.kind == "text"]
    steps = data.draw(st.lists(st.tuples(st.sampled_from(ids),
                                         st.sampled_from(["accept", "reject"])),
                               min_size=1, max_size=6))
    done: list[tuple[int, str]] = []
    for eid, action in steps:
        old = doc.edits[eid].status
        try:
            apply_decision(doc, eid, action, "Ada")
        except ValueError:  # a refused accept (overlap) must leave the document as it was
            assert doc.edits[eid].status == old
            continue
        done.append((eid, old))
        assert _quoting(doc) == []
    for eid, old in reversed(done):
        change_status(doc, eid, old)
    assert _snapshot(doc) == before
