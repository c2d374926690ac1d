"""Property: whatever the text and the query word, every hit points at what it
claims (offsets, highlighted snippet) and a word present in a page is found."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

from archivist.store import open_store
from archivist.store.text import tokens

WORDS = st.sampled_from(["border", "guards", "Grodekovo", "Hunch'un", "to-day", "Litvinov's",
                         "1938", "Zürich", "the", "troops", "SHIGHMITSU", "a", "fire"])
PAGE = st.lists(WORDS, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages=st.lists(PAGE, min_size=1, max_size=3), pick=st.integers(0, 1000),
       exact=st.booleans())
def test_hits_point_at_their_words(pages: list[str], pick: int, exact: bool) -> None:
    doc = make_doc("prop", pages)
    all_words = [w for w, _, _ in tokens(doc.text)]
    word = all_words[pick % len(all_words)]
    with open_store(":memory:") as st_:
        st_.add(doc_json(doc), "1")
        res = st_.search(word, exact=exact, limit=200, context=2)
        text = doc.text
        assert res.hits, f"{word!r} not found"
        for h in res.hits:
            assert text[h.start:h.end] == h.match
            assert h.snippet[h.highlight[0]:h.highlight[1]] == " ".join(h.match.split())
        if exact:
            expected = sum(1 for w in all_words if w == word)
            assert len(res.hits) == expected
