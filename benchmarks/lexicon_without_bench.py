"""CPU time of `CorpusLexicon.without` on a synthetic lexicon of 100k pairs and 5k forms:
what `ingest --reprocess` pays per reprocessed document (its own stored counts, here
200 pairs and 20 forms, taken out of the run's snapshot), alone and with the digest of
the result (which repair reads as a cache key and the store records). store12, issue 6.

  PYTHONPATH=src .venv/bin/python benchmarks/lexicon_without_bench.py [LABEL ...]
"""

from __future__ import annotations

import os
import random
import sys
import time

from archivist.repair.corpus import CorpusLexicon


def main(labels: list[str]) -> None:
    rng = random.Random(1)
    words = [f"w{i:05d}" for i in range(3000)]
    pairs: dict[str, tuple[int, int]] = {}
    while len(pairs) < 100_000:
        pairs[f"{rng.choice(words)} {rng.choice(words)}"] = (rng.randint(2, 50),
                                                             rng.randint(2, 20))
    forms = {f"f{i:05d}": (rng.randint(3, 50), rng.randint(2, 20)) for i in range(5000)}
    # (sorted, as a store returns its rows by key: the tuples then lie in key order)
    lex = CorpusLexicon.from_counts(forms, pairs=dict(sorted(pairs.items())))
    keys, fkeys = list(lex.pairs), list(lex.forms)
    owns = [{k: rng.randint(1, 3) for k in rng.sample(keys, 200)}
            | {f: 1 for f in rng.sample(fkeys, 20)} for _ in range(20)]
    for label in labels or ["run"]:
        t0 = time.process_time()
        for own in owns:
            lex.without(own)
        t1 = time.process_time()
        digests = [lex.without(own).digest for own in owns]
        t2 = time.process_time()
        per = 1000 / len(owns)
        print(f"{label}: without {(t1 - t0) * per:.1f} ms/doc; with its digest "
              f"{(t2 - t1) * per:.1f} ms/doc ({len(set(digests))} digests); "
              f"load {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
