"""A search hit's `original` is exactly the matched word as read, never the quote,
comma or bracket an edit changed beside it.

Regression: the hit's original was the whole span of every edit it touched, so a
repair edit that also changed the punctuation next to the word ('"Tne,' ->
'“The,') gave a hit "The" whose original was '"Tne,'.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

from archivist.model import Document, Edit
from archivist.store import Store, open_store

PAIRS = [("Tne", "The"), ("bordcr", "border"), ("arnry", "army"), ("Sovlet", "Soviet"),
         ("guarcls", "guards"), ("Varnakovo", "Varnakovo")]
LEFT = ["", '"', "“", "(", "[", "'", "‘"]
RIGHT = ["", ",", ".", '"', "”", ")", "]", ";", "’", ".”", "),"]
CURLY = str.maketrans({'"': "“", "'": "’", "“": '"', "”": '"'})


def _hits(store: Store, query: str) -> list[tuple[str, str | None]]:
    return [(h.match, h.original) for h in store.search(query, exact=True, limit=20).hits]


def test_repaired_word_beside_changed_quotes_and_comma(store: Store) -> None:
    doc = make_doc("q", ['He wrote: "Tne, border" and [Sovlet] (arnry), then.'],
                   fixes={'"Tne,': "“The,", "[Sovlet]": "[Soviet]", "(arnry),": "(army);"})
    store.add(doc_json(doc), "1")
    for word, was in [("The", "Tne"), ("Soviet", "Sovlet"), ("army", "arnry")]:
        assert _hits(store, word) == [(word, was)], word
        h = store.search(word, exact=True, limit=1).hits[0]
        assert doc.text[h.start:h.end] == word


def test_unchanged_word_beside_punctuation_has_no_original(store: Store) -> None:
    doc = make_doc("q", ['"Tne, border," (Varnakovo) [guards]; whose.'],
                   fixes={'"Tne,': "“The,"})
    store.add(doc_json(doc), "1")
    for query in ["border", "Varnakovo", "guards", "whose"]:
        assert _hits(store, query) == [(query, None)], query


def test_hit_in_text_moved_by_layout_quotes_it(store: Store) -> None:
    # a footnote's continuation moved from the next page: the hit's original is the
    # word where it was read (it was the empty string of the insertion point)
    original = "Body text.\n1 See the report\fmore of the mission.\n"
    doc = Document(original=original, source=make_doc("m", ["x"]).source)
    src = original.index("more")
    at = original.index("\f")
    doc.add_edits([Edit("layout.notes", src, len(original), original[src:], "", kind="move"),
                   Edit("layout.notes", at, at, "", " more of the mission.", kind="move",
                        moved_from=src)])
    store.add(doc_json(doc), "1")
    # one hit, not a second "only in the original" one at the place it was read
    assert _hits(store, "mission") == [("mission", None)]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pair=st.sampled_from(PAIRS), left=st.sampled_from(LEFT), right=st.sampled_from(RIGHT),
       curl=st.booleans(), before=st.sampled_from(["", "He said ", "the "]),
       after=st.sampled_from(["", " and then.", " of 1938"]))
@example(pair=("Tne", "The"), left="“", right='"', curl=True, before="", after="")  # '"The“'
def test_hit_original_is_the_word_alone(pair: tuple[str, str], left: str, right: str,
                                        curl: bool, before: str, after: str) -> None:
    bad, good = pair
    span = left + bad + right
    fixed = (left.translate(CURLY) if curl else left) + good + (
        right.translate(CURLY) if curl else right)
    if span == fixed:
        fixed = left + good + right + " "  # an edit all the same
    doc = make_doc("p", [before + span + after], fixes={span: fixed})
    with open_store(":memory:") as store:
        store.add(doc_json(doc), "1")
        hits = [h for h in store.search(good, exact=True, limit=20).hits if h.match == good]
    assert len(hits) == 1
    assert hits[0].original == (bad if bad != good else None)
