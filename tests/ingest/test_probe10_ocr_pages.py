"""Multi-page OCR files as tesseract writes them (probe 10): ALTO pages counted from 0,
and a page read as noise (scanned sideways) named in a warning."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from archivist.ingest.alto import read_bytes as read_alto
from archivist.ingest.hocr import read_bytes as read_hocr

GOOD = "The mill stood at the ford below the church and was let to the same family"
NOISE = "‘Lead ‘sieded [Jeg ‘TS81 mdy pl ‘ouuy sists sty 01 Ted ¢ paorjou SABMTE 1OU SABY SISTIM"


def alto(pages: list[tuple[str, str, float]]) -> bytes:
    out = []
    for nr, text, wc in pages:
        words = "<SP/>".join(f'<String CONTENT={quoteattr(w)} WC="{wc}"/>' for w in text.split())
        out.append(f'<Page ID="p{nr}" PHYSICAL_IMG_NR="{nr}"><PrintSpace><TextBlock>'
                   f"<TextLine>{words}</TextLine></TextBlock></PrintSpace></Page>")
    return (f'<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout>{"".join(out)}'
            "</Layout></alto>").encode()


def test_tesseract_alto_pages_counted_from_zero_are_numbered_from_one() -> None:
    doc = read_alto("scan.xml", alto([("0", GOOD, 0.93), ("1", GOOD, 0.91)]))
    assert [p.n for p in doc.raw_pages] == ["1", "2"]
    doc = read_alto("scan.xml", alto([("4", GOOD, 0.93), ("5", GOOD, 0.91)]))
    assert [p.n for p in doc.raw_pages] == ["4", "5"]


def test_a_page_of_noise_is_named_in_a_warning() -> None:
    doc = read_alto("scan.xml", alto([("1", GOOD, 0.93), ("2", NOISE * 2, 0.35),
                                      ("3", GOOD, 0.9)]))
    unsure = [w for w in doc.warnings if "unsure" in w]
    assert len(unsure) == 1 and "page 2:" in unsure[0] and "\n" not in unsure[0]


def test_hocr_page_of_noise_is_named_too() -> None:
    def page(i: int, text: str, conf: int) -> str:
        words = "".join(f"<span class='ocrx_word' title='bbox 0 0 1 1; x_wconf {conf}'>"
                        f"{w}</span> " for w in text.split())
        return (f"<div class='ocr_page' title='ppageno {i}'><span class='ocr_line'>{words}"
                "</span></div>")

    html = f"<html><body>{page(0, GOOD, 95)}{page(1, NOISE * 2, 30)}</body></html>"
    doc = read_hocr("scan.hocr", html.encode())
    assert [w for w in doc.warnings if "unsure" in w and "page 2:" in w]
    # a short page of unsure words is no evidence either way
    doc = read_hocr("scan.hocr", f"<html><body>{page(0, 'Ibid. p. 4', 20)}</body></html>"
                    .encode())
    assert not [w for w in doc.warnings if "unsure" in w]
