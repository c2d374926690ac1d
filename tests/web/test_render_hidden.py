"""Which deletions the document page marks: the one-pass index (`render._Hidden`)
answers as the pairwise rule it replaced (that rule was quadratic in the edits)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.model import APPLIED, Document, Edit, Source
from archivist.web.render import _Hidden, body_html


def _pairwise(doc: Document, e: Edit) -> bool:
    """The rule as it was written first: hidden by a superseding or wider applied edit."""
    return any(o.status == APPLIED and o.id != e.id and (
        e.id in o.supersedes or (o.start <= e.start and e.end <= o.end and o.end > o.start
                                 and (o.end - o.start) > (e.end - e.start)))
        for o in doc.edits)


EDITS = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4),
                           st.sampled_from([APPLIED, "suggested", "rejected"]),
                           st.lists(st.integers(0, 15), max_size=2)), max_size=15)


@settings(max_examples=300, deadline=None)
@given(edits=EDITS)
def test_the_index_agrees_with_the_pairwise_rule(edits) -> None:
    doc = Document("x" * 16, Source("x", "0", "text"))
    for i, (a, w, status, sup) in enumerate(edits):
        doc.edits.append(Edit("t", a, a + w, "x" * w, "", status=status,
                              supersedes=[j for j in sup if j < i], id=i))
    hidden = _Hidden(doc)
    assert [hidden(e) for e in doc.edits] == [_pairwise(doc, e) for e in doc.edits]


def test_deletions_are_marked_on_a_long_page() -> None:
    doc = Document(" ".join("wo  rd" for _ in range(400)), Source("x", "0", "text"))
    v = doc.body_view()
    doc.add_edits([v.edit("t", k + 2, k + 4, "", confidence=0.9)
                   for k in range(0, len(v.text), 7)])
    assert body_html(doc).count('class="corr del"') == 400
