"""The corpus's own word bigrams in repair (`repair.corpus.document_pairs`,
`CorpusLexicon.pairs`, `lm.corpus_lp`, `corpus.corpus_context`): a real-word error
is read as the word the corpus prints in that place, only when the corpus prints it
clean in several documents and the shipped bigram list lacks the pair; without a
lexicon (or with an empty one) repair is what it was.

Every sentence here is invented; the pairs are common words the shipped list lacks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.lexicon import bigram_counts
from archivist.repair import repair_text
from archivist.repair.context import fix_context
from archivist.repair.core import build_context
from archivist.repair.corpus import (
    MIN_PAIR_DOCS,
    CorpusLexicon,
    corpus_context,
    document_pairs,
)
from archivist.repair.lm import context_lp, corpus_lp, lp_bigram, seen

CLEAN = [["The copper kettle sang beside the hearth, and the barley tune went on."],
         ["Her kettle sang beside the window while a barley tune played."]]
GARBLED = "At dusk the old kettle song beside the stove."


def corpus() -> CorpusLexicon:
    return CorpusLexicon.from_documents(CLEAN)


def test_the_invented_pairs_are_not_shipped() -> None:
    for pair in (("kettle", "sang"), ("sang", "beside"), ("kettle", "song"),
                 ("song", "beside"), ("barley", "tune")):
        assert pair not in bigram_counts()


def test_document_pairs_keeps_only_what_can_matter() -> None:
    got = document_pairs(["The kettle sang; the Kettle sang. Of the zqxv kettle, 1938 sang"])
    # shipped pairs ("the kettle") and words no list knows are left out; punctuation and
    # digits break the chain; case folds
    assert dict(got) == {"kettle sang": 2}
    assert document_pairs(["i sang", "x kettle"]) == {"i sang": 1}
    # a pair with no word of a cheap OCR confusion ("sang" / "song") tells no
    # real-word error: not counted
    assert document_pairs(["the copper kettle"]) == {}


def test_a_pair_needs_two_documents() -> None:
    one = CorpusLexicon.from_documents(CLEAN[:1] * 1)
    assert not one.pairs and one.without({}) == one
    assert corpus().pair_count("kettle", "sang") == 2
    assert all(d >= MIN_PAIR_DOCS for _, d in corpus().pairs.values())


def test_the_lm_uses_a_corpus_bigram() -> None:
    lex = corpus()
    ctx = build_context([GARBLED], lex)
    assert not seen("kettle", "sang") and seen("kettle", "sang", lex)
    assert seen("the", "kettle", lex)  # the shipped list still counts
    lp = corpus_lp(lex, "kettle", "sang")
    assert lp is not None and lp > lp_bigram("kettle", "sang")
    assert context_lp("sang", "kettle", None, ctx) == lp
    assert context_lp("sang", "kettle", None, build_context([GARBLED])) == lp_bigram(
        "kettle", "sang")


def test_a_real_word_error_is_read_only_with_a_corpus_that_attests_the_pair() -> None:
    assert repair_text(GARBLED, None).text == GARBLED
    # a known content word read as a rarer one is held for an editor (lexicon11: as
    # `context._plain_content_word` holds the shipped list's readings), so it shows
    # once the threshold is below the hold
    assert repair_text(GARBLED, corpus().without({}), threshold=0.4).text == (
        "At dusk the old kettle sang beside the stove.")
    fixed = repair_text(GARBLED, corpus())
    assert fixed.text == GARBLED
    (edit,) = [e for e in fixed.edits if e.original == "song"]
    assert edit.replacement == "sang" and edit.status == "suggested"
    assert "the corpus prints 'kettle sang'" in edit.reason
    # a corpus of forms only, or one printing the pair in one document, changes nothing
    forms_only = CorpusLexicon.from_documents(CLEAN, pairs=False)
    assert repair_text(GARBLED, forms_only).text == GARBLED
    assert repair_text(GARBLED, CorpusLexicon.from_documents(CLEAN[:1])).text == GARBLED


def test_the_corpus_keeps_a_window_it_prints() -> None:
    # the shipped list alone reads "bad" as "had" here; a corpus printing "it bad" and
    # "bad been" clean in two documents keeps the text as read
    text = "the farmers did not want to sell, and it bad been sold by them"
    assert [c.replacement for c in fix_context(text)] == ["had"]
    lex = CorpusLexicon.from_counts({}, pairs={"it bad": (2, 2), "bad been": (2, 2)})
    assert fix_context(text, build_context([text], lex)) == []
    assert corpus_context(text, build_context([text]), ["kept"]) == ["kept"]  # no pairs


def test_an_empty_lexicon_is_no_lexicon() -> None:
    text = "We heard a barley tone from the hill, and it bad been sold."
    empty = CorpusLexicon.from_counts({})
    assert not empty
    assert repair_text(text, empty).text == repair_text(text, None).text


def test_without_takes_a_document_s_own_pairs_out() -> None:
    lex = corpus()
    mine = document_pairs(CLEAN[0])
    rest = lex.without(dict(mine))
    assert rest.pair_count("kettle", "sang") == 0  # one document left: no corpus bigram
    assert repair_text(GARBLED, rest).text == GARBLED


def test_the_digest_covers_the_pairs() -> None:
    lex = corpus()
    forms = CorpusLexicon.from_counts(lex.forms, lex.min_docs, lex.min_count)
    assert lex.digest != forms.digest
    # a lexicon without pairs hashes as before pairs existed (stored digests hold)
    assert forms.digest == CorpusLexicon.from_json(
        {"min_docs": 2, "min_count": 3, "forms": {}}).digest
    assert hash(lex) == hash(CorpusLexicon.from_json(lex.to_json()))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["kettle", "sang", "song", "barley", "tune", "the", "a",
                                 "zqxv", "Kettle", ",", ".", "1938", "İİ"]),
                max_size=30))
def test_document_pairs_are_two_words_the_shipped_list_lacks(words: list[str]) -> None:
    text = " ".join(words)
    for pair, k in document_pairs([text]).items():
        a, b = pair.split(" ")
        assert k >= 1 and a == a.lower() and b == b.lower()
        assert (a, b) not in bigram_counts() and a.isalpha() and b.isalpha()
        assert f"{a} {b}" in text.lower()
