"""review10b: a compound the document itself prints as one word is not split.

A clean text layer read "The tollbooks for the year" as "toll books" (0.79,
applied) while a later "tollbook" was kept. Invented compounds below."""

from __future__ import annotations

import pytest

from archivist.repair import repair_text


@pytest.mark.parametrize("one,many", [("tollbook", "tollbooks"), ("rentbook", "rentbooks"),
                                      ("wardbook", "wardbooks")])
def test_a_compound_printed_unsplit_elsewhere_stays_whole(one: str, many: str) -> None:
    text = (f"The {many} for the year were lost in the fire at the old hall.\n"
            f"A later {one} was kept by the clerk, who wrote in it every week.\n")
    doc = repair_text(text)
    assert f" {one} " in doc.text
    assert not [e for e in doc.edits if e.kind == "text" and " " in e.replacement
                and e.original in (one, many)]


def test_a_glued_pair_alone_is_still_split() -> None:
    # the rule needs the compound's singular or plural printed elsewhere: a glued
    # pair alone, or repeated (OCR glue repeats), is still offered split
    from archivist.repair.core import build_context
    from archivist.repair.words import _printed_unsplit

    assert not _printed_unsplit("wentdown", build_context(["They wentdown the lane."]))
    assert not _printed_unsplit("wentdown", build_context(["They wentdown, and wentdown."]))
    assert _printed_unsplit("wentdown", build_context(["They wentdown; it wentdowns."]))
