"""Column order for OCR text blocks that a producer listed row by row.

Some OCR exports list a page's text blocks by their top edge alone, so on a page of
columns the XML goes left column, right column, left column...: two articles read
interleaved, paragraph by paragraph. When the blocks of a region are in top-edge
order and stand side by side, this puts them back in reading order: a block much
wider than the usual one (a headline over several columns) cuts the page into bands;
within a band the columns are read left to right, each top to bottom.

Blocks listed in any other order are left as the producer gave them: that order was
chosen (column by column, or article by article) and is usually right.
"""

from __future__ import annotations

from dataclasses import dataclass

SPAN = 1.6  # a block this many times wider than the median one spans columns
NARROW_MARGIN = 0.4  # a column narrower than this share of the widest is a margin
SLACK = 0.5  # top edges may go back up by this share of the lower block's height
LEVEL = 0.1  # columns end (start) level when within this share of their height
SHORT = 0.75  # a block at most this share of the usual block's width is no column's text


@dataclass(frozen=True)
class Box:
    """A block's bounding box (x0, top, x1, bottom), in any unit."""

    x0: float
    top: float
    x1: float
    bottom: float

    def corners(self) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom)."""
        return self.x0, self.top, self.x1, self.bottom

    @property
    def width(self) -> float:
        return self.x1 - self.x0


def side_by_side(a: Box, b: Box) -> bool:
    """Two blocks next to each other: their x ranges barely overlap, their y ranges do.

    >>> side_by_side(Box(0, 0, 10, 10), Box(12, 5, 20, 15)), side_by_side(Box(0, 0, 10, 10),
    ...                                                                   Box(0, 12, 10, 20))
    (True, False)
    """
    x_overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    y_overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return x_overlap < 0.1 * min(a.width, b.width) and y_overlap > 0


def listed_by_top(boxes: list[Box]) -> bool:
    """Whether the boxes are listed by their top edge (with a little slack)."""
    return all(b.top >= a.top - SLACK * max(b.bottom - b.top, 0.0)
               for a, b in zip(boxes, boxes[1:], strict=False))


def _columns(boxes: list[Box]) -> list[tuple[float, float]]:
    """x ranges of the columns: overlapping x ranges of the blocks merged, left to right."""
    spans = sorted((b.x0, b.x1) for b in boxes)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 < cols[-1][1] - 0.1 * (x1 - x0):
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return [(a, b) for a, b in cols]


def _head_and_foot(boxes: list[Box], narrow: list[int]) -> list[int]:
    """Narrow blocks with nothing beside them above or below columns that start (end)
    level: a title over the page, a footnote or a page number at its foot. They cut the
    page into bands as a wide block does, so a short note at the foot of the left column
    is read after both columns, not between them. Below columns that end at different
    heights a block is the longer column's last paragraph, and stays in it; a foot block
    starts in the left column (a block under the right one alone ends that column), and
    either is shorter than the columns' measure (a paragraph set to it is the column's).

    >>> cols = [Box(0, 0, 10, 10), Box(15, 0, 25, 10), Box(0, 12, 10, 20), Box(15, 12, 25, 20)]
    >>> _head_and_foot([*cols, Box(0, 30, 6, 32)], [0, 1, 2, 3, 4])
    [4]
    >>> _head_and_foot([*cols[:3], Box(0, 30, 6, 32)], [0, 1, 2, 3])  # the left runs on
    []
    """
    found: list[int] = []
    rest = list(narrow)
    first = _columns([boxes[k] for k in narrow])[0]
    widths = sorted(boxes[k].width for k in narrow)
    measure = widths[len(widths) // 2]
    for foot in (True, False):
        chain: list[int] = []  # the lowest (highest) blocks, one under another
        left = list(rest)
        while len(left) > 2:
            i = (max(left, key=lambda k: boxes[k].bottom) if foot
                 else min(left, key=lambda k: boxes[k].top))
            others = [k for k in left if k != i]
            beyond = (boxes[i].top >= max(boxes[k].bottom for k in others) if foot
                      else boxes[i].bottom <= min(boxes[k].top for k in others))
            if not beyond or any(side_by_side(boxes[i], boxes[k]) for k in others):
                break
            if foot and boxes[i].x0 >= first[1]:  # notes start at the left margin
                break
            if boxes[i].width > SHORT * measure:  # a column's paragraph, set to its measure
                break
            chain.append(i)
            left = others
        cols = _columns([boxes[k] for k in left])
        if not chain or len(cols) < 2:
            continue
        ends = [max(boxes[k].bottom if foot else -boxes[k].top for k in left
                    if _overlaps(boxes[k], col)) for col in cols]
        span = max(boxes[k].bottom for k in left) - min(boxes[k].top for k in left)
        if max(ends) - min(ends) <= LEVEL * span:
            found.extend(chain)
            rest = left
    return found


def _overlaps(b: Box, col: tuple[float, float]) -> bool:
    return min(b.x1, col[1]) - max(b.x0, col[0]) > 0


def column_order(boxes: list[Box]) -> list[int] | None:
    """Reading order (indices into `boxes`) for row-listed blocks in columns, or None when
    the listed order should stand.

    >>> left = [Box(0, 0, 10, 10), Box(0, 20, 10, 30)]
    >>> right = [Box(15, 0, 25, 10), Box(15, 20, 25, 30)]
    >>> column_order([left[0], right[0], left[1], right[1]])
    [0, 2, 1, 3]
    >>> column_order([left[0], left[1], right[0], right[1]]) is None
    True
    >>> margin = [Box(0, 0, 3, 5), Box(5, 0, 25, 10), Box(0, 20, 3, 25), Box(5, 20, 25, 30)]
    >>> column_order(margin) is None  # side-notes in the margin stay by their paragraphs
    True
    """
    if len(boxes) < 3 or not listed_by_top(boxes):
        return None
    if not any(side_by_side(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
        return None
    widths = sorted(b.width for b in boxes)
    median = widths[len(widths) // 2]
    if median <= 0:
        return None
    wide = [i for i, b in enumerate(boxes) if b.width > SPAN * median]
    narrow = [i for i, b in enumerate(boxes) if b.width <= SPAN * median]
    cols = _columns([boxes[i] for i in narrow])
    if len(cols) < 2:
        return None

    def column_of(i: int) -> int:
        mid = (boxes[i].x0 + boxes[i].x1) / 2
        return min(range(len(cols)), key=lambda k: 0 if cols[k][0] <= mid <= cols[k][1]
                   else min(abs(mid - cols[k][0]), abs(mid - cols[k][1])))

    # columns of a page are set to one measure; a much narrower "column" is a margin of
    # side-notes (dates, summaries) beside the text, each read next to its paragraph, not
    # all of them before the text
    col_widths = [c[1] - c[0] for c in cols]
    if min(col_widths) < NARROW_MARGIN * max(col_widths):
        return None

    cuts = sorted(wide + _head_and_foot(boxes, narrow), key=lambda i: boxes[i].top)
    narrow = [i for i in narrow if i not in cuts]
    order: list[int] = []
    for band in range(len(cuts) + 1):
        lo = boxes[cuts[band - 1]].top if band else float("-inf")
        hi = boxes[cuts[band]].top if band < len(cuts) else float("inf")
        inside = [i for i in narrow if lo <= boxes[i].top < hi]
        order.extend(sorted(inside, key=lambda i: (column_of(i), boxes[i].top, boxes[i].x0)))
        if band < len(cuts):
            order.append(cuts[band])
    return None if order == list(range(len(boxes))) else order
