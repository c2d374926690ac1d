"""Entity stage on hand-made texts (spaCy runs for real: ~1 s to load once)."""

from archivist.extract.common import name_key
from archivist.extract.entities import extract_entities
from archivist.extract.gazetteer import load
from archivist.extract.variants import similar

TEXT = (
    "MEMORANDUM OF A TALK WITH KARAKHAN\n\n"
    "Karakhan stated that the Aigun Treaty fixed the line. Karakhan's reply was that the "
    "Chinese Government had accepted the Aigoun treaty in the past. Then Mr. Hirota said that "
    "troops had taken Hill 412 near Posyet, and that the U S S R and the U.S.S.R. were one. "
    "Kar'akhan left for Moscow."
)


def by_name(doc):
    return {e.name: e for e in doc.entities}


def test_types_variants_and_offsets(doc_factory):
    doc = extract_entities(doc_factory(TEXT))
    ents = by_name(doc)
    types = {e.type for e in doc.entities}
    assert types <= {"PERSON", "PLACE", "ORG", "AGREEMENT", "EVENT", "WORK"}
    kar = next(e for e in doc.entities if "Karakhan" in e.variants)
    assert kar.type == "PERSON"
    # capitals, possessive and a stray apostrophe are one person
    assert {"KARAKHAN", "Karakhan", "Karakhan's", "Kar'akhan"} <= set(kar.variants)
    agr = next(e for e in doc.entities if e.type == "AGREEMENT")
    assert {"Aigun Treaty", "Aigoun treaty"} <= set(agr.variants)
    assert any(e.type == "PLACE" and "Hill 412" in e.variants for e in doc.entities)
    sov = next(e for e in doc.entities if "U.S.S.R." in e.variants)
    assert "U S S R" in sov.variants and sov.type == "PLACE"
    assert any(e.type == "ORG" and "Chinese Government" in e.variants for e in doc.entities)
    hirota = next(e for e in doc.entities if "Hirota" in e.variants)
    assert hirota.type == "PERSON" and "Mr. Hirota" not in hirota.variants  # title kept apart
    assert ents["Moscow"].type == "PLACE"
    ids = [e.id for e in doc.entities]
    assert len(ids) == len(set(ids))
    for m in doc.mentions:
        assert doc.body_view().text[m.start:m.end] == m.text
        assert name_key(doc.original[m.orig_start:m.orig_end]) == name_key(m.text)


def test_speaker_rule_overrides_a_place_label(doc_factory):
    doc = extract_entities(doc_factory("Zagorsk said no. Later Zagorsk stated that war was near."))
    assert {e.type for e in doc.entities if "Zagorsk" in e.variants} == {"PERSON"}


def test_repaired_text_keeps_the_source_spelling_as_a_variant(doc_factory):
    doc = doc_factory("Shigemitsu met Litvinov. SHIGHMITSU said nothing.")
    v = doc.body_view()
    i = v.text.index("SHIGHMITSU")
    doc.add_edits([v.edit("repair.test", i, i + 10, "SHIGEMITSU", confidence=0.9)])
    doc = extract_entities(doc)
    ent = next(e for e in doc.entities if "Shigemitsu" in e.variants)
    assert {"SHIGEMITSU", "SHIGHMITSU"} <= set(ent.variants)


def test_citation_notes_use_author_names_and_not_spacy_guesses(doc_factory):
    doc = doc_factory("Stalin spoke.¹", ["Ivan Petrov, Iz zhizni (Moscow: Nauka, 1990), 7."])
    doc.citations = [{"note": "1", "type": "book",
                      "author": [{"family": "Petrov", "given": "Ivan"}]}]
    doc = extract_entities(doc)
    note = [(m.text, m.where) for m in doc.mentions if m.where == "note:1"]
    assert ("Ivan Petrov", "note:1") in note
    assert ("Moscow", "note:1") in note
    assert not any(m.text in ("Nauka", "Iz zhizni") for m in doc.mentions)


def test_ocr_apostrophe_for_a_lost_letter_finds_the_place(doc_factory):
    doc = extract_entities(doc_factory("The telegram from Mosc'w had arrived."))
    assert any(e.name == "Moscow" and "Mosc'w" in e.variants for e in doc.entities)


def test_similarity_threshold_behaviour():
    assert similar("Manchoukuo", "Manchukuo")
    assert similar("Litvinoff", "Litvinov")
    assert not similar("Estonia", "Latvia")
    assert not similar("Hill", "Hull")


def test_gazetteer_keys_are_current():
    g = load()
    # places.tsv keys are precomputed: they must equal today's name_key
    for k, e in list(g.by_key.items())[::500]:
        if e.kind.startswith("city") or e.kind in ("country", "state", "continent"):
            assert name_key(e.name) == k
    assert g.lookup("May") is None  # a month is never a place
    assert g.lookup("Reading").ambiguous


def test_spacy_chunks_map_back_to_the_right_offsets(doc_factory, monkeypatch):
    import archivist.extract.entities as ents

    monkeypatch.setattr(ents, "CHUNK", 40)  # force many small chunks
    text = "Then Zorbak Velinsky came. " * 6 + "Later Moscow heard of Zorbak Velinsky."
    doc = extract_entities(doc_factory(text))
    for m in doc.mentions:
        assert text[m.start:m.end] == m.text
    assert any("Moscow" in e.variants for e in doc.entities)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from archivist.extract import STAGES  # noqa: E402
from archivist.model import Document, Source  # noqa: E402
from archivist.pipeline import Pipeline  # noqa: E402

WORDS = ["Mr.", "Smith", "said", "the", "Treaty", "of", "Paris", "on", "May", "5,", "1921.",
         "U", "S", "S", "R", "RGVA,", "f.", "4,", "Hill", "588", "to-day", "\n\n", "Ibid.",
         "O'Brien's", "ÆTHELRED", "¬", "(", ")", "“", "”", "1,421", "Agreement", "’s"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_extract_stages_never_fail_and_offsets_quote_the_text(words):
    doc = Document(original=" ".join(words), source=Source("h", "", "text"))
    doc = Pipeline(list(STAGES))(doc)
    v = doc.body_view()
    for m in doc.mentions:
        assert v.text[m.start:m.end] == m.text
        assert 0 <= m.orig_start <= m.orig_end <= len(doc.original)
    for d in doc.dates:
        assert v.text[d.start:d.end] == d.text
    assert {m.entity for m in doc.mentions} <= {e.id for e in doc.entities}


def test_official_letter_names(doc_factory):
    # a despatch: an office alone is no one, "(Sgd.)" is no name, initials before a
    # surname in capitals are a person, and "His" is part of "His Majesty's Government"
    text = ("The Minister wrote to the Governor, and His Majesty's Government replied.\n\n"
            "I am, Sir,\nYour obedient Servant,\n(Sgd.) H. R. TREVANNE.\n\n"
            "The U. S. NAVY was told.")
    ents = by_name(extract_entities(doc_factory(text)))
    assert "Minister" not in ents and "Sgd" not in ents
    assert ents["H. R. TREVANNE"].type == "PERSON"
    assert ents["His Majesty's Government"].type == "ORG"
    assert not any(v.endswith("NAVY") for e in ents.values() for v in e.variants
                   if e.type == "PERSON")


def test_gazetteer_knows_accented_cities_with_and_without_accents():
    g = load()
    for accented, plain in (("Zürich", "Zurich"), ("Łódź", "Lodz"), ("Malmö", "Malmo")):
        assert g.lookup(accented) is not None and g.lookup(accented) == g.lookup(plain)
        assert g.lookup(plain).type == "PLACE"
