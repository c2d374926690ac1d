"""Review 9a: quantities in English texts (invented sentences)."""

from __future__ import annotations

from archivist.extract.quantities import find_quantities


def _read(text: str) -> list[tuple[str, float, str]]:
    return [(text[f.start:f.end], f.value, f.unit) for f in find_quantities(text)]


def test_three_decimals_of_english_measures_stay_decimals() -> None:
    assert _read("The rainfall was 2.125 inches and the bore 1.250 inches.") == [
        ("2.125 inches", 2.125, "inch"), ("1.250 inches", 1.25, "inch")]
    assert _read("It ran 1.500 miles in 3.750 hours.") == [
        ("1.500 miles", 1.5, "mile"), ("3.750 hours", 3.75, "hour")]
    # continental measures keep their thousands
    assert _read("a wall 1.500 metres long") == [("1.500 metres", 1500, "metre")]


def test_halfpenny_as_a_kind_is_no_sum_and_joins_the_pence_before_it() -> None:
    assert _read("the halfpenny press and halfpenny papers") == []
    got = _read("It cost twopence halfpenny, or a halfpenny stamp.")
    assert [(t, round(v * 240, 3)) for t, v, _u in got] == [
        ("twopence halfpenny", 2.5), ("a halfpenny", 0.5)]
    assert _read("for elevenpence ha'penny")[0][0] == "elevenpence ha'penny"
