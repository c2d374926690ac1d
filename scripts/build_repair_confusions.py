"""Write src/archivist/data/repair/confusions.tsv: the OCR confusion costs used by
archivist.repair.channel.

Each row is ``observed<TAB>intended<TAB>cost``: the OCR showed `observed` where the
page had `intended`. A plain one-character edit costs 1.0; listed confusions are
cheaper because OCR engines (typewriter pages above all) make them often. The
table is written from the classic confusion classes of OCR post-correction
literature (glyph-shape similarity: round letters c/e/o/a, stems i/l/1/I,
ascender pairs h/b, r/p descender loss, rn/m, U for ll from French-trained
engines, accent noise on English words), not from any evaluation text.

Run:  .venv/bin/python scripts/build_repair_confusions.py
"""

from __future__ import annotations

from pathlib import Path

# (observed, intended, cost); symmetric pairs are listed once with SYM=True.
PAIRS: list[tuple[str, str, float, bool]] = [
    # round letters
    ("c", "e", 0.5, True), ("e", "a", 0.5, True), ("o", "a", 0.5, True),
    ("c", "o", 0.5, True), ("o", "e", 0.6, True), ("a", "s", 0.7, True),
    ("u", "a", 0.7, True), ("g", "c", 0.7, True), ("e", "s", 0.8, True),
    # stems and ascenders
    ("h", "b", 0.5, True), ("i", "l", 0.5, True), ("l", "1", 0.4, True),
    ("I", "1", 0.4, True), ("l", "I", 0.4, True), ("t", "f", 0.6, True),
    ("f", "r", 0.7, True), ("l", "d", 0.7, True), ("h", "l", 0.7, True),
    ("t", "l", 0.7, True), ("i", "t", 0.8, True), ("j", "i", 0.7, True),
    ("r", "t", 0.8, True), ("n", "h", 0.6, True), ("b", "l", 0.8, True),
    # descender loss / typewriter
    ("r", "p", 0.5, True), ("u", "n", 0.5, True), ("m", "w", 0.7, True),
    ("y", "v", 0.7, True), ("n", "a", 0.8, True), ("y", "e", 0.9, True),
    ("q", "g", 0.7, True), ("s", "w", 0.9, True),
    # digits for letters
    ("0", "o", 0.4, False), ("0", "O", 0.4, False), ("5", "s", 0.6, False),
    ("8", "B", 0.7, False), ("1", "i", 0.5, False), ("4", "a", 0.9, False),
    # multi-character shapes
    ("rn", "m", 0.4, True), ("m", "in", 0.5, True), ("ni", "m", 0.6, True),
    ("U", "ll", 0.3, False), ("U", "li", 0.5, False), ("H", "li", 0.4, False),
    ("H", "ll", 0.5, False), ("h", "li", 0.4, True), ("d", "il", 0.5, True),
    ("d", "cl", 0.5, True), ("w", "vv", 0.4, True), ("n", "ri", 0.5, True),
    ("ii", "u", 0.6, True), ("li", "U", 0.6, False), ("tl", "d", 0.7, False),
    ("fi", "f", 0.8, False), ("f", "fi", 0.8, False), ("nn", "m", 0.7, False),
    ("cl", "el", 0.8, False), ("tli", "th", 0.6, False),
    # noise characters inside words
    ("'", "", 0.4, False), ("’", "", 0.4, False), (".", "", 0.6, False),
    (",", "", 0.6, False), ("'", "k", 0.8, False), ("-", "", 0.8, False),
    # accents a French/German-trained engine puts on English letters
    ("é", "e", 0.3, False), ("è", "e", 0.3, False), ("ê", "e", 0.3, False),
    ("â", "a", 0.3, False), ("à", "a", 0.3, False), ("ô", "o", 0.3, False),
    ("î", "i", 0.3, False), ("û", "u", 0.3, False), ("ù", "u", 0.3, False),
    ("ç", "c", 0.3, False), ("É", "E", 0.3, False), ("ë", "e", 0.4, False),
    ("ï", "i", 0.4, False), ("ü", "u", 0.4, False),
    # worn capitals of newspaper headings and advertisements (read only where the OCR
    # shows a capital: in all-caps words and at a word's start). The pairs are the
    # capital-for-capital substitutions counted 3+ times in the ICDAR 2017
    # periodical tuning half (even rows; E read as B 17x, as R 8x, as K 7x, F/P 4x
    # each way...), costed like the lower-case shape classes above.
    ("B", "E", 0.6, False), ("R", "E", 0.7, False), ("K", "E", 0.7, False),
    ("B", "R", 0.7, False), ("P", "F", 0.7, True), ("O", "G", 0.7, False),
    ("Q", "G", 0.7, False), ("C", "G", 0.7, False), ("8", "S", 0.6, False),
    # a doubled letter from a sticky key or a broken glyph
    ("tt", "t", 0.5, False), ("ss", "s", 0.7, False), ("ll", "l", 0.7, False),
]


def rows() -> list[tuple[str, str, float]]:
    out: dict[tuple[str, str], float] = {}
    for a, b, cost, sym in PAIRS:
        out[(a, b)] = min(cost, out.get((a, b), 9.0))
        if sym:
            out[(b, a)] = min(cost, out.get((b, a), 9.0))
    return sorted((a, b, c) for (a, b), c in out.items())


def main() -> None:
    dest = Path(__file__).resolve().parents[1] / "src/archivist/data/repair/confusions.tsv"
    dest.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# observed\tintended\tcost  (written by scripts/build_repair_confusions.py)"]
    lines += [f"{a}\t{b}\t{c:.2f}" for a, b, c in rows()]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} confusions to {dest}")


if __name__ == "__main__":
    main()
