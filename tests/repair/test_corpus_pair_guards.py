"""Readings drawn from the corpus's own word pairs respect what repair respects
without them (lexicon11): an old spelling is not read as the common word the corpus
prints in its window, a pair with a capitalised word (a name, a title) weighs in no
score, and a known content word swapped for a rarer one is held as a suggestion.

Every sentence and pair here is invented."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from archivist.lexicon import zipf
from archivist.repair import repair_text
from archivist.repair.context import COMMON_TARGET_ZIPF, CONTENT_ZIPF
from archivist.repair.core import build_context
from archivist.repair.corpus import (
    HELD,
    CorpusLexicon,
    corpus_context,
    pairs_may_read,
    without_pairs,
)
from archivist.repair.lm import context_lp


def test_old_spellings_are_not_read_through_the_pairs() -> None:
    assert not pairs_may_read("sunne") and not pairs_may_read("Moone")
    assert not pairs_may_read("olde")  # a final -e on a word
    assert pairs_may_read("warehonse") and pairs_may_read("tbere")


def test_an_old_spelling_keeps_its_reading_beside_a_corpus_pair() -> None:
    text = "and so the man was sunne to lie there all that night."
    lex = CorpusLexicon.from_counts({}, pairs={"sunny to": (6, 4)})
    alone = repair_text(text, None).text
    assert "sunne to" in alone
    # (before lexicon11 the pair read it "sunny")
    assert repair_text(text, lex).text == alone


def test_a_garble_is_still_read_through_the_pairs() -> None:
    # the pairs still weigh in for a form that is no old spelling
    lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (3, 2)})
    ctx = build_context(["the kettle sung loudly"], lex)
    got = corpus_context("the kettle sung loudly", ctx, [])
    assert [c.replacement for c in got] == ["sang"]


def test_a_pair_with_a_capital_weighs_in_no_score() -> None:
    lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (3, 2)})
    ctx = build_context(["x"], lex)
    bare = build_context(["x"])
    assert context_lp("sang", "kettle", None, ctx) > context_lp("sang", "kettle", None, bare)
    # the same words with a capital: the corpus pair is a name's or a title's
    assert context_lp("sang", "Kettle", None, ctx) == context_lp("sang", "Kettle", None, bare)
    assert context_lp("Sang", "kettle", None, ctx) == context_lp("Sang", "kettle", None, bare)
    assert context_lp("kettle", None, "Sang", ctx) == context_lp("kettle", None, "Sang", bare)


def test_without_pairs_keeps_the_forms_and_drops_the_pairs() -> None:
    lex = CorpusLexicon.from_counts({"tsvetkov": (9, 4)}, pairs={"kettle sang": (3, 2)})
    ctx = build_context(["Tsvetkov and the kettle"], lex)
    twin = without_pairs(ctx)
    assert twin is without_pairs(ctx)  # made once per context
    assert twin.corpus.pairs == {} and twin.corpus.forms == lex.forms
    assert twin.seen("tsvetkov") == ctx.seen("tsvetkov") == 10
    assert without_pairs(build_context(["x"])).corpus is None


def _content_swaps() -> list[tuple[str, str, str]]:
    """(sentence, word, reading) where the corpus pair reads a known content word of
    4+ letters as a rarer word: found among invented windows, not listed by hand."""
    out = []
    for w, cand, nxt in (("sung", "sang", "loudly"), ("ring", "rang", "loudly")):
        assert zipf(w) >= CONTENT_ZIPF and zipf(cand) < COMMON_TARGET_ZIPF
        out.append((f"the kettle {w} {nxt}", w, cand))
    return out


def test_a_content_word_swapped_for_a_rarer_one_is_held() -> None:
    for text, _w, cand in _content_swaps():
        lex = CorpusLexicon.from_counts({}, pairs={f"kettle {cand}": (40, 30),
                                                   f"{cand} loudly": (40, 30)})
        got = corpus_context(text, build_context([text], lex), [])
        assert [c.replacement for c in got] == [cand]
        assert got[0].confidence <= HELD  # a suggestion for an editor, not applied


@given(st.text(alphabet="abcdehiklmnorstuwy", min_size=3, max_size=9))
def test_pairs_may_read_is_false_for_every_final_e_on_a_word(stem: str) -> None:
    from archivist.repair.core import is_lexical

    if is_lexical(stem):
        assert not pairs_may_read(stem + "e")
