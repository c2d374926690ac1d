"""Hand-built documents following the JSON contract (no pipeline needed)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from archivist.model import Document, Edit, Entity, Event, Mention, Note, RawPage, Source


def make_doc(name: str, pages: list[str], *, fixes: dict[str, str] | None = None,
             entities: list[tuple[str, str, list[str]]] | None = None,
             dates: list[tuple[str, str]] | None = None, note: str | None = None,
             events: list[tuple[str, str]] | None = None) -> Document:
    """A Document whose original is `pages` joined by form feeds; `fixes` maps an
    original word to its repair (an applied edit); entities are (type, name,
    variants) with a mention for each occurrence of each form in the body; dates are
    (text, EDTF); `note` becomes footnote 1 at the end of the original."""
    original = "\f".join(pages)
    raw, pos = [], 0
    for i, p in enumerate(pages):
        raw.append(RawPage(str(i + 1), pos, pos + len(p)))
        pos += len(p) + 1
    if note is not None:
        raw[-1].end = len(original)
        original += "\n\n1 " + note
    doc = Document(original=original, source=Source(
        path=f"/corpus/{name}.txt", sha256=hashlib.sha256(original.encode()).hexdigest(),
        format="text"), raw_pages=raw)
    if note is not None:
        start = original.rindex("1 " + note)
        doc.notes = [Note(n="1", start=start + 2, end=len(original))]
        body_end = start - 2
        doc.add_edits([Edit("layout.notes", body_end, len(original), original[body_end:], "",
                            kind="layout")])
    for bad, good in (fixes or {}).items():
        v = doc.body_view()
        i = v.text.index(bad)
        doc.add_edits([v.edit("repair.test", i, i + len(bad), good, confidence=0.9)])
    text = doc.text
    for k, (typ, nm, variants) in enumerate(entities or []):
        eid = f"e{k}"
        doc.entities.append(Entity(eid, typ, nm, list(variants)))
        for form in [nm, *variants]:
            at = text.find(form)
            while at != -1:
                doc.mentions.append(Mention(eid, form, "text", at, at + len(form)))
                at = text.find(form, at + 1)
    from archivist.model import DateMention

    for dtext, value in dates or []:
        at = text.index(dtext)
        doc.dates.append(DateMention(dtext, value, "text", at, at + len(dtext)))
    for dtext, value in events or []:
        at = text.index(dtext)
        doc.events.append(Event(value, dtext, "text", at, at + len(dtext), []))
    return doc


def doc_json(doc: Document) -> dict[str, Any]:
    from archivist.store.record import store_json

    return store_json(doc)


def write(folder: Path, name: str, text: str) -> Path:
    """`text` written to `folder/name` (the folder made if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def stored_text(store: Any, path: Path) -> str:
    """The clean text of the stored document ingested from `path`."""
    (doc_id,) = store.rows("SELECT id FROM documents WHERE path = ?", (str(path),))[0]
    return str(store.document_json(int(doc_id))["text"])


def saved_lexicon(db_url: str, out: Path) -> Any:
    """`archivist lexicon -o out` on the corpus, read back as a CorpusLexicon."""
    import json

    from typer.testing import CliRunner

    from archivist.cli import app
    from archivist.repair.corpus import CorpusLexicon

    r = CliRunner().invoke(app, ["lexicon", "--db", db_url, "-o", str(out)])
    assert r.exit_code == 0, r.output
    return CorpusLexicon.from_json(json.loads(out.read_text("utf-8")))


def process_agrees_with_ingest(db_url: str, lexicon_file: Path, path: Path) -> str:
    """Ingest `path`, then `process` it with `--lexicon lexicon_file`: the two clean
    texts must be the same; returns process's text."""
    from typer.testing import CliRunner

    from archivist.cli import app
    from archivist.store import open_store

    runner = CliRunner()
    r = runner.invoke(app, ["ingest", str(path), "--db", db_url, "--no-nlp", "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["process", str(path), "--format", "text", "--skip", "extract",
                            "--lexicon", str(lexicon_file)])
    assert r.exit_code == 0, r.output
    with open_store(db_url) as st:
        assert r.stdout.rstrip("\n") == stored_text(st, path).rstrip("\n")
    return r.stdout


def recount_pairs(store: Any) -> dict[str, int]:
    """The passage count of each word pair, recounted from the stored clean and
    original texts: what the pair tables should say."""
    from archivist.store.text import PASSAGE_TEXTS_SQL, index_string, pair_string

    out: dict[str, int] = {}
    for _, t, o in store.rows(PASSAGE_TEXTS_SQL):
        for pair in set(pair_string(index_string(t or "")).split()) | set(
                pair_string(index_string(o or "")).split()):
            out[pair] = out.get(pair, 0) + 1
    return out
