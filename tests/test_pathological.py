"""Run-on and garbage inputs go through the whole pipeline in linear time.

Each case here once hung the pipeline for hours: a regex retried from every letter
of a long token (`\\S*[^\\x00-\\x7f]\\S*`, an e-mail pattern, the line-end hyphen
pattern) or a word-level fixer tried every edit of a token no word can be that long.
There is no timing assertion: before the fixes these cases did not finish, which CI
would report as a time-out; now they take about a second each.
"""

from __future__ import annotations

import random
import string

import pytest

from archivist.ingest import read
from archivist.pipeline import Pipeline


def _run(tmp_path, text: str):  # noqa: ANN001, ANN202
    path = tmp_path / "run_on.txt"
    path.write_text(text, encoding="utf-8")
    doc = read(path)
    Pipeline()(doc)
    return doc


@pytest.mark.parametrize("text", [
    "a" * 200_000,                                  # one token, no space, no newline
    "x" * 50_000 + "é" + "y" * 50_000,              # a non-ASCII letter inside it
    ("word" * 30_000 + "-\n") * 2,                  # a hyphen at a line end after it
])
def test_run_on_token_is_processed_and_kept(tmp_path, text: str):
    doc = _run(tmp_path, text)
    assert doc.original == text
    assert doc.text.replace("\n", "").replace("-", "").strip() != ""


def test_punctuation_soup_is_processed(tmp_path):
    rng = random.Random(7)
    text = "".join(rng.choice(".,;:-—()\"' ¹²³ ̄" + string.ascii_letters) for _ in range(5_000))
    doc = _run(tmp_path, text)
    assert doc.original == text
    assert len(doc.text) > 0
