"""Names met in probe 9: "M." before a French or Nordic name, offices after a title,
a sovereign named with the realm."""

from archivist.extract.entities import _clean_spacy, extract_entities
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


def test_signature_initials_join_the_full_name(doc_factory) -> None:
    doc = extract_entities(doc_factory(
        "For Sweden: M. Karl Gustaf Ekdahl, Minister of Trade.\n"
        "For Denmark: M. Hjalmar Vilhelm Toft, Minister of Trade.\n\n"
        "Done at Malmö, this day.\n\n(L.S.) K. G. EKDAHL.\n(L.S.) HJ. V. TOFT.\n"))
    persons = {e.name: set(e.variants) for e in doc.entities if e.type == "PERSON"}
    assert "K. G. EKDAHL" in persons.get("Karl Gustaf Ekdahl", set())
    assert "HJ. V. TOFT" in persons.get("Hjalmar Vilhelm Toft", set())


def test_other_initials_stay_apart(doc_factory) -> None:
    doc = extract_entities(doc_factory(
        "Mr. Karl Ekdahl met Mr. Hans Ekdahl, his cousin. H. EKDAHL signed for both."))
    groups = [set(e.variants) for e in doc.entities if e.type == "PERSON"]
    assert not any({"Karl Ekdahl", "H. EKDAHL"} <= g for g in groups)


def test_telegram_stop_ends_a_name() -> None:
    # spaCy, given a telegram in title case, may run a name over the "STOP" that ends it
    t = "NO OBJECTION STOP HAMDI BEY STOP REPEATED TO ANKARA"
    s = t.index("HAMDI")
    span = _clean_spacy(t, s, t.index("ANKARA") - 4, "PERSON")
    assert span is not None and t[span[0]:span[1]] == "HAMDI BEY"
