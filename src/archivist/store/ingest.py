"""Ingest files into a store: find them, process them (here, in a process pool or on
a dask cluster) into the rows a store writes (`Record`s, built where the document was
processed), and write them in this process, several documents per transaction: one
writer, doing nothing but SQL, is what bounds the speed once enough workers process.

Idempotent by content: a file whose sha256 is already stored is skipped unless
`reprocess` is set and it was made by an older `archivist.PIPELINE_VERSION`, or by a
run that went less deep (`DEPTHS`: a document indexed as printed by `--no-repair`
is repaired by a later `--reprocess` run that repairs).

Repair reads the corpus lexicon (`repair.corpus`): one snapshot, `Store.lexicon()`
read once at the start of a run, so every document of the run is repaired against
the same lexicon, whatever the number of workers or the order they finish in
(same input, same output). It travels once to each worker (a pool initializer, a
dask scatter), never with each task. The snapshot carries the corpus's own word
pairs too (`repair.corpus.document_pairs`). A document being reprocessed is repaired
against the snapshot minus its own stored forms and pairs (`CorpusLexicon.without`):
it must not vouch for itself. An empty corpus gives no lexicon: repair is then exactly
what it is for one document alone.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import PIPELINE_VERSION
from ..ingest.ocrlimits import DEFAULT_MAX_OCR_PAGES
from .base import Store
from .record import Record, build_record

AUTO_WORKERS_MAX = 8  # processes `workers=0` starts at most (each holds the models)
BATCH_PAGES = 2000  # pages written per transaction (at most: see BATCH_SECONDS)
# ... or this many bytes held (`Record.weight`): ordinary pages fill BATCH_PAGES at a
# ~70 KB a page long before this; very long pages (a newspaper's, a ledger's) would
# otherwise hold two batches of 2,000 in memory at once
BATCH_BYTES = 256 << 20
BATCH_SECONDS = 2.0  # ... or what came in this long, so slow processing still shows


@dataclass
class Outcome:
    path: str
    status: str  # done | reprocessed | skipped | failed | unsupported
    reason: str = ""
    doc_id: int | None = None
    pages: int = 0
    further: bool = False  # skipped, but `reprocess` at this run's depth would redo it


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Outcome]]:
    """Files to ingest (folders walked recursively, by supported extension), and a
    failure for each path that does not exist, and an 'unsupported' outcome for each
    file a folder holds that no reader takes (".docx", ".rtf": they were left out
    silently, so a user could not tell a folder was ingested only in part). Hidden
    files and folders (".DS_Store", ".git/") are neither ingested nor reported."""
    from ..ingest import SUPPORTED_EXTENSIONS

    files: list[Path] = []
    missing: list[Outcome] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for f in sorted(f for f in p.rglob("*") if f.is_file()):
                if f.suffix.lower() in SUPPORTED_EXTENSIONS:
                    found.append(f)
                elif not any(part.startswith(".") for part in f.relative_to(p).parts):
                    missing.append(Outcome(str(f), "unsupported", "unsupported file type "
                                           f"{f.suffix.lower() or '(no extension)'}"))
        elif p.exists():
            found = [p]
        else:
            missing.append(Outcome(str(p), "failed", "no such file or folder"))
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, missing


# How far a run takes each document, least to most: "layout" (`--no-repair`: pages,
# furniture, notes, paragraphs and reading order; the text indexed as printed),
# "no-nlp" (`--no-nlp`: and repair), "full" (and extraction). A document is stored
# with the version and depth that made it (`stored_version`), so that `--reprocess`
# can take it deeper later (`needs_reprocess`).
DEPTHS = ("layout", "no-nlp", "full")
# the pipeline's top-level stage groups each depth leaves out
SKIPPED = {"layout": ("repair", "extract"), "no-nlp": ("extract",), "full": ()}


def depth_of(no_nlp: bool = False, no_repair: bool = False) -> str:
    """The depth of a run from its switches: no repair means no extraction either
    (entities and dates read from unrepaired OCR would be the ones to redo).

    >>> depth_of(), depth_of(no_nlp=True), depth_of(no_repair=True)
    ('full', 'no-nlp', 'layout')
    """
    return "layout" if no_repair else "no-nlp" if no_nlp else "full"


def stored_version(depth: str) -> str:
    """The `pipeline_version` a document made at `depth` is stored with.

    >>> from archivist import PIPELINE_VERSION
    >>> stored_version("full") == PIPELINE_VERSION
    True
    >>> stored_version("layout") == PIPELINE_VERSION + "-layout"
    True
    """
    return PIPELINE_VERSION if depth == "full" else f"{PIPELINE_VERSION}-{depth}"


def needs_reprocess(stored: str, depth: str) -> bool:
    """Whether `--reprocess` at `depth` redoes a document stored as `stored`: made at
    a lesser depth, or at the same depth by another pipeline version. A deeper
    document is never redone by a shallower run, whatever its version: a
    `--no-repair --reprocess` would strip an older version's repairs (and its forms
    from the corpus lexicon), a `--no-nlp --reprocess` its entities. Versions stored
    before depths were recorded ("5") count as full.

    >>> from archivist import PIPELINE_VERSION as V
    >>> needs_reprocess(V, "full"), needs_reprocess(V + "-layout", "full")
    (False, True)
    >>> needs_reprocess(V + "-no-nlp", "layout"), needs_reprocess("1", "layout")
    (False, False)
    >>> needs_reprocess("1", "full"), needs_reprocess("1-layout", "layout")
    (True, True)
    """
    base, _, kind = stored.partition("-")
    made = DEPTHS.index(kind if kind in DEPTHS else "full")
    run = DEPTHS.index(depth)
    return made < run or (made == run and base != PIPELINE_VERSION)


def prepare(path: str, depth: str = "full", threshold: float = 0.5,
            lexicon: Any = None, max_ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES
            ) -> dict[str, Any]:
    """Process one file through the pipeline to `depth` (`DEPTHS`), repaired against
    the corpus `lexicon` (`repair.corpus.CorpusLexicon`; None or empty: the document
    alone); return its storable JSON (picklable, so it can run in a worker process or
    on a dask worker)."""
    from ..pipeline import Pipeline
    from ..process import process_path
    from .record import store_json

    pipe = Pipeline().without(SKIPPED[depth])
    doc = process_path(path, threshold=threshold, pipeline=pipe, lexicon=lexicon or None,
                       max_ocr_pages=max_ocr_pages)
    d = store_json(doc)
    if "repair" in SKIPPED[depth]:
        # the OCR as printed: the corpus lexicon counts none of it (`lexicon_texts`)
        # until a deeper run replaces it
        d["_store"]["unrepaired"] = True
    return d


def prepare_record(path: str, depth: str = "full", threshold: float = 0.5,
                   lexicon: Any = None, max_ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES
                   ) -> Record:
    """`prepare`, then the store's rows for it (index strings, word pairs, compressed
    JSON): built in the worker, so the writer only runs SQL."""
    return build_record(prepare(path, depth, threshold, lexicon, max_ocr_pages))


def lexicon_for(lexicon: Any, own: dict[str, int] | None) -> Any:
    """The lexicon one document is repaired against: `lexicon`, minus `own` (the
    stored forms and pairs of the document it replaces) when it has any of them;
    None when nothing is left.

    >>> from archivist.repair.corpus import CorpusLexicon
    >>> lex = CorpusLexicon.from_counts({"vaskarin": (4, 2), "oblomsk": (3, 3)})
    >>> lexicon_for(lex, None) is lex, lexicon_for(lex, {"other": 2}) is lex
    (True, True)
    >>> sorted(lexicon_for(lex, {"vaskarin": 1}).forms), lexicon_for(None, {"x": 1})
    (['oblomsk'], None)
    """
    if not lexicon:
        return None
    if own:
        mine = {f: k for f, k in own.items() if lexicon.has(f)}
        if mine:  # (otherwise the same lexicon: keep the object and its caches)
            lexicon = lexicon.without(mine)
    return lexicon or None


# the corpus lexicon of this worker process, set once by `_init_worker`
_WORKER_LEXICON: Any = None


def _init_worker(lexicon: Any) -> None:
    """A pool worker's initializer: the run's lexicon snapshot, received once; the
    collector's batch setting (`young_gc`; a forked worker has it already)."""
    global _WORKER_LEXICON
    _WORKER_LEXICON = lexicon
    young_gc()


# New container objects between two collections of the cyclic collector's youngest
# generation in an ingest run (Python's default is 700). The pipeline makes and drops
# some 15,000 containers a page; at 700 every 1-2 ms of work ends in a collection and
# every 10th of those in a middle one, and the oldest generation's full collections,
# which walk every per-form cache, come with them: on 490 generated pages (one
# process, tables frozen) 1,660 collections took 1.4 CPU s of 7.6; at 10,000, 83 took
# 0.5 s. Garbage in cycles waits a little longer for its collection; nothing else
# changes.
YOUNG_GC = 10_000


def young_gc() -> tuple[int, int, int]:
    """Set the youngest generation's threshold to YOUNG_GC (never lower it); return
    the thresholds as they were, for `gc.set_threshold(*old)` after the run.

    >>> import gc
    >>> old = young_gc()
    >>> gc.get_threshold()[0] >= YOUNG_GC, gc.get_threshold()[1:] == old[1:]
    (True, True)
    >>> gc.set_threshold(*old)
    """
    import gc

    old = gc.get_threshold()
    gc.set_threshold(max(old[0], YOUNG_GC), *old[1:])
    return old


class WorkerError(Exception):
    """A failure in a worker process whose own exception could not be sent back
    (pickled) as itself; it carries the original's type name and message."""


def prepare_in_worker(path: str, depth: str = "full", threshold: float = 0.5,
                      own: dict[str, int] | None = None, lexicon: Any = None,
                      max_ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES) -> Record:
    """`prepare_record` for a process pool or a dask worker, whose exceptions must
    be pickled back to the parent: one that cannot be breaks the whole pool there,
    failing every file in flight. See `_portable`.

    The lexicon is `lexicon` (dask: a scattered snapshot) or else this worker's
    (`_init_worker`), less `own` (see `lexicon_for`).

    >>> class Odd(Exception):
    ...     def __init__(self, a, b):
    ...         super().__init__(f"{a}/{b}")
    >>> _portable(Odd(1, 2))
    WorkerError('Odd: 1/2')
    """
    try:
        lex = lexicon_for(lexicon if lexicon is not None else _WORKER_LEXICON, own)
        return prepare_record(path, depth, threshold, lexicon=lex, max_ocr_pages=max_ocr_pages)
    except Exception as exc:  # noqa: BLE001 - re-raised in a form that travels
        err = _portable(exc)
    raise err  # outside the handler: no implicit chain back to `exc`


def _portable(exc: Exception) -> Exception:
    """`exc` without its chain of causes when it then survives a pickle round trip,
    else a WorkerError with its type and message.

    The chain stays in the worker: once dask.distributed is imported, tblib pickles
    causes too, and a reader's InputError is raised from an lxml or pypdf error
    that does not pickle (lxml's error log). An exception whose __init__ takes other
    arguments than its args does not unpickle at all.
    """
    import pickle

    exc.__cause__ = exc.__context__ = None
    exc.__suppress_context__ = True
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any failure means it cannot travel
        return WorkerError(f"{type(exc).__name__}: {exc}")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def plan(store: Store, files: list[Path], reprocess: bool,
         replaced: dict[str, int] | None = None, depth: str = "full"
         ) -> tuple[list[tuple[Path, bool]], list[Outcome]]:
    """Which files need processing ((path, replaces an older version)), and a
    'skipped' outcome for each of the others; `replaced`, if given, gets the stored
    document id of each file to be reprocessed (`needs_reprocess` at `depth`)."""
    todo: list[tuple[Path, bool]] = []
    skipped: list[Outcome] = []
    batch: dict[str, Path] = {}
    for f in files:
        try:
            digest = sha256_of(f)
        except OSError as exc:
            skipped.append(Outcome(str(f), "failed", f"cannot be read ({exc.strerror or exc})"))
            continue
        if digest in batch:
            skipped.append(Outcome(str(f), "skipped", f"same content as {batch[digest]}"))
            continue
        batch[digest] = f
        known = store.lookup(digest)
        if known is None:
            todo.append((f, False))
        elif reprocess and needs_reprocess(known[1], depth):
            todo.append((f, True))
            if replaced is not None:
                replaced[str(f)] = known[0]
        else:
            # say so when this run would take it deeper: `--reprocess` does that
            further = needs_reprocess(known[1], depth)
            hint = "; --reprocess takes it further" if further else ""
            skipped.append(Outcome(str(f), "skipped", f"already stored as document {known[0]}"
                                   f" (pipeline {known[1]}{hint})", doc_id=known[0],
                                   further=further))
    return todo, skipped


Owns = dict[str, dict[str, int]]  # path -> the stored forms of the document it replaces


def _local(paths: list[str], depth: str, threshold: float, lexicon: Any = None,
           owns: Owns | None = None, ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES
           ) -> Iterator[tuple[str, Record | BaseException]]:
    owns = owns or {}
    for p in paths:
        try:
            lex = lexicon_for(lexicon, owns.get(p))
            yield p, prepare_record(p, depth, threshold, lexicon=lex, max_ocr_pages=ocr_pages)
        except Exception as exc:  # noqa: BLE001 - reported per file
            yield p, exc


def _pool(paths: list[str], workers: int, depth: str, threshold: float,
          lexicon: Any = None, owns: Owns | None = None,
          ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES
          ) -> Iterator[tuple[str, Record | BaseException]]:
    """Process `paths` in a pool of `workers` processes; results in the files' order.
    Each worker gets `lexicon` once, as it starts (`_init_worker`).

    A worker that dies (killed for memory, a crash in a C library) breaks the
    whole pool: every file in flight fails with it, and every file after it did
    too. The pool is started again for the files not yet done; those that were
    in flight and not finished are each retried alone, so only the one that kills
    its worker fails.
    """
    todo = deque(paths)
    while todo:
        stalled: list[tuple[str, Record | BaseException | None]] = []
        yield from _pool_run(todo, workers, depth, threshold, stalled, lexicon, owns,
                             ocr_pages)
        for p, res in stalled:
            if res is not None:
                yield p, res
                continue
            died: list[tuple[str, Record | BaseException | None]] = []
            # alone, to name it
            yield from _pool_run(deque([p]), 1, depth, threshold, died, lexicon, owns,
                                 ocr_pages)
            if died:
                yield p, WorkerError("the worker process processing it died (a crash, or "
                                     "killed for lack of memory)")


def _pool_run(todo: deque[str], workers: int, depth: str, threshold: float,
              stalled: list[tuple[str, Record | BaseException | None]],
              lexicon: Any = None, owns: Owns | None = None,
              ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES
              ) -> Iterator[tuple[str, Record | BaseException]]:
    """Run files taken from `todo` in one pool, in order, until done or the pool
    breaks; then the files in flight go to `stalled` in order, each with its
    result if it had one (else None), and the rest stay in `todo`."""
    # a bounded window of futures (4 files per worker) keeps memory flat however
    # many files there are, and the workers busy behind a slow one
    owns = owns or {}
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(lexicon or None,)) as ex:
        queue: deque[tuple[Any, str]] = deque()
        try:
            while True:
                while todo and len(queue) < 4 * workers:
                    # taken once submitted: a submit refused by a broken pool loses nothing
                    queue.append((ex.submit(prepare_in_worker, todo[0], depth, threshold,
                                            owns.get(todo[0]), None, ocr_pages),
                                  todo.popleft()))
                if not queue:
                    return
                fut, p = queue[0]
                exc = fut.exception()
                if isinstance(exc, BrokenProcessPool):
                    break
                queue.popleft()
                yield p, (exc if exc is not None else fut.result())
        except BrokenProcessPool:
            pass  # from submit: the pool broke between two results
        for fut, p in queue:
            res = None
            if fut.done() and not fut.cancelled():
                exc = fut.exception()
                if not isinstance(exc, BrokenProcessPool):
                    res = exc if exc is not None else fut.result()
            stalled.append((p, res))
        ex.shutdown(wait=True, cancel_futures=True)


def _in_order(paths: Iterable[str], submit: Callable[[str], Any], window: int
              ) -> Iterator[tuple[str, Record | BaseException]]:
    """(path, Record or the exception) for each path, in the order of `paths`, with
    at most `window` submitted and not yet taken.

    Results come in the files' order, not the order the workers finish them, so a
    corpus gets the same document ids however many workers built it. A slow
    document holds back the ones after it only while the rest of the window keeps
    the workers busy."""
    todo = iter(paths)
    queue: deque[tuple[Any, str]] = deque((submit(p), p) for p in itertools.islice(todo, window))
    while queue:
        fut, p = queue.popleft()
        exc = fut.exception()
        yield p, (exc if exc is not None else fut.result())
        if hasattr(fut, "release"):
            fut.release()  # a dask future: let the cluster drop the result
        nxt = next(todo, None)
        if nxt is not None:
            queue.append((submit(nxt), nxt))


def _dask(paths: list[str], address: Any, depth: str, threshold: float,
          window: int | None = None, lexicon: Any = None, owns: Owns | None = None,
          ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES
          ) -> Iterator[tuple[str, Record | BaseException]]:
    """Submit processing to a dask.distributed cluster. `address` is a scheduler
    address, "local" (an in-process cluster) or an existing Client. The `lexicon`
    is scattered to the workers once; each task names it.

    At most `window` files are in flight (default: 4 per worker thread, at least
    16): a million files are not a million tasks on the scheduler, and finished
    Records wait on the workers only as long as the writer lags."""
    from dask.distributed import Client

    own = False
    if isinstance(address, Client):
        client = address
    elif address == "local":
        client, own = Client(processes=False, dashboard_address=None), True
    else:
        client, own = Client(address), True
    try:
        if window is None:
            window = max(16, 4 * sum(client.nthreads().values()))
        own_forms = owns or {}
        # one copy on each worker (a future passed to every task), not one per task
        lex = client.scatter(lexicon, broadcast=True) if lexicon else None
        yield from _in_order(paths, lambda p: client.submit(
            prepare_in_worker, p, depth, threshold, own_forms.get(p), lex, ocr_pages,
            pure=False),
            window)
    finally:
        if own:
            client.close()


def auto_workers(files: int) -> int:
    """Worker processes for `files` documents when the user asked for none in
    particular: one per usable CPU core, no more than the files, at most
    AUTO_WORKERS_MAX (each process loads its own lexicon and spaCy model).

    >>> auto_workers(1), auto_workers(0)
    (1, 1)
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    return max(1, min(cores, files, AUTO_WORKERS_MAX))


def ingest(store: Store, paths: Iterable[str | Path], *, workers: int = 1,
           dask: Any = None, reprocess: bool = False, no_nlp: bool = False,
           no_repair: bool = False, threshold: float = 0.5, batch_pages: int = BATCH_PAGES,
           batch_bytes: int = BATCH_BYTES, lexicon: Any = True,
           on_planned: Callable[[int], None] | None = None,
           on_result: Callable[[Outcome], None] | None = None,
           max_ocr_pages: int | None = DEFAULT_MAX_OCR_PAGES) -> list[Outcome]:
    """Ingest files and folders into `store`; one Outcome per file.

    `max_ocr_pages`: a scan with more pages to read by OCR fails (its file named, the
    others go on); None or 0: no limit.

    `workers` processes do the pipeline (0: `auto_workers`; 1: this process).
    `no_nlp` leaves out extraction, `no_repair` repair and extraction (`depth_of`):
    the documents are stored with that depth and a later `reprocess` run at a
    greater depth completes them. A run without repair reads no lexicon, and its
    documents count nothing in it until they are repaired (`record.lexicon_texts`).
    `lexicon`: True reads the corpus lexicon from `store` once, now (see the module
    doc); False or None repairs each document alone; a `CorpusLexicon` is used as
    given.

    Documents are written `batch_pages` pages or `batch_bytes` bytes (or BATCH_SECONDS,
    when the writer is free) at a time, each batch one transaction, on a thread of its own while the
    next is gathered: a crash loses at most those two batches, never half a
    document, and a re-run redoes just those files.

    Every run raises the collector's threshold for the run (`young_gc`); a run without
    NLP in a forked pool also shares this process's tables with its workers, and a
    one-worker run without dask that repairs (NLP or not) loads the repair tables here
    and freezes them (a `no_repair` one does not: `freeze_tables`); all undone after
    the run (`tables_shared`)."""
    depth = depth_of(no_nlp, no_repair)
    files, outcomes = discover(paths)
    replaced: dict[str, int] = {}
    todo, skipped = plan(store, files, reprocess, replaced, depth)
    outcomes += skipped
    # counts written under other counting rules are recounted once, before the
    # snapshot is read from them (`Store.counts_current`)
    store.counts_current()
    # the run's snapshot (none when nothing is repaired)
    lex = None if depth == "layout" else (
        store.lexicon() if lexicon is True else lexicon) or None
    # a reprocessed document's own stored forms, taken out of the lexicon for it
    owns: Owns = {}
    if lex is not None:
        for path, doc_id in replaced.items():
            own = {f: k for f, k in store.stored_forms(doc_id).items() if lex.has(f)}
            if own:
                owns[path] = own
    if on_planned:
        on_planned(len(todo))
    if workers <= 0:
        workers = auto_workers(len(todo))
    # every run: the collector's threshold raised; a forked pool of a run without NLP
    # (--no-nlp, --no-repair) inherits the tables this process loads, and a one-worker
    # run that repairs (NLP or not) loads them here; either way frozen out of the
    # collector's walk until the run is over (`tables_shared`)
    with tables_shared(len(todo), workers, dask, depth):
        replaces = {str(f): r for f, r in todo}
        names = [str(f) for f, _ in todo]
        if dask is not None:
            results = _dask(names, dask, depth, threshold, lexicon=lex, owns=owns,
                            ocr_pages=max_ocr_pages)
        elif workers > 1:
            results = _pool(names, workers, depth, threshold, lex, owns, max_ocr_pages)
        else:
            results = _local(names, depth, threshold, lex, owns, max_ocr_pages)
        buffer: list[tuple[str, Record]] = []
        held = 0  # pages in the buffer
        weight = 0  # ... and their bytes, roughly (`Record.weight`)
        last = time.monotonic()

        def write(batch: list[tuple[str, Record]]) -> list[Outcome]:
            # many pages per transaction keeps commits, index segments and vocabulary
            # upserts few (a word or pair shared by the batch is upserted once); a
            # failure still leaves no half document
            try:
                ids: list[int | Exception] = store.add_many([r for _, r in batch],
                                                            stored_version(depth))
            except Exception as exc:  # noqa: BLE001 - the whole batch rolled back
                ids = [exc] * len(batch)
            done: list[Outcome] = []
            for (path, rec), res in zip(batch, ids, strict=True):
                if isinstance(res, Exception):
                    done.append(Outcome(path, "failed",
                                        f"not stored: {type(res).__name__}: {res}"))
                else:
                    done.append(Outcome(path, "reprocessed" if replaces.get(path) else "done",
                                        doc_id=res, pages=rec.n_pages))
            return done

        def report(out: Outcome) -> None:
            outcomes.append(out)
            if on_result:
                on_result(out)

        # One batch is written on a thread of its own while the next is gathered:
        # SQLite and psycopg let go of the GIL while they work, so the workers go on
        # processing instead of waiting on each commit (at a million pages a batch
        # took longer to write than to process, and the two had run one after the
        # other). Outcomes are reported here, in order, as each write ends. (The
        # writer still checkpoints SQLite's WAL itself after each commit: a second
        # connection checkpointing alongside never let the WAL start over, since the
        # writer was always inside a transaction: 27 GB of WAL by 500k pages.)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="archivist-writer"
                                ) as writer:
            writing: Future[list[Outcome]] | None = None

            def collect(wait: bool) -> None:
                # the outcomes of the batch written last, once it is (or now); taken
                # before any is reported: an `on_result` that raises (Ctrl-C in a
                # progress bar) must not have `finally` report the batch a second time
                nonlocal writing
                if writing is not None and (wait or writing.done()):
                    done, writing = writing.result(), None
                    for out in done:
                        report(out)

            def flush() -> None:
                nonlocal held, weight, writing, last
                if not buffer:
                    return
                batch = buffer[:]
                buffer.clear()
                held = weight = 0
                collect(wait=True)  # one batch written at a time
                writing = writer.submit(write, batch)
                last = time.monotonic()

            try:
                for path, res in results:
                    if isinstance(res, BaseException):
                        report(Outcome(path, "failed", _reason(path, res)))
                    else:
                        buffer.append((path, res))
                        held += res.n_pages
                        weight += res.weight
                    collect(wait=False)
                    # Full, or gathered a while and the writer is free. While it is busy
                    # the batch grows (up to `batch_pages`): a writer slower than the
                    # workers gets fewer, larger transactions, and a large corpus
                    # rewrites much of its word tables' pages in each one, whatever
                    # its size.
                    if (held >= batch_pages or weight >= batch_bytes
                            or (writing is None and time.monotonic() - last > BATCH_SECONDS)):
                        flush()
                flush()
            finally:
                # the batch being written is finished (committed or rolled back whole)
                # before the run ends, however it ends
                collect(wait=True)
    return outcomes


def _reason(path: str, exc: BaseException) -> str:
    from ..errors import InputError

    if isinstance(exc, InputError):
        return exc.problem
    if isinstance(exc, WorkerError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


# A few lines with the kinds of words that make the pipeline load its tables: OCR
# garbles (channel, context, the document's own terms), an accented form, a long
# garble, a name, a date (see `share_tables`).
WARM_TEXT = ("The Frencb farmers went to tbe markct and the rnarket on Mondav; the markct\n"
             "was shut. Mîss Ostrovskii saw the matters of state ultinatelv, and he said\n"
             "it was to-day, 12th June 1888, at Glasgow.\n")


def freeze_tables(todo: int, workers: int, dask: str | None, depth: str = "full") -> bool:
    """Before `ingest` works through `todo` files in this process (one worker, no
    dask): load the repair stages' word tables (`repair.load_tables`), collect, then
    `gc.freeze()`, so that the collector's full collections, one every few documents,
    no longer walk the tables (tens of MB of containers) each time; the caller
    unfreezes after the run, as after `share_tables`. True if done.

    The tables are what the first document would load anyway; nothing the pipeline
    computes changes. A pool's workers get the same from `share_tables` (frozen in
    the parent before the fork).

    Not for a run without repair, which reads no such tables.

    >>> freeze_tables(0, 1, None), freeze_tables(10, 2, None), freeze_tables(10, 1, "local")
    (False, False, False)
    >>> freeze_tables(10, 1, None, "layout")
    False
    """
    import gc

    if todo <= 0 or dask is not None or (workers if workers > 0 else auto_workers(todo)) > 1:
        return False
    if depth == "layout":
        return False
    from ..repair import load_tables

    try:
        load_tables()
    except Exception:  # noqa: BLE001 - only a head start: the stages load their own
        return False
    gc.collect()
    gc.freeze()
    return True


def share_tables(todo: int, workers: int, dask: str | None, depth: str) -> bool:
    """Before `ingest` starts a pool of worker processes for a run without NLP
    (`depth` "no-nlp" or "layout"): load the pipeline's modules and the word tables
    its stages read (~0.8 CPU s; without repair ~0.4, `_load_layout_tables`) here,
    once, by running it on `WARM_TEXT`, so that the workers, forked from this
    process, inherit them instead of each loading its own; then `gc.freeze()`, as
    Python's documentation advises before a fork. True if done.

    Not for one worker (this process does the work and loads them anyway), dask
    (other processes, other machines), a pool that does not fork, or NLP runs
    (spaCy's model is left to each worker, as before).

    >>> share_tables(0, 2, None, "no-nlp"), share_tables(10, 1, None, "no-nlp")
    (False, False)
    >>> share_tables(10, 2, "local", "no-nlp"), share_tables(10, 2, None, "full")
    (False, False)
    """
    import gc
    import multiprocessing

    if todo <= 0 or dask is not None or depth == "full":
        return False
    if (workers if workers > 0 else auto_workers(todo)) <= 1:
        return False
    if multiprocessing.get_start_method() != "fork":
        return False
    from ..ingest.text import read_bytes
    from ..pipeline import Pipeline
    from ..repair import load_tables

    try:
        if depth == "layout":
            _load_layout_tables()
        else:
            load_tables()
        # and whatever else the stages build on first use (wordfreq's tokenizer for
        # accented forms, layout's patterns): the pipeline once on a few lines
        Pipeline().without(SKIPPED[depth])(read_bytes("warm.txt", WARM_TEXT.encode()))
    except Exception:  # noqa: BLE001 - only a head start: the workers load their own
        return False
    # and out of the cyclic collector's reach: a worker's full collections would
    # walk (and so write to, copying the pages) every container it inherited;
    # frozen, they are skipped, in this process too (the warm-up's garbage is
    # collected first, not frozen)
    gc.collect()
    gc.freeze()
    return True


def _load_layout_tables() -> None:
    """The word tables a run without repair reads all the same: wordfreq's list and
    the bigrams (`layout.paragraphs` and `layout.reading_order` weigh words with
    `lexicon.zipf` and `bigram_logprob`). `WARM_TEXT` alone reaches neither. (The
    Record of an unrepaired document counts no lexicon: `record.lexicon_pairs`
    loads no counting table for it.)"""
    from .. import lexicon

    for load in (lexicon._freqs, lexicon._bigrams):
        load()


@contextmanager
def tables_shared(todo: int, workers: int, dask: Any, depth: str) -> Iterator[bool]:
    """For the block: the collector's batch setting (`young_gc`, inherited by forked
    workers), and the tables shared with a forked pool (`share_tables`) or, when this
    process does the work, frozen here (`freeze_tables`); True if tables were frozen.
    Both are undone on leaving, however it is left (by the last of runs that overlap
    in threads, whatever order they end in): the freeze is for the forks and
    this run (a restarted pool forks again); after the run it would only keep this
    process's garbage from ever being freed (a caller that goes on: tests, a
    long-lived host). Objects a caller froze itself are left frozen (`gc.unfreeze`
    thaws everything, so then nothing is)."""
    import gc

    global _RUNS, _FOUND
    with _RUNS_LOCK:
        # runs in other threads may overlap this one in any order: the first to
        # start notes the collector as found, the last to end puts it back (each
        # run restoring its own would leave the threshold raised, or thaw a freeze
        # another run still counts on, when they end out of order)
        if not _RUNS:
            _FOUND = (gc.get_threshold(), gc.get_freeze_count())
        _RUNS += 1
        young_gc()
    try:
        done = (share_tables(todo, workers, dask, depth)
                or freeze_tables(todo, workers, dask, depth))
        yield done
    finally:
        with _RUNS_LOCK:
            _RUNS -= 1
            if not _RUNS:
                gc_was, theirs = _FOUND
                gc.set_threshold(*gc_was)
                if not theirs and gc.get_freeze_count():
                    gc.unfreeze()


# `tables_shared` blocks in progress in this process, and the collector's threshold and
# freeze count as the first of them found it
_RUNS = 0
_FOUND: tuple[tuple[int, ...], int] = ((700, 10, 10), 0)
_RUNS_LOCK = threading.Lock()
