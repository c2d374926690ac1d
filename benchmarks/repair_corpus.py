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

Run:
  .venv/bin/python benchmarks/repair_corpus.py [--part monograph|periodical] [--limit N]
      [--min-docs 2] [--min-count 3] [--generated N]
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


def generated_docs(n: int, seed: int = 31) -> list[tuple[str, str]]:
    """n (clean, garbled) documents of ~10 pages of ~1,800 characters each."""
    from corpus_bench import Generator

    gen = Generator(seed)
    out = []
    for _ in range(n):
        clean: list[str] = []
        noisy: list[str] = []
        while sum(map(len, clean)) < 18_000:
            sent = gen.rng.choice(gen.sents)
            clean.append(sent)
            noisy.append(gen.noise(sent))
        out.append((" ".join(clean), " ".join(noisy)))
    return out


def generated(args: argparse.Namespace) -> None:
    docs = generated_docs(args.generated)
    halves = {"even": docs[0::2], "odd": docs[1::2]}
    t0 = time.process_time()
    plain = {h: [repaired(noisy, None) for _, noisy in ds] for h, ds in halves.items()}
    lexicons = {h: CorpusLexicon.from_documents(([t] for t in plain[h]), args.min_docs,
                                                args.min_count) for h in halves}
    cpu = {"without": 0.0, "with": 0.0}
    for h, other in (("even", "odd"), ("odd", "even")):
        lex = lexicons[other]
        raw = a = b = changed = 0
        for (clean, noisy), p in zip(halves[h], plain[h], strict=True):
            t = time.process_time()
            repaired(noisy, None)
            cpu["without"] += time.process_time() - t
            t = time.process_time()
            hyp = repaired(noisy, lex)
            cpu["with"] += time.process_time() - t
            raw += Levenshtein.distance(noisy, clean)
            a += Levenshtein.distance(norm(p), norm(clean))
            b += Levenshtein.distance(norm(hyp), norm(clean))
            changed += sum(x != y for x, y in zip(p.split(), hyp.split(), strict=False))
        print(f"generated {h:4s} docs={len(halves[h])} lexicon of the {other} docs: "
              f"{len(lex)} terms; errors raw {raw}, repaired without {a}, with {b}; "
              f"words differing {changed}", flush=True)
    print(f"generated CPU s of the second repairs: without {cpu['without']:.1f}, with "
          f"{cpu['with']:.1f} [{time.process_time() - t0:.0f} CPU s in all]", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=list(PARTS))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--generated", type=int, help="generated documents instead of ICDAR")
    args = ap.parse_args()
    if args.generated:
        return generated(args)
    for part in [args.part] if args.part else list(PARTS):
        rows = load_rows(part, args.limit)
        halves = {"even": rows[0::2], "odd": rows[1::2]}
        t0 = time.process_time()
        plain = {h: [repaired(r["input"], None) for r in rs] for h, rs in halves.items()}
        lexicons = {h: CorpusLexicon.from_documents(([t] for t in plain[h]), args.min_docs,
                                                    args.min_count) for h in halves}
        total = {"raw": 0, "plain": 0, "lex": 0, "gold": 0, "worse": 0, "better": 0,
                 "changed": 0}
        for h, other in (("even", "odd"), ("odd", "even")):
            lex = lexicons[other]
            acc = {k: 0 for k in total}
            for r, p in zip(halves[h], plain[h], strict=True):
                gold = norm(r["output"])
                hyp = repaired(r["input"], lex)
                a = Levenshtein.distance(norm(p), gold)
                b = Levenshtein.distance(norm(hyp), gold)
                acc["raw"] += Levenshtein.distance(norm(r["input"]), gold)
                acc["plain"] += a
                acc["lex"] += b
                acc["gold"] += len(gold)
                acc["worse"] += b > a
                acc["better"] += b < a
                acc["changed"] += hyp != p
            for k in total:
                total[k] += acc[k]
            print(f"{part:10s} {h:4s} rows={len(halves[h])} lexicon of the {other} rows: "
                  f"{len(lex)} terms; errors without {acc['plain']} with {acc['lex']} "
                  f"(CER improvement {100 * (acc['raw'] - acc['plain']) / acc['raw']:+.2f}% -> "
                  f"{100 * (acc['raw'] - acc['lex']) / acc['raw']:+.2f}%); rows changed "
                  f"{acc['changed']}, better {acc['better']}, worse {acc['worse']}", flush=True)
        print(f"{part:10s} all  errors without {total['plain']} with {total['lex']} "
              f"(CER improvement {100 * (total['raw'] - total['plain']) / total['raw']:+.2f}% "
              f"-> {100 * (total['raw'] - total['lex']) / total['raw']:+.2f}%); rows better "
              f"{total['better']}, worse {total['worse']} "
              f"[{time.process_time() - t0:.0f} CPU s]", flush=True)


if __name__ == "__main__":
    main()
