"""A newspaper page as ALTO whose producer listed the text blocks by their top edge
across two columns (probe 10): the articles must not be read interleaved."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.ingest.alto import read_bytes
from archivist.ingest.blockorder import Box, column_order

# (column, top, text); column 2 = a block across both columns
LEFT = [(0, 400, "FLOODS IN THE LOWER TOWN."), (0, 480, "The river rose four feet in the night."),
        (0, 700, "Boats were taken through the streets at dawn.")]
RIGHT = [(1, 400, "THE HARVEST SUPPER."), (1, 480, "The tenants dined in the great barn."),
         (1, 620, "The steward proposed the toast of the evening.")]
COLS = {0: (100, 1100), 1: (1250, 2250), 2: (100, 2250)}


def alto(blocks: list[tuple[int, int, str]], reading_order: list[int] | None = None) -> bytes:
    tbs = []
    for k, (col, top, text) in enumerate(blocks):
        x0, x1 = COLS[col]
        words = "<SP/>".join(f'<String CONTENT={quoteattr(w)} WC="0.9"/>' for w in text.split())
        tbs.append(f'<TextBlock ID="b{k}" HPOS="{x0}" VPOS="{top}" WIDTH="{x1 - x0}" HEIGHT="60">'
                   f'<TextLine>{words}</TextLine></TextBlock>')
    order = ""
    if reading_order is not None:
        refs = "".join(f'<ElementRef REF="b{i}"/>' for i in reading_order)
        order = f"<ReadingOrder><OrderedGroup>{refs}</OrderedGroup></ReadingOrder>"
    return (f'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">{order}<Layout>'
            f'<Page ID="p" PHYSICAL_IMG_NR="2"><PrintSpace>{"".join(tbs)}</PrintSpace>'
            f'</Page></Layout></alto>').encode()


def paragraphs(data: bytes) -> list[str]:
    return read_bytes("page.xml", data).original.split("\n\n")


def by_top(blocks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return sorted(blocks, key=lambda b: (b[1], b[0]))


def test_blocks_listed_by_top_edge_are_read_column_by_column() -> None:
    assert paragraphs(alto(by_top(LEFT + RIGHT))) == [t for _, _, t in LEFT + RIGHT]


def test_a_headline_across_the_columns_starts_a_band() -> None:
    head = (2, 900, "LATEST TELEGRAMS FROM THE CAPITAL.")
    below = [(0, 1000, "The minister has resigned."), (1, 1000, "Parliament rises on Friday.")]
    got = paragraphs(alto(by_top(LEFT + RIGHT + [head] + below)))
    assert got == [t for _, _, t in LEFT + RIGHT + [head] + below]


def test_column_by_column_listing_and_reading_order_are_kept() -> None:
    assert paragraphs(alto(LEFT + RIGHT)) == [t for _, _, t in LEFT + RIGHT]
    rows = by_top(LEFT + RIGHT)
    # the producer's ReadingOrder wins, even when it reads across
    assert paragraphs(alto(rows, list(range(len(rows))))) == [t for _, _, t in rows]


def test_one_column_page_keeps_its_order() -> None:
    blocks = [(0, 100 + 80 * i, f"Line of text number {i}.") for i in range(5)]
    assert paragraphs(alto(blocks)) == [t for _, _, t in blocks]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2000), st.integers(10, 200),
                          st.integers(5, 300)), min_size=0, max_size=12))
def test_column_order_is_a_permutation(raw: list[tuple[int, int, int, int]]) -> None:
    boxes = [Box(300.0 * c, float(t), 300.0 * c + w, float(t + h)) for c, t, w, h in raw]
    order = column_order(boxes)
    if order is not None:
        assert sorted(order) == list(range(len(boxes)))
        assert order != list(range(len(boxes)))


def hocr(blocks: list[tuple[int, int, str]]) -> bytes:
    pars = []
    for col, top, text in blocks:
        x0, x1 = COLS[col]
        words = " ".join(f"<span class='ocrx_word' title='bbox {x0} {top} {x0 + 50} {top + 40};"
                         f" x_wconf 91'>{w}</span>" for w in text.split())
        pars.append(f"<p class='ocr_par' title='bbox {x0} {top} {x1} {top + 60}'>"
                    f"<span class='ocr_line' title='bbox {x0} {top} {x1} {top + 40}'>{words}"
                    "</span></p>")
    return (f"<html><body><div class='ocr_page' title='bbox 0 0 2400 3400; ppageno 0'>"
            f"{''.join(pars)}</div></body></html>").encode()


def test_hocr_paragraphs_listed_by_top_edge_are_read_column_by_column() -> None:
    from archivist.ingest.hocr import read_bytes as read_hocr

    got = read_hocr("page.hocr", hocr(by_top(LEFT + RIGHT))).original.split("\n\n")
    assert got == [t for _, _, t in LEFT + RIGHT]
    got = read_hocr("page.hocr", hocr(LEFT + RIGHT)).original.split("\n\n")
    assert got == [t for _, _, t in LEFT + RIGHT]
