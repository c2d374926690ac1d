"""TEI P5 export: structure, hooks for names/dates/citations, validity against tei_all.rng."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from archivist.export.tei import TEI_NS, edtf_attrs, schema, to_tei, validate
from archivist.model import (
    DateMention,
    Document,
    Entity,
    Furniture,
    Mention,
    Note,
    Quantity,
    RawPage,
    Source,
)

NS = {"t": TEI_NS}


@pytest.fixture(scope="session")
def rng():
    """tei_all.rng compiled once for the session (it takes seconds)."""
    return schema()


def hand_doc() -> Document:
    """A small document with a header, a note, a correction, names, a date, a citation."""
    original = "12 Ë River Notes\nStalin met Litvinov in Moskva on 7 August 1938.¹ Tbe end.\n1 See Davies, Soviet Planning, 45.\n"
    doc = Document(original=original, source=Source.of_bytes("hand.txt", original.encode(),
                                                             "text"))
    doc.raw_pages = [RawPage(None, 0, len(original))]
    v = doc.body_view()
    head_end = original.index("\n") + 1
    note_line = original.index("1 See")
    mark = original.index("¹")
    edits = [v.edit("layout.pages", 0, head_end, "", kind="layout"),
             v.edit("layout.notes", note_line - 1, len(original), "", kind="layout"),
             v.edit("layout.notes", mark, mark + 1, "", kind="layout")]
    doc.add_edits(edits)
    doc.page_numbers[0] = "12"
    doc.furniture = [Furniture("pageNum", "12", "12", 0, 2),
                     Furniture("header", "River Notes", "12", 5, 16)]
    doc.notes = [Note("1", note_line + 2, len(original) - 1, mark, mark + 1, "12")]
    v = doc.body_view()
    i = v.text.index("Tbe")
    doc.add_edits([v.edit("repair.words", i, i + 3, "The", confidence=0.93, reason="typo")])
    t = doc.text
    doc.entities = [Entity("Q855", "PERSON", "Joseph Stalin", ["Stalin"]),
                    Entity("per-2", "PERSON", "Maxim Litvinov"),
                    Entity("place:moscow", "PLACE", "Moscow", ["Moskva"]),
                    Entity("7", "EVENT", "Khasan incident"),
                    Entity("w1", "WORK", "Soviet Planning")]
    for eid, word in (("Q855", "Stalin"), ("per-2", "Litvinov"), ("place:moscow", "Moskva")):
        s = t.index(word)
        doc.mentions.append(Mention(eid, word, "text", s, s + len(word)))
    nt = doc.note_view(doc.notes[0]).text
    s = nt.index("Soviet Planning")
    doc.mentions.append(Mention("w1", "Soviet Planning", "note:1", s, s + 15))
    s = t.index("7 August 1938")
    doc.dates.append(DateMention("7 August 1938", "1938-08-07", "text", s, s + 13))
    doc.citations = [{"note": "1", "type": "book", "author": [{"family": "Davies"}],
                      "title": "Soviet Planning", "page": "45",
                      "issued": {"date-parts": [[1993]]}}]
    doc.metadata["title"] = "River notes"
    doc.metadata["classification"] = "Confidential"
    return doc


def test_hand_built_document_renders_every_hook(rng):
    doc = hand_doc()
    assert doc.text == "Stalin met Litvinov in Moskva on 7 August 1938. The end."
    xml = to_tei(doc)
    assert validate(xml) == []
    root = etree.fromstring(xml.encode())
    body = root.find(".//t:body", NS)
    assert body.find("t:pb", NS).get("n") == "12"
    fws = [(f.get("type"), f.text) for f in body.findall("t:fw", NS)]
    assert fws == [("pageNum", "12"), ("header", "River Notes")]
    p = body.find("t:p", NS)
    pers = p.findall("t:persName", NS)
    assert [x.text for x in pers] == ["Stalin", "Litvinov"]
    ids = {x.get("{http://www.w3.org/XML/1998/namespace}id")
           for x in root.iterfind(".//t:standOff//t:person", NS)}
    assert {x.get("ref")[1:] for x in pers} <= ids and len(ids) == 2
    assert p.find("t:placeName", NS).get("ref") == "#place_moscow"
    assert p.find("t:date", NS).get("when") == "1938-08-07"
    note = p.find("t:note", NS)
    assert note.get("place") == "foot" and note.get("n") == "1"
    assert "".join(note.itertext()) == "See Davies, Soviet Planning, 45."
    assert note.find("t:rs", NS).get("type") == "work"
    # the note sits right after the sentence that carried its marker
    ptext = etree.tostring(p, encoding="unicode")
    assert '1938</date>.<note place="foot" n="1"' in ptext
    choice = p.find("t:choice", NS)
    assert choice.find("t:sic", NS).text == "Tbe"
    corr = choice.find("t:corr", NS)
    assert (corr.text, corr.get("cert"), corr.get("resp")) == ("The", "high", "#archivist")
    assert root.find(".//t:listBibl/t:bibl/t:date", NS).get("when") == "1993"
    assert root.find(".//t:sourceDesc//t:idno[@type='sha256']", NS).text == doc.source.sha256
    assert root.find(".//t:sourceDesc//t:note[@type='classification']", NS).text == "Confidential"
    # the reading text is recoverable from the TEI (corr readings, notes and fw aside)
    reading = "".join(_reading(p))
    assert reading == doc.text


def _reading(elem):
    """Text of an element taking corr over sic and skipping notes."""
    tag = etree.QName(elem).localname
    if tag in ("sic", "note", "fw"):
        return
    if elem.text:
        yield elem.text
    for child in elem:
        yield from _reading(child)
        if child.tail:
            yield child.tail


def test_samples_tei_is_valid(rng, processed_samples):
    assert processed_samples, "no sample documents"
    for name, doc in processed_samples.items():
        xml = to_tei(doc)
        assert validate(xml) == [], name
        root = etree.fromstring(xml.encode())
        assert root.find(".//t:pb", NS) is not None
        assert len(root.findall(".//t:p", NS)) >= 1
        assert len(root.findall(".//t:note[@place='foot']", NS)) == len(doc.notes)


def test_broken_tei_fails_validation(rng):
    xml = to_tei(hand_doc())
    broken = xml.replace("<p>", "<p><notAnElement/>", 1)
    assert validate(broken) != []
    no_header = etree.fromstring(xml.encode())
    no_header.remove(no_header.find("t:teiHeader", NS))
    assert validate(etree.tostring(no_header, encoding="unicode")) != []
    assert validate("<TEI") != []


def test_edtf_attrs():
    assert edtf_attrs("1933-05") == {"when": "1933-05"}
    assert edtf_attrs("1932-01/1932-08") == {"from": "1932-01", "to": "1932-08"}
    # an uncertain EDTF date (the dates stage queries a year) keeps its day with @cert
    assert edtf_attrs("1938?") == {"when": "1938", "cert": "medium"}
    assert edtf_attrs("1938-02-30?") == {}


TOKENS = ["the", "The", "war", "1933", "7", "¹⁰", "[3]", "Doc.", "#15", ".", ",", "”", "&",
          "<", "-", "\x0c", "\n", "\n\n", "\x07", "Ë", "If", "12"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60))
def test_tei_of_any_layout_is_valid(rng, tokens):
    import archivist.layout as layout
    from archivist.pipeline import REGISTRY

    text = " ".join(tokens) + " end."
    doc = Document(original=text, source=Source.of_bytes("x.txt", text.encode(), "text"))
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\f"]
    ends = [i for i, ch in enumerate(text) if ch == "\f"] + [len(text)]
    doc.raw_pages = [RawPage(None, s, e) for s, e in zip(starts, ends, strict=True)]
    for n in [*layout.STAGES, *layout.STAGES_AFTER_REPAIR]:
        doc = REGISTRY[n](doc)
    assert validate(to_tei(doc)) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                          st.sampled_from(["PERSON", "PLACE", "ORG", "EVENT", "WORK", "date",
                                           "quantity"])),
                max_size=8))
def test_crossing_and_nested_annotations_still_validate(rng, spans):
    doc = hand_doc()
    doc.mentions, doc.dates, doc.quantities = [], [], []
    n = len(doc.text)
    for k, (a, b, kind) in enumerate(spans):
        s, e = sorted((min(a, n), min(b, n)))
        if kind == "date":
            doc.dates.append(DateMention(doc.text[s:e], "1938-08", "text", s, e))
        elif kind == "quantity":
            doc.quantities.append(Quantity(doc.text[s:e], "money", 5.525, "GBP", "text", s, e,
                                           lsd=[5, 10, 6]))
        else:
            doc.entities.append(Entity(f"x{k}", kind, f"name {k}"))
            doc.mentions.append(Mention(f"x{k}", doc.text[s:e], "text", s, e))
    xml = to_tei(doc)
    assert validate(xml) == []
    # the reading text survives whatever was dropped to keep the nesting valid
    p = etree.fromstring(xml.encode()).find(".//t:body/t:p", NS)
    assert "".join(_reading(p)) == doc.text


def test_newspaper_letter_and_archive_citations_render_and_validate(rng):
    from archivist.extract.citations import parse_note

    doc = hand_doc()
    doc.citations = parse_note(
        "J. Smith, “Harbour Dues,” Western Gazette, 2 May 1902, p. 4; Smith to Brown, "
        "4 May 1911, Kent Record Office, U 12/3, fol. 7; Diary of A. Brown, 3 June 1915.", "1")
    assert [c["type"] for c in doc.citations] == ["article-newspaper", "archival", "manuscript"]
    xml = to_tei(doc)
    assert validate(xml) == []
    bibls = etree.fromstring(xml.encode()).findall(".//t:listBibl/t:bibl", NS)
    paper, letter, diary = bibls
    assert paper.find("t:title[@level='j']", NS).text == "Western Gazette"
    assert paper.find("t:date", NS).get("when") == "1902-05-02"
    assert letter.find("t:idno[@type='location']", NS).text == "U 12/3, fol. 7"
    assert diary.find("t:date", NS).get("when") == "1915-06-03"


def test_archive_place_collection_debate_and_series_fields_render_and_validate(rng):
    from archivist.extract.citations import parse_note

    doc = hand_doc()
    doc.citations = parse_note(
        "Bodleian Library, Oxford, MS. Eng. hist. c. 987, fols. 21–23; British Library, India "
        "Office Records, IOR/L/PS/98/7654; HC Deb 21 June 1937 vol 325 cc1432–5; DBFP, 2nd "
        "ser., vol. 9, no. 432, p. 17.", "1")
    xml = to_tei(doc)
    assert validate(xml) == []
    bodl, ior, deb, dbfp = etree.fromstring(xml.encode()).findall(".//t:listBibl/t:bibl", NS)
    assert bodl.find("t:placeName", NS).text == "Oxford"
    assert bodl.find("t:biblScope[@unit='folio']", NS).text == "21–23"
    assert ior.find("t:idno[@type='collection']", NS).text == "India Office Records"
    assert deb.find("t:orgName", NS).text == "House of Commons"
    assert deb.find("t:biblScope[@unit='column']", NS).text == "1432–5"
    assert dbfp.find("t:title[@type='short']", NS).text == "DBFP"
    assert [(s.get("unit"), s.text) for s in dbfp.findall("t:biblScope", NS)] == [
        ("series", "2"), ("volume", "9"), ("document", "432"), ("page", "17")]


def test_quantities_become_measures_in_body_and_notes(rng):
    from archivist.extract.quantities import extract_quantities

    original = ("The fleet of 12 warships carried some 4,000 men and £5 10s. 6d. in pay.\n"
                "1 Over 20 per cent. of 300 tons.\n")
    doc = Document(original=original, source=Source.of_bytes("q.txt", original.encode(), "text"))
    doc.raw_pages = [RawPage(None, 0, len(original))]
    note_line = original.index("1 Over")
    doc.add_edits([doc.body_view().edit("layout.notes", note_line - 1, len(original), "",
                                        kind="layout")])
    doc.notes = [Note("1", note_line + 2, len(original) - 1)]
    doc = extract_quantities(doc)
    xml = to_tei(doc)
    assert validate(xml) == []
    root = etree.fromstring(xml.encode())
    got = [(m.get("type"), m.get("quantity"), m.get("unit"), "".join(m.itertext()))
           for m in root.iter(f"{{{TEI_NS}}}measure")]
    assert got == [("count", "12", "warship", "12 warships"),
                   ("count", "4000", "man", "some 4,000 men"),
                   ("currency", "5.525", "GBP", "£5 10s. 6d."),
                   ("percent", "20", "percent", "Over 20 per cent."),
                   ("weight", "300", "ton", "300 tons")]
    assert root.find(".//t:note//t:measure[@unit='ton']", NS) is not None
