"""The SQLite writer's batch objects (vocabulary, word pairs, corpus lexicon) are
formatted by `json_counts` instead of `json.dumps`: the same text for every key,
escapes included (round speed12b)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from archivist.store.sqlite import json_counts

COUNT = st.integers(min_value=-(10**12), max_value=10**12)


@given(st.dictionaries(st.text(max_size=12), COUNT, max_size=30))
def test_json_counts_is_json_dumps(counts: dict[str, int]) -> None:
    assert json_counts(counts) == json.dumps(counts, ensure_ascii=False)


@given(st.dictionaries(st.text(max_size=12), st.tuples(COUNT, COUNT), max_size=30))
def test_json_counts_pairs_are_lists(delta: dict[str, tuple[int, int]]) -> None:
    want = json.dumps({k: list(v) for k, v in delta.items()}, ensure_ascii=False)
    assert json_counts(delta) == want


def test_keys_needing_escapes_take_json_dumps() -> None:
    # a quote, a backslash and control characters (as json.dumps writes them)
    counts = {'say "a"': 1, "back\\slash": 2, "tab\there\n": 3, "\x00\x1f": 4, "plain": 5}
    assert json_counts(counts) == json.dumps(counts, ensure_ascii=False)
    assert json.loads(json_counts(counts)) == counts


WORDS = st.lists(st.sampled_from(["the", "border", "bordor", "guards", "a", "ça"]), max_size=8)


@given(WORDS, WORDS)
def test_passage_index_words_splits_once_same_result(text: list[str], orig: list[str]) -> None:
    # what build_record made before: the pairs, then both strings split again for
    # the vocabulary (the same sets, in the same iteration order)
    from archivist.store.text import pair_string, passage_index_words, passage_pairs

    it, io = " ".join(text), " ".join(orig)
    for a, b in ((it, io), (it, it)):
        pt, po, held, words = passage_index_words(a, b)
        assert (pt, po, held) == passage_pairs(a, b)  # (now a view of this one)
        assert held == set(pair_string(a).split()) | set(pair_string(b).split())
        assert (pt, po) == (pair_string(a), pair_string(b))
        assert list(words) == list(set(a.split()) | set(b.split()))
