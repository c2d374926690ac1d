"""Review 10c: a span of years '1928-29' is no date after a command paper's 'Cd.' or
inside a file reference; after a volume it may be the years the volume covers."""

from __future__ import annotations

import pytest

from archivist.extract.dates import find_dates


@pytest.mark.parametrize("text", [
    "The file CO 273/1914-15 holds the despatch.",  # a file number in a reference
    "Parliamentary Papers 1904, Cd. 1920-21.",  # a command paper's number
])
def test_numbers_that_look_like_spans_of_years_are_no_dates(text: str) -> None:
    assert not [f for f in find_dates(text) if "/" in f.value]


@pytest.mark.parametrize(("text", "value"), [
    ("The estimates for 1928-29 were passed.", "1928/1929"),
    ("In vol. 3 he wrote of the war of 1914-18 at length.", "1914/1918"),
    ("See the Official History, vol. 2, 1915-16.", "1915/1916"),
])
def test_spans_of_years_still_read(text: str, value: str) -> None:
    assert [f.value for f in find_dates(text)] == [value]
