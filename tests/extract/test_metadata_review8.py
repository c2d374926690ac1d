"""Review round 8: markings, closing signatures and capitals initials that are no
names. Invented texts."""

from archivist.extract.metadata import classification, closing_signature
from archivist.extract.rules import rule_spans


def persons(text: str) -> list[str]:
    return [text[s:e] for s, e, t in rule_spans(text) if t == "PERSON"]


def test_a_wrapped_prose_line_opening_with_a_marking_word_is_no_marking():
    assert classification("The board thought the matter\nurgent, and the clerk wrote.") is None
    assert classification("The papers were kept\nprivate.\nNobody saw them.") is None
    # a real marking still counts, in capitals or capitalised
    assert classification("PRIVATE AND CONFIDENTIAL\n\nDear Sir") == "Private and confidential"
    assert classification("Urgent.\n\nTo the Harbour Board") == "Urgent"


def test_an_office_or_a_place_signed_after_a_closing_is_no_signatory():
    assert closing_signature("Yours faithfully,\nThe Treasurer\n") is None
    assert closing_signature("I am, Sir,\nYour obedient Servant,\nHarbour Master.\n") is None
    assert closing_signature("Yours truly,\nNew York\n") is None
    assert closing_signature("Yours sincerely,\nWinifred Wexton\n") == "Winifred Wexton"
    assert closing_signature("Your obedient Servant,\n(Sgd.) R. T. QUAYLE.\n") == "R. T. QUAYLE"


def test_a_lettered_section_heading_on_a_country_or_region_is_no_person():
    assert persons("B. MONGOLIA\n\nThe caravan trade.") == []
    assert persons("C. BULGARIA\n\nThe harvest.") == []
    assert persons("(Sgd.) R. T. QUAYLE.") == ["R. T. QUAYLE"]


def test_a_title_in_sentence_case_lowers_ordinals_decades_and_measures():
    from archivist.extract.metadata import sentence_case

    assert sentence_case("REPORT ON A 12-INCH GUN", {}) == "Report on a 12-inch gun"
    assert sentence_case("MINUTES OF THE 3RD MEETING IN THE 1920S", {}) == \
        "Minutes of the 3rd meeting in the 1920s"
    # a reference code keeps its case
    assert sentence_case("REPORT ON FILE K 9876/5/4", {}) == "Report on file K 9876/5/4"
