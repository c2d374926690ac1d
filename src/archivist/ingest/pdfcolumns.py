"""Multi-column PDF pages: find the gutter and read each column in turn.

A PDF text layer has no reading order of its own; read row by row, a two-column
page interleaves its columns ("left line 1 right line 1 ..."). A gutter is a
vertical strip, near the middle of the text, that no word touches in a run of
rows having words on both sides. Rows that cross it (titles, footers) are read
in place; each run of rows that do not is read left column first, then right,
and each column is searched for a gutter of its own (three or four columns).
A page without a convincing gutter is read as one block, as before.
"""

from __future__ import annotations

from typing import Any

Char = dict[str, Any]

HALF = 4.0  # half-width (pt) of the strip that must be free of words
MIN_RUN = 6  # rows in a row with words on both sides of the strip
MIN_RUN_SHARE = 0.3  # ... and at least this share of the page's rows
CENTRE = (0.3, 0.7)  # where the gutter may lie, as a share of the text width
MAX_DEPTH = 2  # a column split again at most twice (up to four columns)
# a page too short for a gutter of its own (a chapter's last page) keeps the gutter of
# the page before when this many rows in a row have words on both sides of it
HINT_RUN = 3


def rows_of(chars: list[Char]) -> list[list[Char]]:
    """Chars clustered into visual rows by their top, top to bottom."""
    from pdfplumber.utils import cluster_objects

    # blank chars are kept: pdfplumber needs them to see narrow word spaces
    rows = cluster_objects(list(chars), "top", tolerance=3)
    return sorted(rows, key=lambda r: min(c["top"] for c in r))


def word_spans(row: list[Char]) -> list[tuple[float, float]]:
    """(x0, x1) of each word of a row."""
    from pdfplumber.utils import extract_words

    return [(w["x0"], w["x1"]) for w in extract_words(row)]


def _row_state(spans: list[tuple[float, float]], x: float) -> str:
    """'cross' if a word touches the strip at x, 'both' if words lie on both
    sides, else 'one'."""
    left = right = False
    for x0, x1 in spans:
        if x0 - HALF < x < x1 + HALF:
            return "cross"
        left = left or x1 <= x - HALF
        right = right or x0 >= x + HALF
    return "both" if left and right else "one"


def find_gutter(spans_by_row: list[list[tuple[float, float]]],
                hint: float | None = None) -> float | None:
    """The x of the gutter, or None for a single-column page; `hint` is the gutter of
    the page before, kept by a page too short to show one of its own.

    >>> col = [[(50.0, 120.0), (125.0, 280.0), (310.0, 400.0), (405.0, 540.0)]] * 8
    >>> find_gutter(col)
    295.0
    >>> find_gutter([[(50.0, 540.0)]] * 8) is None
    True
    >>> find_gutter(col[:4]) is None, find_gutter(col[:4], hint=295.0)
    (True, 295.0)
    """
    found = _find_gutter(spans_by_row)
    if found is None and hint is not None:
        return hint if _holds(spans_by_row, hint) else None
    return found


def _holds(spans_by_row: list[list[tuple[float, float]]], x: float) -> bool:
    """Whether the gutter at `x` still divides this page: HINT_RUN rows in a row with
    words on both sides, no more crossing rows than dividing ones, full columns."""
    spans = [s for s in spans_by_row if s]
    run = longest = cross = both = 0
    for s in spans:
        state = _row_state(s, x)
        cross += state == "cross"
        both += state == "both"
        run = run + 1 if state == "both" else 0 if state == "cross" else run
        longest = max(longest, run)
    return longest >= HINT_RUN and cross <= both and _full_columns(spans, x)


def _find_gutter(spans_by_row: list[list[tuple[float, float]]]) -> float | None:
    """The gutter a page shows by itself (see `find_gutter`)."""
    spans = [s for s in spans_by_row if s]
    if len(spans) < MIN_RUN:
        return None
    lo = min(x0 for s in spans for x0, _ in s)
    hi = max(x1 for s in spans for _, x1 in s)
    width = hi - lo
    best_run, best_xs = 0, []
    x = lo + CENTRE[0] * width
    while x <= lo + CENTRE[1] * width:
        run = longest = 0
        for s in spans:
            state = _row_state(s, x)
            if state == "cross":
                run = 0
            elif state == "both":
                run += 1
                longest = max(longest, run)
        if longest > best_run:
            best_run, best_xs = longest, [x]
        elif longest == best_run and longest:
            best_xs.append(x)
        x += 1.0
    if best_run < MIN_RUN or best_run < MIN_RUN_SHARE * len(spans):
        return None
    # the middle of the widest stretch of equally good positions
    groups: list[list[float]] = [[best_xs[0]]]
    for v in best_xs[1:]:
        if v - groups[-1][-1] <= 1.0 + 1e-9:
            groups[-1].append(v)
        else:
            groups.append([v])
    widest = max(groups, key=len)
    gutter = round((widest[0] + widest[-1]) / 2, 1)
    return gutter if _full_columns(spans, gutter) else None


def _full_columns(spans_by_row: list[list[tuple[float, float]]], gutter: float) -> bool:
    """Text columns are mostly full lines; a table's cells mostly are not.

    Rows with words on both sides must, in the median, fill 60% of the room
    each column has between the text's outer edge and the gutter (so a
    two-column table keeps its rows together). The outer edges are those of the rows
    in columns: a page number or running head set out in the margin does not widen
    the room (a ragged-right column beside it is still a column).

    >>> rows = [[(250.0, 360.0), (520.0, 530.0)]] + [[(60.0, 250.0), (310.0, 440.0)]] * 9
    >>> _full_columns(rows, 280.0)
    True
    """
    both = [s for s in spans_by_row if _row_state(s, gutter) == "both"]
    if not both:
        return False
    lo = min(a for s in both for a, _ in s)
    hi = max(b for s in both for _, b in s)
    lefts, rights = [], []
    for s in spans_by_row:
        if _row_state(s, gutter) != "both":
            continue
        left = [(a, b) for a, b in s if b <= gutter]
        right = [(a, b) for a, b in s if a >= gutter]
        lefts.append(max(b for _, b in left) - min(a for a, _ in left))
        rights.append(max(b for _, b in right) - min(a for a, _ in right))
    if not lefts:
        return False
    ok = True
    for widths, room in ((sorted(lefts), gutter - HALF - lo), (sorted(rights), hi - gutter - HALF)):
        ok = ok and widths[len(widths) // 2] >= 0.6 * room
    return ok


def _far_gap(tops: list[float]) -> float:
    """A vertical gap between rows wider than the text's line pitch allows (1.8 times
    the median pitch); infinite with too few rows to tell.

    >>> _far_gap([100.0, 112.0, 124.0, 136.0])
    21.6
    """
    pitches = sorted(b - a for a, b in zip(tops, tops[1:], strict=False) if b > a)
    return round(1.8 * pitches[len(pitches) // 2], 6) if pitches else float("inf")


def _isolate_edges(kinds: list[str], tops: list[float]) -> None:
    """Rows at the top or bottom of a column run that stand apart from it (a
    right-aligned running head, a page number) are read as spanning rows."""
    pitches = sorted(b - a for a, b in zip(tops, tops[1:], strict=False) if b > a)
    if not pitches:
        return
    far = 1.8 * pitches[len(pitches) // 2]
    i = 0
    while i < len(kinds):
        if kinds[i] != "col":
            i += 1
            continue
        j = i
        while j + 1 < len(kinds) and kinds[j + 1] == "col":
            j += 1
        while i < j and tops[i + 1] - tops[i] > far:
            kinds[i] = "span"
            i += 1
        while j > i and tops[j] - tops[j - 1] > far:
            kinds[j] = "span"
            j -= 1
        i = j + 1


def column_segments(chars: list[Char], depth: int = 0, hint: float | None = None,
                    found: list[float] | None = None) -> list[tuple[str, list[Char]]]:
    """The page's chars in reading order, as ("span"|"col", chars) segments; a
    single ("span", chars) when no gutter is found. Each column is searched for
    a gutter of its own, so three or four columns are read in order too. `hint` is
    the previous page's gutter; the page's own is appended to `found`."""
    rows = rows_of(chars)
    spans = [word_spans(r) for r in rows]
    gutter = find_gutter(spans, hint)
    if gutter is None:
        return [("span", list(chars))]
    if found is not None:
        found.append(gutter)
    kinds = ["cross" if _row_state(s, gutter) == "cross" else "col" for s in spans]
    kinds = ["span" if k == "cross" else k for k in kinds]
    tops = [min(c["top"] for c in r) for r in rows]
    _isolate_edges(kinds, tops)
    far = _far_gap(tops)
    out: list[tuple[str, list[Char]]] = []
    i = 0
    while i < len(rows):
        j = i
        # a gap across the whole page (above the notes, around a figure) ends a run of
        # column rows: the columns above it are read before what lies below it
        while j + 1 < len(rows) and kinds[j + 1] == kinds[i] \
                and not (kinds[i] == "col" and tops[j + 1] - tops[j] > far):
            j += 1
        group = [c for r in rows[i:j + 1] for c in r]
        if kinds[i] == "span":
            out.append(("span", group))
        else:
            left = [c for c in group if (c["x0"] + c["x1"]) / 2 < gutter]
            right = [c for c in group if (c["x0"] + c["x1"]) / 2 >= gutter]
            for side in (left, right):
                pieces = column_segments(side, depth + 1) if depth < MAX_DEPTH else [
                    ("col", side)]
                out.extend(("col", piece) for _, piece in pieces)
        i = j + 1
    return out
