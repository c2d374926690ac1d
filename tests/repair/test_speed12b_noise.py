"""repair.noise tokenises only the lines around its marks (`_hot_tokens`): the same
tokens, and the same neighbours, as the whole text's tokens (round speed12b)."""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import given
from hypothesis import strategies as st

from archivist.repair.noise import _NOISE_RE, LONE_QUOTE_RE, TOKEN_RE, _hot_tokens, fix_noise

TEXT = st.text(alphabet=st.sampled_from(list("ab1 \n\t'’•■®.,\u00a0\u2028\r")), max_size=60)


def _spans(m):  # noqa: ANN001, ANN202 - a match or None
    return None if m is None else m.span()


@given(TEXT)
def test_hot_tokens_are_the_whole_texts(text: str) -> None:
    toks = list(TOKEN_RE.finditer(text))
    starts = [m.start() for m in toks]
    hot = sorted({bisect_right(starts, m.start()) - 1 for rx in (_NOISE_RE, LONE_QUOTE_RE)
                  for m in rx.finditer(text)})
    want = [(_spans(toks[k - 1]) if k else None, toks[k].span(),
             _spans(toks[k + 1]) if k + 1 < len(toks) else None) for k in hot]
    assert [(_spans(a), m.span(), _spans(b)) for a, m, b in _hot_tokens(text)] == want


def test_neighbours_across_blank_lines() -> None:
    # a lone quote judged by the words on the lines around it, blank lines between
    text = "an hour\n\n'\n\n notice"
    assert [(a.group(), m.group(), b.group()) for a, m, b in _hot_tokens(text)] == [
        ("hour", "'", "notice")]
    assert [(text[c.start:c.end], c.confidence) for c in fix_noise(text)] == [("'\n", 0.4)]
