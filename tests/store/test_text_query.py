"""Tokens, query parsing, EDTF ranges and OCR similarity (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.store.query import QueryError, parse, to_fts5, to_tsquery, walk_terms
from archivist.store.text import (
    date_filter_range,
    edtf_range,
    index_string,
    ocr_similarity,
    tokens,
    trigrams,
)


def test_tokens_join_transliteration_apostrophes_and_drop_possessive() -> None:
    text = "Litvinov's note on Hunch'un"
    toks = tokens(text)
    assert [t for t, _, _ in toks] == ["litvinov", "note", "on", "hunchun"]
    assert [text[s:e] for _, s, e in toks] == ["Litvinov", "note", "on", "Hunch'un"]


@given(st.text(max_size=200))
def test_token_spans_point_at_the_word(text: str) -> None:
    for w, s, e in tokens(text):
        assert 0 <= s < e <= len(text)
        assert w and " " not in w
    assert "  " not in index_string(text)


def test_query_fields_phrases_prefix_and_not() -> None:
    q = parse('"border guards" Shig* NOT Tokyo entity:"Hunch\'un Agreement" date:1938')
    assert q.filters == [("entity", "Hunch'un Agreement"), ("date", "1938")]
    assert to_fts5(q.node) == '(("border guards" AND "shig"*) NOT "tokyo")'
    assert to_tsquery(q.node) == "(('border' <-> 'guards') & 'shig':* & !'tokyo')"


def test_hyphenated_word_is_a_phrase() -> None:
    assert to_fts5(parse("to-day").node) == '"to day"'


@pytest.mark.parametrize("bad", ["NOT Tokyo", "", "-Tokyo", 'entity:""', '"border gua*"'])
def test_bad_queries_raise_query_error(bad: str) -> None:
    with pytest.raises(QueryError):
        parse(bad)


@given(st.text(max_size=60))
def test_parse_never_crashes_otherwise(text: str) -> None:
    try:
        q = parse(text)
    except QueryError:
        return
    if q.node is not None:
        assert to_fts5(q.node) and to_tsquery(q.node)


def test_edtf_ranges() -> None:
    assert edtf_range("1938-08-07") == ("1938-08-07", "1938-08-07")
    assert edtf_range("1938-02") == ("1938-02-01", "1938-02-28")
    assert edtf_range("1938-08-08/1938-08-09") == ("1938-08-08", "1938-08-09")
    assert date_filter_range("1938-07..1938-08") == ("1938-07-01", "1938-08-31")
    assert date_filter_range("1938-13") is None


def test_ocr_similarity_prefers_confusions() -> None:
    assert ocr_similarity("modern", "rnodern") == 1.0
    assert ocr_similarity("japanese", "jaranese") > ocr_similarity("japanese", "jazanese")
    assert ocr_similarity("border", "xyz") < 0.5


@given(st.text(alphabet=st.sampled_from(list("abcXYZ'’ -.,s1é\n")), max_size=80))
def test_index_string_is_the_tokens(text: str) -> None:
    assert index_string(text) == " ".join(t for t, _, _ in tokens(text))


@given(st.text(alphabet=st.sampled_from(list("abXY's’ -.,1é\n")), max_size=60),
       st.sampled_from(["ab", "a*", '"ab ba"', "s", "aby OR xy", "1"]))
def test_fast_matcher_agrees_with_tokens(text: str, query: str) -> None:
    from archivist.store.base import Matcher, find_spans

    node = parse(query).node
    assert Matcher(node).spans(text) == find_spans(node, text)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text("abcnr", min_size=1, max_size=5), min_size=1, max_size=8),
       text=st.text("abcnr' .", max_size=60))
def test_matcher_prefix_tree_finds_what_the_plain_alternation_finds(words, text) -> None:
    """The shared-prefix pattern is only smaller: same spans as listing every word."""
    import re as re_

    from archivist.store.base import _NOT_AFTER, _NOT_BEFORE, Matcher, _word_re

    node = parse(" OR ".join(words)).node
    forms = {f for leaf, _ in walk_terms(node) for f in leaf.forms()}
    flat = "|".join(sorted((_word_re(w) for w in forms), key=len, reverse=True))
    plain = re_.compile(f"{_NOT_BEFORE}(?:{flat}){_NOT_AFTER}")
    assert Matcher(node).spans(text) == [m.span() for m in plain.finditer(text.lower())]


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text("ab ,.-'", min_size=1, max_size=30), min_size=1, max_size=80),
       pick=st.integers(0, 10_000), context=st.integers(0, 10))
def test_kwic_window_gives_the_whole_text_answer(words, pick, context) -> None:
    """Tokenising only a window around the hit changes nothing in the snippet."""
    from archivist.store.base import kwic
    from archivist.store.text import tokens

    text = " ".join(words)
    toks = tokens(text)
    if not toks:
        return
    _, s, e = toks[pick % len(toks)]
    assert kwic(text, s, e, context) == kwic(text, s, e, context, toks=toks)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1,
                        max_size=30), min_size=1, max_size=8, unique=True))
def test_sqlite_makes_the_trigrams_text_makes(words: list[str]) -> None:
    """The SQLite writer builds new words' trigrams in SQL: the same sets, and the
    same lengths, as text.trigrams and len()."""
    from archivist.store.sqlite import SQLiteStore

    store = SQLiteStore(":memory:")
    with store.transaction() as cur:
        store._add_vocab(cur, dict.fromkeys(words, 1), 1)
    ids = dict(store.rows("SELECT word, id FROM vocab"))
    got: dict[int, set[str]] = {}
    for tri, n, wid in store.rows("SELECT tri, len, word_id FROM vocab_tri"):
        got.setdefault(wid, set()).add(tri)
        assert n == len(next(w for w, i in ids.items() if i == wid))
    assert {w: got[ids[w]] for w in words} == {w: trigrams(w) for w in words}
    assert store.rows("SELECT count(*) FROM vocab WHERE tri_done = 0") == [(0,)]
    store.close()


def test_no_word_starts_inside_a_run_of_letters() -> None:
    # hypothesis found it: after a possessive, "'1a" was skipped as a start and the
    # tokenizer then began a word at "a", inside "1a", where no search would look
    from archivist.store.base import Matcher, find_spans

    text = "1's'1a"
    assert tokens(text) == [("1", 0, 1)]
    node = parse("a*").node
    assert Matcher(node).spans(text) == find_spans(node, text) == []
