"""Layout never crashes and keeps the edit log consistent, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_helpers import layout_text

from archivist.model import check_edits

TOKENS = st.sampled_from(["the", "The", "war", "1933", "1,421", "7", "12", "¹⁰", "⁷", "[3]",
                          "Doc.", "No.", "#15", "Def.", ".", ",", "”", "Ë", "-", "If", "when",
                          " ", " ", "\n", "\n", "\n\n", "\f", "\r\n", "ii", "Page"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TOKENS, min_size=1, max_size=80))
def test_layout_is_total_and_consistent(tokens):
    text = " ".join(tokens) + " end."
    doc = layout_text(text)
    check_edits(doc.original, doc.edits)
    assert doc.original == text
    t = doc.text
    assert t == t.strip()
    for f in doc.furniture:
        assert doc.original[f.start:f.end] == f.text
    for n in doc.notes:
        assert 0 <= n.start <= n.end <= len(text)
        a = doc.note_anchor(n)
        assert a is None or 0 <= a <= len(t)
        doc.note_view(n)  # renders
