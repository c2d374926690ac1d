"""Score the repair stages on the seeds' gold corrections/keep words (dev helper
until `archivist eval` covers it). Simulates layout's line joining (lines joined
with a space except after "-") so repair sees what it will see in the pipeline.

Run: .venv/bin/python benchmarks/seed_score.py [-v]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from archivist.model import Document, Edit, Source
from archivist.pipeline import REGISTRY, load_stages

SHARED = Path("/work/shared")


def simulate_layout(doc: Document) -> None:
    """Join lines with a space except after a hyphen (what layout hands us)."""
    edits = []
    for m in re.finditer(r"(?<!-)\n(?!\n)", doc.original):
        edits.append(Edit("layout.sim", m.start(), m.end(), "\n", " ", kind="layout"))
    doc.add_edits(edits)


def run(text: str) -> Document:
    from archivist import repair

    load_stages()
    doc = Document(original=text, source=Source("seed", "0", "text"))
    simulate_layout(doc)
    for name in repair.STAGES:
        doc = REGISTRY[name](doc)
    return doc


def main() -> None:
    verbose = "-v" in sys.argv
    right = total = harmed = 0
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text())
        text = (SHARED / "seeds" / (gold_path.stem + ".txt")).read_text(encoding="utf-8")
        doc = run(text)
        out = doc.text + "\n" + "\n".join(v.text for v in doc.views()[1:])
        flat = re.sub(r"\s+", " ", out)
        for c in gold.get("corrections") or []:
            total += 1
            raw = re.sub(r"\s+", " ", c["raw"])
            ok_readings = [c["expected"], *c.get("also_acceptable", [])]
            raw_re = (r"\b" if raw[:1].isalnum() else "") + re.escape(raw) + (
                r"\b" if raw[-1:].isalnum() else "")
            ok = any(r in flat for r in ok_readings) and not re.search(raw_re, flat)
            right += ok
            if not ok or verbose:
                print(("OK  " if ok else "MISS"), repr(c["raw"]), "->", repr(c["expected"]))
        for k in gold.get("keep") or []:
            if k not in out:
                harmed += 1
                print("HARMED keep word", repr(k))
        raws = " ".join(c["raw"] for c in gold.get("corrections") or [])
        for e in doc.edits:
            if e.stage.startswith("repair.") and e.status == "applied" and (
                    e.original.strip() and e.original.strip() not in raws):
                print("  unrequested?", e.stage, repr(e.original), "->", repr(e.replacement),
                      round(e.confidence, 2))
    print(f"corrections right: {right}/{total}; keep words harmed: {harmed}")


if __name__ == "__main__":
    main()
