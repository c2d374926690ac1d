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
