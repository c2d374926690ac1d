"""The same behaviour on every backend (SQLite file, real PostgreSQL)."""

from __future__ import annotations

import pytest
from store_helpers import doc_json, make_doc

from archivist.store import QueryError, Store

P1 = ("I said to Shigemitsu that the border guards of the Soviet side held the line "
      "near the Hunch'un Agreement boundary on July 29, 1938.")
P2 = ("RECORD OF A CONVERSATION WITH SHIGHMITSU. The Jaranese troops fired across "
      "the frontier. Litvinov protested to-day.")


def _corpus(store: Store) -> tuple[int, int]:
    a = make_doc("alpha", [P1, P2], fixes={"Jaranese": "Japanese"},
                 entities=[("PERSON", "Shigemitsu", ["SHIGHMITSU"]),
                           ("AGREEMENT", "Hunch'un Agreement", [])],
                 dates=[("July 29, 1938", "1938-07-29")],
                 note="Conversation of August 7, 1938, Moscow archive.")
    b = make_doc("beta", ["Mamoru Shigemitsu met Litvinov in Moscow in August 1938. "
                          "The Khunchun agreement was discussed."],
                 entities=[("PERSON", "Mamoru Shigemitsu", ["Shigemitsu"]),
                           ("PLACE", "Moscow", [])],
                 dates=[("August 1938", "1938-08")])
    return store.add(doc_json(a), "1"), store.add(doc_json(b), "1")


def test_add_and_read_back_losslessly(store: Store) -> None:
    a_id, b_id = _corpus(store)
    assert store.stats()["documents"] == 2
    d = store.document_json(a_id)
    assert d["text"].startswith("I said to Shigemitsu")
    doc = store.document(a_id)
    assert doc.text == d["text"]
    assert "Japanese troops" in doc.text and "Jaranese" in doc.original
    assert store.resolve("beta") == b_id and store.resolve(str(a_id)) == a_id
    assert store.resolve(d["source"]["sha256"][:10]) == a_id


def test_same_bytes_replace_not_duplicate(store: Store) -> None:
    _corpus(store)
    _corpus(store)
    assert store.stats()["documents"] == 2
    assert len(store.search("Litvinov", exact=True).hits) == 2


def test_word_phrase_prefix_boolean(store: Store) -> None:
    _corpus(store)
    hits = store.search('"border guards"').hits
    assert [(h.doc, h.match) for h in hits] == [("alpha", "border guards")]
    assert {h.doc for h in store.search("Litv*").hits} == {"alpha", "beta"}
    assert {h.doc for h in store.search("Litvinov NOT Moscow").hits} == {"alpha"}
    assert {h.doc for h in store.search("frontier OR Khunchun", exact=True).hits} == \
        {"alpha", "beta"}
    assert store.search("frontier AND Khunchun", exact=True).hits == []
    with pytest.raises(QueryError):
        store.search("NOT Moscow")


def test_hits_carry_offsets_and_highlighted_snippets(store: Store) -> None:
    a_id, _ = _corpus(store)
    text = store.document_json(a_id)["text"]
    res = store.search("guards", context=3)
    (h,) = res.hits
    assert text[h.start:h.end] == "guards" == h.match
    assert h.snippet[h.highlight[0]:h.highlight[1]] == "guards"
    assert h.snippet.startswith("… ") and len(h.snippet.split()) <= 3 + 1 + 3 + 2
    assert h.page == "1" and h.where == "text"


def test_ocr_tolerant_repaired_and_original_text(store: Store) -> None:
    _corpus(store)
    # "Jaranese" was repaired: found in the clean text by its repair, and by the
    # original spelling, which only the original still has
    clean = store.search("Japanese", exact=True).hits
    assert clean and clean[0].original == "Jaranese"
    orig = store.search("Jaranese", exact=True).hits
    assert orig and orig[0].in_original_only and orig[0].match == "Japanese"


def test_fuzzy_variants_and_exact_switch(store: Store) -> None:
    _corpus(store)
    res = store.search("Shigemitsu", limit=50)
    assert {h.match for h in res.hits} >= {"Shigemitsu", "SHIGHMITSU"}
    assert "shighmitsu" in res.expansions["shigemitsu"]
    assert "SHIGHMITSU" not in {h.match for h in store.search("Shigemitsu", exact=True,
                                                                limit=50).hits}
    khun = store.search("Khunchun", limit=50).hits
    assert {h.match for h in khun} >= {"Khunchun", "Hunch'un"}
    assert "Hunch'un" not in {h.match for h in store.search("Khunchun", fuzziness=0.05).hits}
    # a common English word is not an OCR variant of another
    assert "order" not in store.search("border").expansions.get("border", [])


def test_field_filters(store: Store) -> None:
    _corpus(store)
    assert {h.doc for h in store.search("Litvinov doc:beta").hits} == {"beta"}
    assert {h.doc for h in store.search("guards OR Litvinov date:1938-07-01..1938-07-31").hits} == \
        {"alpha"}
    assert {h.doc for h in store.search("Litvinov date:1938-08").hits} == {"beta"}
    ent = store.search("entity:SHIGHMITSU").hits  # merged across documents by variant
    assert {h.doc for h in ent} == {"alpha", "beta"}
    assert all("shig" in h.match.lower() for h in ent)
    assert {h.doc for h in store.search("Moscow type:PLACE", exact=True).hits} == {"beta"}
    assert store.search("entity:Nobody").hits == []
    with pytest.raises(QueryError):
        store.search("date:someday")


def test_notes_are_searchable(store: Store) -> None:
    _corpus(store)
    (h,) = store.search("archive", exact=True).hits
    assert h.where == "note:1" and h.doc == "alpha"


def test_facets(store: Store) -> None:
    _corpus(store)
    f = store.search("Shigemitsu").facets
    assert f["document"] == {"alpha": 2, "beta": 1}  # matching passages (pages, notes)
    assert f["year"] == {"1938": 2}
    assert set(f["entity"]) >= {"Shigemitsu", "Mamoru Shigemitsu"}


def test_entities_merge_across_documents(store: Store) -> None:
    _corpus(store)
    ents = store.entities()
    shig = [e for e in ents if "Shigemitsu" in (e["name"], *e["variants"])]
    assert len(shig) == 1
    assert shig[0]["documents"] == 2 and shig[0]["type"] == "PERSON"
    assert {"SHIGHMITSU", "Mamoru Shigemitsu", "Shigemitsu"} <= {shig[0]["name"],
                                                                 *shig[0]["variants"]}
    assert [e["name"] for e in store.entities("PLACE")] == ["Moscow"]


def test_timeline_in_order_with_filters(store: Store) -> None:
    _corpus(store)
    tl = store.timeline()
    assert [e["date"] for e in tl] == ["1938-07-29", "1938-08"]
    assert tl[0]["doc"] == "alpha" and "Shigemitsu" in tl[0]["text"]
    assert "Shigemitsu" in tl[0]["entities"]
    assert [e["date"] for e in store.timeline(date_from="1938-08-01")] == ["1938-08"]
    assert [e["date"] for e in store.timeline(date_to="1938-07")] == ["1938-07-29"]
    assert [e["doc"] for e in store.timeline(entity="Moscow")] == ["beta"]


def test_explicit_events_are_used(store: Store) -> None:
    d = make_doc("gamma", ["On 7 August 1938 the talks resumed."],
                 events=[("On 7 August 1938 the talks resumed.", "1938-08-07")])
    store.add(doc_json(d), "1")
    assert [(e["date"], e["source"]) for e in store.timeline()] == [("1938-08-07", "event")]


def test_failed_write_leaves_no_half_document(store: Store, monkeypatch) -> None:
    _corpus(store)
    before = store.stats()

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_add_vocab", boom)
    d = make_doc("delta", ["Completely new words: zanzibar quokka."])
    with pytest.raises(RuntimeError):
        store.add(doc_json(d), "1")
    monkeypatch.undo()
    assert store.stats() == before
    assert store.search("quokka", exact=True).hits == []


def test_delete_removes_from_index(store: Store) -> None:
    a_id, _ = _corpus(store)
    store.delete(a_id)
    assert store.search("guards", exact=True).hits == []
    assert store.stats()["documents"] == 1
    assert {h.doc for h in store.search("Litvinov").hits} == {"beta"}


def test_very_common_words_are_ranked_over_a_window(store: Store, monkeypatch) -> None:
    import archivist.store.base as base

    _corpus(store)
    full = {(h.doc, h.start) for h in store.search("the", exact=True, limit=50).hits}
    monkeypatch.setattr(base, "RANK_WINDOW", 1)  # every query now counts as very common
    monkeypatch.setattr(store, "rank_window", None)
    windowed = store.search("the", exact=True, limit=50)
    assert windowed.passages == 1  # only the newest matching passage was ranked
    assert {(h.doc, h.start) for h in windowed.hits} < full


def test_a_bad_document_in_a_batch_does_not_spoil_the_others(store: Store) -> None:
    good = doc_json(make_doc("good", ["Grodekovo lies south-west of the lake."]))
    bad = doc_json(make_doc("bad", ["This one carries a broken edit record."]))
    bad["edits"] = [{"stage": "x", "original": "", "replacement": "y"}]  # no offsets
    res = store.add_many([bad, good], "1")
    assert isinstance(res[0], KeyError) and isinstance(res[1], int)
    assert [d["name"] for d in store.documents()] == ["good"]
    assert store.search("broken", exact=True).hits == []
    assert len(store.search("Grodekovo").hits) == 1


def test_expansions_follow_new_vocabulary(store: Store) -> None:
    _corpus(store)
    assert store.expand("grodekovo", 0.25) == ["grodekovo"]
    store.add(doc_json(make_doc("later", ["Shots near Grodekova were heard."])), "1")
    assert store.expand("grodekovo", 0.25) == ["grodekovo", "grodekova"]


def test_a_unique_name_start_resolves_an_ambiguous_one_does_not(store: Store) -> None:
    a = store.add(doc_json(make_doc("report_1901_a", ["The harbour was closed."])), "1")
    b = store.add(doc_json(make_doc("report_1901_b", ["The harbour was opened."])), "1")
    c = store.add(doc_json(make_doc("harbour_log", ["The harbour was dredged."])), "1")
    assert store.resolve("report_1901_a") == a and store.resolve("report_1901_b") == b
    assert store.resolve("harb") == c  # only one name starts so
    assert store.resolve("report_1901_") is None  # two do: ambiguous
    assert store.resolve("h") is None and store.resolve("zz") is None


def test_a_footnotes_words_are_hits_of_the_note_only(store: Store, tmp_path) -> None:
    # the page's original still holds the note block that layout took out of the body;
    # its words belong to the note's own passage, not again to the page as "original only"
    from archivist.pipeline import Pipeline
    from archivist.process import process_path

    p = tmp_path / "n.txt"
    p.write_text("The dock board met in the spring.1 The town was divided.\n\n"
                 "1 Minutes of the Dock Board, Kent Record Office, DB/2/14.\n", encoding="utf-8")
    store.add(process_path(p, pipeline=Pipeline().without(["extract"])), "t")
    hits = store.search("Kent", exact=True).hits
    assert [(h.where, h.match) for h in hits] == [("note:1", "Kent")]
    hits = store.search("dock", exact=True).hits
    assert sorted(h.where for h in hits) == ["note:1", "text"]


def test_a_notes_continuation_on_the_next_page_is_a_hit_of_the_note_only(
        store: Store, tmp_path) -> None:
    # review7: the note's window was checked, but the lines it continues with at the
    # foot of the next page (moved into the note) gave the page an empty
    # "original only" hit as well
    from archivist.pipeline import Pipeline
    from archivist.process import process_path

    body1 = "\n".join(["The harbour board met in the spring and heard the case at length."] * 8)
    body2 = "\n".join(["The town was divided on the question of the new quay for years."] * 8)
    p = tmp_path / "c.txt"
    p.write_text(body1 + " The board agreed.1\n\n1 Minutes of the board, a long account of "
                 "the meeting which\n\f" + body2 + "\n\nwas held in the Quillon room of the "
                 "old hall.\n", encoding="utf-8")
    doc = process_path(p, pipeline=Pipeline().without(["extract"]))
    assert "Quillon" in doc.note_view(doc.notes[0]).text and "Quillon" not in doc.text
    store.add(doc, "t")
    hits = store.search("Quillon", exact=True).hits
    assert [(h.where, h.match) for h in hits] == [("note:1", "Quillon")]
