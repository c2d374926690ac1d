"""repair.noise: OCR noise marks removed as edits; text, quotes and markers left alone."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from archivist.model import APPLIED, SUGGESTED, Document, Source, check_edits
from archivist.pipeline import REGISTRY, Pipeline, load_stages
from archivist.repair import STAGES
from archivist.repair.noise import fix_noise


def noise_only(text: str) -> Document:
    load_stages()
    return REGISTRY["repair.noise"](Document(original=text, source=Source("t", "0", "text")))


def repair(text: str) -> Document:
    return Pipeline().only(["repair."])(Document(original=text, source=Source("t", "0", "text")))


def test_noise_runs_right_after_unicode() -> None:
    # marks must be gone before the word stages judge a passage's Englishness
    assert STAGES.index("repair.noise") == STAGES.index("repair.unicode") + 1


def test_marks_are_deleted_as_edits_and_the_original_kept() -> None:
    text = "CONCERT. • The band ■- will play; an occur ' ' of note ~ Exeter ▼"
    doc = noise_only(text)
    assert doc.text == "CONCERT. The band - will play; an occur of note Exeter"
    assert doc.original == text
    assert all(e.stage == "repair.noise" and e.replacement == "" and e.status == APPLIED
               and e.reason.startswith("OCR noise") for e in doc.edits)
    assert all(0.5 <= e.confidence < 1 for e in doc.edits)


def test_mark_stuck_to_a_word_is_cut_off() -> None:
    assert noise_only("report •that the ■Mayor said").text == "report that the Mayor said"


def test_mid_sentence_marks_and_apostrophes_are_only_suggested() -> None:
    doc = noise_only("It • the most; an hour ' notice; to take ' her arms")
    assert doc.text == doc.original
    assert [e.status for e in doc.edits] == [SUGGESTED] * 3


def test_text_punctuation_quotes_markers_numbers_are_left_alone() -> None:
    for text in ("He said, ' Yes,' and went - quickly; &c. - so",
                 "' Tis the season. ' Next Door to a Police-Station",
                 "See note * and † and ‡; § 4 ¶ 2; £5 10s. 6d.",
                 "the heat was 45° in the shade, €5 or ¥100; © 1894; Copyright © Taylor",
                 "Items:\n• Bovril® in jars\n• Name _____ and ~~~ rule",
                 "I. THE ROMAN NUMERALS XIV, p. 23, f. 4, op. 2, d. 7 ob.",
                 "harbour.”⁴ Even “quoted” text, 3,250 guineas, to-day"):
        doc = noise_only(text)
        assert doc.edits == [], (text, [(e.original, e.reason) for e in doc.edits])


def test_mark_alone_on_a_line_takes_its_line_along() -> None:
    doc = noise_only("first line\n■\nsecond line")
    assert doc.text == "first line\nsecond line"


def test_line_of_several_marks_takes_its_line_along() -> None:
    # left as spaces and a line break it read as a paragraph gap
    for text in ("first line\n~ ~ ~\nsecond line", "first line\n ■ • \nsecond line",
                 "first line\n~\n~ ~\nsecond line"):
        assert noise_only(text).text == "first line\nsecond line", text
    # a word on the line keeps it; so does a mark only suggested beside a sure one
    assert noise_only("first line\nso ~ ~\nsecond line").text == "first line\nso\nsecond line"


def test_marks_closing_a_line_of_words_take_the_spaces_before_them() -> None:
    # as a lone mark does: "so ~ ~ ~" ending a paragraph left "so " in the reading text
    for text in ("It rained and so ~ ~ ~\n\nThe next day", "It rained and so ■ •\n\nThe next day",
                 "It rained and so ~ ~ \n\nThe next day"):
        assert noise_only(text).text == "It rained and so\n\nThe next day", text
    assert noise_only("It rained and so ~ ~").text == "It rained and so"


def test_marks_at_line_ends_keep_the_line_break() -> None:
    doc = noise_only("First line. •\nSecond, ■ \nThird")
    assert doc.text == "First line.\nSecond,\nThird"


def test_full_repair_removes_noise_and_still_corrects_words() -> None:
    doc = repair("PUBLIC MEETING. • The Committee will meet at the Guildhall on Monday. ■ "
                 "The Mayor presiding ▼")
    assert "•" not in doc.text and "■" not in doc.text and "▼" not in doc.text
    assert doc.original.count("■") == 1
    assert doc.text.startswith("PUBLIC MEETING. The Committee will meet")


NOISY = ["the", "Society", "will", "meet", "•", "■", "▼", "'", "''", "’", "_", "~", "°",
         "®", "|", "•that", "■-", "'•", "Hi®", "45°", "_____", ",", ".", "-", "\n", "I",
         "Exeter", "1894", "©", "*", "an", "occur", "of"]
noisy_texts = st.lists(st.sampled_from(NOISY), min_size=1, max_size=30).map(" ".join) | st.text(
    alphabet=st.sampled_from(list("ab A.,'’•■_~°® \n")), max_size=50)


@settings(max_examples=150, deadline=None)
@given(noisy_texts)
def test_noise_changes_never_overlap_and_stay_inside(text: str) -> None:
    changes = fix_noise(text)
    for c in changes:
        assert 0 <= c.start < c.end <= len(text) and c.replacement == ""
    spans = sorted((c.start, c.end) for c in changes)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    doc = noise_only(text)
    check_edits(doc.original, doc.edits)
    assert doc.original == text


@settings(max_examples=100, deadline=None)
@given(noisy_texts)
@example("_A._~A")  # idem14: the emphasis pair was judged before the speck went
@example("_A\n ■ • \nB_")  # idem14: ... before the marks' line was left empty (a gap)
def test_noise_stage_is_idempotent(text: str) -> None:
    again = noise_only(noise_only(text).text)
    assert [e for e in again.edits if e.status == APPLIED] == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NOISY), min_size=1, max_size=20).map(" ".join))
def test_full_repair_of_noisy_text_is_idempotent(text: str) -> None:
    once = repair(text)
    check_edits(once.original, once.edits)
    again = repair(once.text)
    applied = [e for e in again.edits if e.status == APPLIED]
    assert applied == [], [(e.stage, e.original, e.replacement) for e in applied]
