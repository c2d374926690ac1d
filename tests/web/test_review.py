"""Review decisions change the stored document, re-derive the text and are logged."""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_helpers import csrf_of

from archivist import PIPELINE_VERSION
from archivist.model import APPLIED, REJECTED, SUGGESTED
from archivist.store.record import document_from_json, store_json
from archivist.web.review import REVIEWED_MARK, ReviewError, apply_decision


def plant_suggestion(store, doc_id):
    """Add a low-confidence edit (so a suggestion, not applied) on a plain word of the
    body, through the model's own API, and re-save; return (new id, edit id, word, repl)."""
    doc = document_from_json(store.document_json(doc_id))
    view = doc.body_view()
    for m in re.finditer(r"\b[a-z]{6,}\b", view.text):
        if all(i == -1 for i in view.edit_of[m.start():m.end()]):
            break
    else:
        raise AssertionError("no plain word in the sample")
    repl = m.group().upper() + "Q"
    e = view.edit("test.plant", m.start(), m.end(), repl, confidence=0.1,
                  alternatives=[m.group()], reason="planted by the test")
    assert e.status == SUGGESTED
    doc.add_edits([e])
    return store.add(doc, PIPELINE_VERSION), e.id, m.group(), repl


def current_id(store, sha):
    return store.lookup(sha)[0]


def test_accepting_a_suggestion_changes_the_stored_text(client, corpus, tmp_path):
    store, ids = corpus
    sha = store.document_json(ids["003_07f6514925dd1fad.txt"])["source"]["sha256"]
    doc_id, eid, word, repl = plant_suggestion(store, ids["003_07f6514925dd1fad.txt"])
    before = store.document_json(doc_id)["text"]
    assert repl not in before
    queue = client.get("/api/review").json()
    assert any(it["doc_id"] == doc_id and it["edit"] == eid and it["status"] == SUGGESTED
               for it in queue)
    assert [it["confidence"] for it in queue] == sorted(it["confidence"] for it in queue)
    page = client.get("/review").text
    assert f'action="/review/{doc_id}/{eid}"' in page

    r = client.post(f"/review/{doc_id}/{eid}",
                    data={"action": "accept", "csrf": csrf_of(client), "next": "/review"})
    assert r.status_code == 303 and r.headers["location"].startswith("/review")

    new_id = current_id(store, sha)
    after = store.document_json(new_id)
    assert repl in after["text"]
    assert after["text"].count(word) == before.count(word) - 1
    e = after["edits"][eid]
    assert e["status"] == APPLIED
    assert f"{REVIEWED_MARK} accepted by Ada Reviewer" in e["reason"]
    # out of the queue, into the audit log with time and reviewer
    assert not any(it["doc_id"] == new_id and it["edit"] == eid
                   for it in client.get("/api/review").json())
    log = [json.loads(x) for x in (tmp_path / "review.jsonl").read_text().splitlines()]
    assert log[-1]["action"] == "accept" and log[-1]["who"] == "Ada Reviewer"
    assert log[-1]["old_status"] == SUGGESTED and log[-1]["new_status"] == APPLIED
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", log[-1]["time"])
    assert "Ada Reviewer" in client.get("/review").text  # recent decisions
    # the document page now shows the accepted reading as a correction
    page = client.get(f"/documents/{new_id}").text
    assert re.search(rf'data-edit="{eid}" data-orig="{word}"[^>]*>{repl}</span>', page)


def test_rejecting_a_suggestion_keeps_the_text(client, corpus):
    store, ids = corpus
    sha = store.document_json(ids["000_fa0db9ec999598d9.txt"])["source"]["sha256"]
    doc_id, eid, word, repl = plant_suggestion(store, ids["000_fa0db9ec999598d9.txt"])
    before = store.document_json(doc_id)["text"]
    r = client.post(f"/api/review/{doc_id}/{eid}", json={"action": "reject"},
                    headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == 200
    assert r.json()["status"] == REJECTED and r.json()["text_changed"] is False
    after = store.document_json(current_id(store, sha))
    assert after["text"] == before
    assert after["edits"][eid]["status"] == REJECTED


def test_rejecting_an_applied_correction_restores_the_original_reading(client, corpus):
    store, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    doc = store.document(doc_id)
    view = doc.body_view()
    e = next(x for x in doc.edits if x.kind == "text" and x.status == APPLIED and x.original
             and x.replacement and x.id in view.edit_of and not x.supersedes
             and x.original.strip() != x.replacement.strip())
    cs = view.edit_of.index(e.id)
    before = view.text
    r = client.post(f"/api/review/{doc_id}/{e.id}", json={"action": "reject"},
                    headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == 200 and r.json()["text_changed"] is True
    new_id = r.json()["doc_id"]
    after = store.document_json(new_id)["text"]
    assert after[:cs] == before[:cs]
    assert after[cs:cs + len(e.original)] == e.original
    # mentions still point at their words in the new text
    stored = store.document_json(new_id)
    for m in stored["mentions"]:
        if m["where"] == "text":
            assert stored["text"][m["start"]:m["end"]] == m["text"]
    assert new_id == doc_id  # a decision keeps the document's id: links stay valid
    assert client.get(f"/documents/{doc_id}").status_code == 200


def test_bad_decisions_are_refused(client, corpus):
    store, ids = corpus
    doc_id = ids["000_fa0db9ec999598d9.txt"]
    d = store.document_json(doc_id)
    layout = next(e["id"] for e in d["edits"] if e["kind"] == "layout")
    h = {"X-CSRF-Token": csrf_of(client)}
    assert client.post(f"/api/review/{doc_id}/{layout}", json={"action": "reject"},
                       headers=h).status_code == 400
    assert client.post(f"/api/review/{doc_id}/99999", json={"action": "reject"},
                       headers=h).status_code == 404
    assert client.post(f"/api/review/{doc_id}/0", json={"action": "delete"},
                       headers=h).status_code == 400
    assert client.post("/api/review/424242/0", json={"action": "accept"},
                       headers=h).status_code == 404
    assert store.document_json(doc_id)["text"] == d["text"]


def test_document_page_offers_review_buttons(client, corpus):
    _, ids = corpus
    doc_id = ids["003_07f6514925dd1fad.txt"]
    page = client.get(f"/documents/{doc_id}").text
    assert re.search(rf'<form method="post" action="/review/{doc_id}/\d+">\s*<input '
                     r'type="hidden" name="csrf" value="[0-9a-f]{64}">', page)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_decision_keeps_annotations_on_their_words(processed_samples, data):
    """Accept or reject any text edit: every mention and date still quotes the new
    clean text, and mentions away from the edit keep their exact words."""
    name = data.draw(st.sampled_from(sorted(processed_samples)))
    doc = document_from_json(store_json(processed_samples[name]))
    texts = [e for e in doc.edits if e.kind == "text"]
    e = data.draw(st.sampled_from(texts))
    action = data.draw(st.sampled_from(["accept", "reject"]))
    old = {(m.where, m.start, m.end): m.text for m in doc.mentions}
    old_views = {v.where: v for v in doc.views()}
    try:
        apply_decision(doc, e.id, action, "prop")
    except ReviewError as exc:
        assert exc.status == 409  # accepting into an overlap is refused, doc untouched
        assert [v.text for v in doc.views()] == [v.text for v in old_views.values()]
        return
    for m in doc.mentions:
        assert doc.view_for(m.where).text[m.start:m.end] == m.text
    for t in doc.dates:
        assert doc.view_for(t.where).text[t.start:t.end] == t.text
    view = old_views["text"]
    touched = {i for i, x in enumerate(view.edit_of) if x == e.id}
    ecs = view.from_orig(e.start)
    kept = [k for k in old if k[0] == "text" and not touched & set(range(k[1], k[2]))
            and not k[1] <= ecs <= k[2]]
    new = {m.text for m in doc.mentions if m.where == "text"}
    for k in kept:
        assert old[k] in new


def test_concurrent_readers_and_a_reviewer(client, corpus):
    """Requests from several threads at once (as from the server's thread pool) all
    succeed while a decision re-saves a document, and the decision is kept."""
    from concurrent.futures import ThreadPoolExecutor

    store, ids = corpus
    doc_id, eid, _, repl = plant_suggestion(store, ids["003_07f6514925dd1fad.txt"])
    csrf = csrf_of(client)
    urls = ["/api/search?q=border", "/api/entities", "/api/timeline", "/",
            "/api/review", "/search?q=Stalin"] * 4

    def get(u: str) -> int:
        return client.get(u).status_code

    with ThreadPoolExecutor(max_workers=6) as ex:
        futures = [ex.submit(get, u) for u in urls]
        decision = ex.submit(lambda: client.post(
            f"/api/review/{doc_id}/{eid}", json={"action": "accept"},
            headers={"X-CSRF-Token": csrf}))
        codes = [f.result() for f in futures]
        r = decision.result()
    assert codes == [200] * len(urls)
    assert r.status_code == 200
    assert repl in store.document_json(r.json()["doc_id"])["text"]
