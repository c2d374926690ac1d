"""Review 9a: this session's new TEI content (coins, diary and words dates, addressee,
signing place, archive names, papka, part) stays valid against tei_all when annotations
cross and the values are arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_tei_export import hand_doc

from archivist.export.tei import schema, to_tei, validate
from archivist.model import DateMention, Entity, Mention, Quantity


@pytest.fixture(scope="session")
def rng():
    return schema()


# quantities and dates of the kinds this session added
QUANTITIES = [("money", 0.025, "GBP", [0, 0, 6]), ("money", 0.010417, "GBP", [0, 0, 2.5]),
              ("money", 0.125, "GBP", [0, 2, 6]), ("money", 0.5, "guinea", None),
              ("money", 1200000, "franc", None), ("measure", 1500, "metre", None)]
DATES = ["XXXX-03-01", "1902-03-04?", "1931-08-22", "XXXX-03", "1887", "1941-11-23"]
free = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                          st.sampled_from(["PERSON", "PLACE", "date", "quantity"]),
                          st.integers(0, 5)), max_size=8),
       free, free, free, free)
def test_new_annotations_and_fields_validate(rng, spans, who, where, name, group) -> None:
    doc = hand_doc()
    doc.mentions, doc.dates, doc.quantities = [], [], []
    n = len(doc.text)
    for k, (a, b, kind, i) in enumerate(spans):
        s, e = sorted((min(a, n), min(b, n)))
        if kind == "date":
            doc.dates.append(DateMention(doc.text[s:e], DATES[i], "text", s, e))
        elif kind == "quantity":
            qk, v, unit, lsd = QUANTITIES[i]
            doc.quantities.append(Quantity(doc.text[s:e], qk, v, unit, "text", s, e, lsd=lsd))
        else:
            doc.entities.append(Entity(f"x{k}", kind, f"King of {where}"))
            doc.mentions.append(Mention(f"x{k}", doc.text[s:e], "text", s, e))
    doc.metadata.update({"recipient": who, "place": where, "sender": who,
                         "signatory": name, "author": name})
    doc.citations = [
        {"note": "1", "type": "archival", "archive": "AVP RF", "fond": "0136", "opis": "22",
         "papka": name, "delo": "12", "list": "3", "archive-name": name,
         "archive-name-en": where, "record-group": group, "archive-town": where,
         "archive_location": "f. 0136, op. 22, p. 178, d. 12, l. 3"},
        {"note": "1", "type": "book", "title": name, "title-short": "GP",
         "collection-number": group, "part-number": who, "volume": "12", "number": "3"}]
    assert validate(to_tei(doc)) == []
