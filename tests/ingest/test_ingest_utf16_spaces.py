"""UTF-16 without a byte-order mark keeps the spaces and joiners of real text
(review round 8). Invented sentences."""

from __future__ import annotations

import pytest

from archivist.ingest.text import utf16_without_bom

FRENCH = "Il a dit\u202f: «\u202fBonsoir\u202f!\u202f» Et puis\u202f? Rien\u202f; la fin. " * 4
PERSIAN = "این نامه\u200cها را می\u200cخوانم و آن\u200cها را می\u200cنویسم. " * 4
HINDI = "क्\u200dष और न्\u200cय का प्रयोग पत्रों में होता है। " * 4


@pytest.mark.parametrize("text", [FRENCH, PERSIAN, HINDI])
@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_narrow_spaces_and_joiners_do_not_refuse_utf16(text: str, enc: str) -> None:
    # the French narrow no-break space, Persian and Indic (non-)joiners are text
    assert utf16_without_bom(text.encode(enc)) == enc


def test_an_indented_8bit_line_is_still_no_utf16() -> None:
    # "\n " read two bytes at a time is U+200A: still no evidence of UTF-16
    assert utf16_without_bom("п\n \r\n ".encode("cp1251")) is None
    assert utf16_without_bom("/ б\x0c".encode("cp1251")) is None
