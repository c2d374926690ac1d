"""review7: displaced marks inside words (DISPLACED_IN_RE) against marks that are in place."""

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from archivist.repair.diacritics import fix_diacritics


def apply(text: str) -> str:
    for c in sorted(fix_diacritics(text), key=lambda c: c.start, reverse=True):
        text = text[:c.start] + c.replacement + text[c.end:]
    return text


def test_decomposed_text_keeps_its_marks_where_they_are():
    # NFD 'Magalhães' became 'Magalhaẽs', 'São' 'Saõ', 'aïeul' 'aiëul'
    for word in ("Magalhães", "Guimarães", "São Paulo", "aïeul", "irmãos"):
        assert fix_diacritics(unicodedata.normalize("NFD", word)) == [], word


def test_a_stray_mark_between_english_words_is_an_orphan_not_an_accent():
    # 'the ́ end' became 'the énd', 'an ́ island' 'an ísland' (0.8, applied)
    assert apply("He came to the \u0301 end of an \u0301 island") == (
        "He came to the end of an island")
    assert "all done" in apply("it was over \u0304all done")
    # a romanised name after an English word still gets its mark
    assert apply("the \u0304Omura road") == "the Ōmura road"
    assert apply("Y \u0304osuke") == "Yōsuke"


LETTERS = "aeiouAEIOUáéíóúãõâêôäëïöüāēīōūkstnmrhyKSTNY "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=LETTERS, min_size=1, max_size=30))
def test_marks_in_place_are_never_moved(text):
    assert fix_diacritics(unicodedata.normalize("NFD", text)) == []


@settings(max_examples=300, deadline=None)
# each mark stands before a vowel, as DISPLACED_IN_RE's input does (a mark with no vowel
# after it is the orphan rule's, which is not idempotent when marks stack: not tested here)
@given(st.lists(st.sampled_from(["Y", "T", "ok", "y", " ", " \u0304o", "\u0304o", "\u00afo",
                                 " \u0304O", "o", "u", "suke", "the", "a"]), max_size=12))
@example([" \u0304o", "\u00afo", "\u0304o"])  # an orphan settled only once "¯o" is "ō"
# the word before a mark held a mark of its own: read as a plain English word ("o")
# until its own mark was gone, so the second run moved the next mark
@example(["\u00afo", " \u0304O", "o", "\u0304o"])
# a mark inside the word after the displaced one: its letters were read up to that mark
# ("o" + capital, an English-looking head) and the displaced mark only moved on a second run
@example(["the", " \u0304o", "T", "\u0304o", "Y", "\u0304o"])
def test_repair_is_idempotent_and_edits_do_not_overlap(parts):
    text = "".join(parts)
    changes = sorted(fix_diacritics(text), key=lambda c: c.start)
    for a, b in zip(changes, changes[1:], strict=False):
        assert a.end <= b.start
    once = apply(text)
    assert apply(once) == once
