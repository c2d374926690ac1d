"""Generic name rules and the filters around spaCy (no model needed)."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from archivist.extract.common import name_key, sentences
from archivist.extract.entities import _ORG_SHAPE, _PLACE_NOUN, ner_regions, spacy_input
from archivist.extract.rules import rule_spans, speakers


def spans(text):
    return sorted((text[s:e], t) for s, e, t in rule_spans(text))


def test_titles_are_kept_apart_and_abbreviated_given_names_kept():
    assert ("Hull", "PERSON") in spans("Then Secretary Hull and Wm. Goodman left.")
    assert ("Wm. Goodman", "PERSON") in spans("Then Secretary Hull and Wm. Goodman left.")


def test_agreement_event_org_patterns():
    t = "the Treaty of Portsmouth, the Nomonhan Incident and the Chinese Government"
    got = spans(t)
    assert ("Treaty of Portsmouth", "AGREEMENT") in got
    assert ("Nomonhan Incident", "EVENT") in got
    assert ("Chinese Government", "ORG") in got
    assert spans("the incident was closed by the government") == []


def test_names_do_not_run_across_paragraphs():
    assert all("\n\n" not in s for s, _ in spans("From M. M. Petrov's Diary\n\nRECORD OF A"))


def test_speakers_and_org_shape_and_place_nouns():
    assert speakers("Togo replied that it was so; said Hirota.") == {"Togo", "Hirota"}
    assert _ORG_SHAPE.search("Pullman Chamber of Commerce")
    assert not _ORG_SHAPE.search("Appalachy")
    assert _PLACE_NOUN.match(" barrier located", 0)


def test_spacy_input_keeps_length():
    t = "A RECORD OF THE TALK WITH ÆTHELRED, and more"
    assert len(spacy_input(t)) == len(t)


def test_ner_regions_skip_sentences_whose_names_are_known():
    t = "The Japanese troops left. Then Zorbak came. In May nothing."
    assert [t[s:e] for s, e in ner_regions(t, [])] == ["Then Zorbak came."]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abAB .!?\n\"“Mr")), max_size=60))
def test_sentences_are_ordered_disjoint_spans(text):
    prev = 0
    for s, e in sentences(text):
        assert prev <= s < e <= len(text)
        prev = e


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcKhSsyoU.' ’-éōßÆ")), max_size=20))
def test_name_key_ignores_case_and_a_possessive(name):
    # a bare name: begins with a letter and is not itself a possessive
    assume(name[:1].isalpha() and not name.upper().strip().endswith(("'S", "’S")))
    assert name_key(name.upper() + "'s") == name_key(name.upper())
    assert name_key(name.upper()) == name_key(name.lower())
