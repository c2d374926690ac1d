"""OCR engine confidences, calibrated confidence and grammar-level context rules."""

from __future__ import annotations

import re

import pytest

from archivist.model import APPLIED, SUGGESTED, Document, Source, Token
from archivist.pipeline import REGISTRY, load_stages
from archivist.repair import STAGES
from archivist.repair.context import fix_context
from archivist.repair.core import build_context
from archivist.repair.words import calibrate


def repair(text: str, ocr_conf: float | None = None) -> Document:
    """The repair stages on `text`; every word gets `ocr_conf` as its engine confidence."""
    load_stages()
    tokens = ([Token(m.start(), m.end(), ocr_conf) for m in re.finditer(r"\S+", text)]
              if ocr_conf is not None else [])
    doc = Document(original=text, source=Source("t", "0", "text"), tokens=tokens)
    for name in STAGES:
        doc = REGISTRY[name](doc)
    return doc


def status_of(doc: Document, original: str) -> str | None:
    for e in doc.edits:
        if e.original == original:
            return e.status
    return None


@pytest.mark.parametrize("text,word,fixed", [
    ("The rut of pauperism is deep.", "rut", "The out of"),
    ("We are not arguing shout. As for the proposals", "shout", "arguing about."),
])
def test_low_ocr_confidence_lowers_the_margin(text, word, fixed):
    # plain text: a doubtful real-word edit is only suggested
    assert status_of(repair(text), word) == SUGGESTED
    # the engine doubted every word: the same candidate is applied
    doc = repair(text, 0.3)
    assert status_of(doc, word) == APPLIED and fixed in doc.text
    # the engine was sure: the word is kept, not even suggested
    sure = repair(text, 0.99)
    assert sure.text == text and status_of(sure, word) is None


def test_middling_ocr_confidence_changes_nothing():
    text = "The rut of pauperism is deep."
    assert [(e.original, e.status) for e in repair(text, 0.8).edits] == [
        (e.original, e.status) for e in repair(text).edits]


def test_high_ocr_confidence_keeps_plain_ocr_fixes():
    # a garbled common word is still fixed when the engine claims certainty
    assert "went and walked" in repair("we went aud walked home", 0.99).text


def test_calibration_holds_expensive_readings():
    assert calibrate(0.99, 1.6, False) < 0.5 <= calibrate(0.99, 1.6, True)
    assert calibrate(0.95, 0.5, False) == 0.95


def changes(text: str, doc_text: str | None = None) -> list[tuple[str, str]]:
    ctx = build_context([doc_text or text])
    return [(text[c.start:c.end], c.replacement) for c in fix_context(text, ctx)]


def test_did_not_past_tense_takes_the_close_base_form():
    assert changes("since he did not went to be late") == [("went", "want")]
    assert changes("since he didn't went to be late") == [("went", "want")]
    # a correct sentence, and a past tense after "not" without "did", stay
    assert changes("since he did not want to be late") == []
    assert changes("he had not went there") == []


def test_by_my_before_a_preposition_is_by_me():
    assert changes("remarks expressed by my concerning his proposal") == [("my", "me")]
    assert changes("remarks expressed by my own hand") == []


def test_stray_letter_read_as_the_phrase_the_document_uses():
    text = "I must enter a protest now. He suggested that he enter s protest. Then"
    assert ("s", "a") in changes(text)
    # without the document's own "enter a", joining "enters" is not overruled by it
    assert ("s", "a") not in changes("He suggested that he enter s protest. Then")


def test_early_modern_forms_are_left_alone():
    text = ("Sirs when ye have neede of them againe, ye shall finde them. "
            "The gentleman looketh long for us, and did helpe a young man.")
    doc = repair(text)
    for kept in ("ye have", "ye shall", "looketh", "helpe a"):
        assert kept in doc.text


def test_comma_glue_needs_two_letters_each_side():
    assert "Hayashi, Kantogun" in repair("the report of Hayashi,Kantogun staff").text
    assert "ar,d" in repair("Pte. T. Johson, ar,d Pte B Wider").text
