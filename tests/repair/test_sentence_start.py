"""`lm.sentence_start` looks for text before a position without copying it; it must
answer as the plain `text[:pos].strip() == ""` test does, for any white space."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair.lm import SENT_END, sentence_start

# ASCII and Unicode white space (str.strip's set), sentence ends, letters
ALPHABET = st.sampled_from([" ", "\n", "\t", "\f", "\u00a0", "\u2003", "\u3000", "\x1c",
                            "\u200b", ".", "?", "a", "B", "”"])


def _plain(text: str, pos: int) -> bool:
    before = text[max(0, pos - 6):pos]
    return pos == 0 or bool(SENT_END.search(before)) or text[:pos].strip() == ""


@settings(max_examples=500, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join), st.integers(0, 30))
def test_same_as_stripping_the_text_before(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    assert sentence_start(text, pos) == _plain(text, pos)


def test_leading_white_space_is_a_start_and_a_word_before_is_not() -> None:
    assert sentence_start("\u3000\n  The", 4)
    assert not sentence_start("and the", 4)
