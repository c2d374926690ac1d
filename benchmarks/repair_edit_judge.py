"""Judge repair's applied edits one by one on ICDAR 2017 English.

For every row of a half, the repair is run; then each applied edit whose reason
starts with `--reason` is reverted alone and the row's distance to the gold
recounted (whitespace collapsed, as `repair_bench.py` scores). An edit *helped* if
reverting it raises the distance, *hurt* if it lowers it. Prints the tally by the
Zipf frequency of the word replaced and of its replacement, and the edits that
hurt, so a rule can be weighed before it is written (tune on even, check on odd).

Run:
  .venv/bin/python benchmarks/repair_edit_judge.py [--half even|odd]
      [--reason "real-word error: context"] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from repair_bench import PARTS, load_rows, norm  # noqa: E402

from archivist.lexicon import zipf  # noqa: E402
from archivist.model import APPLIED, REJECTED, render  # noqa: E402
from archivist.repair import repair_text  # noqa: E402


def judge(half: str, reason: str) -> list[dict[str, object]]:
    """One record per applied edit of the chosen kind: part, words, Zipf, effect."""
    out: list[dict[str, object]] = []
    for part in PARTS:
        for idx, row in enumerate(load_rows(part, None)):
            if (idx % 2 == 0) != (half == "even"):
                continue
            doc = repair_text(row["input"])
            gold = norm(row["output"])
            base = Levenshtein.distance(norm(doc.text), gold)
            for e in doc.edits:
                if e.status != APPLIED or not e.reason.startswith(reason):
                    continue
                e.status = REJECTED
                without = Levenshtein.distance(norm(render(row["input"], doc.edits)[0]), gold)
                e.status = APPLIED
                out.append({"part": part, "stage": e.stage, "reason": e.reason,
                            "original": e.original, "replacement": e.replacement,
                            "zipf_original": zipf(e.original.lower()),
                            "zipf_replacement": zipf(e.replacement.lower()),
                            "effect": without - base})  # > 0: the edit helped
    return out


def band(z: float) -> str:
    return "< 2.5" if z < 2.5 else "2.5-3.5" if z < 3.5 else "3.5-5" if z < 5 else ">= 5"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--half", choices=("even", "odd"), default="even")
    ap.add_argument("--reason", default="real-word error: context")
    ap.add_argument("--json", type=Path, default=None, help="write the records here")
    a = ap.parse_args()
    recs = judge(a.half, a.reason)
    tally: Counter[tuple[str, str, str]] = Counter()
    for r in recs:
        eff = r["effect"]
        verdict = "helped" if eff > 0 else "hurt" if eff < 0 else "neutral"  # type: ignore[operator]
        tally[(band(r["zipf_original"]), band(r["zipf_replacement"]), verdict)] += 1  # type: ignore[arg-type]
    print(f"{len(recs)} applied edits ({a.half} rows, reason '{a.reason}')")
    print("zipf replaced | zipf replacement | helped | hurt | neutral")
    for zo, zr in sorted({(k[0], k[1]) for k in tally}):
        print(f"{zo:>13} | {zr:>16} | {tally[(zo, zr, 'helped')]:>6} | "
              f"{tally[(zo, zr, 'hurt')]:>4} | {tally[(zo, zr, 'neutral')]:>7}")
    print("hurt:", ", ".join(f"{r['original']} -> {r['replacement']}"
                             for r in recs if r["effect"] < 0))  # type: ignore[operator]
    if a.json:
        a.json.write_text(json.dumps(recs, ensure_ascii=False))


if __name__ == "__main__":
    main()
