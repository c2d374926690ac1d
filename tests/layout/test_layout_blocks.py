"""layout.paragraphs marks headings and table rows (`doc.blocks`); the text is the same
with or without the marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from layout_helpers import layout_text

from archivist.layout.paragraphs import block_kinds, head_candidate

PROSE = ("The survey of the upper valley was finished in the spring of that year and the\n"
         "engineers who walked the banks counted the fords and the mills one by one.")


def kinds(text: str) -> list[str]:
    return [p["kind"] for p in layout_text(text).paragraphs()]


def test_letter_salutation_and_fields_are_no_headings() -> None:
    assert kinds(f"Dear Sir,\n\n{PROSE}") == ["p", "p"]
    assert kinds(f"Reference: PR/3/1\nDate: 1837\n\n{PROSE}") == ["p", "p", "p"]


def test_heading_before_a_short_line_is_no_heading() -> None:
    # two short lines and nothing after them: a signature, not a heading
    assert kinds(f"{PROSE}\n\nHenry Morton\n\nSecretary") == ["p", "p", "p"]


def test_numbered_and_capitals_headings() -> None:
    # (at a page's top "4" is its number and the rest a running head)
    assert kinds(f"{PROSE}\n\n4 Draining the Fens\n\n{PROSE}") == ["p", "head", "p"]
    assert kinds(f"PART TWO\n\n{PROSE}") == ["head", "p"]


def test_prose_line_with_figures_is_no_row() -> None:
    assert kinds(f"{PROSE}\n\nIn 1853 and 1854 the count rose.") == ["p", "p"]


def test_marks_survive_a_stored_round_trip() -> None:
    doc = layout_text(f"The Northern Frontier\n\n{PROSE}\n\nWheat 42 37 39")
    again = type(doc)(original=doc.original, source=doc.source, edits=list(doc.edits))
    again.restore_blocks(doc.to_json()["paragraphs"])
    assert again.paragraphs() == doc.paragraphs()


LINE = st.sampled_from(["The Northern Frontier", "CHAPTER 3", "Wheat 42 37 39", PROSE,
                        "Yours faithfully,", "A. Smith", "1914, 1915 and 1916."])


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8))
def test_block_kinds_mark_only_block_starts(lines: list[str]) -> None:
    text = "\n\n".join(" ".join(x.split()) for x in lines)
    found = block_kinds(text)
    starts = {0, *(i + 2 for i in range(len(text)) if text.startswith("\n\n", i))}
    for s, kind in found:
        assert s in starts and kind in ("head", "row")
        block = text[s:].split("\n\n", 1)[0]
        assert kind == "row" or head_candidate(block)
    # a heading only stands above something: never the last block
    if found and found[-1][1] == "head":
        assert found[-1][0] < max(starts)


def test_a_letters_closing_lines_stay_apart_through_the_pipeline() -> None:
    # layout joined "Yours faithfully," and the signature into the prose, so the
    # signer's surname was read as the country of that name (the entity rule wants it
    # alone on its line)
    from archivist.ingest.text import read_bytes
    from archivist.pipeline import Pipeline

    letter = ("Sir,\n\nI have the honour to report that the boundary question is now closed "
              "and the\ncommissioners have gone home to their several capitals.\n"
              "Yours faithfully,\nJORDAN.\n")
    doc = Pipeline()(read_bytes("letter.txt", letter.encode()))
    assert doc.text.endswith("capitals.\n\nYours faithfully,\n\nJORDAN.")
    assert [(e.name, e.type) for e in doc.entities if e.name.lower() == "jordan"] == [
        ("JORDAN", "PERSON")]
    signed = "The commissioners have left the town.\n(Signed) A. Brown.\n"
    assert Pipeline().only(["layout"])(read_bytes("s.txt", signed.encode())).text.endswith(
        "town.\n\n(Signed) A. Brown.")
