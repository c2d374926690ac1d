"""Column numbers of a printed debate, which look like years (probe 9)."""

from __future__ import annotations

from layout_helpers import layout_text

SPEECH = ("Mr. ORMSBY (Hull, Central): Is the right hon. Gentleman aware that the dock\n"
          "labourers of the port have been idle for eleven weeks this winter?\n\n"
          "The PRESIDENT of the BOARD of TRADE: I have seen the figures.\n")


def test_column_numbers_set_out_at_the_margin_are_furniture() -> None:
    text = ("PARLIAMENTARY DEBATES" + " " * 30 + "1523\n\n" + SPEECH
            + " " * 60 + "1524\n" + SPEECH)
    doc = layout_text(text)
    furn = [(f.type, f.text) for f in doc.furniture]
    assert ("pageNum", "1523") in furn and ("header", "PARLIAMENTARY DEBATES") in furn
    assert ("pageNum", "1524") in furn
    assert "1523" not in doc.text and "1524" not in doc.text
    assert [p["n"] for p in doc.pages()] == ["1523", "1524"]


def test_year_headings_stay_text() -> None:
    # a year after a heading with one space, and a year alone, are dates, not numbers
    doc = layout_text("THE CAMPAIGN OF 1814\n\n" + SPEECH + "\f1815\n\n" + SPEECH)
    assert not [f for f in doc.furniture if f.type == "pageNum"]
    assert "1814" in doc.text and "1815" in doc.text


def test_newspaper_masthead_with_date_and_page_number() -> None:
    text = ("THE NORTHERN ECHO, MONDAY, FEBRUARY 12, 1872." + " " * 20 + "3\n\n"
            "THE FLOODS.\n\n" + SPEECH)
    doc = layout_text(text)
    furn = [(f.type, f.text) for f in doc.furniture]
    assert ("pageNum", "3") in furn
    assert ("header", "THE NORTHERN ECHO, MONDAY, FEBRUARY 12, 1872.") in furn
    assert doc.text.startswith("THE FLOODS.")
    # a sentence ending in a number with a single space stays text
    doc = layout_text("The troops were counted at noon. They were 3\n\n" + SPEECH)
    assert doc.text.startswith("The troops")
