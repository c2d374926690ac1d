"""`archivist eval`: score the pipeline against hand-made gold files.

Every number is defined here once, so issues can quote them. Strings are
compared after `norm()`: curly quotes folded to straight ones, dashes kept,
whitespace collapsed to single spaces. Where a gold key is absent the metric is
reported as None (not scored), never as a pass.

metric                 definition
---------------------  ------------------------------------------------------------------
body_cer / raw_cer     Levenshtein(norm(text), norm(gold paragraphs joined by blank line)) /
                       len(gold); raw_cer does the same for the unprocessed file.
corrections            `raw` -> `expected`: right when `expected` or an `also_acceptable`
                       reading occurs in text + notes and `raw` no longer does (the gold
                       README's rule, matched as words at edges that are word
                       boundaries where `raw` stands in the source).
corrections_in_place   stricter: at each place `raw` stood in `original`, the clean text
                       there reads `expected` (or an acceptable reading) and not `raw`.
keep_harmed            `keep` words that no longer occur in text + notes.
unrequested_edits      applied text edits whose span of `original` touches no gold
                       correction's `raw` (nor an `acceptable_either` span).
furniture              gold items matched by type and text among `furniture`, and whose
                       original span contributes no character to `text`.
notes                  right `n`, note text CER <= 5%, and text[:anchor] ends with `after`.
reading_order          each gold order fault (scrambled run, displaced fragment, split
                       paragraph) reads as expected in `text`.
citations              field-level P/R/F1 over the fields the gold gives (authors compared
                       by family name; `issued` by year).
entities               gold names found as an entity of that type (name, variant or
                       mention text, case-insensitive).
variants               groups whose forms all map to one entity id.
dates                  gold date texts found with the same EDTF value (an "X or Y" set
                       equals its interval or list form).
metadata               gold metadata fields equal (titles case-insensitive, identifiers
                       ignoring spaces).
seconds                wall time of pipeline + JSON per document, after one warm-up run
                       that loads models and lexicons (reported once as startup_seconds).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from .model import Document, View

QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.translate(QUOTES)).strip()


def cer(hyp: str, ref: str) -> float:
    hyp, ref = norm(hyp), norm(ref)
    return Levenshtein.distance(hyp, ref) / max(len(ref), 1)


def occurs(needle: str, hay: str, left: bool = True, right: bool = True) -> bool:
    """Whether `needle` occurs in `hay` as whole words at its alphanumeric edges
    (`left`/`right` False: that edge may be inside a word)."""
    needle = norm(needle)
    if not needle:
        return False
    pre = r"(?<![\w])" if left and needle[0].isalnum() else ""
    post = r"(?![\w])" if right and needle[-1].isalnum() else ""
    return re.search(pre + re.escape(needle) + post, hay) is not None


def word_edges(raw: str, original: str) -> tuple[bool, bool]:
    """Whether `raw` starts and ends on word boundaries where it stands in the
    source ("tion.”Annales" begins inside "Reconstruc-tion", so its left edge may
    fall inside a word)."""
    i = original.find(raw)
    if i < 0:
        return True, True
    j = i + len(raw)
    if re.search(r"\w-\s*\n\s*$", original[max(i - 8, 0):i]):
        return False, j >= len(original) or not original[j].isalnum()  # hyphenated word
    return (i == 0 or not original[i - 1].isalnum(),
            j >= len(original) or not original[j].isalnum())


def _edtf_days(value: str) -> set[str] | str:
    """The set of days an 'X or Y' EDTF value denotes, else the value itself."""
    v = value.strip()
    m = re.fullmatch(r"\[([^\]]+)\]", v)
    if m:
        return {p.strip() for p in m.group(1).split(",")}
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})", v)
    if m:
        from datetime import date, timedelta

        a, b = (date.fromisoformat(x) for x in m.groups())
        if 0 <= (b - a).days <= 31:
            return {(a + timedelta(days=i)).isoformat() for i in range((b - a).days + 1)}
    return v


def _year(v: Any) -> str:
    if isinstance(v, dict):
        parts = v.get("date-parts") or [[v.get("literal", "")]]
        return str(parts[0][0]) if parts and parts[0] else ""
    m = re.search(r"\d{4}", str(v))
    return m.group(0) if m else str(v)


def _field_norm(v: Any) -> str:
    return norm(str(v)).strip(" .,;:").replace("--", "–").casefold()


def _families(v: Any) -> set[str]:
    out = set()
    for a in v or []:
        if isinstance(a, dict):
            out.add(_field_norm(a.get("family") or a.get("literal", "")))
        else:
            out.add(_field_norm(str(a).split()[-1]))
    return out


def score_citation(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[int, int, int]:
    """(true positives, predicted fields among gold's keys, gold fields)."""
    tp = npred = 0
    for key, gv in gold.items():
        if key not in pred or pred[key] in (None, "", []):
            continue
        npred += 1
        pv = pred[key]
        if key == "author":
            ok = _families(gv) == _families(pv)
        elif key == "issued":
            ok = _year(gv) == _year(pv)
        elif isinstance(gv, bool):
            ok = bool(pv) == gv
        else:
            ok = _field_norm(gv) == _field_norm(pv)
        tp += ok
    return tp, npred, len(gold)


def _surface_forms(doc_json: dict[str, Any]) -> dict[str, set[str]]:
    """entity id -> every surface form attached to it (name, variants, mentions)."""
    forms: dict[str, set[str]] = {}
    for e in doc_json.get("entities", []):
        forms.setdefault(e["id"], set()).update([e.get("name", ""), *e.get("variants", [])])
    original = doc_json.get("original", "")
    for m in doc_json.get("mentions", []):
        f = forms.setdefault(m["entity"], set())
        f.add(m.get("text", ""))
        if 0 <= m.get("orig_start", -1) < m.get("orig_end", -1):
            f.add(original[m["orig_start"]:m["orig_end"]])
    return forms


def _form_key(s: str) -> str:
    s = norm(s).casefold()
    return re.sub(r"'s$", "", s)


def _clean_window(doc: Document, a: int, b: int) -> tuple[View, int, int] | None:
    """The view and clean span that show original[a:b] (moved text included)."""
    views = doc.views()
    for v in views[1:] + views[:1]:  # notes first: the body's window spans them too
        if not (v.window[0] <= a and b <= v.window[1]):
            continue
        hits = [i for i, o in enumerate(v.orig[:-1]) if a <= o < b]
        if hits:
            return v, min(hits), max(hits) + 1
        if v.where == "text":
            i = v.from_orig(a)
            return v, i, i
    return None


def corrections_in_place(corrections: list[dict[str, Any]], doc: Document) -> dict[str, Any]:
    """Stricter than the README's rule: at every place where `raw` stood in the
    original, the clean text there (a few characters of context either side) must
    read `expected` or an acceptable reading, and no longer `raw`. A right word
    elsewhere in the document does not count."""
    right, wrong = 0, []
    for c in corrections:
        forms = [norm(f) for f in (c["expected"], *c.get("also_acceptable", []))]
        raw = norm(c["raw"])
        places = [m.start() for m in re.finditer(re.escape(c["raw"]), doc.original)]
        ok = bool(places)
        for a in places:
            found = _clean_window(doc, a, a + len(c["raw"]))
            if found is None:
                ok = False
                break
            v, cs, ce = found
            pad = max(len(f) for f in forms) + 2
            local = norm(v.text[max(cs - pad, 0):ce + pad])
            lw, rw = word_edges(c["raw"], doc.original)
            if occurs(raw, local, lw, rw) or not any(occurs(f, local, lw, rw) for f in forms):
                ok = False
                break
        right += ok
        if not ok:
            wrong.append(c["raw"])
    return {"right": right, "total": len(corrections), "missed": wrong}


def evaluate_document(gold: dict[str, Any], doc_json: dict[str, Any], raw: str,
                      seconds: float, doc: Document | None = None) -> dict[str, Any]:
    text = doc_json["text"]
    notes_text = " ".join(n["text"] for n in doc_json.get("notes", []))
    hay = norm(text + " \n " + notes_text)
    res: dict[str, Any] = {"document": gold.get("source"), "seconds": round(seconds, 3)}

    if "body_paragraphs" in gold:
        ref = "\n\n".join(gold["body_paragraphs"])
        res["body_cer"] = round(cer(text, ref), 5)
        res["raw_cer"] = round(cer(raw, ref), 5)

    if "corrections" in gold:
        # As the gold README defines it: the reading occurs anywhere, raw nowhere
        # (as words: "eaching" is not found inside "teaching").
        right, wrong = 0, []
        for c in gold["corrections"]:
            ok_forms = [c["expected"], *c.get("also_acceptable", [])]
            lw, rw = word_edges(c["raw"], doc_json["original"])
            good = (any(occurs(f, hay, lw, rw) for f in ok_forms)
                    and not occurs(c["raw"], hay, lw, rw))
            right += good
            if not good:
                wrong.append(c["raw"])
        res["corrections"] = {"right": right, "total": len(gold["corrections"]),
                              "missed": wrong}
        if doc is not None:
            res["corrections_in_place"] = corrections_in_place(gold["corrections"], doc)

    if "keep" in gold:
        harmed = [k for k in gold["keep"] if not occurs(k, hay)]
        res["keep"] = {"kept": len(gold["keep"]) - len(harmed), "total": len(gold["keep"]),
                       "harmed": harmed}

    if "corrections" in gold:
        original = doc_json["original"]
        spans: list[tuple[int, int]] = []
        for c in [*gold.get("corrections", []), *gold.get("acceptable_either", [])]:
            for m in re.finditer(re.escape(c["raw"]), original):
                spans.append((m.start(), m.end()))
        extra = []
        for e in doc_json.get("edits", []):
            if e.get("kind", "text") != "text" or e.get("status") != "applied":
                continue
            if not any(e["orig_start"] < b and a < max(e["orig_end"], e["orig_start"] + 1)
                       for a, b in spans):
                extra.append(f"{e['original']!r}->{e['replacement']!r} ({e['stage']})")
        res["unrequested_edits"] = extra

    if "furniture" in gold:
        found = 0
        pool = list(doc_json.get("furniture", []))
        # which original offsets reach the text
        missing = []
        for g in gold["furniture"]:
            match = next((f for f in pool if f["type"] == g["type"]
                          and norm(f["text"]) == norm(g["text"])), None)
            if match is None:
                missing.append(g["text"])
                continue
            pool.remove(match)
            found += 1
        res["furniture"] = {"found": found, "total": len(gold["furniture"]),
                            "missing": missing,
                            "leaked_into_text": [g["text"] for g in gold["furniture"]
                                                 if g["type"] != "pageNum"
                                                 and occurs(g["text"], norm(text))]}

    if "notes" in gold:
        by_n = {str(n["n"]): n for n in doc_json.get("notes", [])}
        right, problems = 0, []
        for g in gold["notes"]:
            n = by_n.get(str(g["n"]))
            if n is None:
                problems.append(f"{g['n']}: missing")
                continue
            ok_text = cer(n["text"], g["text"]) <= 0.05
            anchor = n.get("anchor")
            ok_anchor = anchor is not None and norm(text[:anchor]).endswith(norm(g["after"]))
            if ok_text and ok_anchor:
                right += 1
            else:
                problems.append(f"{g['n']}: " + ("" if ok_text else "text ")
                                + ("" if ok_anchor else "anchor"))
        res["notes"] = {"right": right, "total": len(gold["notes"]), "problems": problems}

        tp = npred = ngold = 0
        cites = doc_json.get("citations", [])
        for g in gold["notes"]:
            for key in ("citation", "citation2"):
                if key not in g:
                    continue
                cands = [c for c in cites if str(c.get("note")) == str(g["n"])]
                best = max((score_citation(g[key], c) for c in cands),
                           default=(0, 0, len(g[key])), key=lambda t: (t[0], -t[1]))
                tp, npred, ngold = tp + best[0], npred + best[1], ngold + best[2]
        if ngold:
            p = tp / npred if npred else 0.0
            r = tp / ngold
            res["citations"] = {"precision": round(p, 4), "recall": round(r, 4),
                                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    if "reading_order" in gold:
        ro, flat = gold["reading_order"], norm(text)
        checks = {}
        if "expected_sequence" in ro:
            checks["scrambled_lines"] = norm(" ".join(ro["expected_sequence"])) in flat
        if "displaced_fragment" in ro:
            d = ro["displaced_fragment"]
            checks["displaced_fragment"] = norm(d["belongs_after"] + " " + d["text"]) in flat
        if "split_paragraph" in ro:
            s = ro["split_paragraph"]
            joined = norm(s["ends"] + " " + s["continues"])
            checks["split_paragraph"] = any(joined in norm(p) for p in text.split("\n\n"))
        res["reading_order"] = {"right": sum(checks.values()), "total": len(checks),
                                "checks": checks}

    forms = _surface_forms(doc_json)
    types = {e["id"]: e["type"] for e in doc_json.get("entities", [])}
    if "entities" in gold:
        per_type = {}
        for typ, names in gold["entities"].items():
            found = [n for n in names if any(types.get(eid) == typ and
                                             _form_key(n) in {_form_key(f) for f in fs}
                                             for eid, fs in forms.items())]
            per_type[typ] = {"found": len(found), "total": len(names),
                             "missing": [n for n in names if n not in found]}
        res["entities"] = per_type

    if "variants" in gold:
        merged, detail = 0, []
        for group in gold["variants"]:
            ids = []
            for form in group:
                owners = {eid for eid, fs in forms.items() if form in fs} or \
                         {eid for eid, fs in forms.items()
                          if _form_key(form) in {_form_key(f) for f in fs}}
                ids.append(owners)
            common = set.intersection(*ids) if ids and all(ids) else set()
            merged += bool(common)
            if not common:
                detail.append(group[0])
        res["variants"] = {"merged": merged, "total": len(gold["variants"]), "not_merged": detail}

    if "dates" in gold:
        right, wrong = 0, []
        dates = doc_json.get("dates", [])
        for g in gold["dates"]:
            gt = norm(g["text"]).casefold()
            cands = [d for d in dates
                     if gt in norm(d["text"]).casefold() or norm(d["text"]).casefold() in gt]
            if any(_edtf_days(d["value"]) == _edtf_days(g["value"]) for d in cands):
                right += 1
            else:
                wrong.append(f"{g['text']} -> {[d['value'] for d in cands] or 'not found'}")
        res["dates"] = {"right": right, "total": len(gold["dates"]), "wrong": wrong}

    if "metadata" in gold:
        meta = doc_json.get("metadata", {})
        right, wrong = 0, []
        for key, gv in gold["metadata"].items():
            pv = meta.get(key)
            if key == "identifiers":
                ok = {re.sub(r"\s", "", x) for x in gv} <= {re.sub(r"\s", "", str(x))
                                                            for x in pv or []}
            elif isinstance(gv, bool):
                ok = pv is gv
            else:
                ok = pv is not None and norm(str(pv)).casefold() == norm(str(gv)).casefold()
            right += ok
            if not ok:
                wrong.append(f"{key}: {pv!r} (gold {gv!r})")
        res["metadata"] = {"right": right, "total": len(gold["metadata"]), "wrong": wrong}
    return res


def evaluate_dir(gold_dir: Path, seed_dir: Path) -> list[dict[str, Any]]:
    from .model import Source
    from .pipeline import Pipeline
    from .process import process_path

    # Load models and lexicons once, outside the per-document timings.
    t0 = time.perf_counter()
    # (unknown capitalised names make the entity stage load its NER model too)
    Pipeline()(Document("Warm up. On the 1st of May, 1938, Mr. Quellbrand met Ostrava Telmik "
                        "of the Varnholt Company in Lindqvist.\n",
                        Source("warm-up", "0" * 64, "text")))
    startup = time.perf_counter() - t0
    results = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = seed_dir / gold.get("source", gold_path.stem + ".txt")
        if not seed.exists():
            continue
        t0 = time.perf_counter()
        try:
            doc = process_path(seed)
            doc_json = doc.to_json()
        except Exception as exc:  # noqa: BLE001 - the scorecard reports it
            results.append({"document": seed.name, "error": f"{type(exc).__name__}: {exc}"})
            continue
        seconds = time.perf_counter() - t0
        card = evaluate_document(gold, doc_json, doc.original, seconds, doc)
        card["startup_seconds"] = round(startup, 3)
        results.append(card)
    return results


def _cell(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, dict):
        for a, b in (("right", "total"), ("found", "total"), ("kept", "total"),
                     ("merged", "total")):
            if a in v:
                return f"{v[a]}/{v[b]}"
        if "f1" in v:
            return f"F1 {v['f1']:.3f} (P {v['precision']:.2f} R {v['recall']:.2f})"
    if isinstance(v, float):
        return f"{v:.4f}"
    if isinstance(v, list):
        return str(len(v))
    return str(v)


ROWS = [
    ("body CER", lambda r: f"{r['body_cer'] * 100:.2f}%" if "body_cer" in r else None),
    ("raw CER", lambda r: f"{r['raw_cer'] * 100:.2f}%" if "raw_cer" in r else None),
    ("corrections right (README rule)", lambda r: r.get("corrections")),
    ("corrections right at their place", lambda r: r.get("corrections_in_place")),
    ("keep words kept", lambda r: r.get("keep")),
    ("unrequested edits", lambda r: r.get("unrequested_edits")),
    ("furniture found", lambda r: r.get("furniture")),
    ("notes right (n, text, anchor)", lambda r: r.get("notes")),
    ("reading-order faults fixed", lambda r: r.get("reading_order")),
    ("citation fields", lambda r: r.get("citations")),
    ("entities PERSON", lambda r: r.get("entities", {}).get("PERSON")),
    ("entities PLACE", lambda r: r.get("entities", {}).get("PLACE")),
    ("entities ORG", lambda r: r.get("entities", {}).get("ORG")),
    ("variant groups merged", lambda r: r.get("variants")),
    ("dates (EDTF) right", lambda r: r.get("dates")),
    ("metadata fields right", lambda r: r.get("metadata")),
    ("seconds (after start-up)", lambda r: r.get("seconds")),
    ("start-up seconds (once)", lambda r: r.get("startup_seconds")),
]


def print_scorecard(results: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="archivist eval")
    table.add_column("metric")
    for r in results:
        table.add_column(str(r.get("document", "?"))[:24], justify="right")
    for label, get in ROWS:
        table.add_row(label, *[("error" if "error" in r else _cell(get(r))) for r in results])
    console.print(table)
    for r in results:
        if "error" in r:
            console.print(f"[red]{r['document']}: {r['error']}[/red]")
            continue
        details = []
        for key, sub in (("corrections", "missed"), ("corrections_in_place", "missed"), ("keep", "harmed"), ("notes", "problems"),
                         ("dates", "wrong"), ("metadata", "wrong"), ("variants", "not_merged"),
                         ("furniture", "missing")):
            if r.get(key, {}).get(sub):
                details.append(f"  {key} {sub}: {r[key][sub]}")
        for typ, v in r.get("entities", {}).items():
            if v["missing"]:
                details.append(f"  entities {typ} missing: {v['missing']}")
        if r.get("unrequested_edits"):
            details.append(f"  unrequested edits: {r['unrequested_edits']}")
        if details:
            console.print(f"[bold]{r['document']}[/bold]")
            for d in details:
                console.print(d, markup=False, highlight=False)
