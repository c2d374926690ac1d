"""Review round 8: dates the new readings must keep. All texts are invented."""

from archivist.extract.dates import find_dates


def values(text: str, anchor: str | None = None) -> list[tuple[str, str]]:
    return [(text[f.start:f.end], f.value) for f in find_dates(text, anchor)]


def test_by_or_in_a_month_opening_a_clause_before_a_surname_stays_a_date():
    # a historian's "By August Falkmoor had ..." dates the clause; no author is named
    assert values("In 1916. By August Falkmoor had been replaced.") == [
        ("In 1916", "1916"), ("By August", "1916-08")]
    assert values("In 1917, by June Kerrov's offensive was ready.") == [
        ("In 1917", "1917"), ("by June", "1917-06")]
    assert values("In 1916. In June Haigmont's attack began.") == [
        ("In 1916", "1916"), ("In June", "1916-06")]


def test_by_after_a_word_before_a_surname_is_still_an_author():
    assert values("In 1919 appeared a novel by May Pemberton.") == [("In 1919", "1919")]
    assert values("poems written by June Ashdale, in 1920.") == [("in 1920", "1920")]
