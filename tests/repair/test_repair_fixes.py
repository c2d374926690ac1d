"""Real fixes and real non-fixes of the repair stages (pure fixers and the stages)."""

from __future__ import annotations

import pytest

from archivist.model import Document, Source, check_edits
from archivist.pipeline import REGISTRY, load_stages
from archivist.repair import STAGES
from archivist.repair.context import fix_context
from archivist.repair.core import build_context
from archivist.repair.diacritics import fix_diacritics
from archivist.repair.hyphenation import fix_hyphenation
from archivist.repair.ligatures import fix_ligatures
from archivist.repair.spacing import fix_spacing
from archivist.repair.words import fix_words


def apply(text: str, changes) -> str:
    """Apply pure-fixer changes to `text` (right to left)."""
    for c in sorted(changes, key=lambda c: (c.start, c.end), reverse=True):
        text = text[:c.start] + c.replacement + text[c.end:]
    return text


def repair(text: str, threshold: float = 0.5) -> Document:
    load_stages()
    doc = Document(original=text, source=Source("t", "0", "text"), threshold=threshold)
    for name in STAGES:
        doc = REGISTRY[name](doc)
    return doc


LIGATURE_TEXT = ("every eort was made; the oers were ratied and signicantly the "
                 "Aairs of the oensive Eort, the rst of the stas")


def test_ligatures_restored_when_document_shows_loss():
    out = apply(LIGATURE_TEXT, fix_ligatures(LIGATURE_TEXT))
    for word in ("effort", "offers", "ratified", "significantly", "Affairs", "offensive",
                 "Effort", "first", "staffs"):
        assert word in out


def test_no_ligature_edits_without_evidence():
    text = "The rst reading of the stas was given to the council."
    assert fix_ligatures(text) == []


def test_displaced_macrons_attached_and_orphan_flagged():
    text = "Sabur ̄o Hayashi, Kantogun to kyokut ̄ ̄o (Tokyo: shob ̄ o, 1974), 53–54. ̄"
    ctx = build_context([text])
    changes = fix_diacritics(text, ctx)
    applied = [c for c in changes if c.confidence >= 0.5]
    out = apply(text, applied)
    assert "Saburō" in out and "kyokutō" in out and "shobō" in out
    # the orphan leaves the reading text through a logged, reviewable edit ...
    assert out.endswith("53–54.")
    orphan = [c for c in changes if c.replacement == ""]
    assert len(orphan) == 1 and orphan[0].alternatives == (" \u0304",)
    assert any("orphan" in w for w in ctx.flags["warnings"])
    assert any("repeated" in w for w in ctx.flags["warnings"])
    # ... and a stricter threshold keeps it in place as a suggestion
    strict = apply(text, [c for c in changes if c.confidence >= 0.6])
    assert strict.endswith("53–54. ̄")


@pytest.mark.parametrize("raw,expected", [
    ("the bor-\nder from", "the border from"),
    ("A Reconsidera-\ntion.", "A Reconsideration."),
    ("the Peo-\nple’s Commissariat", "the People’s Commissariat"),
    ("signed non-\naggression pacts", "signed non-aggression pacts"),
    ("it was two-\nfold", "it was two-fold"),
    ("the Europe-\nAsia Studies", "the Europe-Asia Studies"),
    ("I saw him to-\nday", "I saw him to-day"),
    # two of the commonest words making one common word are never a compound
    ("they can-\nnot accept", "they cannot accept"),
    ("left with-\nout delay", "left without delay"),
    ("came up-\non the", "came upon the"),
    ("and no-\none came", "and no-one came"),
])
def test_line_end_hyphens(raw, expected):
    assert apply(raw, fix_hyphenation(raw)) == expected


@pytest.mark.parametrize("raw,expected", [
    ("editor ofIzvestiia, 1991", "editor of Izvestiia, 1991"),
    ("Hayashi,Kantogun to", "Hayashi, Kantogun to"),
    ("sorengun(Tokyo: Fuyo", "sorengun (Tokyo: Fuyo"),
    ("A Reconsideration.”Europe-Asia Studies", "A Reconsideration.” Europe-Asia Studies"),
    ("I had given . concrete explanations", "I had given concrete explanations"),
])
def test_spacing_fixes(raw, expected):
    assert apply(raw, fix_spacing(raw)) == expected


@pytest.mark.parametrize("text", [
    "it cost 1,421 million rubles", "the U.S.S.R. and i. e., the", "see RGASPI, f. 558, op. 11",
    "visit http://example.org/a,b today", "the McDonald farm",
])
def test_spacing_leaves_alone(text):
    assert fix_spacing(text) == []


@pytest.mark.parametrize("raw,expected", [
    ("the Jaranese troops on the spot", "the Japanese troops on the spot"),
    ("to take necessary messures for the defence", "to take necessary measures for the defence"),
    ("It is riliculous to talk about it", "It is ridiculous to talk about it"),
    ("this attack was carriedon day and night", "this attack was carried on day and night"),
    ("from the Center notttobgo even one step", "from the Center not to go even one step"),
    ("we are prepared to guarentee that", "we are prepared to guarantee that"),
    ("thé king shaU be glad", "the king shall be glad"),
])
def test_word_fixes(raw, expected):
    assert apply(raw, [c for c in fix_words(raw) if c.confidence >= 0.5]) == expected


@pytest.mark.parametrize("text", [
    "the controversie shall be ended; then were they bid to returne",
    "stand to his iudgment that I shall appoint",
    "See Ivan Gronskii, Iz proshlogo. Vospominaniia (Moscow: Izvestiia, 1991)",
    "the defence of the honour of the connexion to-day and to-morrow",
    "Manchukuo and Manchoukuo, RGVA, f. 4, op. 19, d. 13, l. 131, ob.",
    "in the XIV century, 1938, the 8th of August",
])
def test_words_leave_alone(text):
    assert fix_words(text) == []


def test_old_spelling_vowels_are_held_in_an_old_text():
    # in early-modern spelling ("againe", "tooke") one vowel for another is how its
    # words differ from ours: the modern reading is offered, not applied
    old = "And the strang man came home againe, and tooke his supper by the fire."
    assert [(c.replacement, c.confidence < 0.5) for c in fix_words(old)] == [("strong", True)]
    modern = "And the strang man came home, and took his supper by the fire."
    assert [(c.replacement, c.confidence >= 0.5) for c in fix_words(modern)] == [("strong", True)]


def test_document_term_outweighs_garbled_cousin():
    text = ("Shigemitsu said so. " * 6) + "I pointed out to Shigemit'su and SHIGHMITSU that."
    out = apply(text, fix_words(text))
    assert "Shigemit'su" not in out and "SHIGHMITSU" not in out
    assert out.count("Shigemitsu") == 7 and "SHIGEMITSU" in out


def test_repeated_unknown_form_is_attested_not_corrected():
    text = "the Hunch'un Agreement; the Hunch'un map; the Hunch'un line; the Khunchun one"
    assert fix_words(text) == []


@pytest.mark.parametrize("raw,expected", [
    ("it had ben made by me", "it had been made by me"),
    ("We ere filled with determination", "We are filled with determination"),
    ("the new mills ere busy this week", "the new mills are busy this week"),
    ("the border there. se think that it is", "the border there. We think that it is"),
    ("Such n attack doubtless lowers", "Such an attack doubtless lowers"),
    ("Japanese troops sudden y attacked our", "Japanese troops suddenly attacked our"),
])
def test_context_fixes(raw, expected):
    assert apply(raw, [c for c in fix_context(raw) if c.confidence >= 0.5]) == expected


def test_split_syllables_are_suggested_not_applied():
    changes = fix_context("the com mittee met")
    assert [(c.replacement, c.confidence < 0.5) for c in changes] == [("committee", True)]


@pytest.mark.parametrize("text", [
    "The U S S R and the U.S.S.R. are one", "Stalin i Kaganovich, 208.", "i. e., the beginning",
    "hee did cause it and doe it againe", "R. W. Davies wrote it",
    # old words the context model once read as commoner ones
    "and ere the week was out he had gone", "we shall be there ere long, said he",
    "he would not name nor indicate the place", "neither time nor need for it",
    "he was lodged in gaol at the assizes",
])
def test_context_leaves_alone(text):
    assert [c for c in fix_context(text) if c.confidence >= 0.5] == []


def test_stage_edits_are_stand_off_and_explained():
    text = "the bor-\nder was signicantly changed; every eort, the oers were ratied"
    doc = repair(text)
    check_edits(doc.original, doc.edits)
    assert doc.original == text
    assert "border" in doc.text and "significantly" in doc.text and "\n" not in doc.text
    for e in doc.edits:
        assert e.stage.startswith("repair.") and e.reason and 0.0 <= e.confidence <= 1.0


def test_low_confidence_edits_are_suggestions():
    doc = repair("the marning which I gave him", threshold=0.999)
    assert "marning" in doc.text
    assert any(e.status == "suggested" for e in doc.edits)


def test_notes_are_repaired_in_their_own_view():
    from archivist.model import Edit, Note

    text = "Body text here.\n13 See Ivan Gronskii, editor ofIzvestiia: Gronskii,Iz proshlogo"
    doc = Document(original=text, source=Source("t", "0", "text"))
    start = text.index("13 See")
    doc.notes.append(Note("13", start, len(text)))
    doc.add_edits([Edit("layout.notes", start - 1, len(text), text[start - 1:], "",
                        kind="layout")])
    load_stages()
    for name in STAGES:
        doc = REGISTRY[name](doc)
    note = doc.note_view(doc.notes[0]).text
    assert "of Izvestiia" in note and "Gronskii, Iz" in note
    assert doc.text == "Body text here."


@pytest.mark.parametrize("raw, want", [
    ("Admission, Is. each, children 6d.", "Admission, 1s. each, children 6d."),
    ("to 3s. Gd. per brace, rabbits Is. 6d. each", "to 3s. 6d. per brace, rabbits 1s. 6d. each"),
    ("bottles at Is 9d, 3s and 26s fid.", "bottles at 1s 9d, 3s and 26s 6d."),
])
def test_money_sums_read_as_letters_become_digits(raw, want):
    assert repair(raw).text == want


@pytest.mark.parametrize("text", [
    "Marked in Plain Figures Is our opinion of the goods.",
    "What it Is. Then the Id and the Ego were named.",
    "The Gd. Hall and Cd. Street; ls. and fid. alone.",
])
def test_money_rule_leaves_words_without_a_sum_alone(text):
    from archivist.repair.money import fix_money

    assert fix_money(text) == []


@pytest.mark.parametrize("threshold,in_text", [(0.5, False), (0.6, True)])
def test_orphan_accent_in_a_document_is_flagged_and_reversible(tmp_path, threshold, in_text):
    """Whole pipeline: the free-standing accent leaves the text through an applied edit
    that is warned about and sits low in confidence; a stricter threshold keeps it."""
    from archivist.model import APPLIED, SUGGESTED
    from archivist.process import process_path

    path = tmp_path / "note.txt"
    path.write_text("Tokyo: Fuyo shob \u0304 o, 1974), 53–54. \u0304\n", encoding="utf-8")
    doc = process_path(path, threshold=threshold)
    orphan = [e for e in doc.edits if e.stage == "repair.diacritics" and e.replacement == ""]
    assert len(orphan) == 1 and orphan[0].original == " \u0304"
    assert orphan[0].status == (SUGGESTED if in_text else APPLIED)
    assert ("53–54. \u0304" in doc.text) is in_text
    assert "shobō" in doc.text
    assert any("orphan accent" in w for w in doc.warnings)
    assert doc.original.endswith("53–54. \u0304\n")


def test_displaced_macrons_inside_words_go_on_their_vowels(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("The envoy, Y \u0304osuke Ab\u0304e, went from T \u0304oky \u0304o to the "
                 "\u0304Omura works and back to R \u0304ukai.\n", encoding="utf-8")
    from archivist.pipeline import Pipeline
    from archivist.process import process_path

    doc = process_path(p, pipeline=Pipeline().without(["extract"]))
    assert doc.text.startswith("The envoy, Yōsuke Abē, went from Tōkyō to the Ōmura works")
    assert doc.text.rstrip().endswith("back to Rūkai.")
    # nothing was dropped as an orphan, and the source keeps every mark
    assert not [e for e in doc.edits if e.stage == "repair.diacritics" and not e.replacement]
    assert doc.original.count("\u0304") == 6
    # a second run on the repaired text finds nothing to do
    assert fix_diacritics(doc.text) == []


def test_an_orphan_mark_glued_to_a_word_leaves_the_words_apart():
    text = "it went over \u0304all the hills. 112\u201313. \u0304\n"
    changes = fix_diacritics(text)
    out = text
    for c in sorted(changes, key=lambda c: -c.start):
        out = out[:c.start] + c.replacement + out[c.end:]
    assert out == "it went over all the hills. 112\u201313.\n"
    assert fix_diacritics(out) == []
