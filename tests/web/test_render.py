"""The layered renderer: any text, any crossing layers -> well-nested, escaped markup
that reads back as exactly the text."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from archivist.web.render import Point, Span, layered_html

TAGS = ["b", "i", "u"]


class Nesting(HTMLParser):
    """Records tag nesting errors and the text content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag != "br":
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@st.composite
def layered(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'é\n")), min_size=0,
                        max_size=40))
    n = len(text)
    layers = []
    for tag in TAGS[:draw(st.integers(0, 3))]:
        cuts = sorted(set(draw(st.lists(st.integers(0, n), max_size=8))))
        spans = [Span(a, b, Markup(f"<{tag}>"), Markup(f"</{tag}>"))
                 for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
        layers.append(spans)
    points = [Point(at, k, Markup("<br>"))
              for k, at in enumerate(draw(st.lists(st.integers(0, n), max_size=4)))]
    lo = draw(st.integers(0, n))
    hi = draw(st.integers(lo, n))
    return text, lo, hi, layers, points


@settings(max_examples=150, deadline=None)
@given(layered())
def test_layered_html_is_nested_escaped_and_lossless(case):
    text, lo, hi, layers, points = case
    out = str(layered_html(text, lo, hi, layers, points))
    p = Nesting()
    p.feed(out)
    p.close()
    assert not p.errors and not p.stack
    assert "".join(p.text) == text[lo:hi]
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text[lo:hi]
    assert out.count("<br>") == sum(1 for q in points if lo <= q.at <= hi)


@settings(max_examples=100, deadline=None)
@given(layered())
def test_every_character_is_inside_the_spans_that_cover_it(case):
    text, lo, hi, layers, _ = case
    out = str(layered_html(text, lo, hi, layers, []))
    # walk the output, tracking open tags, and check each character's coverage
    open_tags: list[str] = []
    pos = lo
    for tok in re.findall(r"</?[a-z]+>|&[^;]+;|[^<&]", out):
        if tok.startswith("</"):
            open_tags.remove(tok[2:-1])
        elif tok.startswith("<"):
            open_tags.append(tok[1:-1])
        else:
            want = {TAGS[li] for li, layer in enumerate(layers)
                    if any(s.start <= pos < s.end for s in layer)}
            assert set(open_tags) == want
            pos += 1
    assert pos == hi
