"""Search on texts with characters whose index form has another length (ß, ligatures,
decomposed accents as PDFs give them), and the query language on hostile strings."""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc

from archivist.store import QueryError, Store, open_store
from archivist.store.base import Matcher, find_spans
from archivist.store.query import parse

FORMS = ["Straße", "ﬁnance", "Zu\u0308rich", "cafe\u0301", "ǅemal", "İstanbul", "border",
         "Ch'ongjin", "σοφία", "Ⅻ", "x\u0301y"]


def test_word_with_a_longer_fold_is_found(store: Store) -> None:
    # the index folds ß to ss and drops decomposed accents; the hit finder folded
    # same-length only, so the passage matched but every hit was silently dropped
    doc = make_doc("odd", ["An office in the Straße of Zu\u0308rich, ﬁnance cafe\u0301."])
    store.add(doc_json(doc), "1")
    text = doc.text
    for query, word in [("strasse", "Straße"), ("Zürich", "Zu\u0308rich"),
                        ("finance", "ﬁnance"), ("café", "cafe\u0301"),
                        ('"zurich finance"', "Zu\u0308rich, ﬁnance")]:
        hits = store.search(query, limit=10).hits
        assert [h.match for h in hits] == [word], query
        h = hits[0]
        assert text[h.start:h.end] == word
        assert h.snippet[h.highlight[0]:h.highlight[1]] == word


WORDS = st.lists(st.sampled_from(FORMS + ["the", "of", "1938"]), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None)
@given(WORDS, st.integers(0, 100))
@example(["Zu\u0308rich"], 0)
@example(["the", "Straße"], 1)
@example(["\u0149"], 0)  # ŉ folds to "ʼn", whose "ʼ" is a letter to the regex
def test_matcher_finds_every_word_of_the_text(words: list[str], pick: int) -> None:
    text = " ".join(words)
    word = words[pick % len(words)]
    node = parse(unicodedata.normalize("NFC", word)).node
    assert node is not None
    spans = Matcher(node).spans(text)
    assert any(text[s:e] == word for s, e in spans), (word, spans)
    if "\u0301" not in text and "\u0308" not in text:  # tokens() splits at a lone mark
        assert spans == find_spans(node, text)


ATOMS = st.sampled_from([
    "border", "Grodekovo", "to-day", "1938", "Zürich", "AND", "OR", "NOT", "(", ")", "-",
    "bor*", "*", '"', '"border guards"', '""', "entity:", "entity:Litvinov", "type:PERSON",
    "doc:", "doc:odd", "doc:'", "date:1938", "date:1938-07..1938-08", "date:..", "date:1938-13",
    "date:99999999999", "date:1938/1939", "foo:bar", ":", "'", "%", "_", "\\", ";", "NEAR",
    "^", "{", "\x00", "\u0301", "ß", "ﬁ", "İ", "a" * 300, "x*y", "'; DROP TABLE documents; --"])
QUERY = st.one_of(st.lists(ATOMS, max_size=8).map(" ".join), st.lists(ATOMS, max_size=8).map(
    "".join), st.text(max_size=40))


@settings(max_examples=int(os.environ.get("ARCHIVIST_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=QUERY, exact=st.booleans(), limit=st.integers(0, 30), context=st.integers(0, 12))
def test_search_gives_hits_or_a_query_error(store: Store, q: str, exact: bool, limit: int,
                                           context: int) -> None:
    if not store.stats().get("documents"):
        store.add(doc_json(make_doc("odd", ["The border guards of Grodekovo, to-day 1938 "
                                            "Zürich Straße.", "Zu\u0308rich again"],
                                    entities=[("PERSON", "Maxim Litvinov", ["Litvinov"])],
                                    dates=[("1938", "1938")], note="Litvinov, p. 4.")), "1")
    try:
        res = store.search(q, exact=exact, limit=limit, context=context)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert len(res.hits) <= max(limit, 0)
    res.to_json()


def test_sqlite_memory_store_answers_a_phrase_with_marks() -> None:
    with open_store(":memory:") as st_:
        st_.add(doc_json(make_doc("nfd", ["Cafe\u0301 au lait in Zu\u0308rich."])), "1")
        hits = st_.search('"cafe au lait"', limit=5).hits
        assert [h.match for h in hits] == ["Cafe\u0301 au lait"]


def test_token_spans_stay_on_their_words_when_counts_happen_to_agree() -> None:
    from archivist.store.text import tokens

    # "½A\u0301A": two runs of letters and two indexed words ("1", "2aa"), which
    # were paired up blindly: "1" claimed "½A"
    assert tokens("½A\u0301A") == [("1", 0, 1), ("2aa", 0, 4)]


ODD_CHARS = st.sampled_from(list("abcxyz ABC'’-.,\n") + [
    "ß", "ﬁ", "\u0301", "\u0308", "İ", "Σ", "ǅ", "½", "Ⅻ", "\u00a8", "\u200b", "\ufffe", "١",
    "²", "\x0b", "ŉ", "ﬃ", "Å"])


@settings(max_examples=40, deadline=None)
@given(st.text(ODD_CHARS, min_size=1, max_size=40), st.integers(0, 1000), st.booleans())
@example("ŉ", 0, False)
@example("A'ŉ", 0, False)
@example("x ʼn A'ʼb", 2, True)
@example("½A\u0301A", 0, False)
def test_every_indexed_word_is_found_where_it_is(text: str, pick: int, exact: bool) -> None:
    from archivist.store.text import tokens

    doc = make_doc("p", [text if text.strip() else "x"])
    toks = tokens(doc.text)
    if not toks:
        return
    word, s, e = toks[pick % len(toks)]
    with open_store(":memory:") as st_:
        st_.add(doc_json(doc), "1")
        hits = st_.search(word, exact=exact, limit=500, context=2).hits
    for h in hits:
        assert doc.text[h.start:h.end] == h.match
        assert h.snippet[h.highlight[0]:h.highlight[1]] == " ".join(h.match.split())
    assert any(h.start <= s and e <= h.end for h in hits), (word, s, e)


def _fold_char_by_char(text: str) -> tuple[str, list[int]]:
    """`fold_with_map` as it was: one step per character (the reference)."""
    import unicodedata

    from archivist.store.text import norm_word

    out, where = [], []
    for i, c in enumerate(text):
        if c.isascii():
            f = c.lower()
        elif c.isspace() or c in "’ʼ":
            f = "'" if c in "’ʼ" else c
        else:
            f = norm_word(c).replace("ʼ", "'") or ("" if unicodedata.combining(c) else c)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


@settings(max_examples=300, deadline=None)
@given(st.text(ODD_CHARS, max_size=60) | st.text(max_size=60))
def test_fold_with_map_by_runs_equals_char_by_char(text: str) -> None:
    from archivist.store.text import fold_with_map

    assert fold_with_map(text) == _fold_char_by_char(text)
