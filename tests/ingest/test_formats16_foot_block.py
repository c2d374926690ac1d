"""OCR blocks listed by their top edge across two columns: a short block at the foot of
the page (a footnote, which covers only its own words' width) was put in the column it
sits under and read between the two columns; a short title above the columns likewise."""

from __future__ import annotations

from archivist.ingest import read
from archivist.ingest.blockorder import Box, column_order

LEFT = ["The weir was mended in the dry autumn", "and the eel traps set again."]
RIGHT = ["The miller paid the cost himself", "and was thanked by the vestry.²"]
NOTE = "2 Vestry minutes, fol. 9."
TITLE = "THE WEIR"


def _block(ident: str, x: int, y: int, lines: list[str], width: int = 800) -> str:
    out = []
    for k, line in enumerate(lines):
        words = []
        pos = x
        for w in line.split():
            words.append(f'<String HPOS="{pos}" VPOS="{y + 40 * k}" WIDTH="{16 * len(w)}" '
                         f'HEIGHT="30" CONTENT="{w}"/>')
            pos += 16 * len(w) + 14
        out.append(f'<TextLine HPOS="{x}" VPOS="{y + 40 * k}" WIDTH="{pos - x}" HEIGHT="30">'
                   + "<SP/>".join(words) + "</TextLine>")
    return (f'<TextBlock ID="{ident}" HPOS="{x}" VPOS="{y}" WIDTH="{width}" '
            f'HEIGHT="{40 * len(lines)}">' + "".join(out) + "</TextBlock>")


def _alto(*blocks: str) -> bytes:
    return ('<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout>'
            '<Page ID="p" PHYSICAL_IMG_NR="1"><PrintSpace>' + "".join(blocks)
            + "</PrintSpace></Page></Layout></alto>").encode()


def test_short_note_at_the_foot_of_the_left_column_is_read_after_both(tmp_path) -> None:
    f = tmp_path / "page.xml"
    f.write_bytes(_alto(_block("l", 100, 300, LEFT), _block("r", 1000, 300, RIGHT),
                        _block("n", 100, 2700, [NOTE], width=420)))
    assert read(f).original.split("\n\n") == ["\n".join(LEFT), "\n".join(RIGHT), NOTE]


def test_short_title_over_the_right_column_is_read_first(tmp_path) -> None:
    f = tmp_path / "page.xml"
    f.write_bytes(_alto(_block("t", 1300, 150, [TITLE], width=200),
                        _block("l", 100, 300, LEFT), _block("r", 1000, 300, RIGHT)))
    assert read(f).original.split("\n\n") == [TITLE, "\n".join(LEFT), "\n".join(RIGHT)]


def test_blocks_beside_the_columns_are_no_foot() -> None:
    # two columns of two blocks each, listed by top: the lower blocks have neighbours
    boxes = [Box(0, 0, 10, 10), Box(15, 0, 25, 10), Box(0, 20, 10, 30), Box(15, 22, 25, 30)]
    assert column_order(boxes) == [0, 2, 1, 3]


def test_two_notes_at_the_foot(tmp_path) -> None:
    f = tmp_path / "page.xml"
    f.write_bytes(_alto(_block("l", 100, 300, LEFT), _block("r", 1000, 300, RIGHT),
                        _block("n", 100, 2700, [NOTE], width=420),
                        _block("m", 100, 2750, ["3 Ibid., fol. 11."], width=300)))
    assert read(f).original.split("\n\n") == ["\n".join(LEFT), "\n".join(RIGHT), NOTE,
                                              "3 Ibid., fol. 11."]
