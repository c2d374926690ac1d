"""The cheap bound `doc_variants` tries first never exceeds the weighted distance it
stands in for, so skipping a term on it changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair.channel import confusions, weighted_distance
from archivist.repair.words import _Floor

# letters plus the pieces the confusion table reads and writes, so that confusions
# really occur in the generated pairs
PIECES = sorted({c for c in "abcdefghijklmnopqrstuvwxyz"}
                | {k.lower() for k in confusions()}
                | {v.lower() for vs in confusions().values() for v, _ in vs})
words = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(words, words)
def test_floor_never_exceeds_the_weighted_distance(a: str, b: str) -> None:
    assert _Floor(a)(b) <= weighted_distance(a, b)


def test_floor_prunes_unrelated_terms_and_keeps_near_ones() -> None:
    floor = _Floor("marlborough")
    assert floor("manchester") > 2.5  # skipped without the DP
    assert floor("marlhorough") <= weighted_distance("marlborough", "marlhorough")
    assert floor("marlhorough") == floor("marlhorough")  # the saving, remembered


@settings(max_examples=300, deadline=None)
@given(words, st.lists(words, min_size=1, max_size=40, unique=True),
       st.sampled_from([0.5, 1.0, 1.44, 2.5]))
def test_the_bound_for_all_terms_at_once_is_the_same_float_per_term(
        a: str, forms: list[str], limit: float) -> None:
    from archivist.repair.words import _Terms

    terms = _Terms()
    terms.forms, terms.counts = forms, list(range(2, 2 + len(forms)))
    floor = _Floor(a)
    got = floor.admissible(terms, limit)
    want = [(t, k, floor(t)) for t, k in zip(forms, terms.counts, strict=True)
            if floor(t) <= limit]
    assert got == want


def test_doc_variants_same_with_and_without_the_vector_bound(monkeypatch) -> None:
    from archivist.repair import words
    from archivist.repair.core import build_context

    # a document long enough for dozens of terms per first letter
    rows = ["the marlborough settlement was reported by the morning post",
            "mr marlowe met the manchester members at the market meeting",
            "many merchants moved their money to the madras mint",
            "the minister mentioned the matter in the morning meeting"]
    text = " ".join(rows * 3) + " rnarlborough marlborougb tbe mornlng menibers"
    ctx = build_context([text])
    asked = ["rnarlborough", "marlborougb", "mornlng", "menibers", "meetinq", "moncy"]
    monkeypatch.setattr(words, "VECTOR_TERMS", 10**9)
    words._reach.cache_clear()
    plain = [words.doc_variants(w, ctx) for w in asked]
    monkeypatch.setattr(words, "VECTOR_TERMS", 0)
    words._reach.cache_clear()  # the forms' terms bounded afresh, by the vector
    assert [words.doc_variants(w, ctx) for w in asked] == plain
    assert any(plain)  # the check compares real readings, not empty lists
