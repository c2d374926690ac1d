"""Repair run on text that is already right: the gold column of ICDAR 2017 English.

Issue 3: repair must never harm what is right. Each gold row (`output`, rows with
cer <= 0.3, read as `repair_bench.py` reads them) is repaired as its own document,
as repair_bench does for the OCR inputs. Every applied edit there changes correct
text (bar the few printed misprints a gold keeps). Prints, for the even rows (tune)
and the odd rows (check) apart: applied edits and suggestions per stage and per
rule (the reason with its quoted words and numbers masked, as `repair_worse.py`
does), with examples, and the char-level damage: the sum of
Levenshtein(repaired gold, gold), whitespace collapsed, per part.

Run:
  .venv/bin/python benchmarks/repair_on_gold.py [--part P] [--limit N]
      [--show STAGE] [--half even|odd] [--json out.jsonl] [--from out.jsonl]
  --show lists every applied edit of STAGE (or "all") with its context;
  --json saves the edits of each row, --from reads them back (no repair run).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).parent))
from repair_bench import PARTS, load_rows, norm, repair_doc  # noqa: E402
from repair_worse import rule_of  # noqa: E402

from archivist.model import APPLIED, SUGGESTED, visible_edits  # noqa: E402


def row_edits(gold: str) -> dict[str, object]:
    """The repair of one gold text: its damage and its applied/suggested edits."""
    doc = repair_doc(gold)
    out: list[dict[str, object]] = []
    # the applied edits that shape the text, then the suggestions (not applied)
    shown = visible_edits(doc.edits) + [e for e in doc.edits if e.status == SUGGESTED]
    for e in shown:
        if e.kind != "text":
            continue
        out.append({"stage": e.stage, "status": e.status, "reason": e.reason,
                    "rule": rule_of(e.reason), "orig": e.original, "repl": e.replacement,
                    "conf": round(e.confidence, 3),
                    "ctx": norm(gold[max(0, e.start - 30):e.end + 30])})
    return {"damage": Levenshtein.distance(norm(doc.text), norm(gold)),
            "chars": len(norm(gold)), "edits": out}


def run(parts: list[str], limit: int | None) -> Iterator[dict[str, object]]:
    for part in parts:
        for idx, r in enumerate(load_rows(part, limit)):
            rec = row_edits(r["output"])
            rec.update(part=part, idx=idx, half="odd" if idx % 2 else "even")
            yield rec


def report(recs: list[dict[str, object]], show: str | None, half_only: str | None) -> None:
    halves = [half_only] if half_only else ["even", "odd"]
    for half in halves:
        hrecs = [r for r in recs if r["half"] == half]
        print(f"\n=== {half} rows ===")
        for part in sorted({str(r["part"]) for r in hrecs}):
            prs = [r for r in hrecs if r["part"] == part]
            dmg = sum(int(r["damage"]) for r in prs)
            chars = sum(int(r["chars"]) for r in prs)
            hit = sum(1 for r in prs if r["damage"])
            napp = sum(1 for r in prs for e in r["edits"] if e["status"] == APPLIED)
            print(f"{part:10s} rows {len(prs)}: damage {dmg} chars of {chars} "
                  f"({100 * dmg / max(chars, 1):.3f}%), rows changed {hit}, "
                  f"applied edits {napp}")
        per_stage: Counter[tuple[str, str]] = Counter()
        per_rule: Counter[tuple[str, str]] = Counter()
        examples: dict[tuple[str, str], list[str]] = defaultdict(list)
        for r in hrecs:
            for e in r["edits"]:
                per_stage[(e["stage"], e["status"])] += 1
                if e["status"] == APPLIED:
                    key = (e["stage"], e["rule"])
                    per_rule[key] += 1
                    if len(examples[key]) < 3:
                        examples[key].append(f"{e['orig']!r}->{e['repl']!r}")
        print("per stage: applied / suggested")
        for st in sorted({s for s, _ in per_stage}, key=lambda s: -per_stage[(s, APPLIED)]):
            print(f"  {st:20s} {per_stage[(st, APPLIED)]:5d} / {per_stage[(st, SUGGESTED)]:5d}")
        print("applied per stage | rule (examples):")
        for (st, rule), n in per_rule.most_common():
            print(f"  {n:4d}  {st} | {rule}  {' '.join(examples[(st, rule)])}")
        if show:
            print(f"applied edits of {show}:")
            for r in hrecs:
                for e in r["edits"]:
                    if e["status"] == APPLIED and show in ("all", e["stage"]):
                        print(f"  {r['part'][:4]} {r['idx']:4d} {e['stage']} "
                              f"{e['orig']!r} -> {e['repl']!r} ({e['conf']}) "
                              f"{e['reason'][:90]}\n        {e['ctx']!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=list(PARTS))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show", help="list the applied edits of this stage ('all': every one)")
    ap.add_argument("--half", choices=("even", "odd"))
    ap.add_argument("--json", help="write one JSON line per row")
    ap.add_argument("--from", dest="src", help="read the rows from a --json file")
    args = ap.parse_args()
    parts = [args.part] if args.part else list(PARTS)
    if args.src:
        with open(args.src, encoding="utf-8") as fh:
            recs = [json.loads(line) for line in fh]
        recs = [r for r in recs if r["part"] in parts]
    else:
        recs = []
        fh = open(args.json, "w", encoding="utf-8") if args.json else None
        for rec in run(parts, args.limit):
            recs.append(rec)
            if fh:
                fh.write(json.dumps(rec) + "\n")
        if fh:
            fh.close()
    report(recs, args.show, args.half)


if __name__ == "__main__":
    main()
