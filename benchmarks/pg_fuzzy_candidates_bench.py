"""PostgreSQL's fuzzy candidate look-up (`PostgresStore._fuzzy_candidates`) and the whole
`Store.expand` of a misread word, the rule before review12c (pg_trgm similarity >=
0.6 - fuzziness) against the current one (SQLite's: shared trigrams), alternating
rounds. The vocabulary is wordfreq's English list (ASCII letters, 3+), each word also
with one letter changed (~540k words), written straight into `vocab` of a new database
(kept for the next run); the queries are 300 words of the 50k commonest, one letter
changed. review12c, issue 6.

  PYTHONPATH=src .venv/bin/python benchmarks/pg_fuzzy_candidates_bench.py postgresql://HOST:PORT
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

import psycopg
from wordfreq import top_n_list

from archivist.store import open_store
from archivist.store.postgres import PostgresStore
from archivist.store.text import confusion_variants

DB = "fuzzy_candidates_bench"


def before(self: PostgresStore, word: str, fuzziness: float) -> list[tuple[str, int]]:
    """The look-up as it was (the candidate rule only differs)."""
    slack = max(1, round(len(word) * fuzziness / 2))
    threshold = str(max(0.2, 0.6 - fuzziness))
    if threshold != self._trgm_threshold:
        self.con.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                         (threshold,))
        self._trgm_threshold = threshold
    rows = self.con.execute(
        "(SELECT word, df FROM vocab WHERE word %% %s AND len BETWEEN %s AND %s "
        "ORDER BY similarity(word, %s) DESC LIMIT 150) UNION ALL "
        "(SELECT word, df FROM vocab WHERE word = ANY(%s))",
        (word, len(word) - slack, len(word) + slack, word,
         sorted(confusion_variants(word)))).fetchall()
    return [(str(w), int(df)) for w, df in rows]


def main(base: str) -> None:
    rnd = random.Random(7)
    words = [w for w in top_n_list("en", 400_000) if w.isascii() and w.isalpha()
             and len(w) >= 3]

    def garble(w: str) -> str:
        i = rnd.randrange(len(w))
        return w[:i] + rnd.choice("abcdefghijklmnopqrstuvwxyz") + w[i + 1:]

    with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
        fresh = not con.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                (DB,)).fetchone()
        if fresh:
            con.execute(f"CREATE DATABASE {DB} TEMPLATE template0 ENCODING 'UTF8'")
    if fresh:
        with psycopg.connect(f"{base}/{DB}", autocommit=True) as con:
            con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    st: Any = open_store(f"{base}/{DB}")
    if fresh:
        vocab = set(words) | {garble(w) for w in words}
        with st.con.cursor() as cur, cur.copy("COPY vocab (word, len, df) FROM STDIN") as cp:
            for w in sorted(vocab):
                cp.write_row((w, len(w), rnd.randint(1, 50)))
        st.con.execute("ANALYZE vocab")
    rnd = random.Random(8)  # (the same queries on every run)
    queries = [garble(w) for w in rnd.sample([w for w in words[:50_000] if len(w) >= 4], 300)]
    print(f"vocab {st.rows('SELECT count(*) FROM vocab')[0][0]:,} words, "
          f"{len(queries)} queries, fuzziness 0.25")
    current = PostgresStore._fuzzy_candidates
    for what in ("look-up", "expand"):
        times: dict[str, list[float]] = {"before": [], "now": []}
        found = {"before": 0, "now": 0}
        for r in range(4):  # alternating: before, now, now, before
            for label in (("before", "now") if r % 2 == 0 else ("now", "before")):
                fn = before if label == "before" else current
                PostgresStore._fuzzy_candidates = fn  # type: ignore[method-assign]
                st._trgm_threshold = None
                for q in queries:
                    st._expansions.clear()
                    t = time.perf_counter()
                    got = fn(st, q, 0.25) if what == "look-up" else st.expand(q, 0.25)
                    times[label].append(time.perf_counter() - t)
                    if r == 0:
                        found[label] += (len({w for w, _ in got}) if what == "look-up"
                                         else len(got) - 1)
        PostgresStore._fuzzy_candidates = current  # type: ignore[method-assign]
        for label, ts in times.items():
            ts.sort()
            print(f"{what:8} {label:6} median {ts[len(ts) // 2] * 1e3:6.2f} ms  p95 "
                  f"{ts[int(len(ts) * 0.95)] * 1e3:6.2f} ms  "
                  f"{'candidates' if what == 'look-up' else 'variants kept'} {found[label]}")
    st.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432")
