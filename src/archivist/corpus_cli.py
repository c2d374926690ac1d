"""Corpus commands: ingest, search, show, entities, timeline, quantities, export,
lexicon.

`register(app)` adds them to the main typer app. Heavy modules are imported inside
the commands so that `archivist --help` stays fast. ``--db`` takes a SQLite path,
``sqlite:///path`` or ``postgresql://...``; it defaults to $ARCHIVIST_DB or
./archivist.db.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .ingest.ocrlimits import DEFAULT_MAX_OCR_PAGES

if TYPE_CHECKING:
    from .store import Store

DbOpt = Annotated[str | None, typer.Option("--db", help="corpus: SQLite path, sqlite:///path "
                                           "or postgresql://... (default $ARCHIVIST_DB or "
                                           "./archivist.db)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output")]

HIT_FIELDS = ("doc", "doc_id", "page", "where", "start", "end", "match", "original",
              "snippet", "score")


def _err(msg: str) -> None:
    """One line on stderr (a database driver's message may span several)."""
    typer.echo(f"archivist: {' '.join(msg.split())}", err=True)


MAX_COUNT = 10**9  # the most a --limit or --context may ask for


def _count(option: str, n: int | None) -> None:
    """Refuse (one line, exit 2) a count option below 0 or past MAX_COUNT: a negative
    --limit silently answered nothing, a 20-digit one overflowed the database's
    integers (an "internal error").

    >>> _count("--limit", 5), _count("--limit", None)
    (None, None)
    """
    if n is not None and not 0 <= n <= MAX_COUNT:
        _err(f"{option} {n}: must be between 0 and {MAX_COUNT:,}")
        raise typer.Exit(2)


def _file_name(stem: str, ext: str, limit: int = 255) -> str:
    """``stem + ext`` cut (at a character boundary) to `limit` bytes of UTF-8, what
    file systems allow in one name: a long document name broke the whole export.

    >>> _file_name("abc", ".json"), len(_file_name("€" * 300, ".json").encode())
    ('abc.json', 254)
    """
    room = limit - len(ext.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore") + ext


def _open(db: str | None, must_exist: bool = True) -> Store:
    """Open the corpus; reading commands refuse a SQLite file that does not exist
    (rather than silently creating an empty corpus)."""
    from .store import DEFAULT_DB, open_store, parse_url

    url = db or os.environ.get("ARCHIVIST_DB") or DEFAULT_DB
    kind, where = parse_url(url)
    if must_exist and kind == "sqlite" and where != ":memory:" and not Path(where).exists():
        _err(f"{where}: no corpus here (run `archivist ingest` first, or pass --db)")
        raise typer.Exit(2)
    try:
        return open_store(url)
    except Exception as exc:  # noqa: BLE001 - one line, no traceback
        _err(f"{url}: cannot open the corpus: {type(exc).__name__}: {exc}")
        raise typer.Exit(2) from exc


def _doc_id(store: Store, ref: str) -> int:
    doc_id = store.resolve(ref)  # (an "id" past 64-bit integers names no document)
    if doc_id is None:
        _err(f"{ref}: no such document in the corpus, or several whose names start so (use an id, a name, the start of one name or a sha256)")
        raise typer.Exit(2)
    return doc_id


def _public(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="files or folders (recursive)")],
    db: DbOpt = None,
    workers: Annotated[int, typer.Option(help="process documents in N worker processes "
                                         "(0: one per CPU core, at most 8)")] = 0,
    dask: Annotated[str | None, typer.Option("--dask", help="dask scheduler address, or "
                                             "'local' for an in-process cluster")] = None,
    reprocess: Annotated[bool, typer.Option(help="redo documents made by an older "
                                            "pipeline version, or with fewer stages "
                                            "than this run")] = False,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="skip the extract stages "
                                         "(entities, dates, citations)")] = False,
    no_repair: Annotated[bool, typer.Option(
        "--no-repair", help="skip repair and extraction: index the text as printed, fast; "
        "a later `ingest --reprocess` repairs these documents")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    no_lexicon: Annotated[bool, typer.Option("--no-lexicon", help="repair each document "
                                             "alone, not against the corpus lexicon")] = False,
    max_ocr_pages: Annotated[int, typer.Option(
        "--max-ocr-pages", min=0, help="fail a scan (PDF without text, multi-page image) "
        "with more pages to read by OCR than this; 0: no limit")] = DEFAULT_MAX_OCR_PAGES,
) -> None:
    """Process files or folders into the corpus; re-ingesting the same bytes is a no-op.

    Repair reads the corpus lexicon (`archivist lexicon`) as it stands when the run
    starts: every document of the run against the same snapshot."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .store.ingest import Outcome, ingest

    store = _open(db, must_exist=False)
    console = Console(stderr=True)
    progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn(),
                        console=console, disable=quiet or not console.is_terminal)
    task = progress.add_task("ingest", total=None, rate="-")

    def planned(n: int) -> None:
        # (`ingest` shares the tables with a forked pool itself: `tables_shared`)
        progress.update(task, total=n)

    def done(o: Outcome) -> None:
        progress.advance(task)
        t = progress.tasks[0]
        elapsed = t.elapsed or 0.0
        progress.update(task, rate=f"{t.completed / elapsed:.1f}" if elapsed > 0 else "-")

    with progress, store:
        outcomes = ingest(store, paths, workers=max(0, workers), dask=dask,
                          reprocess=reprocess, no_nlp=no_nlp, no_repair=no_repair,
                          on_planned=planned,
                          on_result=done, lexicon=not no_lexicon,
                          max_ocr_pages=max_ocr_pages)
    counts = {s: sum(1 for o in outcomes if o.status == s)
              for s in ("done", "reprocessed", "skipped", "failed")}
    for o in outcomes:
        if o.status == "failed":
            _err(f"{o.path}: {o.reason}")
    # the skipped ones this run would take further: each one's reason says so, but
    # the reasons of skipped files are not printed
    further = sum(1 for o in outcomes if o.status == "skipped" and o.further)
    hint = (f"; {further} of them made by another pipeline version or with fewer "
            "stages: --reprocess redoes them") if further else ""
    typer.echo(f"ingested {counts['done']}, reprocessed {counts['reprocessed']}, "
               f"skipped {counts['skipped']} (already stored{hint}), failed {counts['failed']}"
               + _unsupported_summary(outcomes), err=True)
    if counts["failed"]:
        raise typer.Exit(1)


def _unsupported_summary(outcomes: list[Any]) -> str:
    """The tail of ingest's summary line for the files of a folder that no reader
    takes: how many, by type (empty when none).

    >>> from .store.ingest import Outcome
    >>> _unsupported_summary([Outcome("a.docx", "unsupported"), Outcome("b.rtf", "unsupported"),
    ...                       Outcome("c.docx", "unsupported"), Outcome("d.txt", "done")])
    '; not ingested 3 (unsupported file type: .docx 2, .rtf 1)'
    """
    kinds: Counter[str] = Counter(Path(o.path).suffix.lower() or "(no extension)"
                                  for o in outcomes if o.status == "unsupported")
    if not kinds:
        return ""
    listed = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda x: (-x[1], x[0])))
    return f"; not ingested {sum(kinds.values())} (unsupported file type: {listed})"


def search_cmd(
    query: Annotated[str, typer.Argument(help='words, "phrases", AND/OR/NOT, prefix*, '
                                         "entity:, type:, doc:, date:1938-07..1938-08")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="hits as CSV")] = False,
    exact: Annotated[bool, typer.Option("--exact", help="no fuzzy OCR variants")] = False,
    fuzziness: Annotated[float, typer.Option(help="0 (exact) .. 0.5; how different an OCR "
                                             "variant may be")] = 0.25,
    limit: Annotated[int, typer.Option(help="at most N hits")] = 20,
    context: Annotated[int, typer.Option(min=0, help="words of context each side")] = 8,
) -> None:
    """OCR-tolerant full-text search with keyword-in-context hits."""
    from .store import QueryError

    _count("--limit", limit)
    _count("--context", context)
    if not 0 <= fuzziness <= 1:
        _err("--fuzziness must be between 0 and 1")
        raise typer.Exit(2)
    with _open(db) as store:
        try:
            res = store.search(query, exact=exact, fuzziness=fuzziness, limit=limit,
                               context=context)
        except QueryError as exc:
            _err(f"bad query: {exc}")
            raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(res.to_json(), ensure_ascii=False, indent=1))
        return
    if as_csv:
        write_hits_csv(res.hits, sys.stdout)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    if res.expansions:
        for w, forms in res.expansions.items():
            console.print(f"[dim]{w} also matched: {', '.join(forms[1:])}[/dim]")
    if not res.hits:
        console.print("no hits")
        return
    for h in res.hits:
        where = f"p. {h.page}" if h.where == "text" else f"{h.where} (p. {h.page})"
        head = f"{h.doc} {where} [{h.start}:{h.end}]"
        if h.original:
            head += f"  original: {h.original!r}"
        console.print(f"[bold cyan]{head}[/bold cyan]")
        t = Text("  " + h.snippet)
        t.stylize("bold yellow", 2 + h.highlight[0], 2 + h.highlight[1])
        console.print(t)
    f = res.facets
    if f.get("document"):
        console.print("[dim]documents: " + ", ".join(f"{k} ({v})" for k, v in
                                                     list(f["document"].items())[:10]) + "[/dim]")
    if f.get("entity"):
        console.print("[dim]entities: " + ", ".join(f"{k} ({v})" for k, v in
                                                    list(f["entity"].items())[:10]) + "[/dim]")
    if f.get("year"):
        console.print("[dim]years: " + ", ".join(f"{k} ({v})" for k, v in
                                                 f["year"].items()) + "[/dim]")


# What a spreadsheet takes for the start of a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(v: Any) -> Any:
    """A CSV cell that a spreadsheet shows as text: documents are hostile input, and
    a snippet or file name reading ``=HYPERLINK(...)`` must not run when the export
    is opened in Excel; such a string gets a leading apostrophe. Numbers stay
    numbers, a string that is only a signed number too ("-2", "+1.5": a value
    column's text), so the spreadsheet still reads them as figures.

    >>> print(_cell("=cmd|' /C calc'!A0"), _cell("@SUM(A1)"), _cell("-2"), _cell(-2))
    '=cmd|' /C calc'!A0 '@SUM(A1) -2 -2
    >>> print(_cell("-2+cmd|' /C calc'!A0"), _cell("+1,200.50"), _cell(None) == "")
    '-2+cmd|' /C calc'!A0 +1,200.50 True
    """
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(FORMULA_STARTS) and not _SIGNED_NUMBER.fullmatch(v):
        return "'" + v
    return v


_SIGNED_NUMBER = re.compile(r"[+-]\d[\d,]*(?:\.\d+)?")


def write_hits_csv(hits: list[Any], out: Any) -> None:
    w = csv.writer(out)
    w.writerow(HIT_FIELDS)
    for h in hits:
        d = h.to_json()
        w.writerow([_cell(d.get(k)) for k in HIT_FIELDS])


def render_marked(d: dict[str, Any]) -> str:
    """Clean text with [page N] markers at page starts, [^n] at note anchors and the
    notes after the body."""
    text = d.get("text", "")
    inserts: list[tuple[int, int, str]] = []
    for i, p in enumerate(d.get("pages", [])):
        inserts.append((p["start"], 0, f"[page {p['n']}]\n" if i == 0 else f"\n[page {p['n']}]\n"))
    for n in d.get("notes", []):
        if n.get("anchor") is not None:
            inserts.append((n["anchor"], 1, f"[^{n['n']}]"))
    out: list[str] = []
    pos = 0
    for at, _, s in sorted(inserts):
        out.append(text[pos:at])
        out.append(s)
        pos = at
    out.append(text[pos:])
    notes = d.get("notes", [])
    if notes:
        out.append("\n\n---\n")
        out.extend(f"[^{n['n']}] {n.get('text', '')}\n" for n in notes)
    return "".join(out)


def show_cmd(
    doc: Annotated[str, typer.Argument(help="document id, name or sha256")],
    db: DbOpt = None,
    original: Annotated[bool, typer.Option("--original", help="the text exactly as read")] =
    False,
    edits: Annotated[bool, typer.Option("--edits", help="list every edit")] = False,
    as_json: JsonOpt = False,
) -> None:
    """One document: clean text with page and note markers (or original, edits, JSON)."""
    with _open(db) as store:
        d = store.document_json(_doc_id(store, doc))
    if as_json:
        typer.echo(json.dumps(_public(d), ensure_ascii=False, indent=1))
    elif edits:
        for e in d.get("edits", []):
            typer.echo(f"{e.get('id', '')}\t{e.get('status', '')}\t{e.get('stage', '')}\t"
                       f"[{e['orig_start']}:{e['orig_end']}]\t{e.get('original', '')!r} -> "
                       f"{e.get('replacement', '')!r}\t{e.get('confidence', '')}\t"
                       f"{e.get('reason', '')}")
    elif original:
        sys.stdout.write(d.get("original", ""))
        if not d.get("original", "").endswith("\n"):
            sys.stdout.write("\n")
    else:
        typer.echo(render_marked(d))


def entities_cmd(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    type_: Annotated[str | None, typer.Option("--type", help="PERSON, PLACE, ORG...")] = None,
) -> None:
    """The entity index, merged across documents."""
    with _open(db) as store:
        ents = store.entities(type_)
    if as_json:
        typer.echo(json.dumps(ents, ensure_ascii=False, indent=1))
        return
    for e in ents:
        var = f"  ({'; '.join(e['variants'])})" if e["variants"] else ""
        typer.echo(f"{e['name']}\t{e['type']}\t{e['mentions']} mentions in "
                   f"{e['documents']} document(s){var}")


def timeline_cmd(
    db: DbOpt = None,
    date_from: Annotated[str | None, typer.Option("--from", help="EDTF day, month or year")]
    = None,
    date_to: Annotated[str | None, typer.Option("--to", help="EDTF day, month or year")] = None,
    entity: Annotated[str | None, typer.Option(help="only events naming this entity")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Dated events across documents in date order."""
    with _open(db) as store:
        try:
            events = store.timeline(date_from, date_to, entity)
        except ValueError as exc:
            _err(str(exc))
            raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(events, ensure_ascii=False, indent=1))
        return
    for ev in events:
        ents = f"  [{', '.join(ev['entities'])}]" if ev["entities"] else ""
        typer.echo(f"{ev['date']}\t{ev['doc']}\t{ev['text']}{ents}")


def quantities_cmd(
    db: DbOpt = None,
    kind: Annotated[str | None, typer.Option(help="money, measure, count or percent")] = None,
    unit: Annotated[str | None, typer.Option(help="GBP, rouble, mile, man, ... or a word "
                                             "or sign naming one (roubles, £, miles)")] = None,
    min_value: Annotated[float | None, typer.Option("--min", help="at least this value "
                                                    "(in the unit; old British money in "
                                                    "pounds)")] = None,
    max_value: Annotated[float | None, typer.Option("--max", help="at most this value")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="documents dated from "
                                                  "(EDTF day, month or year)")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="documents dated until")] = None,
    doc: Annotated[str | None, typer.Option(help="one document (id, name or sha256)")] = None,
    near: Annotated[str | None, typer.Option(help="only quantities whose sentence contains "
                                             "this text")] = None,
    limit: Annotated[int | None, typer.Option(help="at most N")] = None,
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="as CSV")] = False,
) -> None:
    """Quantities across documents (money, measures, counts, percentages), by document
    date then position, each with its sentence."""
    from .model import QUANTITY_KINDS

    _count("--limit", limit)
    if kind is not None and kind.lower() not in QUANTITY_KINDS:
        _err(f"unknown kind {kind!r} (money, measure, count or percent)")
        raise typer.Exit(2)
    with _open(db) as store:
        doc_id = _doc_id(store, doc) if doc is not None else None
        try:
            rows = store.quantities(kind=kind, unit=unit, min_value=min_value,
                                    max_value=max_value, date_from=date_from,
                                    date_to=date_to, doc=doc_id, near=near, limit=limit)
        except ValueError as exc:
            _err(str(exc))
            raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif as_csv:
        write_quantities_csv(rows, sys.stdout)
    else:
        for q in rows:
            where = f"p. {q['page']}" if q["where"] == "text" else f"{q['where']} (p. {q['page']})"
            typer.echo(f"{q['date'] or '-'}\t{q['doc']}\t{where}\t{q['kind']}\t"
                       f"{_amount(q)}\t{q['text']}\t{q['sentence']}")


def _amount(q: dict[str, Any]) -> str:
    """Value and unit as a reader says them: "5 10s. 6d. GBP" for old money, "approx." for
    an approximate one.

    >>> _amount({"value": 5.525, "unit": "GBP", "lsd": [5, 10, 6], "approx": False})
    '£5 10s. 6d.'
    >>> _amount({"value": 400, "unit": "man", "lsd": None, "approx": True})
    '~400 man'
    """
    pre = "~" if q["approx"] else ""
    if q["lsd"]:
        lsd = q["lsd"]
        return pre + f"£{lsd[0]:g} {lsd[1]:g}s. {lsd[2]:g}d."
    v = q["value"]
    return pre + (f"{v:,}" if isinstance(v, int) else f"{v:g}") + (f" {q['unit']}" if q["unit"]
                                                                       else "")


def write_quantities_csv(rows: list[dict[str, Any]], out: Any) -> None:
    """Quantities as CSV, one row each (lsd as "pounds/shillings/pence")."""
    from .store.base import QUANTITY_FIELDS

    w = csv.writer(out)
    w.writerow(QUANTITY_FIELDS)
    for q in rows:
        d = dict(q, lsd="/".join(f"{x:g}" for x in q["lsd"]) if q["lsd"] else "",
                 approx=int(bool(q["approx"])))
        w.writerow([_cell(d.get(k)) for k in QUANTITY_FIELDS])


def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json|csv|tei")] = "json",
    out: Annotated[Path | None, typer.Option("-o", "--out", help="folder for one file per "
                                             "document (csv: documents.csv and "
                                             "quantities.csv)")] = None,
    query: Annotated[str | None, typer.Option("--query", help="only the documents (json, "
                                              "tei) or hits (csv) of this search")] = None,
    limit: Annotated[int, typer.Option(help="hits for --query")] = 1000,
    db: DbOpt = None,
) -> None:
    """Dump the corpus or a search result as JSON, CSV or TEI."""
    from .store import QueryError

    if fmt not in ("json", "csv", "tei"):
        _err(f"unknown format {fmt!r} (json, csv or tei)")
        raise typer.Exit(2)
    _count("--limit", limit)
    with _open(db) as store:
        hits = None
        if query is not None:
            try:
                hits = store.search(query, limit=limit, facets=False).hits
            except QueryError as exc:
                _err(f"bad query: {exc}")
                raise typer.Exit(2) from exc
        if fmt == "csv":
            target = (out / "hits.csv" if hits is not None else out / "documents.csv") \
                if out else None
            if out:
                _make_dir(out)
            fh = target.open("w", newline="", encoding="utf-8") if target else sys.stdout
            try:
                if hits is not None:
                    write_hits_csv(hits, fh)
                else:
                    docs = store.documents()
                    w = csv.writer(fh)
                    w.writerow(list(docs[0]) if docs else ["id"])
                    for d in docs:
                        w.writerow([_cell(v) for v in d.values()])
            finally:
                if target:
                    fh.close()
            if out and hits is None:  # a folder holds a table per kind: quantities too
                with (out / "quantities.csv").open("w", newline="", encoding="utf-8") as qf:
                    write_quantities_csv(store.quantities(), qf)
            return
        ids = ([d["id"] for d in store.documents()] if hits is None
               else list(dict.fromkeys(h.doc_id for h in hits)))
        _export_docs(store, ids, fmt, out)


def _export_docs(store: Store, ids: list[int], fmt: str, out: Path | None) -> None:
    if out is None and fmt == "tei" and len(ids) != 1:
        _err("TEI export of several documents needs -o DIR")
        raise typer.Exit(2)
    if out is not None:
        _make_dir(out)
    names: dict[int, str] = {d["id"]: d["name"] for d in store.documents()}
    collected = []
    failed = 0
    for i in ids:
        d = store.document_json(i)
        if fmt == "tei":
            from .export.tei import to_tei

            body = to_tei(store.document(i))
        else:
            body = json.dumps(_public(d), ensure_ascii=False, indent=1)
        if out is None:
            if fmt == "tei":
                typer.echo(body)
            else:
                collected.append(_public(d))
        else:
            ext = ".xml" if fmt == "tei" else ".json"
            target = out / _file_name(f"{i}_{names.get(i, i)}", ext)
            try:
                target.write_text(body, encoding="utf-8")
            except OSError as exc:  # the other documents are still written
                _err(f"{target}: cannot write: {exc.strerror or exc}")
                failed += 1
    if out is None and fmt == "json":
        typer.echo(json.dumps(collected, ensure_ascii=False, indent=1))
    if failed:
        raise typer.Exit(1)


def _make_dir(out: Path) -> None:
    """Make the output folder, or say in one line why not (exit 2)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _err(f"{out}: cannot make the output folder: {exc.strerror or exc}")
        raise typer.Exit(2) from None


def lexicon_cmd(
    db: DbOpt = None,
    limit: Annotated[int | None, typer.Option(min=0, help="at most N terms")] = None,
    as_json: JsonOpt = False,
    out: Annotated[Path | None, typer.Option("-o", "--out", help="write the whole lexicon "
                                             "as JSON for `archivist process --lexicon "
                                             "FILE.json`")] = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="recount the lexicon tables from the stored documents first "
        "(after an upgrade changed what repair counts)")] = False,
) -> None:
    """The corpus lexicon: capitalised terms the stored documents print that no word
    list knows (names, mostly), with occurrences and documents, most frequent first.
    `-o` writes the whole lexicon, with the corpus's own word pairs, for `process`."""
    _count("--limit", limit)
    with _open(db) as store:
        if rebuild:
            forms, pairs = store.rebuild_lexicon()
            typer.echo(f"lexicon rebuilt: {forms} forms, {pairs} word pairs counted", err=True)
        else:
            # counts of other counting rules recounted first, as `ingest` does: `-o`
            # must write the lexicon ingest would use
            store.counts_current()
        rows = store.lexicon_terms(limit=limit)
        lex = store.lexicon() if out is not None else None
    if lex is not None and out is not None:
        out.write_text(json.dumps(lex.to_json(), ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
        typer.echo(f"{out}: {len(lex)} terms, {len(lex.pairs)} word pairs "
                   f"(lexicon {lex.digest})", err=True)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if out is not None:
        return
    if not rows:
        from .repair.corpus import MIN_COUNT, MIN_DOCS

        typer.echo(f"no corpus terms yet (a term is printed in {MIN_DOCS}+ documents, "
                   f"{MIN_COUNT}+ times)")
        return
    width = max(len(r["form"]) for r in rows)
    typer.echo(f"{'form':<{width}}  {'occurrences':>11}  {'documents':>9}")
    for r in rows:
        typer.echo(f"{r['form']:<{width}}  {r['n']:>11}  {r['docs']:>9}")


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the main app."""
    app.command("ingest")(ingest_cmd)
    app.command("search")(search_cmd)
    app.command("show")(show_cmd)
    app.command("entities")(entities_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("quantities")(quantities_cmd)
    app.command("export")(export_cmd)
    app.command("lexicon")(lexicon_cmd)
