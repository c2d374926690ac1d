"""Measure the similarity threshold that merges name variants (extract/variants.py).

Positives: pairs of spellings the gazetteer lists for one entity (curated.tsv), and
OCR-noised copies of gazetteer names (one substitution from a table of common OCR
confusions, one deletion, or one inserted apostrophe). Negatives: pairs of distinct
gazetteer names of the same type that share a first letter and differ in length by
at most 3 (the hard cases: "Austria"/"Australia"). For each threshold the script
prints recall on positives and the false-merge rate on negatives, and picks the
lowest threshold whose false-merge rate is <= 0.1%.

Run: .venv/bin/python scripts/measure_variant_threshold.py
"""

from __future__ import annotations

import random

from archivist.extract.gazetteer import _rows
from archivist.extract.variants import MIN_FUZZY_LEN, key, score

MAX_FALSE_MERGE = 0.001  # a wrong merge hides a name; a missed merge only splits it
OCR_SUBS = [("e", "c"), ("a", "o"), ("i", "l"), ("m", "rn"), ("n", "u"), ("h", "b"),
            ("e", "o"), ("u", "n"), ("c", "e"), ("t", "l"), ("s", "a"), ("d", "cl")]


def noisy(name: str, rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        subs = [(a, b) for a, b in OCR_SUBS if a in name[1:]]
        if subs:
            a, b = rng.choice(subs)
            i = name.index(a, 1)
            return name[:i] + b + name[i + len(a):]
    if kind == 1 and len(name) > 4:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1:]
    i = rng.randrange(2, len(name) - 1)
    return name[:i] + "'" + name[i:]


def sim(a: str, b: str) -> float:
    ka, kb = key(a), key(b)
    if ka == kb:
        return 100.0
    if min(len(ka), len(kb)) < MIN_FUZZY_LEN or ka[:1] != kb[:1]:
        return 0.0
    return score(ka, kb)


def main() -> None:
    rng = random.Random(5)
    by_type: dict[str, list[str]] = {}
    pos: list[tuple[str, str]] = []
    for row in _rows("curated.tsv"):
        names = [row[1], *(row[2].split("|") if len(row) > 2 else [])]
        names = [n for n in dict.fromkeys(names) if n]
        by_type.setdefault(row[0], []).append(row[1])
        pos += [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    places = [r[0] for r in _rows("places.tsv")]
    by_type.setdefault("PLACE", []).extend(places)
    for n in rng.sample(places, 1500) + [n for t, ns in by_type.items() if t != "PLACE"
                                         for n in ns]:
        if len(n) >= MIN_FUZZY_LEN:
            pos.append((n, noisy(n, rng)))
    neg: list[tuple[str, str]] = []
    for _t, names in by_type.items():
        buckets: dict[str, list[str]] = {}
        for n in names:
            buckets.setdefault(n[:1].lower(), []).append(n)
        for b in buckets.values():
            for _ in range(min(4000, len(b) * 4)):
                x, y = rng.choice(b), rng.choice(b)
                if x != y and abs(len(x) - len(y)) <= 3 and key(x) != key(y):
                    neg.append((x, y))
    ps = [sim(a, b) for a, b in pos]
    ns = [sim(a, b) for a, b in neg]
    print(f"{len(pos)} variant pairs, {len(neg)} distinct pairs")
    best = None
    for t in range(70, 100, 2):
        rec = sum(s >= t for s in ps) / len(ps)
        fm = sum(s >= t for s in ns) / len(ns)
        print(f"threshold {t}: recall {rec:.3f}  false merges {fm:.4f}")
        if best is None and fm <= MAX_FALSE_MERGE:
            best = t
    print(f"chosen threshold: {best}")


if __name__ == "__main__":
    main()
