"""How indexing an unedited passage in the `text` column only (SQLite, migration 11)
moves FTS5's bm25 ranking, and whether multiplying such rows' scores by a factor
brings it back (benchmarks/README.md, "dedup14").

Synthetic passages (words "w0".."w2999", Zipf-distributed, 80-400 a passage); a share
`p_edit` of them have an original with ~15 % of their words misread. Two contentless
FTS5 tables hold the same passages: "old" indexes every original, "new" gives '' for
an original equal to its text. For each query the top 10 by `bm25(t, 1.0, 0.6)` of
"old" is compared with that of "new" with the unedited rows' scores multiplied by c.

    python benchmarks/dedup_rank.py
"""

from __future__ import annotations

import random
import sqlite3

FACTORS = (0.9, 0.95, 1.0, 1.05, 1.1, 1.3, 1.6)


def build(rng: random.Random, p_edit: float, n: int = 3000) -> sqlite3.Connection:
    words = [f"w{i}" for i in range(3000)]
    weights = [1 / (i + 1) for i in range(3000)]
    con = sqlite3.connect(":memory:")
    for t in ("old", "new"):
        con.execute(f"CREATE VIRTUAL TABLE {t} USING fts5(text, original, content='')")
    con.execute("CREATE TABLE flag (id INTEGER PRIMARY KEY, both_ INTEGER)")
    for i in range(1, n + 1):
        ws = rng.choices(words, weights, k=rng.randint(80, 400))
        orig = [w + "x" if rng.random() < 0.15 else w for w in ws] \
            if rng.random() < p_edit else ws
        text, original = " ".join(ws), " ".join(orig)
        con.execute("INSERT INTO old (rowid, text, original) VALUES (?,?,?)",
                    (i, text, original))
        con.execute("INSERT INTO new (rowid, text, original) VALUES (?,?,?)",
                    (i, text, original if original != text else ""))
        con.execute("INSERT INTO flag VALUES (?,?)", (i, int(original != text)))
    return con


def top10(con: sqlite3.Connection, table: str, query: str, factor: float = 1.0) -> list[int]:
    sql = (f"SELECT {table}.rowid, bm25({table}, 1.0, 0.6) * (CASE WHEN f.both_ = 0 "
           f"THEN {factor} ELSE 1.0 END) AS s FROM {table} JOIN flag f ON f.id = "
           f"{table}.rowid WHERE {table} MATCH ? ORDER BY s LIMIT 10")
    return [int(r[0]) for r in con.execute(sql, (query,))]


def main() -> None:
    rng = random.Random(7)
    print("| share edited | factor on unedited rows | mean top-10 overlap | "
          "identical top 10 |\n| --- | --- | --- | --- |")
    for p_edit in (0.1, 0.5, 0.9):
        con = build(rng, p_edit)
        queries = ([f"w{rng.randint(50, 2000)}" for _ in range(60)]
                   + [f"w{rng.randint(20, 600)} w{rng.randint(20, 600)}" for _ in range(40)]
                   + [f"w{rng.randint(50, 1500)} OR w{rng.randint(50, 1500)}"
                      for _ in range(40)])
        old = [top10(con, "old", q) for q in queries]
        for c in FACTORS:
            overlap = same = 0.0
            for q, a in zip(queries, old, strict=True):
                b = top10(con, "new", q, c)
                overlap += len(set(a) & set(b)) / max(1, len(a))
                same += a == b
            print(f"| {p_edit:.0%} | {c} | {overlap / len(queries):.3f} | "
                  f"{int(same)}/{len(queries)} |")


if __name__ == "__main__":
    main()
