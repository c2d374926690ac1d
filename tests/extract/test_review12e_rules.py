"""Review of the ner12 rules (round review12e): what they found in ordinary prose."""

from __future__ import annotations

from archivist.extract.rules import rule_spans


def _spans(text: str) -> set[tuple[str, str]]:
    return {(text[s:e], t) for s, e, t in rule_spans(text)}


def test_a_function_word_in_capitals_is_no_part_of_a_county() -> None:
    # determiners, pronouns and prepositions other than the few first listed
    for head in ("NEWS FROM THIS COUNTY.", "LETTER FROM OUR COUNTY.", "THE WHOLE PARISH MET.",
                 "EVERY PARISH IN ENGLAND", "THE SAME TOWNSHIP"):
        assert not any(t == "PLACE" for _s, t in _spans(head)), head
    got = _spans("DEALINGS WITH ORBURY COUNTY. A LETTER UPON ST. FENBY PARISH")
    assert {("ORBURY COUNTY", "PLACE"), ("ST. FENBY PARISH", "PLACE")} <= got
    assert not any(s.startswith(("WITH", "UPON")) for s, _t in got)


def test_a_kind_word_before_no_ship_name_names_no_ship() -> None:
    # a compound with a capitalised kind word, a day, a pronoun, a person by title
    for t in ("the Dunmere Ship Canal was opened", "dinner at the Ship Inn on Monday",
              "the Ship Hotel", "the Steamship Company paid", "SHIP NEWS. Arrived",
              "goods loaded on the steamer Tuesday", "by ship January 4 last",
              "a ship I saw", "the ship Captain Hale commanded"):
        assert not any(ty == "SHIP" for _s, ty in _spans(t)), t
    got = _spans("the brig Merrow and the sloop May sailed; the ship Swallow, Captain Hale;"
                 " the frigate Duke Fenby")
    assert {("Merrow", "SHIP"), ("May", "SHIP"), ("Swallow", "SHIP"), ("Duke Fenby", "SHIP")
            } <= got


def test_a_see_or_a_parish_before_a_possessive_is_the_name_alone() -> None:
    got = _spans("the Bishop of Wexcombe's palace and the vicar of Fenby’s glebe")
    assert {("Wexcombe", "PLACE"), ("Fenby", "PLACE")} <= got
    assert not any(s.endswith(("'s", "’s")) for s, _t in got)


def test_a_wardens_place_is_no_person() -> None:
    # "Warden" written out is a title before a surname, and the first word of places
    got = _spans("the meet at Warden Hill; the houses in Warden Road; Warden Pelbury said")
    assert ("Pelbury", "PERSON") in got
    assert not any(t == "PERSON" and s in ("Hill", "Road") for s, t in got)
