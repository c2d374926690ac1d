"""Dates of genres met in probe 9: a diary's headings, a telegram's capitals."""

from archivist.extract.dates import find_dates

DIARY = """THE JOURNAL OF A CURATE'S WIFE

1902.

MARCH.

Tuesday, 4th.--Rain. Walked to the mill with Tom, who leaves for Durban in June.

Thursday, 6th.--Wrote to Agnes. She came to tea yesterday and stays till the 20th inst.

APRIL.

Tuesday, 1st.--The cuckoo heard for the first time.
"""


def values(text: str, anchor: str | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.value) for f in find_dates(text, anchor)]


def test_diary_entries_take_year_and_month_from_headings() -> None:
    got = dict(values(DIARY))
    assert got["Tuesday, 4th."] == "1902-03-04"
    assert got["Thursday, 6th."] == "1902-03-06"
    # "in June" inside an entry does not push the next heading into another year
    assert got["APRIL."] == "1902-04"
    assert got["Tuesday, 1st."] == "1902-04-01"


def test_diary_relative_days_count_from_the_entry() -> None:
    got = dict(values(DIARY))
    assert got["yesterday"] == "1902-03-05"
    assert got["the 20th inst."] == "1902-03-20"


def test_diary_wrong_weekday_is_queried_not_dropped() -> None:
    got = dict(values("1902.\nMARCH.\nWednesday, 4th.--Rain."))
    assert got["Wednesday, 4th."] == "1902-03-04?"


def test_weekday_and_number_without_context_or_ordinal_stay_unread() -> None:
    # no month heading: no day can be said; a count after a weekday is no day
    assert values("Monday, 4th.--Rain.") == []
    assert values("In May 1902 we met on Monday, 4 men came.") == [("May 1902", "1902-05")]
    # a year inside a sentence is not a heading
    assert values("the year\n1902 was hard") == []


def test_telegram_capital_ordinals() -> None:
    got = values("YOUR TELEGRAM OF 21ST NOVEMBER STOP REPLY BEFORE 1ST DECEMBER 1936 STOP")
    assert got == [("21ST NOVEMBER", "XXXX-11-21"), ("1ST DECEMBER 1936", "1936-12-01")]


def test_dateline_is_the_day_of_writing_for_its_report() -> None:
    t = ("THE FLOODS.\n\nLYONS, Feb. 9.\nThe Rhône rose two metres yesterday and the mayor left "
         "on Monday last.\n\nAVIGNON, Feb. 10.\nThe water will fall to-morrow.")
    got = dict(values(t, "1872-02-12"))
    assert got["yesterday"] == "1872-02-08"
    assert got["on Monday last"] == "1872-02-05"
    assert got["to-morrow"] == "1872-02-11"


def test_yesterday_counts_from_the_papers_date_without_dateline() -> None:
    got = dict(values("The committee met yesterday in the Town Hall.", "1872-02-12"))
    assert got == {"yesterday": "1872-02-11"}
    # a date in the middle of a sentence after a place is no dateline
    got = dict(values("He wrote from LYONS, Feb. 9 and came yesterday.", "1872-02-12"))
    assert got["yesterday"] == "1872-02-11"


def test_numbered_paragraph_after_a_date_is_not_its_year() -> None:
    t = "The board met on 4th June.\n\n2. The cargo was landed on July 9.\n\n3. It rained in May.\n\n4."
    assert [v for _, v in values(t, "1941-09-18")] == ["1941-06-04", "1941-07-09", "1941-05"]
    # a year on the next line still belongs to the date
    assert values("signed on 4 June\n1919 at noon") == [("4 June\n1919", "1919-06-04")]


def test_treaty_date_in_words_and_signing_place(doc_factory) -> None:
    from archivist.extract.dates import extract_dates
    from archivist.extract.metadata import extract_metadata

    text = ("AGREEMENT\n\nBETWEEN THE REPUBLIC OF ESTONIA AND THE KINGDOM OF SWEDEN\n\n"
            "Article 1.\n\nThe Commission shall meet on the 1st of March of each year and "
            "report by the 30th of April.\n\n"
            "Done at Tallinn, in duplicate, this twenty-second day of August, nineteen "
            "hundred and thirty-one.\n")
    doc = extract_metadata(extract_dates(doc_factory(text)))
    got = {d.text: d.value for d in doc.dates}
    words = "this twenty-second day of August, nineteen hundred and thirty-one"
    assert got[words] == "1931-08-22"
    assert doc.metadata["date"] == "1931-08-22"
    assert doc.metadata["place"] == "Tallinn"
    assert got["the 1st of March"] == "XXXX-03-01"  # every year, no year of its own
    # a provision in the future tense: the next 30th of April after the signing
    assert got["the 30th of April"] == "1932-04-30"


def test_words_date_needs_its_form() -> None:
    # "one day of May" names no day; a number in words without "day of" is no date
    assert values("on one day of May the twenty men came home") == []


def test_day_of_this_or_last_month() -> None:
    got = values("the rates came in on the 1st of this month, after the 20th of last month",
                 "1929-03-14")
    assert got == [("the 1st of this month", "1929-03-01"),
                   ("the 20th of last month", "1929-02-20")]


def test_date_time_group_dates_a_signal() -> None:
    t = "NO 77     231845Z NOV 36     SECRET\n\nYOUR 41 OF 21ST NOVEMBER STOP REPLY BY 1ST DECEMBER"
    assert values(t) == [("231845Z NOV 36", "1936-11-23"), ("21ST NOVEMBER", "1936-11-21"),
                         ("1ST DECEMBER", "1936-12-01")]
    # a group without its month is no date, nor is a number of the same shape
    assert values("NO 77 231845Z SECRET; 123456 Z NOV") == []
