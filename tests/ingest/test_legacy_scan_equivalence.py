"""The regex scans of the legacy code-page scorer give what the plain per-character
loops they replaced gave (the loops are kept here as the definition)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.ingest import text as text_reader


def plain_reads_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    accented = sum(1 for c in letters if ord(c) > 127)
    if accented > 0.25 * len(letters):
        return False
    for i in range(1, len(text) - 1):
        c = text[i]
        if (ord(c) > 127 and not c.isalpha() and text[i - 1].isalpha()
                and text[i + 1].isalpha() and c not in "\u2019\u00b7\u2013\u2014"):
            return False
    return True


_CHARS = st.sampled_from(list("ab Z1_.,’·–—\n") + [chr(c) for c in range(0x80, 0x180)]
                         + list("ąłźĽ¹³¿ŸŽ"))


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=40).map("".join))
def test_reads_western_is_the_plain_loop(text: str) -> None:
    assert text_reader._reads_western(text) == plain_reads_western(text)


def unskipped_legacy_western(data: bytes) -> tuple[str, str] | None:
    """`legacy_western` as it was before pages reading like cp1252 were skipped."""
    t = text_reader
    cands = []
    first = t.plausible_cp1252(data)
    if first is not None:
        cands.append((t.western_score(first), first, "cp1252"))
    for enc in t._LEGACY_WESTERN:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if t._reads_western(text):
            cands.append((t.western_score(text), text, enc))
    if not cands:
        return None
    top = max(c[0] for c in cands)
    tied = [c for c in cands if c[0] == top]
    if len(tied) > 1:
        words = [t._accented_words(c[1]) for c in tied]
        shared = set.intersection(*words)
        known = [t._known_words(sorted(w - shared)[:t._MAX_WORDS_ASKED]) for w in words]
        order = sorted(range(len(tied)), key=lambda k: -known[k])
        tied = [tied[k] for k in order]
    score, text, enc = tied[0]
    if enc != "cp1252" and score <= 0:
        return (first, "cp1252") if first is not None else None
    return text, enc


_BYTES = st.lists(st.sampled_from(list(b"ab Z1.,\n") + list(range(0x80, 0x100))),
                  max_size=60).map(bytes)


@settings(max_examples=300, deadline=None)
@given(_BYTES)
def test_skipping_pages_that_read_as_cp1252_changes_nothing(data: bytes) -> None:
    assert text_reader.legacy_western(data) == unskipped_legacy_western(data)
