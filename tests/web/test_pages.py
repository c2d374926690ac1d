"""What a historian sees: documents, a document, search, timeline, entities, the API."""

from __future__ import annotations

import html
import re

from web_helpers import XSS

from archivist.model import APPLIED


def _visible_correction(store, doc_id):
    """An applied text correction that shapes the stored body text (from the store)."""
    doc = store.document(doc_id)
    view = doc.body_view()
    for e in doc.edits:
        if e.kind == "text" and e.status == APPLIED and e.original and e.replacement \
                and e.id in view.edit_of and e.original.strip() != e.replacement.strip():
            return e
    raise AssertionError("the sample has no visible correction")


def test_documents_list(client, corpus):
    store, ids = corpus
    r = client.get("/")
    assert r.status_code == 200
    for d in store.documents():
        assert f'href="/documents/{d["id"]}"' in r.text
    api = client.get("/api/documents").json()
    assert api["total"] == len(ids)
    rec = next(d for d in api["documents"] if d["id"] == ids["003_07f6514925dd1fad.txt"])
    stored = store.document_json(rec["id"])
    assert rec["edits"] == sum(1 for e in stored["edits"]
                               if e["kind"] == "text" and e["status"] == "applied")
    assert rec["pages"] == len(stored["pages"])
    assert rec["type"] == stored["metadata"].get("type", "")


def test_document_page_shows_corrected_text_and_the_original(client, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    e = _visible_correction(store, doc_id)
    page = client.get(f"/documents/{doc_id}").text
    body = page[page.index('<div class="body">'):page.index('class="notes"')
                if 'class="notes"' in page else page.index('class="edits"')]
    span = re.search(rf'<span class="corr" tabindex="0" data-edit="{e.id}"[^>]*>([^<]*)</span>',
                     body)
    assert span, "the correction is not highlighted"
    assert html.unescape(span.group(1)) in e.replacement
    tag = span.group(0)
    assert f'data-orig="{html.escape(e.original, quote=True)}"' in tag
    assert f'data-stage="{e.stage}"' in tag
    assert "data-conf=" in tag and "title=\"was: " in tag
    # the clean text is what the reader gets: tags stripped, it equals the stored text
    text_only = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert e.original not in text_only or e.original in store.document_json(doc_id)["text"]


def test_clean_text_round_trips_through_the_markup(client, corpus):
    """Stripping the markup from the rendered paragraphs gives back the stored text."""
    store, ids = corpus
    for doc_id in ids.values():
        d = store.document_json(doc_id)
        page = client.get(f"/documents/{doc_id}").text
        # (every block: plain paragraphs, headings <h3>, table rows <p class=...>)
        paras = re.findall(r'<(p|h3)(?: class="[\w-]+")? data-start="\d+">(.*?)</\1>', page,
                           flags=re.S)
        paras = [inner for _tag, inner in paras]
        got = [html.unescape(re.sub(r"<sup class=\"fn\">.*?</sup>|<span class=\"pb\"[^>]*>"
                                    r".*?</span>|<[^>]+>", "", p)).replace("\u200b", "")
               for p in paras]
        want = [d["text"][p["start"]:p["end"]] for p in d["paragraphs"]]
        assert got == want


def test_footnotes_are_linked_both_ways(client, corpus):
    store, ids = corpus
    doc_id = ids["000_fa0db9ec999598d9.txt"]
    d = store.document_json(doc_id)
    anchored = [n for n in d["notes"] if n["anchor"] is not None]
    assert anchored
    page = client.get(f"/documents/{doc_id}").text
    for k, n in enumerate(d["notes"]):
        assert f'<li id="note-{k}">' in page
        if n["anchor"] is not None:
            assert f'href="#note-{k}" id="ref-{k}"' in page
            assert f'href="#ref-{k}"' in page


def test_page_breaks_and_entities_are_marked(client, corpus):
    store, ids = corpus
    doc_id = ids["000_fa0db9ec999598d9.txt"]
    d = store.document_json(doc_id)
    page = client.get(f"/documents/{doc_id}").text
    for p in d["pages"]:
        assert f'data-page="{p["n"]}"' in page
    types = {e["id"]: e["type"] for e in d["entities"]}
    body_mentions = [m for m in d["mentions"] if m["where"] == "text"]
    assert body_mentions
    m = body_mentions[0]
    assert re.search(r'<span class="ent ent-{}" data-entity="{}"'.format(
        types[m["entity"]].lower(), re.escape(html.escape(m["entity"]))), page)


def test_original_view_is_the_text_as_read(client, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    e = _visible_correction(store, doc_id)
    page = client.get(f"/documents/{doc_id}?view=original").text
    orig = page[page.index('<div class="original"'):page.index("</div>", page.index(
        '<div class="original"'))]
    text = html.unescape(re.sub(r"<[^>]+>", "", orig.split(">", 1)[1])).replace("\u200b", "")
    assert text == store.document_json(doc_id)["original"]
    assert re.search(rf'<span class="corr" tabindex="0" data-edit="{e.id}"', orig)


def test_markup_in_a_document_is_escaped_everywhere(client, corpus):
    store, ids = corpus
    doc_id = ids["evil.txt"]
    for path in (f"/documents/{doc_id}", f"/documents/{doc_id}?view=original",
                 "/search?q=clerk", "/search?q=pwned", "/"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page, path
    page = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in page
    # the markup survives as text: strip the page's own tags, unescape, and the stored
    # text (which still holds "<script>") comes back whole
    d = store.document_json(doc_id)
    stored = d["text"]
    assert XSS.split(" and ")[0] in stored
    body = page[page.index('<div class="body">'):page.index('class="edits"')]
    paras = re.findall(r'<p data-start="\d+">(.*?)</p>', body, flags=re.S)
    shown = [html.unescape(re.sub(r"<[^>]+>", "", p)).replace("\u200b", "") for p in paras]
    assert shown == [stored[p["start"]:p["end"]] for p in d["paragraphs"]]
    # and in what a user typed
    page = client.get("/search", params={"q": '"<script>alert(1)</script>"'}).text
    assert "<script>alert(1)" not in page


def test_search_finds_a_word_and_links_to_the_hit(client, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    text = store.document_json(doc_id)["text"]
    word = "demarcation" if "demarcation" in text else max(text.split(), key=len).strip(".,;")
    api = client.get("/api/search", params={"q": word}).json()
    hits = [h for h in api["hits"] if h["doc_id"] == doc_id
            and text[h["start"]:h["end"]].lower() == word.lower()]
    assert hits
    h = hits[0]
    assert word.lower() in h["snippet"].lower()
    page = client.get("/search", params={"q": word}).text
    assert re.search(rf"<mark>{re.escape(word)}</mark>", page, flags=re.I)
    link = re.search(rf'href="(/documents/{doc_id}\?hl={h["start"]}-{h["end"]}[^"]*)"', page)
    assert link
    target = client.get(html.unescape(link.group(1))).text
    assert target.count('id="hit"') == 1
    m = re.search(r'<span id="hit"></span><mark class="hit">(.*?)</mark>', target, flags=re.S)
    assert m and word.lower() in html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).lower()


def test_search_facets_and_bad_query(client):
    page = client.get("/search", params={"q": "Shigemitsu"}).text
    assert "Documents</h2>" in page
    assert client.get("/search", params={"q": '"unclosed'}).status_code in (200, 400)
    r = client.get("/api/search", params={"q": "NOT"})
    assert r.status_code in (200, 400)
    if r.status_code == 400:
        assert "bad query" in r.json()["error"]


def test_entities_index(client, corpus):
    store, _ = corpus
    api = client.get("/api/entities").json()
    assert api == store.entities()
    assert {"name", "type", "variants", "mentions"} <= set(api[0])
    page = client.get("/entities").text
    for e in api[:5]:
        assert html.escape(e["name"], quote=False) in page
    person = client.get("/api/entities", params={"type": "PERSON"}).json()
    assert person and all(e["type"] == "PERSON" for e in person)
    some = api[0]["name"]
    filtered = client.get("/entities", params={"q": some}).text
    assert html.escape(some, quote=False) in filtered


def test_timeline_order_and_filters(client, corpus):
    store, _ = corpus
    events = client.get("/api/timeline").json()
    assert events == store.timeline()
    assert [e["from"] for e in events] == sorted(e["from"] for e in events)
    page = client.get("/timeline").text
    for ev in events[:3]:
        assert f'<time datetime="{ev["date"]}">' in page
    year = events[0]["date"][:4]
    ranged = client.get("/api/timeline", params={"from": year, "to": year}).json()
    assert ranged and all(e["to"] >= year and e["from"][:4] <= year for e in ranged)
    assert client.get("/api/timeline", params={"from": "not a date"}).status_code == 400
    assert client.get("/timeline", params={"from": "not a date"}).status_code == 400
    named = [e for e in events if e["entities"]]
    if named:
        who = named[0]["entities"][0]
        got = client.get("/api/timeline", params={"entity": who}).json()
        assert got and len(got) <= len(events)


def test_document_api_mirrors_the_store(client, corpus):
    store, ids = corpus
    doc_id = ids["000_fa0db9ec999598d9.txt"]
    d = client.get(f"/api/documents/{doc_id}").json()
    stored = store.document_json(doc_id)
    assert d["text"] == stored["text"] and d["edits"] == stored["edits"]
    assert not any(k.startswith("_") for k in d)
    assert client.get("/api/documents/999999").status_code == 404
    assert client.get("/documents/999999").status_code == 404


def test_every_link_on_every_page_works(client):
    """Crawl the workbench from the documents list: no internal link is broken
    (facets, filters, pagers, hits, entity and timeline links, JSON links)."""
    seen: set[str] = set()
    todo = ["/", "/search?q=border", "/search?q=Shigemitsu&exact=true", "/review?doc=1"]
    while todo and len(seen) < 60:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        assert r.status_code == 200, url
        if "text/html" not in r.headers["content-type"]:
            continue
        for href in re.findall(r'href="(/[^"#]*)', r.text):
            href = html.unescape(href)
            if not href.startswith("/static/") and href not in seen:
                todo.append(href)
    assert len(seen) > 20


def test_review_queue_can_be_limited_to_one_document(client, corpus):
    _, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    everything = client.get("/api/review", params={"threshold": 1.0, "limit": 500}).json()
    mine = client.get("/api/review", params={"threshold": 1.0, "doc": doc_id,
                                          "limit": 500}).json()
    assert mine and all(it["doc_id"] == doc_id for it in mine)
    assert len(mine) == sum(1 for it in everything if it["doc_id"] == doc_id)
    assert client.get("/review", params={"doc": "", "reviewed": ""}).status_code == 200


def _citations_section(client, corpus, path, text: str) -> str:
    """The Citations section of the workbench page of `text`, processed and stored."""
    from archivist import PIPELINE_VERSION
    from archivist.process import process_path

    path.write_text(text, encoding="utf-8")
    store, _ = corpus
    doc_id = store.add(process_path(path), PIPELINE_VERSION)
    page = client.get(f"/documents/{doc_id}").text
    return page[page.index("<h2>Citations</h2>"):]


def test_citations_show_their_date_and_an_archives_reference(client, corpus, tmp_path):
    cites = _citations_section(
        client, corpus, tmp_path / "notes.txt",
        "The dock board met in the spring.1 The town was divided.2\n\n"
        "1 Minutes of the Dock Board, 12 Mar. 1911, Kent Record Office, DB/2/14, "
        "fol. 33.\n2 Harbour Echo, 20 May 1911, p. 5.\n")
    assert "Kent Record Office, DB/2/14, fol. 33" in cites and "(1911-03-12)" in cites
    assert "<cite>Harbour Echo</cite>" in cites and "(1911-05-20), p. 5" in cites
    assert ", 33\n" not in cites  # the folio is part of the reference, not repeated


def test_citations_show_archive_place_collection_house_and_locator_unit(client, corpus, tmp_path):
    cites = _citations_section(
        client, corpus, tmp_path / "notes2.txt",
        "The board met.1 The house sat.2\n\n"
        "1 Bodleian Library, Oxford, MS. Eng. hist. c. 987, fols. 21–23; British "
        "Library, India Office Records, IOR/L/PS/98/7654.\n"
        "2 HC Deb 21 June 1937 vol 325 cc1432–5; MAE, Correspondance politique, "
        "Siam, vol. 21, f. 43; ibid., f. 47.\n")
    # an archive the table knows is named in full on hover (its cited name kept)
    assert '<abbr title="Archives of the French Ministry of Foreign Affairs, La Courneuve">' \
        'MAE</abbr>' in cites
    cites = re.sub(r"<abbr[^>]*>|</abbr>", "", cites)
    assert "Bodleian Library (Oxford), MS. Eng. hist. c. 987, fols. 21–23" in cites
    assert "British Library, India Office Records, IOR/L/PS/98/7654" in cites
    assert "House of Commons" in cites and "col. 1432–5" in cites
    assert "MAE, Correspondance politique, Siam, vol. 21, f. 43\n" in cites  # volume once
    ibid = cites[cites.index("Siam, vol. 21\n"):].split("</li>")[0]  # ibid. shows its own folio
    assert re.sub(r"\s+", " ", ibid).strip() == "Siam, vol. 21 , fol. 47"


def test_document_page_lists_its_quantities(client, corpus):
    store, ids = corpus
    for doc_id in ids.values():
        stored = store.document_json(doc_id)["quantities"]
        page = client.get(f"/documents/{doc_id}").text
        if not stored:
            assert "<h2>Quantities</h2>" not in page
            continue
        section = page[page.index("<h2>Quantities</h2>"):]
        section = section[:section.index("</section>")]
        items = re.findall(r"<li>.*?</li>", section)
        assert len(items) == len(stored)
        for q, li in zip(stored, items, strict=True):
            assert f'“{q["text"]}”' in html.unescape(li)
            assert f'<data value="{q["value"]}">' in li and q["unit"] in li


def test_quantities_page_and_api_list_the_corpus_quantities(client, corpus):
    store, _ = corpus
    rows = client.get("/api/quantities").json()
    assert rows == store.quantities(limit=500) and rows
    page = client.get("/quantities").text
    assert 'href="/quantities" aria-current="page"' in page
    for q in rows:
        assert f'<data value="{q["value"]}">' in page and html.escape(q["text"]) in page
    money = client.get("/api/quantities", params={"kind": "money", "min": "1e9"}).json()
    assert money and all(q["kind"] == "money" and q["value"] >= 1e9 for q in money)
    body = client.get("/quantities", params={"kind": "money", "min": "1e9"}).text
    assert len(re.findall(r"<tr>", body[body.index("<tbody>"):])) == len(money)


def test_quantities_bad_filters_say_what_is_wrong(client):
    for params in ({"from": "the spring"}, {"min": "lots"}):
        r = client.get("/quantities", params=params)
        assert r.status_code == 400 and 'role="alert"' in r.text
        assert client.get("/api/quantities", params=params).status_code == 400
