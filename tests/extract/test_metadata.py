from archivist.extract import STAGES
from archivist.extract.metadata import heading, identifiers, sentence_case
from archivist.model import Furniture
from archivist.pipeline import REGISTRY, Pipeline

DOC = ("From A. B. Petrov's Diary\n\nRECORD OF A CONVERSATION WITH KARAKHAN\nOF MAY 3, 1929."
       "\n\nI said to Karakhan that the line held. Karakhan stated that to-day it did not."
       "\n\nDef. Doc. # 77 He went. Petrov. Copy")


def run_extract(doc):
    return Pipeline(list(STAGES))(doc)


def test_stages_registered_in_order():
    assert STAGES[0] == "extract.citations" and STAGES[-1] == "extract.events"
    assert all(s in REGISTRY for s in STAGES)


def test_record_of_conversation(doc_factory):
    doc = doc_factory(DOC)
    doc.furniture.append(Furniture("header", "Def. Doc. #77", None, 0, 0))
    doc.metadata["page"] = "5"
    doc = run_extract(doc)
    md = doc.metadata
    assert md["title"] == "Record of a conversation with Karakhan of May 3, 1929"
    assert md["author"] == "A. B. Petrov"
    assert md["source"] == "From A. B. Petrov's Diary"
    assert md["date"] == "1929-05-03"
    assert md["identifiers"] == ["Def. Doc. #77"]
    assert md["page"] == "5"  # layout's value is kept
    assert md["type"] == "record of conversation"
    assert md["signatory"] == "Petrov"
    today = [e for e in doc.events if e.date == "1929-05-03" and "to-day" in e.text]
    assert today and any("karakhan" in i for i in today[0].entities)


def test_helpers():
    assert heading("no heading here\n\nat all") is None
    assert sentence_case("TELEGRAM TO THE U.S.S.R.", {}) == "Telegram to the U.S.S.R."


def test_identifiers_normalise_spacing(doc_factory):
    doc = doc_factory("Def. Doc. # 1 text Def. Doc. #1 and Exhibit No. 12 and a Doc. 5")
    assert identifiers(doc) == ["Def. Doc. #1", "Exhibit 12"]


LETTER = ("SECRET.                                          Q 771/40/9\n\n"
          "MINISTRY OF SHIPPING,\n        3rd June, 1921.\n\n"
          "Sir,\n      I am directed to acknowledge your letter of the 12th May.\n\n"
          "                         I am, Sir,\n"
          "                               Your obedient Servant,\n"
          "                                      (Sgd.) H. R. TREVANNE.\n\n"
          "Captain J. Orloway,\n   Harbour Office,\n        Falmouth.\n")


def test_official_letter_classification_and_signature(doc_factory):
    md = run_extract(doc_factory(LETTER)).metadata
    assert md["classification"] == "Secret"
    assert "title" not in md  # the marking and the file number are no title
    assert md["signatory"] == md["author"] == "H. R. TREVANNE"  # not the addressee below
    assert md["date"] == "1921-06-03"


def test_closing_formula_far_above_the_end_is_not_the_signature(doc_factory):
    quoted = ("He quoted the letter: 'Yours faithfully,\nA. Quinbury\n' and went on. "
              + "The board met again and read the accounts. " * 30)
    assert "signatory" not in run_extract(doc_factory(quoted)).metadata


def test_initials_and_a_surname_that_is_also_a_town_still_sign(doc_factory):
    for name in ("J. WELLSBY", "V. READING", "T. R. Halifax"):
        md = run_extract(doc_factory(f"The loan was agreed.\n\nYours faithfully,\n{name}\n"
                                     "\nThe Manager, Harbour Office.\n")).metadata
        assert md.get("signatory") == name
