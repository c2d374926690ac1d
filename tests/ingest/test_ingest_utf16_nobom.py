"""UTF-16 without a byte-order mark in any alphabetic script is read; binary junk is
refused with one line naming the file.

Regression: a Russian transcription saved as UTF-16 without a BOM was refused as
"looks like a binary file" (only ASCII's NUL-in-every-other-byte was recognised).
"""

from __future__ import annotations

import random
import struct

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from archivist.errors import InputError
from archivist.ingest import text as text_reader

RUSSIAN = ("Дело № 127. Приказ по Петроградскому гарнизону\n"
           "от 3 марта 1917 г. «О назначении» — подписал: Н. С. Чхеидзе.\n")
GREEK = "Ἐν ἀρχῇ ἦν ὁ λόγος, καὶ ὁ λόγος ἦν πρὸς τὸν θεόν.\n"

ALPHABETS = {
    "cyrillic": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФЧЯѣѳі",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΘΛΞΠΣΦΨΩἀἐἦὁῇὸ",
    "latin": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPRSTWéèàçäöüßœ",
    "hebrew": "אבגדהוזחטיכלמנסעפצקרשתםןףץ",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "armenian": "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
    "georgian": "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    "devanagari": "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह",
}
SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\r\n", " — ", " «", "» ", "; ", " 1917 "]


@st.composite
def transcriptions(draw: st.DrawFn) -> str:
    """Words of one or two scripts between spaces, punctuation and line ends."""
    names = draw(st.lists(st.sampled_from(sorted(ALPHABETS)), min_size=1, max_size=2,
                          unique=True))
    words = draw(st.lists(
        st.sampled_from(names).flatmap(
            lambda n: st.text(alphabet=ALPHABETS[n], min_size=1, max_size=12)),
        min_size=2, max_size=60))  # one letter alone reads as well swapped: ambiguous
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words),
                         max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps, strict=True)).rstrip(" ")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RUSSIAN, GREEK, "Да", RUSSIAN * 400],
                         ids=["russian", "greek", "short", "long"])
def test_non_latin_utf16_without_bom_is_read(read_file, text: str, enc: str) -> None:
    doc = read_file("opis.txt", text.encode(enc))
    assert doc.original == text
    assert doc.source.encoding == enc


@settings(max_examples=150, deadline=None)
@given(text=transcriptions(), enc=st.sampled_from(["utf-16-le", "utf-16-be"]),
       cut=st.booleans())
def test_utf16_without_bom_roundtrips(text: str, enc: str, cut: bool) -> None:
    data = text.encode(enc)
    # U+0909 U+090A U+090C U+090D are tabs and line ends two by two: a file of
    # only those is blank ASCII, refused as empty
    assume(data.strip())
    if cut:  # a file cut short by a byte loses only its last character
        data, text = data[:-1], text[:-1]
        if not text.strip():
            return
    # a text shorter than _SHORT_UTF16 characters whose letters span several 256-wide
    # blocks is ambiguous, and the reader may refuse it ("Αἀ ا —": three blocks in six
    # characters, found refused by a hypothesis run): not claimed here
    blocks = {ord(c) >> 8 for c in text if c.isalpha()}
    assume(len(text) >= text_reader._SHORT_UTF16 or len(blocks) <= 1)
    assert text_reader.read_bytes("t.txt", data).original == text


@settings(max_examples=100, deadline=None)
@given(text=transcriptions())
def test_8bit_and_utf8_are_not_taken_for_utf16(text: str) -> None:
    # the same words in UTF-8 (and Latin or Russian in their legacy code pages) keep
    # their reading: two bytes at a time they would look like CJK or worse
    assert text_reader.read_bytes("t.txt", text.encode("utf-8")).original == text
    for enc in ("cp1252", "cp1251"):
        try:
            data = text.encode(enc)
        except UnicodeEncodeError:
            continue
        assert text_reader.utf16_without_bom(data) is None


def _refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        text_reader.read_bytes("scan_0042.bin", data)
    err = info.value
    assert str(err).startswith("scan_0042.bin: ") and "\n" not in str(err)
    assert "binary" in err.problem or "decode" in err.problem


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), size=st.integers(512, 4096))
def test_random_bytes_are_refused(seed: int, size: int) -> None:
    _refused(random.Random(seed).randbytes(size))


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), fmt=st.sampled_from(["<H", ">H", "<h", ">I", "<f"]),
       top=st.sampled_from([2**8, 2**12, 2**16]))
def test_binary_number_arrays_are_refused(seed: int, fmt: str, top: int) -> None:
    # tables of small numbers have the zero high bytes of UTF-16 Latin text
    rnd = random.Random(seed)
    if fmt == "<f":
        data = b"".join(struct.pack(fmt, rnd.uniform(-top, top)) for _ in range(400))
    else:
        low = -(top // 2) if fmt.endswith("h") else 0  # signed: both signs
        data = b"".join(struct.pack(fmt, low + rnd.randrange(top)) for _ in range(400))
    _refused(data)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), enc=st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_of_random_code_points_is_refused(seed: int, enc: str) -> None:
    # valid UTF-16 of characters from all over the BMP (scripts, symbols, private
    # use, unassigned) is no text
    rnd = random.Random(seed)
    chars = [chr(rnd.choice([rnd.randrange(0xD800), rnd.randrange(0xE000, 0x10000)]))
             for _ in range(600)]
    _refused("".join(chars).encode(enc))


def test_binary_with_utf16_strings_inside_is_refused() -> None:
    # an executable or OLE file: UTF-16 names between headers and tables
    rnd = random.Random(7)
    parts = [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"]
    for _ in range(40):
        parts.append(rnd.randbytes(60))
        parts.append("Microsoft Word".encode("utf-16-le"))
    _refused(b"".join(parts))


def test_a_short_8bit_text_is_not_taken_for_utf16() -> None:
    # review7 (the suite's hypothesis run): cp1252 "A ß\r\n" read as UTF-16-LE "⁁ෟ", a
    # combining vowel sign with no letter to sit on
    assert text_reader.utf16_without_bom("A ß\r\n".encode("cp1252")) is None
