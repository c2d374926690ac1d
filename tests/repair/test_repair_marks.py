"""repair.marks: a letter read as a mark inside a word (round 11). Invented garbles only
(checked absent from the ICDAR 2017 TSVs)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.model import Document, Source
from archivist.repair import words as W
from archivist.repair.marks import mark_letters, pieces_stand


def test_mark_for_a_letter_is_read() -> None:
    out = {c.replacement for c in mark_letters("the carp-nter and a po.sible wint?r day")}
    assert out == {"carpenter", "possible", "winter"}


def test_case_kept_and_possessive_left_outside() -> None:
    assert [c.replacement for c in mark_letters("The Po.sible Case")] == ["Possible"]
    text = "the wint?r's end"
    assert [text[c.start:c.end] for c in mark_letters(text)] == ["wint?r"]


def test_compounds_names_and_runs_left_alone() -> None:
    text = ("to-day a two-fold air-force, Europe-Asia, end.The next, red,green, "
            "Smith-Jones, U.S.A. e.g. i.e. infor-mation we ha-d")
    assert mark_letters(text) == []
    assert pieces_stand("infor", "mation", "-") and pieces_stand("red", "green", ",")
    assert not pieces_stand("carp", "nter", "-")


def test_words_stage_applies_it_once() -> None:
    from archivist.pipeline import REGISTRY, load_stages

    load_stages()
    doc = Document(original="A carp-nter made the chairs and tables.",
                   source=Source("t", "0", "text"))
    doc = REGISTRY["repair.words"](doc)
    assert doc.text == "A carpenter made the chairs and tables."
    assert [e.stage for e in doc.edits if e.original == "carp-nter"] == ["repair.words"]
    assert W.fix_words("A carpenter made the chairs.") == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abcdeXY-.,?! '’", max_size=40))
def test_changes_are_well_formed(text: str) -> None:
    prev_end = -1
    for c in mark_letters(text):
        assert prev_end <= c.start < c.end <= len(text)
        src = text[c.start:c.end]
        assert any(m in src for m in "-.,?!")
        assert len(c.replacement) == len(src) and c.replacement.isalpha()
        prev_end = c.end


def test_common_garble_read_in_a_run_of_names() -> None:
    # a run of capitalised names fails the English-window gate; a capitalised garble
    # of a very common word inside it is still read, the names are not
    text = "Hollis Vandry Tbat Quorwick Pellard Brannoch"
    out = {text[c.start:c.end]: c.replacement for c in W.fix_words(text)}
    assert out.get("Tbat") == "That"
    assert set(out) <= {"Tbat"}
    # a short lower-case form there may be a foreign word: left to the gate
    assert not W.common_garble("hcr") and W.common_garble("Hcr")


def test_mid_sentence_speck_deleted_round_dot_held() -> None:
    from archivist.model import APPLIED, SUGGESTED
    from archivist.repair.noise import fix_noise

    # a square or a rule between two lower-case words is a speck: deleted; a single
    # round dot there may be a word the OCR could not read: only suggested
    confs = {c.alternatives[0].strip(): c.confidence
             for c in fix_noise("the dark ■ lantern and the old • quarry went")}
    assert confs["■"] >= 0.5 > confs["•"]
    doc = Document(original="the dark ■ lantern and the old • quarry went",
                   source=Source("t", "0", "text"))
    from archivist.pipeline import REGISTRY, load_stages

    load_stages()
    doc = REGISTRY["repair.noise"](doc)
    assert doc.text == "the dark lantern and the old • quarry went"
    assert sorted(e.status for e in doc.edits) == sorted([APPLIED, SUGGESTED])
