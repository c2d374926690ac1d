"""idem14: review13d took `context.near_words`' words test on the second steps for one
that can never fail (its comment said `second_steps` had made it). It can: `second_steps`
tests a string's lower case, and a replacement in capitals from the confusion table
("1" -> "I") makes a string that is no key of the lower-case frequencies. The test stays,
its comment now says so; near_words' output is unchanged."""

from __future__ import annotations

from archivist.repair.channel import _seeds, frequencies, second_steps
from archivist.repair.context import near_words


def test_second_steps_make_capitals_that_near_words_leaves_out() -> None:
    freq = frequencies()
    made = {s for s, _c in second_steps("1t", "1t", _seeds("1t", 1.2, plain=False), 1.2, freq)}
    assert "It" in made and "It" not in freq  # the test in near_words fails here
    got = near_words("1t")
    assert got and all(w == w.lower() and freq[w] >= 3.0 for w, _c in got)
