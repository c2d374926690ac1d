"""review13d: mend13's cut-off-fragment rule (`repair.context`) and a text whose last
word is broken by a line-end hyphen: its rest is on a page that is not there, so the
letters before the hyphen are a word's first letters, right as printed.

Each sentence is invented; each test fails without the fix."""

from __future__ import annotations

import pytest

from archivist.repair import repair_text


@pytest.mark.parametrize("text", [
    "The boys went down to the river and ferried over fa-",
    "The boys went down to the river and ferried over fa-\n",
    "They spoke of the matter on the principle c-",
])
def test_a_hyphen_broken_last_word_is_only_suggested(text: str) -> None:
    doc = repair_text(text)
    assert doc.text == text
    assert any(e.status == "suggested" for e in doc.edits)


def test_a_fragment_before_a_hyphen_inside_the_text_still_repaired() -> None:
    # only the text's end: a hyphen inside it joins the next line (repair.hyphenation)
    text = "The carriage waited at the gate for ti while it rained and the rain-"
    assert repair_text(text).text.startswith("The carriage waited at the gate for it ")
