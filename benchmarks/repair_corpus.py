"""What the corpus lexicon brings to repair, on ICDAR 2017 English (two-fold).

Each ICDAR row is taken as one document of a corpus. The rows are split in two
halves (even and odd ids, as everywhere in these benchmarks). Each half is
repaired without a corpus lexicon, its clean text counted
(`repair.corpus.document_forms`) into a `CorpusLexicon` as `archivist ingest`
would store it; then the OTHER half is repaired against that lexicon and scored
against the gold, beside its repair without one. So no row is ever repaired with
a lexicon that counted its own text.

With `--generated N`, the same on corpus_bench's generated documents instead: N documents
of 10 pages of real sentences (ICDAR gold) garbled by the inverse OCR channel, each scored
against its clean sentences. Names there recur only by chance, so this measures what the
lexicon costs on a corpus it can hardly help, and what it changes wrongly.

With `--recurring N`, N generated documents made from the SAME few hundred sentences
(`--sentences`), each garbled differently: a corpus where phrases recur, which the
corpus's own word bigrams are for (a real-word error such as "kettle song" is read
"kettle sang" only where other documents print that pair clean and the shipped list
lacks it).

Every mode compares three repairs of each document: alone, against the other half's
lexicon WITHOUT its word pairs (forms only, as before pairs existed), and against the
whole lexicon (forms and pairs); rows better / worse are pairs against forms only, and
`--examples K` prints K words the pairs changed (with the gold word where aligned:
"+" the change made it right, "=" it was right before, "?" neither).

Run:
  .venv/bin/python benchmarks/repair_corpus.py [--part monograph|periodical] [--limit N]
      [--min-docs 2] [--min-count 3] [--generated N | --recurring N [--sentences 300]]
      [--examples 10]
  .venv/bin/python benchmarks/repair_corpus.py --ingest DIR [--base CORPUS.db] [--passes 2]
  .venv/bin/python benchmarks/repair_corpus.py --pair-growth PAGES [--rows-db sqlite:////tmp/x.db]
  .venv/bin/python benchmarks/repair_corpus.py --snapshot-cost X.db [--ingest DIR] [--passes 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from repair_bench import PARTS, load_rows, norm  # noqa: E402

from archivist.repair import repair_text  # noqa: E402
from archivist.repair.corpus import CorpusLexicon  # noqa: E402


def repaired(text: str, lexicon: CorpusLexicon | None) -> str:
    return repair_text(text, lexicon).text


def forms_only(lex: CorpusLexicon) -> CorpusLexicon:
    """`lex` without its word pairs (the lexicon as it was before pairs)."""
    return CorpusLexicon.from_counts(lex.forms, lex.min_docs, lex.min_count)


def generated_docs(n: int, seed: int = 31, pool: int | None = None) -> list[tuple[str, str]]:
    """n (clean, garbled) documents of ~10 pages of ~1,800 characters each; with
    `pool`, every document draws from the same `pool` sentences."""
    from corpus_bench import Generator

    gen = Generator(seed)
    sents = gen.rng.sample(gen.sents, pool) if pool else gen.sents
    out = []
    for _ in range(n):
        clean: list[str] = []
        noisy: list[str] = []
        while sum(map(len, clean)) < 18_000:
            sent = gen.rng.choice(sents)
            clean.append(sent)
            noisy.append(gen.noise(sent))
        out.append((" ".join(clean), " ".join(noisy)))
    return out


def word_diffs(a: str, b: str, gold: str) -> list[tuple[str, str, str]]:
    """(words around in a, word in b, gold word) where a and b differ word for word
    (texts of the same word count); the gold word found by aligning a's words with
    the gold's ("?" where they do not align one to one)."""
    wa, wb, wg = a.split(), b.split(), gold.split()
    if len(wa) != len(wb):
        return []
    to_gold: dict[int, int] = {}
    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(wa, wg):
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            to_gold.update({a0 + k: b0 + k for k in range(a1 - a0)})
    out = []
    for k, (x, y) in enumerate(zip(wa, wb, strict=True)):
        if x != y:
            around = " ".join(wa[max(0, k - 2):k]) + f" [{x}] " + " ".join(wa[k + 1:k + 3])
            out.append((around, y, wg[to_gold[k]] if k in to_gold else "?"))
    return out


def compare(docs: list[tuple[str, str]], label: str, args: argparse.Namespace,
            examples: list[str]) -> dict[str, int]:
    """Two-fold over `docs` ((gold, input) pairs): each half against the other's
    lexicon, forms only and with pairs; prints one line per half, returns totals."""
    halves = {"even": docs[0::2], "odd": docs[1::2]}
    plain = {h: [repaired(x, None) for _, x in ds] for h, ds in halves.items()}
    lexicons = {h: CorpusLexicon.from_documents(([t] for t in plain[h]), args.min_docs,
                                                args.min_count) for h in halves}
    total = {k: 0 for k in ("raw", "plain", "forms", "pairs", "better", "worse", "changed")}
    cpu = {"forms": 0.0, "pairs": 0.0}
    for h, other in (("even", "odd"), ("odd", "even")):
        lex = lexicons[other]
        flex = forms_only(lex)
        acc = {k: 0 for k in total}
        for (gold_text, x), p in zip(halves[h], plain[h], strict=True):
            gold = norm(gold_text)
            t = time.process_time()
            hf = repaired(x, flex or None)
            cpu["forms"] += time.process_time() - t
            t = time.process_time()
            hp = repaired(x, lex or None)
            cpu["pairs"] += time.process_time() - t
            a = Levenshtein.distance(norm(hf), gold)
            b = Levenshtein.distance(norm(hp), gold)
            acc["raw"] += Levenshtein.distance(norm(x), gold)
            acc["plain"] += Levenshtein.distance(norm(p), gold)
            acc["forms"] += a
            acc["pairs"] += b
            acc["better"] += b < a
            acc["worse"] += b > a
            acc["changed"] += hp != hf
            if hp != hf:
                for around, wp, wg in word_diffs(norm(hf), norm(hp), gold):
                    tag = "+" if wp == wg else "=" if f"[{wg}]" in around else "?"
                    examples.append(f"{label} {h} {tag} {around!r} -> {wp!r} (gold {wg!r})")
        for k in total:
            total[k] += acc[k]
        print(f"{label:10s} {h:4s} docs={len(halves[h])} lexicon of the {other}: "
              f"{len(lex)} terms, {len(lex.pairs)} pairs; errors raw {acc['raw']}, alone "
              f"{acc['plain']}, forms only {acc['forms']}, with pairs {acc['pairs']}; "
              f"docs changed by the pairs {acc['changed']}, better {acc['better']}, "
              f"worse {acc['worse']}", flush=True)
    print(f"{label:10s} all  errors raw {total['raw']}, alone {total['plain']}, forms only "
          f"{total['forms']}, with pairs {total['pairs']}; better {total['better']}, "
          f"worse {total['worse']}; repair CPU s forms only {cpu['forms']:.1f}, with pairs "
          f"{cpu['pairs']:.1f}", flush=True)
    return total


def ingest_cost(args: argparse.Namespace) -> None:
    """`ingest` of the files in `args.ingest` (--no-nlp, one worker, this process) into
    a copy of `args.base` (or an empty corpus), with the corpus word pairs and
    without them (`record.lexicon_pairs` counting nothing, the snapshot read without
    pairs), alternating; pages per CPU-second of each run and the load."""
    import os
    import shutil
    import tempfile

    from archivist.store import open_store
    from archivist.store import record as rec_mod
    from archivist.store.base import Store
    from archivist.store.ingest import ingest

    real_pairs, real_lexicon = rec_mod.lexicon_pairs, Store.lexicon
    res: dict[str, list[float]] = {"with": [], "without": []}
    for k in range(args.passes * 2):
        mode = ("with", "without")[k % 2] if args.passes_start == "with" else \
            ("without", "with")[k % 2]
        if mode == "without":
            rec_mod.lexicon_pairs = lambda d: {}  # type: ignore[assignment]
            Store.lexicon = lambda self, *a, **kw: real_lexicon(  # type: ignore[method-assign]
                self, *a, **{**kw, "pairs": False})
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "c.db"
            if args.base:
                shutil.copy(args.base, db)
            with open_store(str(db)) as st:
                lex = st.lexicon()
                t0 = time.process_time()
                outs = ingest(st, [args.ingest], workers=1, no_nlp=True)
                cpu = time.process_time() - t0
                pages = sum(o.pages for o in outs if o.pages)
                rows = st.rows("SELECT count(*) FROM lexicon_pairs")[0][0]
        rec_mod.lexicon_pairs, Store.lexicon = real_pairs, real_lexicon  # type: ignore
        res[mode].append(pages / cpu)
        print(f"{mode:7s} pairs: {pages} pages, {cpu:.1f} CPU s, {pages / cpu:.1f} pages per "
              f"CPU-s; snapshot {len(lex)} terms {len(lex.pairs)} pairs; pair rows after "
              f"{rows}; load {os.getloadavg()[0]:.1f}", flush=True)
    for mode, v in res.items():
        print(f"{mode:7s} pairs: median {sorted(v)[len(v) // 2]:.1f} pages per CPU-s "
              f"({', '.join(f'{x:.1f}' for x in v)})")


def pair_growth(args: argparse.Namespace) -> None:
    """Growth of the `lexicon_pairs` table and of a run's pair snapshot over a
    generated corpus of `args.pair_growth` pages (corpus_bench's generator: ICDAR gold
    sentences garbled by the inverse OCR channel, 10 pages a document, counted as
    `record.lexicon_pairs` counts a stored document: `document_pairs` of its text; the
    text is NOT repaired first unless `--repaired`, so garbles are over-counted).
    At each doubling of pages: table rows, rows past the thresholds (the uncapped
    snapshot), the bytes the snapshot's pairs take in memory (tracemalloc) and
    pickled (what each ingest worker receives), and the capped snapshot
    (`corpus.MAX_SNAPSHOT_PAIRS`). With `--rows-db PATH` the last counts are also
    written to a SQLite corpus at PATH (its lexicon_pairs table only) to time
    `Store.lexicon()` on it."""
    import json
    import os
    import pickle
    import tracemalloc
    from collections import Counter

    from corpus_bench import Generator

    from archivist.repair.corpus import (
        MIN_PAIR_COUNT,
        MIN_PAIR_DOCS,
        document_pairs,
    )

    gen = Generator(args.seed)
    n: Counter[str] = Counter()
    d: Counter[str] = Counter()
    pages = 0
    mark = 1000
    cpu = 0.0
    print("pages  docs  rows  rows/1k-pages  past-thresholds  one-doc-rows  snapshot-MB  "
          "pickled-MB  count-CPU-s  load", flush=True)
    while pages < args.pair_growth:
        texts = [gen.page()[0] for _ in range(10)]
        if args.repaired:
            texts = [repaired(t, None) for t in texts]
        t0 = time.process_time()
        got = document_pairs(texts)
        n.update(got)
        d.update(got.keys())
        cpu += time.process_time() - t0
        pages += 10
        if pages >= mark or pages >= args.pair_growth:
            kept = {p: (n[p], d[p]) for p in n if n[p] >= MIN_PAIR_COUNT
                    and d[p] >= MIN_PAIR_DOCS}
            # as a run reads it: fresh strings from the rows (json: no shared objects)
            blob = json.dumps([[p, a, b] for p, (a, b) in kept.items()])
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            lex = CorpusLexicon.from_counts({}, pairs={p: (a, b) for p, a, b in
                                                       json.loads(blob)})
            lex.pair_ends()  # (built once per run, kept on the lexicon)
            mem = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.stop()
            pick = len(pickle.dumps(lex))
            # rows printed by one document only: what pruning them would drop (issue 6)
            one = sum(1 for k in d.values() if k == 1)
            print(f"{pages:>7} {pages // 10:>6} {len(n):>9} {len(n) / pages * 1000:>8.0f} "
                  f"{len(kept):>9} {one:>9} {mem / 1e6:>8.1f} {pick / 1e6:>8.1f} {cpu:>8.1f} "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
            del lex
            mark *= 2
    if args.rows_db:
        from archivist.store import open_store

        with open_store(args.rows_db) as st, st.transaction() as cur:
            cur.execute("DELETE FROM lexicon_pairs")
            cur.executemany("INSERT INTO lexicon_pairs (pair, n, docs) VALUES (?,?,?)",
                            [(p, n[p], d[p]) for p in sorted(n)])
        print(f"wrote {len(n)} pair rows to {args.rows_db}")


def snapshot_cost(args: argparse.Namespace) -> None:
    """What the pair snapshot costs a run: into a copy of `args.snapshot_cost` (a
    SQLite corpus, e.g. written by `--pair-growth --rows-db`), read the snapshot
    (`Store.lexicon()`: CPU s, tracemalloc peak and what it holds after) and ingest
    `args.ingest` (--no-nlp, one worker, pages per CPU-s), capped at
    `corpus.MAX_SNAPSHOT_PAIRS` and uncapped, alternating, `args.passes` each."""
    import os
    import shutil
    import tempfile
    import tracemalloc

    from archivist.repair import corpus as C
    from archivist.store import open_store
    from archivist.store.ingest import ingest

    real = C.MAX_SNAPSHOT_PAIRS
    for k in range(args.passes * 2):
        mode = ("capped", "uncapped")[k % 2]
        C.MAX_SNAPSHOT_PAIRS = real if mode == "capped" else 10**12
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "c.db"
            shutil.copy(args.snapshot_cost, db)
            with open_store(str(db)) as st:
                tracemalloc.start()
                t0 = time.process_time()
                lex = st.lexicon()
                lex.pair_ends()
                read = time.process_time() - t0
                held, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                line = (f"{mode:8s} snapshot {len(lex.pairs)} pairs (min docs "
                        f"{lex.min_pair_docs}): read {read:.2f} CPU s, held {held / 1e6:.1f} MB, "
                        f"peak {peak / 1e6:.1f} MB")
                del lex
                if args.ingest:
                    t0 = time.process_time()
                    outs = ingest(st, [args.ingest], workers=1, no_nlp=True)
                    cpu = time.process_time() - t0
                    pages = sum(o.pages for o in outs if o.pages)
                    line += f"; ingest {pages} pages {cpu:.1f} CPU s, {pages / cpu:.1f} pages/CPU-s"
        print(f"{line}; load {os.getloadavg()[0]:.1f}", flush=True)
    C.MAX_SNAPSHOT_PAIRS = real


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=list(PARTS))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--generated", type=int, help="generated documents instead of ICDAR")
    ap.add_argument("--recurring", type=int, help="generated documents of the same sentences")
    ap.add_argument("--sentences", type=int, default=300, help="--recurring: sentence pool")
    ap.add_argument("--examples", type=int, default=10, help="words changed by the pairs shown")
    ap.add_argument("--ingest", help="a folder: time `ingest` with and without the pairs")
    ap.add_argument("--base", help="--ingest: into a copy of this SQLite corpus")
    ap.add_argument("--passes", type=int, default=2, help="--ingest: runs of each")
    ap.add_argument("--passes-start", choices=["with", "without"], default="with")
    ap.add_argument("--pair-growth", type=int, metavar="PAGES",
                    help="growth of the pair table and snapshot over generated pages")
    ap.add_argument("--repaired", action="store_true", help="--pair-growth: repair first")
    ap.add_argument("--rows-db", help="--pair-growth: write the counted rows to this SQLite")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--snapshot-cost", metavar="DB",
                    help="snapshot read and ingest (--ingest DIR) capped and uncapped")
    args = ap.parse_args()
    if args.snapshot_cost:
        return snapshot_cost(args)
    if args.pair_growth:
        return pair_growth(args)
    if args.ingest:
        return ingest_cost(args)
    examples: list[str] = []
    t0 = time.process_time()
    if args.generated or args.recurring:
        n = args.generated or args.recurring
        docs = generated_docs(n, pool=args.sentences if args.recurring else None)
        compare(docs, "recurring" if args.recurring else "generated", args, examples)
    else:
        for part in [args.part] if args.part else list(PARTS):
            rows = load_rows(part, args.limit)
            compare([(r["output"], r["input"]) for r in rows], part, args, examples)
    print(f"[{time.process_time() - t0:.0f} CPU s]")
    for line in examples[:args.examples]:
        print(" ", line)
    if len(examples) > args.examples:
        print(f"  ... {len(examples) - args.examples} more word changes")


if __name__ == "__main__":
    main()
