"""layout12: a state, province or settler country after a place's name wins over the
curated or old-name filing under a city abroad ("Port Arthur, Texas" is not Lüshun);
without one, or with the city's own country, the filing stands."""

from __future__ import annotations

import pytest

from archivist.extract.entities import extract_entities


def _ids(doc_factory, text: str, name: str) -> set[str]:
    doc = extract_entities(doc_factory(text))
    return {m.entity for m in doc.mentions if m.text == name}


@pytest.mark.parametrize("text,eid", [
    ("The refinery at Port Arthur, Texas, was enlarged in the spring.",
     "place-port-arthur-us-tx"),
    ("The refinery at Port Arthur, Tex., was enlarged in the spring.",
     "place-port-arthur-us-tx"),
    ("The grain boats reached Port Arthur, Ont., in May.", "place-port-arthur-ca"),
    ("The refinery at Port Arthur (Texas) was enlarged in the spring.",
     "place-port-arthur-us-tx"),
])
def test_a_us_or_canadian_qualifier_makes_the_namesake(doc_factory, text: str,
                                                        eid: str) -> None:
    assert _ids(doc_factory, text, "Port Arthur") == {eid}


@pytest.mark.parametrize("text", [
    "The fleet lay at Port Arthur, and the siege went on all winter.",
    "Port Arthur, Manchuria, fell in January after a long siege.",
    "Port Arthur, China, fell in January after a long siege.",
])
def test_without_such_a_qualifier_the_curated_filing_stands(doc_factory, text: str) -> None:
    assert _ids(doc_factory, text, "Port Arthur") == {"place-lushun"}


def test_an_old_name_with_a_state_is_the_namesake_town(doc_factory) -> None:
    assert _ids(doc_factory, "The foundry at Canton, Ohio, was sold in the autumn.",
                "Canton") == {"place-canton-us-oh"}
    assert _ids(doc_factory, "The tea was shipped from Canton in the autumn.",
                "Canton") == {"place-guangzhou"}


def test_one_qualified_mention_speaks_for_the_bare_ones(doc_factory) -> None:
    text = ("The refinery at Port Arthur was enlarged. Port Arthur, Texas, then had a "
            "deep channel cut to the gulf.")
    assert _ids(doc_factory, text, "Port Arthur") == {"place-port-arthur-us-tx"}


@pytest.mark.parametrize("text,name,eid", [
    ("The old mill at Smyrna, Tennessee, was sold in the spring.", "Smyrna", "place-smyrna-us-tn"),
    ("The road from Tiflis, Georgia, to the coast was long.", "Tiflis", "place-tbilisi"),
    ("The figs of Smyrna, O Lord, were sweet to us all.", "Smyrna", "place-izmir"),
    ("The packet from Batavia, N.Y., was late again.", "Batavia", "place-batavia-us-ny"),
])
def test_state_names_and_abbreviations(doc_factory, text: str, name: str, eid: str) -> None:
    assert _ids(doc_factory, text, name) == {eid}
