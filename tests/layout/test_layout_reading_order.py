"""Reading-order repair: line moves inside a paragraph and displaced fragments."""

from __future__ import annotations

from layout_helpers import layout_text

from archivist.layout.reading_order import apply_move, best_move, broken_sentences
from archivist.model import REJECTED

# A double-spaced typescript paragraph whose second line OCR put two lines too early.
SCRAMBLED = ("The report was read to the committee in the morning.\n\n"
             "It was late. Before the commission could meet on the spot,\n\n"
             "we shall not sign anything, whatever they may say. If the\n\n"
             "several more weeks would pass. If the troops are still\n\n"
             "on our side of the river by the end of this month,\n\n"
             "government really wants peace, it must withdraw its troops\n\n"
             "from the hills before the talks begin again next month.")
RIGHT = ("It was late. Before the commission could meet on the spot, several more weeks would "
         "pass. If the troops are still on our side of the river by the end of this month, we "
         "shall not sign anything, whatever they may say. If the government really wants "
         "peace, it must withdraw its troops from the hills before the talks begin again next "
         "month.")


def test_broken_sentence_detector():
    assert broken_sentences("If the the ministry sent a letter.") == 1
    assert broken_sentences("If they come, we go. When it rains, we stay.") == 0


def test_best_move_is_none_for_good_text():
    lines = ["The committee met at noon and the chairman spoke first about the",
             "state of the roads, which had been bad all winter, and then about",
             "the money that the ministry had promised but never sent to them."]
    assert best_move(lines) is None


def test_apply_move():
    assert apply_move(list("ABCDE"), 3, 5, 1) == list("ADEBC")


def test_scrambled_lines_are_reordered_by_a_reversible_move():
    doc = layout_text(SCRAMBLED)
    assert doc.text.split("\n\n")[1] == RIGHT
    moves = [e for e in doc.edits if e.kind == "move"]
    assert len(moves) == 2
    dele, ins = sorted(moves, key=lambda e: e.start == e.end)
    assert dele.replacement == "" and ins.start == ins.end and ins.moved_from is not None
    assert ins.replacement.strip() in dele.original.replace("\n\n", " ")
    assert 0.5 <= ins.confidence <= 0.95 and "reading order" in ins.reason
    before = doc.text
    for e in moves:
        doc.set_status(e.id, REJECTED)
    assert doc.text != before
    assert "spot, we shall not sign" in doc.text  # the OCR order is back


FRAGMENT = ("We are ready to promise that our troops will not cross the line, and will\n\n"
            "He answered that the words were not clear to him at all.\n\n"
            "not fire across it.\n\n"
            "I repeated my statement.")


def test_displaced_fragment_goes_back():
    doc = layout_text(FRAGMENT)
    assert doc.text.split("\n\n") == [
        "We are ready to promise that our troops will not cross the line, and will not fire "
        "across it.",
        "He answered that the words were not clear to him at all.",
        "I repeated my statement."]
    for e in doc.edits:
        if e.kind == "move":
            doc.set_status(e.id, REJECTED)
    assert "\n\nnot fire across it.\n\n" in doc.text


def test_no_moves_in_ordinary_prose():
    text = ("The meeting began at ten. When the minister arrived, the delegates stood.\n\n"
            "He spoke for an hour about the harvest and the roads, and then he left.\n\n"
            "nobody asked him any questions, which surprised the reporters a great deal.")
    doc = layout_text(text)
    assert not any(e.kind == "move" for e in doc.edits)
