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
