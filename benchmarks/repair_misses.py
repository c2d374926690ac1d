"""Why the repair misses the ICDAR 2017 words it could in principle fix.

For every "non-word -> word" (or, with --cls, another class) stretch of the EVEN
(tuning) rows that the repaired text still gets wrong, one OCR word against one gold
word, this script asks the repair's own decision points why the gold word was not
written and counts the reasons:

* ``changed, wrong reading``: the repair replaced the form, with another word;
* ``held: gold`` / ``held: other``: a suggestion (below the threshold) was logged;
* ``too short``: fewer than 3 letters, left to `repair.context`'s fragments;
* gates of `fix_words` (no English around, abbreviation, split piece, glued tail);
* guards of `correct_word` (protected, document-attested, name or caps limits,
  the plain-word frequency floor, old spelling, ...);
* ``no candidate``: the channel does not reach the gold (binned by the true
  weighted distance: within the 1.8 budget but not generated, or beyond it);
* ``keep wins`` / ``other wins``: the gold is a candidate that loses the score.

The decision is re-run on the repaired text, whitespace collapsed (line breaks
lost), so a few reasons differ from what the pipeline saw; read the counts as
shares. Run:
  .venv/bin/python benchmarks/repair_misses.py --part periodical [--cls CLASS]
      [--show REASON] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).parent))
from repair_bench import load_rows, norm, repair_doc  # noqa: E402
from repair_errors import PUNCT_RE, classify  # noqa: E402

from archivist.lexicon import zipf  # noqa: E402
from archivist.model import SUGGESTED  # noqa: E402
from archivist.repair import words as W  # noqa: E402
from archivist.repair.channel import candidates, frequencies, weighted_distance  # noqa: E402
from archivist.repair.core import (  # noqa: E402
    POSSESSIVE_RE,
    build_context,
    is_lexical,
    is_protected,
    ocr_shift,
    tokenized,
)
from archivist.repair.deep import known_form  # noqa: E402
from archivist.repair.lm import neighbours, sentence_start  # noqa: E402


def guard_reason(core: str, gold: str, prev: str | None, nxt: str | None, ctx,  # noqa: ANN001
                 sent: bool, caps: bool) -> str:
    """The first guard of `correct_word` that keeps `gold` out of the options."""
    upper_start = core[:1].isupper() and not caps
    noisy = bool(W.NOISE_RE.search(core))
    variants = W.doc_variants(core, ctx)
    own = ctx.lower.get(core.lower(), 0)
    if not variants:
        if (is_protected(core) if not caps
                else W.ROMAN_RE.match(core) or is_protected(core.lower())):
            return "protected"
        if own >= 2 and not noisy and not W.garble_of_common(core):
            return "document-attested form"
    plain = not noisy and not variants
    archaic = bool(ctx.flags.get("archaic"))
    long_garble = (upper_start and plain and len(core) >= W.CAP_GARBLE
                   and not archaic and not known_form(core))
    cheap_only = plain and (upper_start or archaic) and not long_garble
    g = gold.lower()
    full = dict(candidates(core))
    if g not in full:
        d = weighted_distance(core.lower(), g)
        return ("no candidate: cost <= 1.8 not generated" if d <= 1.8
                else f"no candidate: cost {min(int(d * 2) / 2, 3.0):.1f}+")
    cost = full[g]
    budget = (W.NAME_COST if cheap_only and upper_start else W.CHEAP if cheap_only
              else W.GENERIC if long_garble else None)
    if budget and cost > budget:
        return ("budget: name (capitalised)" if upper_start else "budget: archaic") + \
            f" cost {cost:.1f}"
    freq = frequencies()
    f = freq.get(g, 0)
    name_like = upper_start and not noisy and not variants
    if name_like:
        if long_garble and (cost > W.GENERIC or f < 3.0):
            return "name-like long garble: cost/zipf"
        if not long_garble and (cost > W.NAME_COST or f < 4.0):
            return f"name-like: {'cost' if cost > W.NAME_COST else 'zipf < 4'}"
    if caps and (cost > (0.8 if len(core) <= 3 else W.GENERIC if len(core) < 6 else 1.5)
                 or f < 3.5):
        return "caps run limits"
    if archaic and plain and cost > 0.5:
        return "archaic document: cost > 0.5"
    if plain and f < 2.7:
        return "plain form: gold zipf < 2.7"
    if W.spelling_variant(core, g) and not noisy:
        return "spelling variant"
    return ""


def diagnose(text: str, i: int, gold: str, ctx) -> str:  # noqa: ANN001
    """Why token i of `text` was not read as `gold`."""
    tk = tokenized(text)
    w, (s, e) = tk.words[i], tk.spans[i]
    core = POSSESSIVE_RE.sub("", w)
    if len(core) < 3:
        return "too short (< 3: context fragments)"
    if is_lexical(core):
        return "token is lexical (punctuation split)"
    if not W.NOISE_RE.search(w) and not tk.english.around(i):
        return "gate: no English around"
    if text[e:e + 1] == "." and len(w) <= 3:
        return "gate: abbreviation"
    prev, nxt = neighbours(text, tk.spans, i)
    if W.split_piece(text, s, e, prev, nxt):
        return "gate: split piece"
    if W.glued_tail(text, s, e):
        return "gate: glued tail"
    if (core[0].isdigit() or core[-1].isdigit()) and not W.digit_for_letter(core):
        return "digits"
    if W.NAME_APOSTROPHE_RE.match(core) or W.ELISION_RE.search(core) or W.glued_words(core):
        return "apostrophe/elision"
    sent, caps = sentence_start(text, s), W.in_caps_run(tk.words, i)
    why = guard_reason(core, gold, prev, nxt, ctx, sent, caps)
    if why:
        return why
    c = W.correct_word(w, prev, nxt, ctx, sent, ocr_shift(ctx, s, e), caps)
    if c is None:
        return "keep wins"
    if c.replacement.lower() != gold.lower():
        return "other reading wins"
    return "held (confidence)" if c.confidence < 0.5 else "applied now (context differs)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="periodical")
    ap.add_argument("--cls", default="non-word -> word")
    ap.add_argument("--show", default=None, help="print the cases of reasons containing this")
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--half", choices=("even", "odd"), default="even")
    args = ap.parse_args()
    rows = load_rows(args.part, None)
    reasons: Counter[str] = Counter()
    units: Counter[str] = Counter()
    cases: dict[str, list[str]] = defaultdict(list)
    for idx, r in enumerate(rows):
        if idx % 2 != (args.half == "odd"):
            continue
        doc = repair_doc(r["input"])
        hyp, gold, raw = norm(doc.text), norm(r["output"]), norm(r["input"])
        raw_words = set(raw.split())
        held = {}
        for ed in doc.edits:
            if ed.status == SUGGESTED:
                held.setdefault(ed.original.strip(), ed.replacement.strip())
        hw, gw = hyp.split(), gold.split()
        pairs = []
        for op in Levenshtein.opcodes(hw, gw):
            if op.tag == "equal":
                continue
            hs, gs = hw[op.src_start:op.src_end], gw[op.dest_start:op.dest_end]
            if len(hs) == len(gs):
                pairs += [(op.src_start + k, a, b) for k, (a, b) in enumerate(zip(hs, gs, strict=True))
                          if a != b]
        ctx = None
        tk = None
        for pos, a, b in pairs:
            if classify([a], [b], False) != args.cls:
                continue
            ca, cb = PUNCT_RE.sub("", a), PUNCT_RE.sub("", b)
            if a not in raw_words:
                why = "changed, wrong reading"
            elif ca in held:
                why = "held: gold" if held[ca].lower() == cb.lower() else "held: other"
            else:
                if ctx is None:
                    ctx = build_context([hyp])
                    tk = tokenized(hyp)
                # the token of `a` at word position pos: count tokens before it
                before = " ".join(hw[:pos])
                start = len(before) + (1 if before else 0)
                idxs = [k for k, (s, _e) in enumerate(tk.spans) if start <= s < start + len(a)
                        and tk.words[k] == ca]
                why = diagnose(hyp, idxs[0], cb, ctx) if idxs else "token not found"
            reasons[why] += 1
            units[why] += Levenshtein.distance(a, b)
            ctxt = " ".join(hw[max(0, pos - 3):pos + 4])
            cases[why].append(f"row {idx}: {a} -> {b} (zipf {zipf(cb.lower()):.1f}, "
                              f"known {known_form(ca)})  | {ctxt}")
    tot = sum(units.values())
    print(f"{args.part} {args.half}, class {args.cls!r}: {sum(reasons.values())} stretches, "
          f"{tot} char units")
    print("| reason | stretches | char units | share |")
    print("| --- | ---: | ---: | ---: |")
    for k, n in units.most_common():
        print(f"| {k} | {reasons[k]} | {n} | {100 * n / tot:.1f}% |")
    if args.show:
        for k in units:
            if args.show in k:
                print(f"\n== {k}")
                for line in cases[k][:args.limit]:
                    print(line)


if __name__ == "__main__":
    main()
