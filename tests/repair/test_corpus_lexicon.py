"""The corpus lexicon in repair: terms other documents print clean draw their
garbled copies, and nothing changes without one (invented names throughout)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.model import Document
from archivist.repair import repair_text
from archivist.repair.corpus import CorpusLexicon, document_forms, load_lexicon

LEX = CorpusLexicon.from_counts({"tsvetkov": (40, 12), "pelgrave": (9, 4),
                                 "ostrawin": (30, 10)})


def repaired(text: str, lexicon: CorpusLexicon | None) -> Document:
    return repair_text(text, lexicon)


def test_a_corpus_term_draws_its_garbled_copy() -> None:
    # one listed confusion ("c" for "e", "1" for "l") from a name the corpus prints
    assert repaired("The envoy Tsvctkov left.", LEX).text == "The envoy Tsvetkov left."
    assert repaired("Mr. Pclgrave said so.", LEX).text == "Mr. Pelgrave said so."
    assert repaired("Mr. Pe1grave said so.", LEX).text == "Mr. Pelgrave said so."
    edit = next(e for e in repaired("Mr. Pclgrave said so.", LEX).edits if e.status == "applied")
    assert edit.original == "Pclgrave" and "document term" in edit.reason


def test_without_a_lexicon_the_name_is_left() -> None:
    for lexicon in (None, CorpusLexicon()):
        assert repaired("The envoy Tsvctkov left.", lexicon).text == "The envoy Tsvctkov left."


def test_a_term_too_rare_beside_the_form_draws_nothing() -> None:
    # the form itself is printed often in the corpus: a spelling of its own
    lex = CorpusLexicon.from_counts({"pelgrave": (9, 4), "pclgrave": (4, 2)})
    assert repaired("Mr. Pclgrave said so.", lex).text == "Mr. Pclgrave said so."


def test_only_one_cheap_confusion_away() -> None:
    # two edits from the term: a corpus is large, its terms many; nothing drawn
    assert repaired("The envoy Tsvxtkav left.", LEX).text != "The envoy Tsvetkov left."


def test_ordinary_words_are_untouched() -> None:
    text = "The committee met on the tenth of the month and adjourned at noon."
    assert repaired(text, LEX).text == repaired(text, None).text == text


def test_same_lexicon_same_output_whatever_ran_before() -> None:
    text = "The envoy Tsvctkov met Mr. Pclgrave at Ostrawim."
    first = repaired(text, LEX).text
    other = CorpusLexicon.from_counts({"tsvctkov": (50, 20)})
    repaired(text, other)  # another snapshot in between (caches keyed by the lexicon)
    assert repaired(text, LEX).text == first
    again = CorpusLexicon.from_json(json.loads(json.dumps(LEX.to_json())))
    assert repaired(text, again).text == first


def test_document_forms_count_names_not_words() -> None:
    forms = document_forms(["The Tsvetkov papers, Tsvetkov's notes and the committee."])
    assert forms == {"tsvetkov": 2}
    # lower-case unknown forms are left out: across a corpus they are mostly the
    # garbles and word pieces repair left alone
    assert document_forms(["the posi- tion of tbat wbich was"]) == {}


def test_lower_case_forms_draw_nothing_from_the_corpus() -> None:
    # the corpus counts names: a lower-case form is not read as one
    assert repaired("the envoy tsvctkov left.", LEX).text == "the envoy tsvctkov left."


def test_load_lexicon_reads_json_and_refuses_junk(tmp_path) -> None:
    good = tmp_path / "lex.json"
    good.write_text(json.dumps(LEX.to_json()), encoding="utf-8")
    assert load_lexicon(good) == LEX
    bad = tmp_path / "bad.json"
    bad.write_text('{"x": 1}', encoding="utf-8")
    for path in (bad, tmp_path / "missing.json"):
        try:
            load_lexicon(path)
        except ValueError as exc:
            assert "\n" not in str(exc)
        else:
            raise AssertionError("junk read as a lexicon")


WORDS = st.sampled_from(["the", "envoy", "Tsvctkov", "Tsvetkov", "left", "Mr.", "Pclgrave",
                         "at", "Ostrawin", "Ostrawim", "and", "tbe", "rnet", "said", ",", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=25), st.lists(st.lists(WORDS, max_size=12),
                                                          max_size=6))
def test_edits_stay_sound_and_repair_is_stable(words: list[str],
                                               corpus: list[list[str]]) -> None:
    lex = CorpusLexicon.from_documents([[" ".join(d)] for d in corpus], min_docs=1,
                                       min_count=1)
    text = " ".join(words)
    doc = repaired(text, lex)
    assert doc.original == text
    spans = sorted((e.start, e.end) for e in doc.edits
                   if e.status == "applied" and e.kind == "text")
    for (s1, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2 or s1 == e1  # applied edits never overlap
    for s, e in spans:
        assert 0 <= s <= e <= len(text)
    assert repaired(doc.text, lex).text == doc.text  # repairing again changes nothing


NAMES = st.sampled_from(["Tsvetkov", "Tsvctkov", "Pelgrave", "Pclgrave", "Pe1grave",
                         "Ostrawin", "Ostrawim", "Hollin", "Ho1lin", "Kharbinsk"])


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["tsvetkov", "tsvctkov", "pelgrave", "pclgrave",
                                        "ostrawin", "ostrawim", "hollin", "kharbinsk"]),
                       st.tuples(st.integers(1, 60), st.integers(1, 20)), max_size=6),
       st.lists(NAMES, min_size=1, max_size=8), st.integers(1, 3))
def test_corpus_variants_cached_equal_plain(forms: dict[str, tuple[int, int]],
                                            doc: list[str], least: int) -> None:
    # the plain definition: a term sharing the first letter, one listed confusion away
    # (weighted distance <= 0.5), within 2 letters, no spelling variant, printed in
    # the document and the corpus at least CORPUS_RATIO times as often as the form
    from archivist.repair.channel import weighted_distance
    from archivist.repair.core import build_context
    from archivist.repair.words import CORPUS_RATIO, corpus_variants, spelling_variant

    lex = CorpusLexicon.from_counts(forms, min_docs=1, min_count=least)
    ctx = build_context([" ".join(doc)], lex)
    for word in set(doc):
        lw = word.lower()
        own = ctx.seen(lw)
        plain = []
        for term in lex.forms:
            cost = weighted_distance(lw, term, 0.5)
            k = ctx.seen(term)
            if term[0] == lw[0] and term != lw and abs(len(term) - len(lw)) <= 2 \
                    and cost <= 0.5 and not spelling_variant(lw, term) \
                    and k >= max(2, 2 * own, CORPUS_RATIO * own):
                plain.append((term, cost, k))
        assert corpus_variants(word, ctx) == plain
