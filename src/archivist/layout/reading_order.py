"""Reading order: find and undo OCR order faults with a language-model score.

Runs after repair, so it scores repaired words. Two faults are handled:

* **lines out of order inside a paragraph** (OCR of double-spaced typescript
  or columns). The physical lines of a paragraph are known from the joins that
  ``layout.paragraphs`` made. For a paragraph whose current order breaks a
  sentence (a sentence opened by a subordinating conjunction — "If", "When",
  "Although"… — that never reaches its main clause, or a sentence end followed by
  a lower-case line), every move of a block of lines inside a small window is
  scored: word-bigram log-probabilities across the line boundaries
  (`archivist.lexicon.bigram_logprob`), capitalisation after sentence ends and
  the broken-sentence count. The best move is made only when it mends a broken
  sentence and the total gain is large.
* **a fragment displaced below the next paragraph**: a short paragraph that
  starts in lower case after a complete paragraph, whose true place is the end
  of an earlier paragraph that stops mid-sentence (e.g. "…the army would" … "not
  cross into Mongolia."). It moves there when the joining bigram is plausible.

Each move is a pair of edits of kind ``move`` (a deletion of the moved span and an
insertion, with ``moved_from``, at its new place), with a confidence and a
reason; rejecting both restores the order.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from ..lexicon import bigram_count, bigram_logprob, zipf
from ..model import Document, Edit, View
from ..pipeline import stage
from .lines import ends_sentence, starts_lower

STAGE = "layout.reading_order"

WINDOW = 5  # lines considered together
MIN_GAIN = 3.0  # nats: a move must beat the current order by this much
BROKEN = 4.0  # cost of one broken sentence, in nats
CASE = 3.0  # cost of a capitalisation that contradicts the punctuation
FRAGMENT_MAX = 90  # chars in a displaced fragment
FRAGMENT_LOOKBACK = 3  # paragraphs
SUBORDINATORS = {"if", "unless", "although", "though", "whereas", "when", "while", "because",
                 "whenever"}
SENTENCE = re.compile(r".+?(?:[.!?]['\"”’)\]]*(?=\s|$)|$)", re.S)
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass
class Seg:
    """A physical line of a paragraph, as a span of the clean text."""

    start: int
    end: int


def is_join(e: Edit) -> bool:
    """A layout edit that joined two lines with a space (a line break it replaced)."""
    return e.kind == "layout" and e.replacement == " " and re.search(r"[\n\r\f]",
                                                                       e.original) is not None


def line_joins(view: View, edits: dict[int, Edit] | None = None) -> list[int]:
    """The clean offsets of the spaces that joined lines (`is_join`), in order: where
    the joins' characters start (`View.edit_starts`), not a step per character."""
    edits = edits if edits is not None else view.doc.edit_by_id
    return [i for eid, i in view.edit_starts().items() if is_join(edits[eid])]


def line_segments(view: View, ps: int, pe: int, edits: dict[int, Edit] | None = None,
                  joins: list[int] | None = None) -> list[Seg]:
    """The lines of paragraph [ps, pe): split at the spaces that joined lines
    (`joins`: `line_joins` of the view, when the caller has it for many paragraphs).

    >>> from archivist.model import Source
    >>> doc = Document("one\\ntwo\\nthree", Source("x", "", "text"))
    >>> _ = doc.add_edits([Edit("layout.paragraphs", i, i + 1, "\\n", " ", kind="layout")
    ...                    for i in (3, 7)])
    >>> [doc.text[s.start:s.end] for s in line_segments(doc.body_view(), 0, 13)]
    ['one', 'two', 'three']
    """
    if joins is None:
        joins = line_joins(view, edits)
    cuts = joins[bisect_left(joins, ps):bisect_left(joins, pe)]
    segs, s = [], ps
    for c in cuts:
        if c > s:
            segs.append(Seg(s, c))
        s = c + 1
    if pe > s:
        segs.append(Seg(s, pe))
    return segs


def broken_sentences(text: str) -> int:
    """Sentences that cannot be right: a subordinate clause with no main clause.

    >>> broken_sentences("If the talks may fail by noon. Then we left.")
    1
    >>> broken_sentences("If the rain stops, we will march at dawn.")
    0
    """
    n = 0
    for m in SENTENCE.finditer(text):
        s = m.group(0).strip()
        words = WORD.findall(s)
        if words and words[0].lower() in SUBORDINATORS and "," not in s and len(words) < 40:
            n += 1
    return n


def _first_word(s: str) -> str:
    m = WORD.search(s)
    return m.group(0) if m else ""


def _last_word(s: str) -> str:
    ws = WORD.findall(s)
    return ws[-1] if ws else ""


def _logp(word: str) -> float:
    """Natural-log unigram probability from the Zipf frequency (floor for unknowns)."""
    z = zipf(word.lower())
    return (z - 9) * math.log(10) if z > 0 else -23.0


def pair_score(w1: str, w2: str) -> float:
    """log P(w2 | w1) + log P(w1 | w2): both directions, so that a rare word followed by
    a very common one ("troops the") does not look likely just because "the" is common.
    """
    fwd = bigram_logprob(w1, w2)
    if bigram_count(w1, w2) > 0:
        back = fwd + _logp(w1) - _logp(w2)
    else:
        back = math.log(0.4) + _logp(w1)
    return fwd + back


def boundary_score(a: str, b: str) -> float:
    """How well line b follows line a: two-way bigram score plus a case check."""
    w1, w2 = _last_word(a), _first_word(b)
    score = pair_score(w1, w2) if w1 and w2 else -30.0
    if ends_sentence(a, strict=True) and starts_lower(b):
        score -= CASE
    return score


def order_score(lines: list[str]) -> float:
    """Score of a sequence of lines (higher is better)."""
    s = sum(boundary_score(x, y) for x, y in zip(lines, lines[1:], strict=False))
    return s - BROKEN * broken_sentences(" ".join(lines))


@dataclass
class Move:
    a: int  # block [a, b) of line indices moves before line c (c == len: to the end)
    b: int
    c: int
    gain: float


def apply_move(items: list[str], a: int, b: int, c: int) -> list[str]:
    """The order after moving items[a:b] before index c (c outside [a, b]).

    >>> apply_move(list("ABCDE"), 1, 2, 4)
    ['A', 'C', 'D', 'B', 'E']
    """
    block = items[a:b]
    rest = items[:a] + items[b:]
    pos = c if c < a else c - (b - a)
    return rest[:pos] + block + rest[pos:]


def best_move(lines: list[str]) -> Move | None:
    """The block move inside a window that mends a broken sentence with the largest gain.

    Only the window and one line of context on each side are scored: a move inside
    the window changes nothing elsewhere.
    """
    if len(lines) < 3:
        return None
    if broken_sentences(" ".join(lines)) == 0 and not _case_clash(lines):
        return None
    best: Move | None = None
    m = len(lines)
    for w in range(0, max(m - WINDOW, 0) + 1):
        hi = min(w + WINDOW, m)
        lo_ctx, hi_ctx = max(w - 1, 0), min(hi + 1, m)
        local = lines[lo_ctx:hi_ctx]
        base = order_score(local)
        base_broken = broken_sentences(" ".join(local))
        base_clash = _case_clash(local)
        if base_broken == 0 and base_clash == 0:
            continue
        # the first line stays: a paragraph's start is known from its blank line
        for a in range(max(w, 1), hi):
            for b in range(a + 1, min(a + 2, hi) + 1):  # a line or two
                for c in range(max(w, 1), hi + 1):
                    if a <= c <= b:
                        continue
                    cand = apply_move(lines, a, b, c)[lo_ctx:hi_ctx]
                    gain = order_score(cand) - base
                    fixes = (broken_sentences(" ".join(cand)) < base_broken
                             or _case_clash(cand) < base_clash)
                    if fixes and gain >= MIN_GAIN and (best is None or gain > best.gain + 1e-9):
                        best = Move(a, b, c, gain)
    return best


ABBREV = re.compile(r"(?:\b[^\W\d_]{1,3}|(?:[^\W\d_]\.)+[^\W\d_])\.['\"”’)\]]*$")


def _case_clash(lines: list[str]) -> int:
    """Line boundaries where a sentence end is followed by a lower-case line (an
    abbreviation such as "U.S.S.R." or "etc." does not count).

    >>> _case_clash(["the war ended.", "and then"]), _case_clash(["the U.S.S.R.", "and Japan"])
    (1, 0)
    """
    return sum(1 for x, y in zip(lines, lines[1:], strict=False)
               if ends_sentence(x, strict=True) and starts_lower(y)
               and not ABBREV.search(x.rstrip()))


def confidence(gain: float) -> float:
    """Map a score gain (nats) to a confidence in (0.5, 0.95]."""
    return round(min(0.95, 1 - 0.5 * math.exp(-(gain - MIN_GAIN) / 4)), 3)


def move_edits(view: View, segs: list[Seg], mv: Move) -> list[Edit]:
    """The deletion + insertion pair that moves lines segs[a:b] before segs[c]."""
    t = view.text
    a, b, c = mv.a, mv.b, mv.c
    block = t[segs[a].start:segs[b - 1].end]
    if b < len(segs):
        ds, de = segs[a].start, segs[b].start
    else:
        ds, de = segs[a - 1].end, segs[b - 1].end
    if c < len(segs):
        at, repl = segs[c].start, block + " "
    else:
        at, repl = segs[-1].end, " " + block
    reason = (f"reading order: {b - a} line(s) moved (language-model gain "
              f"{mv.gain:.1f} nats): {block[:40]!r}")
    conf = confidence(mv.gain)
    dele = view.edit(STAGE, ds, de, "", kind="move", confidence=conf, reason=reason)
    ins = view.edit(STAGE, at, at, repl, kind="move", confidence=conf, reason=reason)
    ins.moved_from = view.orig[segs[a].start]
    return [dele, ins]


def fix_lines(doc: Document) -> int:
    """Repair line order inside paragraphs; returns the number of moves."""
    view = doc.body_view()
    edits: list[Edit] = []
    joins = line_joins(view, doc.edit_by_id)
    for p in doc.paragraphs():
        segs = line_segments(view, p["start"], p["end"], joins=joins)
        if len(segs) < 3:
            continue
        lines = [view.text[s.start:s.end] for s in segs]
        mv = best_move(lines)
        if mv is not None:
            edits.extend(move_edits(view, segs, mv))
    doc.add_edits(edits)
    return len(edits) // 2


def fix_fragments(doc: Document) -> int:
    """Move displaced one-line fragments back to the paragraph they complete."""
    view = doc.body_view()
    t = view.text
    paras = doc.paragraphs()
    edits: list[Edit] = []
    used: set[int] = set()
    for j in range(1, len(paras)):
        f = paras[j]
        frag = t[f["start"]:f["end"]]
        prev = t[paras[j - 1]["start"]:paras[j - 1]["end"]]
        if (len(frag) > FRAGMENT_MAX or not starts_lower(frag) or not ends_sentence(frag)
                or not ends_sentence(prev)):
            continue
        best: tuple[float, int] | None = None
        for k in range(2, FRAGMENT_LOOKBACK + 1):
            i = j - k
            if i < 0 or i in used:
                break
            ptxt = t[paras[i]["start"]:paras[i]["end"]]
            nxt = t[paras[i + 1]["start"]:paras[i + 1]["end"]]
            if ends_sentence(ptxt) or starts_lower(nxt):
                continue
            lp = bigram_logprob(_last_word(ptxt), _first_word(frag))
            if lp > -10.0 and (best is None or lp > best[0]):
                best = (lp, i)
        if best is None:
            continue
        lp, i = best
        used.update({i, j})
        gain = BROKEN * 2 + lp + 10.0
        conf = confidence(gain)
        reason = (f"reading order: fragment {frag[:40]!r} moved back to the end of the "
                  f"paragraph it completes (bigram log-prob {lp:.1f})")
        ds = paras[j - 1]["end"]
        dele = view.edit(STAGE, ds, f["end"], "", kind="move", confidence=conf, reason=reason)
        at = paras[i]["end"]
        ins = view.edit(STAGE, at, at, " " + frag, kind="move", confidence=conf, reason=reason)
        ins.moved_from = view.orig[f["start"]]
        edits.extend([dele, ins])
    doc.add_edits(edits)
    return len(edits) // 2


@stage(STAGE)
def reading_order(doc: Document) -> Document:
    """Repair line order inside paragraphs, then displaced fragments."""
    n = fix_lines(doc)
    n += fix_fragments(doc)
    if n:
        doc.metadata["_reading_order_moves"] = n
    return doc
