"""Review 10c: an ALTO page of one column with side-notes in its margin (dates or
summaries beside paragraphs, listed by their top edge) is not read as two columns."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from archivist.ingest.alto import read_bytes

MARGIN, TEXT = (100, 300), (350, 2250)  # a narrow margin beside one wide column


def alto(blocks: list[tuple[tuple[int, int], int, str]]) -> bytes:
    tbs = []
    for k, ((x0, x1), top, text) in enumerate(blocks):
        words = "<SP/>".join(f'<String CONTENT={quoteattr(w)} WC="0.9"/>' for w in text.split())
        tbs.append(f'<TextBlock ID="b{k}" HPOS="{x0}" VPOS="{top}" WIDTH="{x1 - x0}" '
                   f'HEIGHT="60"><TextLine>{words}</TextLine></TextBlock>')
    return (f'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page ID="p">'
            f'<PrintSpace>{"".join(tbs)}</PrintSpace></Page></Layout></alto>').encode()


def test_side_notes_in_the_margin_stay_beside_their_paragraphs() -> None:
    blocks = [(MARGIN, 400, "1837."), (TEXT, 400, "The vestry met and chose two overseers."),
              (MARGIN, 700, "Rates."), (TEXT, 700, "A rate of fourpence in the pound was laid."),
              (MARGIN, 1000, "1838."), (TEXT, 1000, "The new workhouse was opened at Easter.")]
    got = read_bytes("page.xml", alto(blocks)).original.split("\n\n")
    assert got == [t for _, _, t in blocks]
