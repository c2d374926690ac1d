"""Names met in probe 9: "M." before a French or Nordic name, offices after a title,
a sovereign named with the realm."""

from archivist.extract.entities import extract_entities
from archivist.extract.rules import rule_spans


def persons(text: str) -> set[str]:
    return {text[s:e] for s, e, t in rule_spans(text) if t == "PERSON"}


def test_monsieur_takes_given_name_and_surname() -> None:
    got = persons("The despatch says M. Étienne Laroque-Vidal left for Brest; "
                  "M. Arvid Halvorsen Lunde signed for the other side.")
    assert {"Étienne Laroque-Vidal", "Arvid Halvorsen Lunde"} <= got


def test_monsieur_name_wins_over_initial_reading(doc_factory) -> None:
    doc = extract_entities(doc_factory(
        "The despatch says M. Étienne Laroque-Vidal left for Brest on Tuesday."))
    names = {e.name for e in doc.entities if e.type == "PERSON"}
    assert "Étienne Laroque-Vidal" in names
    assert not any(n.startswith("M. ") for n in names)


def test_initials_are_not_monsieur() -> None:
    # an initial M. after another initial, and a lone "M. Surname", stay as they were
    got = persons("Papers of J. M. Pendergast Trust; M. Lavalle replied.")
    assert "J. M. Pendergast" in got
    assert "Pendergast Trust" not in got
    assert "M. Lavalle" in got


def test_offices_after_a_title_are_no_persons() -> None:
    got = persons("Mr. SPEAKER: Order! Hon. MEMBERS: Hear, hear! Mr. Chairman, I object. "
                  "Mr. ORMEROD (Leeds, South): No.")
    assert got == {"ORMEROD"}


def test_sovereign_keeps_the_realm() -> None:
    t = "The King of the Hellenes received the Emperor; the King came later."
    assert persons(t) == {"King of the Hellenes", "Emperor", "King"}
