"""Analyse what the repair stages do to ICDAR 2017 rows: which edits help, which hurt.

For every row (cer <= 0.3) the repair stages run once; each applied edit is then
judged alone: applied to the raw row by itself, does it bring the text closer to
the gold (helpful), further (harmful) or neither? Rows made worse are listed with
their harmful edits, and edits are tallied by stage and reason, so the classes
of edit that hurt can be found and held back.

Rows can be restricted to one half (`--half even|odd`, by row index) so that
tuning on one half and reporting on the other keeps the reported figure honest.

Run:
  .venv/bin/python benchmarks/repair_analyse.py --part periodical [--half even] [--out F.jsonl]
  .venv/bin/python benchmarks/repair_analyse.py --report F.jsonl [--show 40]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).parent))
from repair_bench import PARTS, load_rows, norm, repair_doc  # noqa: E402

from archivist.model import APPLIED  # noqa: E402


def judge(raw: str, gold: str, start: int, end: int, repl: str) -> int:
    """-1 helpful, +1 harmful, 0 neutral: the edit applied alone to the raw row."""
    before = Levenshtein.distance(norm(raw), gold)
    after = Levenshtein.distance(norm(raw[:start] + repl + raw[end:]), gold)
    return (after > before) - (after < before)


def analyse(part: str, half: str | None, out: Path) -> None:
    rows = load_rows(part, None)
    with out.open("w", encoding="utf-8") as fh:
        for idx, r in enumerate(rows):
            if half and (idx % 2 == 0) != (half == "even"):
                continue
            raw, gold = r["input"], norm(r["output"])
            doc = repair_doc(raw)
            edits = []
            for e in doc.edits:
                if e.status != APPLIED and e.confidence <= 0:
                    continue
                edits.append({"stage": e.stage, "orig": e.original, "repl": e.replacement,
                              "conf": round(e.confidence, 3), "status": e.status,
                              "reason": e.reason,
                              "ctx": raw[max(0, e.start - 25):e.end + 25],
                              "verdict": judge(raw, gold, e.start, e.end, e.replacement)})
            b = Levenshtein.distance(norm(raw), gold)
            a = Levenshtein.distance(norm(doc.text), gold)
            fh.write(json.dumps({"idx": idx, "before": b, "after": a, "len": len(gold),
                                 "edits": edits}) + "\n")


def reason_class(reason: str) -> str:
    return re.sub(r"[\d.]+|\(.*\)", "", reason).strip()[:40]


def halves(rows: list[dict]) -> None:
    """CER, rows made worse and precision of applied edits: all rows, the even
    rows (used for tuning) and the odd rows (held out)."""
    for name, sel in (("all", None), ("even (tuning)", 0), ("odd (held out)", 1)):
        rs = [r for r in rows if sel is None or r["idx"] % 2 == sel]
        if not rs:
            continue
        b = sum(r["before"] for r in rs)
        a = sum(r["after"] for r in rs)
        t = sum(r["len"] for r in rs)
        w = sum(r["after"] > r["before"] for r in rs)
        app = [e for r in rs for e in r["edits"] if e["status"] == APPLIED]
        h = sum(e["verdict"] < 0 for e in app)
        bad = sum(e["verdict"] > 0 for e in app)
        print(f"{name:15s} rows {len(rs)} CER {b / t:.4f} -> {a / t:.4f} "
              f"({100 * (b - a) / max(1, b):+.1f}%) worse {w} ({100 * w / len(rs):.1f}%); "
              f"applied {len(app)}: helpful {h}, harmful {bad}; precision "
              f"{h / max(1, len(app)):.3f} (helpful/applied), {h / max(1, h + bad):.3f} "
              f"(helpful/(helpful+harmful))")


def report(path: Path, show: int) -> None:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    halves(rows)
    before = sum(r["before"] for r in rows)
    after = sum(r["after"] for r in rows)
    total = sum(r["len"] for r in rows)
    worse = [r for r in rows if r["after"] > r["before"]]
    print(f"rows {len(rows)} CER {before / total:.4f} -> {after / total:.4f} "
          f"({100 * (before - after) / before:+.1f}%) worse {len(worse)} "
          f"({100 * len(worse) / len(rows):.1f}%)")
    tally: Counter[tuple[str, str, str, int]] = Counter()
    for r in rows:
        for e in r["edits"]:
            tally[(e["status"], e["stage"], reason_class(e["reason"]), e["verdict"])] += 1
    keys = sorted({k[:3] for k in tally})
    print(f"{'status':9s} {'stage':20s} {'reason':40s} help harm neutral precision")
    for k in keys:
        h, b, n = tally[(*k, -1)], tally[(*k, 1)], tally[(*k, 0)]
        print(f"{k[0]:9s} {k[1]:20s} {k[2]:40s} {h:5d} {b:4d} {n:6d} "
              f"{h / max(1, h + b):.2f}")
    app = [e for r in rows for e in r["edits"] if e["status"] == APPLIED]
    good = sum(e["verdict"] < 0 for e in app)
    bad = sum(e["verdict"] > 0 for e in app)
    print(f"applied edits {len(app)}: helpful {good}, harmful {bad}, neutral "
          f"{len(app) - good - bad}; precision {good / max(1, len(app)):.3f} "
          f"(helpful / applied), {good / max(1, good + bad):.3f} (helpful / judged)")
    print("\nharmful applied edits:")
    for r in rows:
        for e in r["edits"]:
            if e["status"] == APPLIED and e["verdict"] > 0 and show > 0:
                show -= 1
                print(f"  [{r['idx']}] {e['stage']} {e['orig']!r}->{e['repl']!r} "
                      f"{e['conf']} {e['reason'][:40]!r} ctx={e['ctx']!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=list(PARTS))
    ap.add_argument("--half", choices=["even", "odd"])
    ap.add_argument("--out", type=Path, default=Path("/tmp/repair_analyse.jsonl"))
    ap.add_argument("--report", type=Path)
    ap.add_argument("--show", type=int, default=60)
    args = ap.parse_args()
    if args.report:
        report(args.report, args.show)
    else:
        analyse(args.part, args.half, args.out)
        report(args.out, args.show)


if __name__ == "__main__":
    main()
