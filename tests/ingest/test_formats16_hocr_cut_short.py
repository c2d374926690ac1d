"""hOCR cut short (a copy that broke off) was read by the forgiving HTML parser up to
the cut with no word said: the rest of the page was lost silently."""

from __future__ import annotations

import pytest

WORDS = "The mill stood idle through the dry summer and the miller sold his horses".split()


def _hocr() -> bytes:
    spans = "\n".join(
        f'<span class="ocrx_word" title="bbox {10 + 60 * i} 10 {60 + 60 * i} 40; x_wconf 90">'
        f"{w}</span>" for i, w in enumerate(WORDS))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>\n'
            '<div class="ocr_page" title="bbox 0 0 1000 100; ppageno 0">\n'
            '<p class="ocr_par"><span class="ocr_line" title="bbox 10 10 900 40">\n'
            f"{spans}\n</span></p></div>\n</body>\n</html>\n").encode()


@pytest.mark.parametrize("name", ["page.hocr", "page.html", "page.xml"])
def test_whole_file_has_no_warning(read_file, name: str) -> None:
    doc = read_file(name, _hocr())
    assert doc.original == " ".join(WORDS)
    assert doc.warnings == []


@pytest.mark.parametrize("name", ["page.hocr", "page.html", "page.xml"])
def test_cut_short_file_is_read_up_to_the_cut_with_a_warning(read_file, name: str) -> None:
    data = _hocr()
    cut = data[:data.index(b"summer")]
    doc = read_file(name, cut)
    assert doc.original.startswith("The mill stood idle")
    assert "horses" not in doc.original
    assert any("cut short" in w and name in w for w in doc.warnings)
