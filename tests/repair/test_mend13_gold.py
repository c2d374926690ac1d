"""mend13: rules that changed text already right (the repair run on gold text).

Each sentence is invented; each test fails without its fix."""

from __future__ import annotations

from archivist.repair import repair_text
from archivist.repair.noise import fix_noise


def test_emphasis_underscores_are_kept() -> None:
    # transcribed text marks italics with a pair of underscores: markup, not specks
    text = "The skipper called it _terra nova_, then sailed on -_Odes of Spring_. Later _we_ slept."
    assert fix_noise(text) == []
    assert repair_text(text).text == text


def test_unpaired_underscore_speck_still_goes() -> None:
    # the rule exists for specks read as underscores: a lone one still goes
    assert repair_text("the lamp _was lit by the porter").text == "the lamp was lit by the porter"
    assert repair_text("the lamp was_ lit by the porter").text == "the lamp was lit by the porter"


def test_fragment_ending_the_text_is_only_suggested() -> None:
    # a text cut inside a word ends on the word's first letters, which are right
    for text in ("The boys went down to the river and ferried over fa",
                 "She sat by the window and looked out upon f",
                 "They spoke of the matter on the principle c"):
        doc = repair_text(text)
        assert doc.text == text
        assert any(e.status == "suggested" for e in doc.edits)


def test_fragment_inside_the_text_still_repaired() -> None:
    assert (repair_text("The carriage waited at the gate for ti while it rained.").text
            == "The carriage waited at the gate for it while it rained.")
