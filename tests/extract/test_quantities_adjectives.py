"""Marks and crowns after an adjective: money after a currency's adjective ("gold",
"paper", a country's), not after others ("full marks"). Invented sentences."""

from archivist.extract.quantities import find_quantities


def money(text: str) -> list[tuple[str, float, str]]:
    return [(text[f.start:f.end], f.value, f.unit) for f in find_quantities(text)
            if f.kind == "money"]


def test_gold_paper_and_national_marks_and_crowns_are_money() -> None:
    assert money("The bill was set at 132 milliard gold marks.") == [
        ("132 milliard gold marks", 132_000_000_000, "mark")]
    assert money("A loaf cost 300 paper marks that week.") == [
        ("300 paper marks", 300, "mark")]
    assert money("The fare was 40 Swedish crowns.") == [("40 Swedish crowns", 40, "crown")]


def test_other_adjectives_leave_marks_alone() -> None:
    assert money("He got 90 full marks in Latin.") == []
    assert money("She won 8 high marks in the test.") == []
