"""Western text in the legacy single-byte code pages of Windows, old Macintosh and DOS
is read as written (the same bytes mean "café" in one and "cafŽ" in another)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.ingest.text import decode

PLAIN = ["the", "harbour", "board", "met", "on", "Tuesday", "and", "said", "that", "a",
         "letter", "from", "London", "was", "read", "to", "them", "in", "full", "of"]
ACCENTED = ["café", "Noël", "déjà", "Müller", "señor", "façade", "naïve", "Zürich",
            "Ångström", "rôle", "élite", "Köln"]

western = st.tuples(
    st.lists(st.sampled_from(PLAIN), min_size=12, max_size=40),
    st.lists(st.sampled_from(ACCENTED), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
).map(lambda t: _mix(*t))


def _mix(plain: list[str], accented: list[str], rnd) -> str:
    words = plain + accented
    rnd.shuffle(words)
    return " ".join(words).capitalize() + ".\n"


@settings(max_examples=150, deadline=None)
@given(western, st.sampled_from(["cp1252", "mac_roman", "cp850"]))
def test_western_text_in_any_legacy_code_page_reads_as_written(text, encoding):
    got, enc = decode("f.txt", text.encode(encoding))
    assert got == text, (enc, got)


@pytest.mark.parametrize("text, encoding", [
    ("Zażółć gęślą jaźń, powiedział pan Kowalski w sobotę.", "cp1250"),
    ("Русский текст о портовом совете и его заседании.", "cp1251"),
])
def test_other_scripts_are_not_taken_for_western_code_pages(text, encoding):
    got, enc = decode("f.txt", text.encode(encoding))
    assert enc not in ("mac_roman", "cp850", "cp1252")
