"""Where the remaining ICDAR 2017 character errors are: error classes before and after repair.

Every row (cer <= 0.3) is aligned word by word against its gold (whitespace
collapsed, as `repair_bench.py` scores it); each differing stretch is charged its
character Levenshtein distance and put in one class:

* ``gold dropped (#)``: OCR words at the start or end of a row with no gold at all.
  The repackaged set dropped the gold of ICDAR's ``#`` regions (no ground truth)
  but kept the OCR; the ICDAR task does not score those characters, this scorer
  does, and no corrector can remove them. Neither ``@`` nor ``#`` occurs in the
  files (checked by this script), so this edge class is the only trace of them;
  long inner deletions (>= 3 words, no gold) are counted apart as ``gold gap``.
* ``split/joined words``: same letters, different spaces ("to day" / "today");
  ``joined words`` (``+ letters``): one OCR word is a gold word run into its
  neighbour ("Radicalsand" for "Radicals and"; the word alignment pairs it with one
  gold word and counts the other as missing).
* ``hyphenation``: a hyphen (or hyphen + space) at a word break is all that differs.
* ``punctuation``: only non-letters/digits differ; ``case``: only letter case.
* ``digits``: a digit is involved on either side.
* ``long-s/ligature``: the OCR has ſ, ﬁ, ﬂ, ... or the gold has them.
* ``non-word -> word``: one OCR word for one gold word, the OCR word not English
  (fixable by a non-word corrector in principle); ``real-word``: the OCR word is
  itself English (needs context); ``non-word -> name/rare``: the gold word is not
  in the lexicon either (a name, an old spelling: the corrector must not know it).
* ``split/joined + letters``: word counts differ and spaces explain part of it;
  ``extra OCR words (1-2)`` / ``words missing from OCR``: inner words on one side only;
  ``multi-word garble``: anything else (several words on either side).

A stretch of as many OCR words as gold words is charged word by word. Word
alignment is not the character alignment, so the class sums exceed the true
Levenshtein distance (both are printed); read the classes as shares.

`--ceilings` adds what a perfect corrector of one class (on top of the repair)
would bring: every differing stretch of that class replaced by its gold, then the
true Levenshtein distance recounted.

Run (the repair output is cached in --hyps so classes can be re-tallied cheaply; the
default cache file is named by a hash of the archivist sources, so a code change
means a fresh run):
  .venv/bin/python benchmarks/repair_errors.py --part periodical [--hyps F.jsonl] [--ceilings]
  .venv/bin/python benchmarks/repair_errors.py --show "extra OCR words (1-2)" [--limit 80] [--raw]
      # the stretches of one class with their context, EVEN (tuning) rows only
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
from repair_bench import PARTS, load_rows, norm, repair_text  # noqa: E402

from archivist.repair.core import is_lexical  # noqa: E402

GLYPHS = set("ſﬀﬁﬂﬃﬄﬅﬆæœ")
PUNCT_RE = re.compile(r"[^\w]+")


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


def _glued(h: str, g: str) -> bool:
    """The OCR word is the gold word (give or take 2 letters) run into another."""
    h, g = h.lower(), g.lower()
    head, tail = h[:len(g)], h[-len(g):]
    return min(Levenshtein.distance(head, g), Levenshtein.distance(tail, g)) <= 2


def classify(hyp: list[str], gold: list[str], at_edge: bool) -> str:
    """The class of one differing stretch (hyp words for gold words)."""
    h, g = " ".join(hyp), " ".join(gold)
    if not gold:
        if at_edge:
            return "gold dropped (#)"
        if len(hyp) >= 3:
            return "gold gap (>= 3 words)"
        if not _letters(h):
            return "punctuation"
        return "extra OCR words (1-2)"
    if not hyp:
        return "words missing from OCR"
    if any(c in GLYPHS for c in h + g):
        return "long-s/ligature"
    if h.replace(" ", "") == g.replace(" ", ""):
        return "split/joined words"
    if h.replace("- ", "").replace("-", "") == g.replace("- ", "").replace("-", ""):
        return "hyphenation"
    if h.lower() == g.lower():
        return "case"
    if _letters(h) == _letters(g):
        return "punctuation"
    if _letters(h).lower() == _letters(g).lower():
        return "case+punctuation"
    if any(c.isdigit() for c in h + g):
        return "digits"
    if len(hyp) == 1 and len(gold) == 1:
        hw, gw = PUNCT_RE.sub("", hyp[0]), PUNCT_RE.sub("", gold[0])
        if not hw or not gw:
            return "punctuation"
        if len(hw) >= len(gw) + 2 and Levenshtein.distance(
                hw.lower(), gw.lower()) == len(hw) - len(gw) - 0 and gw.lower() in hw.lower():
            return "joined words"  # the OCR word holds the gold word and a neighbour
        if len(hw) >= len(gw) + 3 and _glued(hw, gw):
            return "joined words + letters"
        if not is_lexical(gw):
            return "non-word -> name/rare" if not is_lexical(hw) else "real-word -> name/rare"
        return "real-word" if is_lexical(hw) else "non-word -> word"
    if Levenshtein.distance(h.replace(" ", ""), g.replace(" ", "")) < Levenshtein.distance(h, g):
        return "split/joined + letters"
    return "multi-word garble"


def tally(text: str, gold: str) -> Counter[str]:
    """Character errors of `text` against `gold` by class."""
    hw, gw = text.split(), gold.split()
    out: Counter[str] = Counter()
    ops = Levenshtein.opcodes(hw, gw)
    for op in ops:
        if op.tag == "equal":
            continue
        hyp, gd = hw[op.src_start:op.src_end], gw[op.dest_start:op.dest_end]
        at_edge = op.src_start == 0 or op.src_end == len(hw)
        if len(hyp) == len(gd) > 1:
            # word for word: each pair is its own error ("tho" / "the", "aud" / "and")
            for a, b in zip(hyp, gd, strict=True):
                if a != b:
                    out[classify([a], [b], False)] += Levenshtein.distance(a, b)
            continue
        cost = Levenshtein.distance(" ".join(hyp), " ".join(gd))
        # a whole inserted/deleted word also costs its separating space
        cost += 1 if (not hyp or not gd) else 0
        out[classify(hyp, gd, at_edge)] += cost
    return out


def oracle(text: str, gold: str, classes: frozenset[str]) -> str:
    """`text` with every differing stretch of the given classes replaced by its gold
    (what a perfect corrector of those classes alone would output)."""
    hw, gw = text.split(), gold.split()
    out: list[str] = []
    for op in Levenshtein.opcodes(hw, gw):
        hyp, gd = hw[op.src_start:op.src_end], gw[op.dest_start:op.dest_end]
        if op.tag == "equal":
            out += hyp
        elif len(hyp) == len(gd) > 1:
            out += [b if a != b and classify([a], [b], False) in classes else a
                    for a, b in zip(hyp, gd, strict=True)]
        else:
            at_edge = op.src_start == 0 or op.src_end == len(hw)
            out += gd if classify(hyp, gd, at_edge) in classes else hyp
    return " ".join(out)


# what a word corrector may reach: one OCR word for one gold word, or a glued pair
WORD_CLASSES = ("non-word -> word", "real-word", "joined words", "joined words + letters",
                "split/joined words", "digits", "non-word -> name/rare", "real-word -> name/rare")


def ceilings(recs: list[dict]) -> None:
    """Corpus CER improvement over the raw OCR if the repaired text were further
    corrected perfectly in one class, and in the word classes together."""
    for name, sel in (("all", None), ("even (tuning)", 0), ("odd (held out)", 1)):
        rs = [r for r in recs if sel is None or r["idx"] % 2 == sel]
        raw = sum(Levenshtein.distance(r["raw"], r["gold"]) for r in rs)
        now = sum(Levenshtein.distance(r["hyp"], r["gold"]) for r in rs)
        print(f"\n{name}: true errors raw {raw}, after repair {now} "
              f"({100 * (raw - now) / raw:+.1f}%); a perfect fix of one more class:")
        print("| class fixed perfectly (on top of repair) | errors left | improvement over raw |")
        print("| --- | ---: | ---: |")
        groups = [(k, frozenset({k})) for k in WORD_CLASSES]
        groups.append(("all word classes above together", frozenset(WORD_CLASSES)))
        for label, classes in groups:
            left = sum(Levenshtein.distance(oracle(r["hyp"], r["gold"], classes), r["gold"])
                       for r in rs)
            print(f"| {label} | {left} | {100 * (raw - left) / raw:+.1f}% |")


def _source_hash() -> str:
    """A short hash of the archivist package's files: the repair output's version."""
    import hashlib

    import archivist

    root = Path(archivist.__file__).resolve().parent
    h = hashlib.sha1()
    for f in sorted(root.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


def run(part: str, hyps: Path) -> list[dict]:
    rows = load_rows(part, None)
    if hyps.exists():
        cached = [json.loads(line) for line in hyps.open(encoding="utf-8")]
        if len(cached) == len(rows):
            return cached
    out = []
    with hyps.open("w", encoding="utf-8") as fh:
        for idx, r in enumerate(rows):
            rec = {"idx": idx, "raw": norm(r["input"]), "gold": norm(r["output"]),
                   "hyp": norm(repair_text(r["input"]))}
            fh.write(json.dumps(rec) + "\n")
            out.append(rec)
    return out


def report(recs: list[dict]) -> None:
    for name, sel in (("all", None), ("even (tuning)", 0), ("odd (held out)", 1)):
        rs = [r for r in recs if sel is None or r["idx"] % 2 == sel]
        total = sum(len(r["gold"]) for r in rs)
        before: Counter[str] = Counter()
        after: Counter[str] = Counter()
        lev_b = lev_a = 0
        for r in rs:
            before += tally(r["raw"], r["gold"])
            after += tally(r["hyp"], r["gold"])
            lev_b += Levenshtein.distance(r["raw"], r["gold"])
            lev_a += Levenshtein.distance(r["hyp"], r["gold"])
        sb, sa = sum(before.values()), sum(after.values())
        print(f"\n{name}: rows {len(rs)}, gold chars {total}; true Levenshtein "
              f"{lev_b} -> {lev_a} (CER {lev_b / total:.4f} -> {lev_a / total:.4f}); "
              f"word-aligned class sums {sb} -> {sa}")
        print("| class | errors before | share | after | share | CER points after |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for k in sorted(set(before) | set(after), key=lambda k: -before[k]):
            print(f"| {k} | {before[k]} | {100 * before[k] / sb:.1f}% | {after[k]} | "
                  f"{100 * after[k] / sa:.1f}% | {after[k] / total:.4f} |")


def show(recs: list[dict], cls: str, limit: int, which: str = "hyp") -> None:
    """Print up to `limit` differing stretches of class `cls` with 5 words of context,
    from the EVEN (tuning) rows only: the odd rows stay unseen.

    `which` is "hyp" (the repaired text) or "raw" (the OCR as read)."""
    shown = 0
    for r in recs:
        if r["idx"] % 2:
            continue  # held out
        hw, gw = r[which].split(), r["gold"].split()
        for op in Levenshtein.opcodes(hw, gw):
            if op.tag == "equal":
                continue
            hyp, gd = hw[op.src_start:op.src_end], gw[op.dest_start:op.dest_end]
            at_edge = op.src_start == 0 or op.src_end == len(hw)
            if len(hyp) == len(gd) > 1:  # word for word, as `tally` charges it
                pairs = [([a], [b]) for a, b in zip(hyp, gd, strict=True) if a != b]
                if not any(classify(a, b, False) == cls for a, b in pairs):
                    continue
            elif classify(hyp, gd, at_edge) != cls:
                continue
            before = " ".join(hw[max(0, op.src_start - 5):op.src_start])
            after = " ".join(hw[op.src_end:op.src_end + 5])
            print(f"row {r['idx']:5d}: ...{before} [[{' '.join(hyp)}]] {after}...  "
                  f"gold: [[{' '.join(gd)}]]")
            shown += 1
            if shown >= limit:
                return


def check_markers(part: str) -> None:
    rows = load_rows(part, None)
    n = sum(r["input"].count(c) + r["output"].count(c) for r in rows for c in "@#")
    print(f"{part}: '@'/'#' characters in input+output of the scored rows: {n}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=list(PARTS), default="periodical")
    ap.add_argument("--hyps", type=Path, default=None)
    ap.add_argument("--ceilings", action="store_true",
                    help="also: the improvement a perfect corrector of each class would add")
    ap.add_argument("--show", metavar="CLASS", default=None,
                    help="print stretches of this class (even rows only) instead of the table")
    ap.add_argument("--limit", type=int, default=80, help="how many stretches --show prints")
    ap.add_argument("--raw", action="store_true", help="--show on the OCR, not the repair")
    args = ap.parse_args()
    check_markers(args.part)
    hyps = args.hyps or Path(f"/tmp/repair_hyps_{args.part}_{_source_hash()}.jsonl")
    recs = run(args.part, hyps)
    if args.show:
        show(recs, args.show, args.limit, "raw" if args.raw else "hyp")
        return
    report(recs)
    if args.ceilings:
        ceilings(recs)


if __name__ == "__main__":
    main()
