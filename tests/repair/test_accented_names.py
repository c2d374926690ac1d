"""Accented names are spelled as their owners spell them; stray accents that OCR
scatters over English words still go (words here are invented or common names)."""

from __future__ import annotations

from archivist.repair.core import accent_noise, build_context
from archivist.repair.words import fix_words


def _fixed(text: str) -> dict[str, str]:
    ctx = build_context([text])
    return {text[c.start:c.end]: c.replacement for c in fix_words(text, ctx)}


def test_accented_city_and_personal_names_are_kept_in_clean_text():
    text = ("The delegates travelled from Zürich to Kraków, where Señor García and Herr "
            "Müller met them at the station and took them to the town hall.")
    assert not accent_noise(build_context([text]).lower)
    fixed = _fixed(text)
    assert not {"Zürich", "Kraków", "García", "Müller"} & set(fixed), fixed


def test_stray_accents_on_english_words_are_still_removed():
    text = ("The old wîndow of the gardèn was broken, and Wîth that the delegates went "
            "from Zürich to the town hall.")
    assert accent_noise(build_context([text]).lower)
    fixed = _fixed(text)
    assert fixed.get("wîndow") == "window" and fixed.get("gardèn") == "garden"
    assert fixed.get("Wîth") == "With"


def test_romanized_given_names_are_not_read_as_english_words():
    text = ("The delegates of Sun Yat-sen met Chiang Kai-shek and Kim Il-sung at the "
            "Chnrch-yard gate, and the harbour board read the letter.")
    fixed = _fixed(text)
    assert not {"Yat", "sen", "Kai", "shek", "Il", "sung"} & set(fixed), fixed
    assert fixed.get("Chnrch") == "Church"  # a compound's garbled head is still read
