"""The ICDAR 2017 rows repair makes worse, and the edits that make them worse.

For every row (cer <= 0.3) whose repaired text is farther from the gold than the
raw OCR (whitespace collapsed, as `repair_bench.py` scores), each visible applied
edit of the repair is undone alone (`doc.set_status(id, "rejected")`) and the row
re-scored: an edit whose undoing brings the row closer to the gold is *harmful*.
Prints per worse row its harmful edits (stage, reason, original -> replacement,
gain of undoing it), then a tally of harmful edits by stage and rule (the reason
string with its quoted words and numbers masked), and the same tally over the
harmful edits of *all* rows (rows made better can hold harmful edits too).

Use the EVEN rows to form hypotheses (default); `--half odd` is the held-out check.

Run:
  .venv/bin/python benchmarks/repair_worse.py --summary [--part P]
  .venv/bin/python benchmarks/repair_worse.py --part periodical [--half even|odd|all]
      [--rows] [--all-rows] [--json out.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).parent))
from repair_bench import PARTS, load_rows, norm, repair_doc  # noqa: E402

from archivist.model import APPLIED, REJECTED, visible_edits  # noqa: E402

QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\d+(\.\d+)?")


def rule_of(reason: str) -> str:
    """The rule of a reason string: quoted words and numbers masked.

    >>> rule_of("held: 'tbe' -> 'the' cost 0.5 share 0.71")
    'held: _ -> _ cost _ share _'
    """
    return QUOTED.sub("_", reason)[:90]


def harmful_edits(text: str, gold: str) -> tuple[int, int, list[dict[str, object]]]:
    """Distance before/after repair and, per visible applied edit, the gain of undoing it."""
    doc = repair_doc(text)
    gold_n = norm(gold)
    before = Levenshtein.distance(norm(text), gold_n)
    after = Levenshtein.distance(norm(doc.text), gold_n)
    out: list[dict[str, object]] = []
    for e in visible_edits(doc.edits):
        if e.status != APPLIED or e.kind != "text":
            continue
        doc.set_status(e.id, REJECTED)
        undone = Levenshtein.distance(norm(doc.text), gold_n)
        doc.set_status(e.id, APPLIED)
        ctx = text[max(0, e.start - 25):e.end + 25]
        al = fuzz.partial_ratio_alignment(norm(ctx), gold_n)
        gctx = gold_n[al.dest_start:al.dest_end] if al else ""
        out.append({"ctx": norm(ctx), "gold_ctx": gctx, "stage": e.stage, "rule": rule_of(e.reason), "reason": e.reason,
                    "orig": e.original, "repl": e.replacement, "conf": round(e.confidence, 3),
                    "gain": after - undone})
    return before, after, out


def summary(parts: list[str]) -> None:
    """Errors (Levenshtein sums) and rows worse after repair, all/even/odd, per part."""
    from repair_bench import repair_text

    for part in parts:
        acc = {k: [0, 0, 0, 0] for k in ("all", "even", "odd")}  # before after worse rows
        for idx, r in enumerate(load_rows(part, None)):
            gold = norm(r["output"])
            b = Levenshtein.distance(norm(r["input"]), gold)
            a = Levenshtein.distance(norm(repair_text(r["input"])), gold)
            for k in ("all", "odd" if idx % 2 else "even"):
                acc[k][0] += b
                acc[k][1] += a
                acc[k][2] += a > b
                acc[k][3] += 1
        for k, (b, a, w, n) in acc.items():
            print(f"{part:10s} {k:4s} errors {b} -> {a} ({100 * (a - b) / b:+.2f}%) "
                  f"worse {w}/{n} ({100 * w / n:.1f}%)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--summary", action="store_true",
                    help="only errors and rows worse, all/even/odd, of --part or both")
    ap.add_argument("--part", choices=list(PARTS))
    ap.add_argument("--half", choices=("even", "odd", "all"), default="even")
    ap.add_argument("--rows", action="store_true", help="print each worse row's edits")
    ap.add_argument("--all-rows", action="store_true",
                    help="check the edits of every row, not only the worse ones")
    ap.add_argument("--json", help="write one JSON line per row checked")
    args = ap.parse_args()
    if args.summary:
        summary([args.part] if args.part else ["periodical", "monograph"])
        return
    if not args.part:
        ap.error("--part is required")
    rows = load_rows(args.part, None)
    worse_t: Counter[str] = Counter()
    all_bad: Counter[str] = Counter()
    all_good: Counter[str] = Counter()
    nworse = 0
    fh = open(args.json, "w", encoding="utf-8") if args.json else None
    for idx, r in enumerate(rows):
        if args.half != "all" and (idx % 2 == 1) != (args.half == "odd"):
            continue
        if not args.all_rows:
            # cheap pre-check: only worse rows get the per-edit undo
            from repair_bench import repair_text
            if (Levenshtein.distance(norm(repair_text(r["input"])), norm(r["output"]))
                    <= Levenshtein.distance(norm(r["input"]), norm(r["output"]))):
                continue
        before, after, edits = harmful_edits(r["input"], r["output"])
        worse = after > before
        nworse += worse
        for e in edits:
            key = f"{e['stage']} | {e['rule']}"
            if e["gain"] > 0:
                all_bad[key] += 1
                if worse:
                    worse_t[key] += 1
            elif e["gain"] < 0:
                all_good[key] += 1
        if fh:
            fh.write(json.dumps({"idx": idx, "before": before, "after": after,
                                 "edits": edits}) + "\n")
        if args.rows and worse:
            print(f"row {idx}: {before} -> {after}")
            for e in edits:
                if e["gain"] > 0:
                    print(f"   +{e['gain']} {e['stage']} {e['orig']!r} -> {e['repl']!r} "
                          f"({e['conf']}) {e['reason'][:100]}")
                    print(f"        ocr:  {e['ctx']!r}\n        gold: {e['gold_ctx']!r}")
    print(f"\n{nworse} rows worse ({args.part}, {args.half})")
    print("harmful edits in worse rows, by stage | rule:")
    for k, n in worse_t.most_common():
        print(f"  {n:4d}  {k}")
    if args.all_rows:
        print("over all rows checked: harmful / helpful per stage | rule:")
        for k in sorted(set(all_bad) | set(all_good), key=lambda k: -all_bad[k]):
            print(f"  {all_bad[k]:4d} / {all_good[k]:4d}  {k}")


if __name__ == "__main__":
    main()
