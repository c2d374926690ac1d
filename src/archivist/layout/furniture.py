"""Document headers: identifiers stamped on every page of a typescript
(``Pros. Doc. #2213``, ``Doc. No. 12``) that OCR leaves as a line of their own or
glues to the start of the next paragraph (``Pros. Doc. # 2213 The witness stated…``).

An identifier is a run of capitalised abbreviations followed by an optional
``#`` and a number. It is furniture when it stands alone on a line near the top
of a page, or when the same identifier (spacing aside) recurs at the start of
lines. Inline occurrences in the middle of a sentence are left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..model import Document, Furniture
from ..pipeline import stage
from .lines import Line, Removed, deleted_spans, line_end_with_break, live_lines, pages_of

STAGE = "layout.furniture"

IDENT = re.compile(r"(?:[A-Z][A-Za-z]{0,5}\.\s?){1,4}(?:#\s?)?\d{1,6}[A-Z]?\b")
TOP_LINES = 3  # a lone identifier within the first lines of a page is a header


def ident_key(s: str) -> str:
    """Identifiers compare without spaces: 'Pros. Doc. # 2213' == 'Pros. Doc. #2213'.

    >>> ident_key('Pros. Doc. # 2213') == ident_key('Pros. Doc. #2213')
    True
    """
    return re.sub(r"\s+", "", s)


def find_headers(doc: Document) -> list[tuple[Line, Furniture, bool]]:
    """(line, furniture, whole_line) for each document header found."""
    cands: list[tuple[Line, re.Match[str], bool, int]] = []
    removed = Removed(deleted_spans(doc))
    for idx in range(len(pages_of(doc))):
        for i, ln in enumerate(live_lines(doc, idx, removed)):
            m = IDENT.match(ln.text, len(ln.text) - len(ln.text.lstrip()))
            if not m:
                continue
            whole = not ln.text[m.end():].strip()
            cands.append((ln, m, whole, i))
    groups: dict[str, list[int]] = defaultdict(list)
    for k, (_, m, _, _) in enumerate(cands):
        groups[ident_key(m.group(0))].append(k)
    out = []
    for _key, ks in groups.items():
        recurring = len(ks) >= 2
        for k in ks:
            ln, m, whole, i = cands[k]
            if not (recurring or (whole and i < TOP_LINES)):
                continue
            if not whole and not _followed_by_text(ln.text[m.end():]):
                continue
            f = Furniture("header", m.group(0), None, ln.start + m.start(), ln.start + m.end())
            out.append((ln, f, whole))
    return out


def _followed_by_text(rest: str) -> bool:
    """An inline header is followed by a space and a word (not by more of an identifier)."""
    return bool(re.match(r"\s+[^\W\d_]", rest))


@stage(STAGE)
def furniture(doc: Document) -> Document:
    """Remove document headers (whole lines, or inline at a line start with their space)."""
    view = doc.body_view()
    edits = []
    for ln, f, whole in find_headers(doc):
        f.page = doc.page_numbers.get(ln.page) or pages_of(doc)[ln.page].n
        doc.furniture.append(f)
        if whole:
            cs = view.from_orig(ln.start)
            ce = view.from_orig(line_end_with_break(doc.original, ln.end))
            why = "document header line removed from the reading text"
        else:
            cs = view.from_orig(f.start)
            ce = view.from_orig(f.end)
            while ce < len(view.text) and view.text[ce] in " \t":
                ce += 1  # the space after an inline header goes with it
            why = "document header glued to the start of a paragraph removed"
        edits.append(view.edit(STAGE, cs, ce, "", kind="layout", confidence=0.9,
                               reason=f"{why}: {f.text!r}"))
    doc.add_edits(edits)
    ids = doc.metadata.setdefault("identifiers", [])
    if isinstance(ids, list):
        seen = {ident_key(x) for x in ids if isinstance(x, str)}
        for f in doc.furniture:
            if f.type == "header" and IDENT.fullmatch(f.text) and ident_key(f.text) not in seen:
                ids.append(f.text)
                seen.add(ident_key(f.text))
        if not ids:
            del doc.metadata["identifiers"]
    return doc
